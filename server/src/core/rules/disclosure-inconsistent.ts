/** T2 (2019 format): 本年新公开 ≤ 对外公开总数; 上一年项目数量 + 本年增/减 ≥ 0. */
import { DISCLOSURE_BLOCKS } from '../format/official';
import { t } from '../i18n';
import { cellValue } from '../analysis/arithmetic';
import { Rule, RuleFinding } from './rule';

export const disclosureInconsistent: Rule = {
  code: 'disclosure-inconsistent',
  defaultSeverity: 'warning',
  description: '主动公开情况表数字互相矛盾（本年新公开数多于公开总数，或项目数减为负数）',
  check({ report }) {
    const d = report.disclosure;
    if (!d || report.format !== '2019') return [];
    const out: RuleFinding[] = [];
    const defs = DISCLOSURE_BLOCKS['2019'];
    d.blocks.forEach((b, i) => {
      const def = defs[i];
      for (const row of b.rows) {
        const v = row.cells.map(cellValue);
        if (def.item === '一' && v[1] && v[2] && v[1].cmp(v[2]) > 0 && row.cells[1]) {
          out.push({ message: t('{0}：本年新公开数量 {1} 大于对外公开总数量 {2}', row.id, v[1].toString(), v[2].toString()), span: row.cells[1].span });
        }
        if (def.signedColumns.includes(1) && v[0] && v[1] && v[0].add(v[1]).isNegative() && row.cells[1]) {
          out.push({ message: t('{0}：上一年项目数量 {1} 加本年增/减 {2} 小于 0', row.id, v[0].toString(), v[1].toString()), span: row.cells[1].span });
        }
      }
    });
    return out;
  },
};
