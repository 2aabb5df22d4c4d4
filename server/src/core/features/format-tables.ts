/**
 * Document formatting: each table rewritten as aligned tab rows with the official labels, one
 * table row per line. Every number keeps its exact text; prose is never touched; a table that
 * could not be read with confidence is left as it is. Formatting twice equals formatting once.
 */
import { applicationRowDefs } from '../model';
import { DISCLOSURE_BLOCKS } from '../format/official';
import { applicationsTableTemplate, reviewTableTemplate } from '../format/template';
import type { TextEdit } from '../findings';
import { t } from '../i18n';
import type { Report, Table, TableRow } from '../model';
import type { Cell } from '../model';
import { splitLineCells } from '../parse/cells';

function rowText(label: string, cells: Array<Cell | null>): string {
  return [label, ...cells.map((c) => c?.raw ?? '')].join('\t');
}

/** Why a table cannot be rewritten safely (undefined: it can): every cell aligned, no prose inside, no number left unused. */
function notRewritable(report: Report, table: Table, used: Array<Cell | null>): string | undefined {
  if (table.problems.length || used.some((c) => c === null)) return t('有无法可靠对齐的行');
  const usedStarts = new Set(used.map((c) => c!.span.start));
  for (let i = table.startLine; i <= table.endLine; i++) {
    for (const c of splitLineCells(report.lines[i])) {
      if (c.kind === 'text' && (c.raw.length > 60 || /[。；]/.test(c.raw))) return t('表格中夹有正文（第 {0} 行）', i + 1);
      if ((c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && c.placeholder)) && !usedStarts.has(c.span.start)) return t('第 {0} 行的“{1}”不属于任何一格', i + 1, c.raw);
    }
  }
  return undefined;
}

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** Fields wider than this (a header sentence) do not widen their column. */
const MAX_COLUMN = 60;

/**
 * Pads every field of the tab rows to its column's display width, so the tabs after them land on the same
 * stop in every row whatever the tab size. Lines that start with a tab (merged header rows) keep that
 * leading tab (it is indentation to the reader), and no line gets trailing spaces.
 */
export function alignTabRows(lines: string[]): string[] {
  const rows = lines.map((l) => l.split('\t'));
  const padded = (r: string[]) => r.length > 1 && r[0] !== '';
  const widths: number[] = [];
  for (const r of rows) {
    // A header sentence (wider than any column) neither widens the columns nor gets padded.
    if (!padded(r) || r.some((f) => displayWidth(f) > MAX_COLUMN)) continue;
    r.forEach((f, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(f));
    });
  }
  return rows.map((r) => {
    if (!padded(r)) return r.join('\t');
    let last = r.length - 1;
    while (last > 0 && r[last] === '') last--;
    return r.map((f, i) => (i < last ? f + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(f))) : f)).join('\t');
  });
}

function replaceLines(report: Report, table: Table, lines: string[]): TextEdit | undefined {
  const span = { start: report.lines[table.startLine].start, end: report.lines[table.endLine].end };
  const newText = lines.join(report.eol);
  return report.text.slice(span.start, span.end) === newText ? undefined : { span, newText };
}

export interface FormatResult {
  edits: TextEdit[];
  /** What formatting changed beyond spacing (labels renamed to the official ones). */
  changed: string[];
  /** Tables left as they are, and why. */
  skipped: string[];
}

function renamed(row: TableRow | undefined, official: string, changed: string[]): void {
  const written = row?.labelCells.map((c) => c.raw).join('');
  if (written && written.replace(/\s+/g, '') !== official.replace(/\s+/g, '')) changed.push(t('行名“{0}”改为规定写法“{1}”', written, official));
}

export function formatTables(report: Report): TextEdit[] {
  return formatTablesWithNotes(report).edits;
}

/** The formatting edits, with what they change and the tables they could not rewrite. */
export function formatTablesWithNotes(report: Report): FormatResult {
  const edits: TextEdit[] = [];
  const changed: string[] = [];
  const skipped: string[] = [];
  const apply = (name: string, table: Table, lines: string[], used: Array<Cell | null>, names: string[], why?: string, aligned = false) => {
    const reason = why ?? notRewritable(report, table, used);
    if (reason) {
      skipped.push(t('{0}未改写：{1}', name, reason));
      return;
    }
    const e = replaceLines(report, table, aligned ? lines : alignTabRows(lines));
    if (!e) return;
    edits.push(e);
    changed.push(...names);
  };
  const d = report.disclosure;
  if (d) {
    const defs = DISCLOSURE_BLOCKS[report.format];
    const lines: string[] = [];
    const used: Array<Cell | null> = [];
    const names: string[] = [];
    d.blocks.forEach((b, i) => {
      if (!b.rows.length) return;
      const def = defs[i];
      lines.push(`第二十条第（${def.item}）项`);
      const columns = def.columns.map((c, ci) => (def.amountColumns.includes(ci) && !c.includes('单位') ? `${c}（单位：${b.amountUnit}）` : c));
      // Each block has its own columns: aligned on its own.
      const block = [['信息内容', ...columns].join('\t')];
      for (const rowDef of def.rows) {
        const row = b.rows.find((r) => r.id === rowDef.label);
        if (!row) continue;
        block.push(rowText(rowDef.label, row.cells));
        used.push(...row.cells);
        renamed(row, rowDef.label, names);
      }
      lines.push(...alignTabRows(block));
    });
    apply(t('主动公开政府信息情况表'), d, lines, used, names, undefined, true);
  }
  const a = report.applications;
  if (a) {
    const header = applicationsTableTemplate(report.format).slice(0, 3);
    const lines = [...header];
    const used: Array<Cell | null> = [];
    const names: string[] = [];
    const groups = new Set<string>();
    let complete = true;
    for (const def of applicationRowDefs(report)) {
      const row: TableRow | undefined = a.rows.get(def.id);
      if (!row) {
        complete = false;
        continue;
      }
      if (def.group && !groups.has(def.group)) lines.push(def.group);
      if (def.group) groups.add(def.group);
      lines.push(rowText(def.label, row.cells));
      used.push(...row.cells);
      renamed(row, def.label, names);
    }
    apply(t('收到和处理政府信息公开申请情况表'), a, lines, used, names, complete ? undefined : t('缺少规定的行'));
  }
  const r = report.review;
  if (r) {
    const cells = [...r.groups.review, ...r.groups.suitDirect, ...r.groups.suitAfterReview];
    const lines = [...reviewTableTemplate().slice(0, 3), cells.map((c) => c?.raw ?? '').join('\t')];
    // A row whose first cell is empty would start with a tab, which reads as indentation.
    apply(t('行政复议、行政诉讼情况表'), r, lines, cells, [], cells[0]?.raw ? undefined : t('第一格为空'));
  }
  return { edits, changed, skipped };
}
