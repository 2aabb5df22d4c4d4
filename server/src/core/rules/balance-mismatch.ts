/** T3-balance: 第一项加第二项之和，等于第三项加第四项之和, for every applicant column. */
import { t } from '../i18n';
import { sides } from '../analysis/arithmetic';
import { Rule, RuleFinding, setCellEdit } from './rule';

export const balanceMismatch: Rule = {
  code: 'balance-mismatch',
  defaultSeverity: 'error',
  description: '三表勾稽关系不平衡：一 + 二 ≠ （七）总计 + 四',
  check(ctx) {
    const { violated, fixes } = ctx.arithmetic();
    const out: RuleFinding[] = [];
    for (const id of violated) {
      if (id.kind !== 'T3-balance') continue;
      const [l, r] = sides(id)!;
      const v = (i: number, side: 'lhs' | 'rhs') => id[side][i].value!.toString();
      const message = t('{0}列不平衡：一({1}) + 二({2}) = {3}，但（七）总计({4}) + 四({5}) = {6}', id.subject, v(0, 'lhs'), v(1, 'lhs'), l.toString(), v(0, 'rhs'), v(1, 'rhs'), r.toString());
      const repairs = fixes.get(id) ?? [];
      const cell = (repairs.length === 1 ? repairs[0].ref.cell : null) ?? id.rhs[0].cell ?? id.total.cell;
      if (!cell) continue;
      const finding: RuleFinding = { message, span: cell.span };
      if (repairs.length && repairs.every((x) => x.ref.cell && !x.ref.cell.inexact)) {
        finding.fix = {
          title: repairs.map((x) => t('将{0}改为 {1}', x.ref.name, x.value.toString())).join('；'),
          edits: repairs.map((x) => setCellEdit(x.ref.cell!, x.value)),
          preferred: true,
        };
      }
      out.push(finding);
    }
    return out;
  },
};
