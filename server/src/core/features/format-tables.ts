/**
 * Document formatting: each table rewritten as aligned tab rows with the official labels, one
 * table row per line. Every number keeps its exact text; prose is never touched; a table that
 * could not be read with confidence is left as it is. Formatting twice equals formatting once.
 */
import { applicationRowDefs } from '../model';
import { APPLICATION_ROWS, DISCLOSURE_BLOCKS } from '../format/official';
import { applicationsTableTemplate, reviewTableTemplate } from '../format/template';
import type { TextEdit } from '../findings';
import type { Report, Table, TableRow } from '../model';
import type { Cell } from '../parse/cells';
import { splitLineCells } from '../parse/cells';

function rowText(label: string, cells: Array<Cell | null>): string {
  return [label, ...cells.map((c) => c?.raw ?? '')].join('\t');
}

/** Safe to rewrite: every cell aligned, no prose inside, no number in the region left unused. */
function rewritable(report: Report, table: Table, used: Array<Cell | null>): boolean {
  if (table.problems.length || used.some((c) => c === null)) return false;
  const usedStarts = new Set(used.map((c) => c!.span.start));
  for (let i = table.startLine; i <= table.endLine; i++) {
    for (const c of splitLineCells(report.lines[i])) {
      if (c.kind === 'text' && (c.raw.length > 60 || /[。；]/.test(c.raw))) return false;
      if ((c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && c.placeholder)) && !usedStarts.has(c.span.start)) return false;
    }
  }
  return true;
}

function replaceLines(report: Report, table: Table, lines: string[]): TextEdit | undefined {
  const span = { start: report.lines[table.startLine].start, end: report.lines[table.endLine].end };
  const newText = lines.join(report.eol);
  return report.text.slice(span.start, span.end) === newText ? undefined : { span, newText };
}

export function formatTables(report: Report): TextEdit[] {
  const edits: TextEdit[] = [];
  const d = report.disclosure;
  if (d) {
    const defs = DISCLOSURE_BLOCKS[report.format];
    const lines: string[] = [];
    const used: Array<Cell | null> = [];
    d.blocks.forEach((b, i) => {
      if (!b.rows.length) return;
      const def = defs[i];
      lines.push(`第二十条第（${def.item}）项`);
      const columns = def.columns.map((c, ci) => (def.amountColumns.includes(ci) && !c.includes('单位') ? `${c}（单位：${b.amountUnit}）` : c));
      lines.push(['信息内容', ...columns].join('\t'));
      for (const rowDef of def.rows) {
        const row = b.rows.find((r) => r.id === rowDef.label);
        if (!row) continue;
        lines.push(rowText(rowDef.label, row.cells));
        used.push(...row.cells);
      }
    });
    const e = rewritable(report, d, used) ? replaceLines(report, d, lines) : undefined;
    if (e) edits.push(e);
  }
  const a = report.applications;
  if (a) {
    const header = applicationsTableTemplate(report.format).slice(0, 3);
    const lines = [...header];
    const used: Array<Cell | null> = [];
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
    }
    const e = complete && rewritable(report, a, used) ? replaceLines(report, a, lines) : undefined;
    if (e) edits.push(e);
  }
  const r = report.review;
  if (r) {
    const cells = [...r.groups.review, ...r.groups.suitDirect, ...r.groups.suitAfterReview];
    const lines = [...reviewTableTemplate().slice(0, 3), cells.map((c) => c?.raw ?? '').join('\t')];
    // A row whose first cell is empty would start with a tab, which reads as indentation.
    const e = cells[0]?.raw && rewritable(report, r, cells) ? replaceLines(report, r, lines) : undefined;
    if (e) edits.push(e);
  }
  return edits;
}
