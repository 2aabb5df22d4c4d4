/**
 * A new report for the "new report" command: the official template of the format the year requires, the
 * body's name in the title, every value cell written as 0 (a fresh template checks without 34 blank-cell
 * notes, and each 0 is a tab stop to overwrite), tables aligned as the formatter aligns them.
 */
import { applyEdits } from '../check';
import { APPLICATION_ROWS, DISCLOSURE_BLOCKS, FormatId, REVIEW_COLUMNS, REVIEW_GROUPS } from '../format/official';
import { reportTemplate } from '../format/template';
import { parseReport } from '../parse/report';
import { formatTables } from './format-tables';

/** The format a year's report must use: 2019 for 2019–2020, 2021 from 2021 on. */
export function formatForYear(year: number): FormatId {
  return year >= 2021 ? '2021' : '2019';
}

export function newReportText(format: FormatId, year: number, body?: string): string {
  const labels = new Set([...APPLICATION_ROWS[format].map((r) => r.label), ...DISCLOSURE_BLOCKS[format].flatMap((b) => b.rows.map((r) => r.label))]);
  const reviewCells = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
  const lines = reportTemplate(format, year, body || undefined).split('\n').map((line) => {
    const parts = line.split('\t');
    if (parts.length < 2 || parts.slice(1).some((p) => p !== '')) return line;
    if (labels.has(parts[0])) return [parts[0], ...parts.slice(1).map(() => '0')].join('\t');
    if (parts.length === reviewCells + 1 && parts[0] === '') return Array(reviewCells).fill('0').join('\t');
    return line;
  });
  const text = lines.join('\n');
  return applyEdits(text, formatTables(parseReport(text, { format }))).text;
}
