/** T3-results, T3-row-total, T4-total: a total differs from the sum of what it totals. */
import { t } from '../i18n';
import { sides } from './arithmetic';
import { Rule, RuleFinding, setCellEdit } from './rule';

export const totalMismatch: Rule = {
  code: 'total-mismatch',
  defaultSeverity: 'error',
  description: '合计与各项之和不符（三表（七）总计、各行总计，四表各组总计）',
  check(ctx) {
    const { violated, fixes } = ctx.arithmetic();
    const out: RuleFinding[] = [];
    for (const id of violated) {
      if (id.kind === 'T3-balance') continue;
      const [parts, total] = sides(id)!;
      const what = id.kind === 'T3-row-total' ? t('各列之和') : t('各项之和');
      const message = t('{0} 为 {1}，但{2}为 {3}', id.total.name, total.toString(), what, parts.toString());
      const repairs = fixes.get(id) ?? [];
      const target = repairs.length === 1 ? repairs[0].ref : id.total;
      const cell = target.cell ?? id.total.cell ?? id.lhs.find((r) => r.cell)?.cell;
      if (!cell) continue;
      const finding: RuleFinding = { message, span: cell.span };
      if (repairs.length) {
        const title = repairs.map((r) => t('将{0}改为 {1}', r.ref.name, r.value.toString())).join('；');
        finding.fix = { title, edits: repairs.map((r) => setCellEdit(r.ref.cell!, r.value)), preferred: true };
      } else if (id.total.cell && id.rhs.length === 1) {
        finding.fix = { title: t('将{0}改为 {1}', id.total.name, parts.toString()), edits: [setCellEdit(id.total.cell, parts)], preferred: false };
      }
      out.push(finding);
    }
    return out;
  },
};
