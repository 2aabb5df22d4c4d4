/** Blank cells and placeholders (`/`, `—`, `无`) count as 0; say so, once per row. */
import { t } from '../i18n';
import type { Span } from '../text';
import { Rule, RuleFinding } from './rule';
import { tableCells } from '../analysis/table-cells';

export const blankCell: Rule = {
  code: 'blank-cell',
  defaultSeverity: 'information',
  description: '空白单元格或“/”“—”“无”按 0 计算',
  check({ report }) {
    const rows = new Map<string, { span: Span; count: number; examples: string[] }>();
    for (const p of tableCells(report)) {
      if (p.cell.kind !== 'blank') continue;
      const key = `${p.table}|${p.row}`;
      const label = p.tableRow?.labelCells[0]?.span;
      const entry = rows.get(key) ?? { span: label ?? p.cell.span, count: 0, examples: [] };
      entry.count++;
      if (entry.examples.length < 3) entry.examples.push(p.column);
      rows.set(key, entry);
    }
    const out: RuleFinding[] = [];
    for (const [key, e] of rows) {
      const row = key.split('|')[1];
      out.push({ message: t('{0} 有 {1} 个空白单元格（{2}），按 0 计算', row, e.count, e.examples.join('、') + (e.count > 3 ? '…' : '')), span: e.span });
    }
    return out;
  },
};
