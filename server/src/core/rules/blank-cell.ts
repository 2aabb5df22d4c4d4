/** Blank cells and placeholders (`/`, `—`, `无`) count as 0: said once per table (REPORT-FORMAT §9). */
import { t } from '../i18n';
import type { Span } from '../text';
import { Rule, RuleFinding, tableName } from './rule';
import { tableCells } from '../analysis/table-cells';

export const blankCell: Rule = {
  code: 'blank-cell',
  defaultSeverity: 'information',
  description: '空白单元格或“/”“—”“无”按 0 计算',
  check({ report }) {
    const tables = new Map<'disclosure' | 'applications' | 'review', { span: Span; count: number; rows: string[]; named: Set<string> }>();
    for (const p of tableCells(report)) {
      if (p.cell.kind !== 'blank') continue;
      let entry = tables.get(p.table);
      if (!entry) tables.set(p.table, (entry = { span: p.tableRow?.labelCells[0]?.span ?? p.cell.span, count: 0, rows: [], named: new Set() }));
      entry.count++;
      if (!entry.named.has(p.row)) {
        entry.named.add(p.row);
        entry.rows.push(p.row);
      }
    }
    const out: RuleFinding[] = [];
    for (const [table, e] of tables) {
      const rows = e.rows.slice(0, 3).join('、') + (e.rows.length > 3 ? t('等 {0} 行', e.rows.length) : '');
      out.push({ message: t('{0}有 {1} 个空白单元格（{2}），按 0 计算', tableName(table), e.count, rows), span: e.span });
    }
    return out;
  },
};
