/** Blank cells and placeholders (`/`, `—`, `无`) count as 0: said once per table (REPORT-FORMAT §9). */
import { t } from '../i18n';
import type { Span } from '../text';
import { Rule, RuleFinding, tableName } from './rule';
import { tableCells } from '../analysis/table-cells';
import { APPLICATION_ROWS, FormatId, REVIEW_GROUP_LABELS } from '../format/official';

/** A row's name as the table's cells name it. */
function rowName(format: FormatId, table: 'disclosure' | 'applications' | 'review', id: string | undefined): string {
  // 表四's blanks may be in any of its groups.
  if (table === 'review') return Object.values(REVIEW_GROUP_LABELS).join('、');
  if (table === 'applications') return [...APPLICATION_ROWS[format], ...APPLICATION_ROWS['2019']].find((d) => d.id === id)?.short ?? id ?? '';
  return id ?? '';
}

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
    // PDF text without layout: a row with fewer numbers than columns has blank cells, though which
    // of its cells they are is unknown (they are unread).
    for (const table of [report.disclosure, report.applications, report.review]) {
      for (const p of table?.problems ?? []) {
        if (p.reason !== 'blanks-lost' || p.count === undefined || p.expected === undefined || p.count >= p.expected) continue;
        let entry = tables.get(table!.kind);
        if (!entry) tables.set(table!.kind, (entry = { span: p.span, count: 0, rows: [], named: new Set() }));
        entry.count += p.expected - p.count;
        const row = rowName(report.format, table!.kind, p.rowId);
        if (!entry.named.has(row)) {
          entry.named.add(row);
          entry.rows.push(row);
        }
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
