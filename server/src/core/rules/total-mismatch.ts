/** T3-results, T3-row-total, T4-total: a total differs from the sum of what it totals. */
import { t } from '../i18n';
import { sides } from '../analysis/arithmetic';
import { Rule, RuleFinding, setCellEdit, tableName } from './rule';
import { APPLICATION_ROWS } from '../format/official';

function rowName(id: string): string {
  return [...APPLICATION_ROWS['2021'], ...APPLICATION_ROWS['2019']].find((d) => d.id === id)?.short ?? id;
}

export const totalMismatch: Rule = {
  code: 'total-mismatch',
  defaultSeverity: 'error',
  description: '合计与各项之和不符（三表（七）总计、各行总计，四表各组总计）',
  check(ctx) {
    const { violated, fixes, identities } = ctx.arithmetic();
    const bad = new Set(violated);
    // A cell in a sound identity is not the wrong one: changing it would break that identity.
    const inSound = (c: unknown) => identities.some((i) => !bad.has(i) && [...i.lhs, ...i.rhs].some((r) => r.cell === c));
    const out: RuleFinding[] = [];
    // PDF text whose blanks left no trace: a row (or 表四) whose numbers add up in no placement.
    for (const table of [ctx.report.applications, ctx.report.review]) {
      for (const p of table?.problems ?? []) {
        if (!p.certain || !p.unbalanced) continue;
        const message = p.unbalanced.identity === 'T4-total'
          ? t('{0}的数字无论位于哪几格，总有一组的总计不等于各项之和', tableName('review'))
          : t('“{0}”行的数字无论位于哪几列，总计都不等于各列之和', rowName(p.unbalanced.row ?? ''));
        out.push({ message, span: p.span });
      }
    }
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
      const editable = (c: { inexact?: boolean } | null | undefined) => !!c && !c.inexact;
      if (repairs.length && repairs.every((r) => editable(r.ref.cell))) {
        const title = repairs.map((r) => t('将{0}改为 {1}', r.ref.name, r.value.toString())).join('；');
        finding.fix = { title, edits: repairs.map((r) => setCellEdit(r.ref.cell!, r.value)), preferred: true };
      } else if (!repairs.length && id.total.cell && inSound(id.total.cell)) {
        finding.message = t('{0}；{1}也在成立的等式中，无法确定是哪一格错了，请核对各项数字', message, id.total.name);
      } else if (!repairs.length && editable(id.total.cell) && id.rhs.length === 1) {
        finding.fix = { title: t('将{0}改为 {1}', id.total.name, parts.toString()), edits: [setCellEdit(id.total.cell!, parts)], preferred: false };
      }
      out.push(finding);
    }
    return out;
  },
};
