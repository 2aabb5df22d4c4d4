/**
 * The stream reader this project had before the grid reader (commit ddd5b42, parse/align.ts and
 * parse/tables.ts), kept only for the differential test: on the generated layouts, where it was
 * right, the grid reader must read the same numbers. Not used by the product.
 */
import {
  APPLICATION_GROUP_SIGNATURES,
  APPLICATION_ROWS,
  DISCLOSURE_BLOCKS,
  FormatId,
  REVIEW_GROUPS,
} from '../../server/src/core/format/official';
import type { TableProblem, TableRow } from '../../server/src/core/model';
import type { Line } from '../../server/src/core/text';
import { labelKey } from '../../server/src/core/labels';
import type { Cell } from '../../server/src/core/model';
import { splitLineCells } from '../../server/src/core/parse/cells';

/* eslint-disable */
type DisclosureBlock = { item: string; labelCell?: Cell; amountUnit: '万元' | '元'; rows: TableRow[] };
type ApplicationsTable = any;
type ReviewTable = any;
type DisclosureTable = any;

export type LabelMatch =
  | { type: 'row'; id: string; columns: number }
  | { type: 'group' }
  | { type: 'end' }
  | null;

function isEmpty(c: Cell): boolean {
  return c.kind === 'blank' && !c.placeholder;
}

export interface Aligned {
  cells: Array<Cell | null>;
  excess: Cell[];
  ambiguous: boolean;
}

/**
 * Picks `n` cells out of the cells that follow a label. Empty cells (between tabs or pipes) are
 * positions: with fewer numbers than columns they say where the blanks are; padding beyond the
 * numbers is dropped. With no position information the row is ambiguous.
 */
export function alignValues(seq: Cell[], n: number, labelEnd: Cell | undefined): Aligned {
  const filled = seq.filter((c) => !isEmpty(c));
  if (filled.length >= n) return { cells: filled.slice(0, n), excess: filled.slice(n), ambiguous: false };
  if (filled.length === 0) {
    const empties = seq.slice(0, n);
    if (empties.length === n) return { cells: empties, excess: [], ambiguous: false };
    // A row with no cells at all (an unfilled template row): every column is a blank.
    if (seq.length === 0 && labelEnd) {
      const at = labelEnd.span.end;
      const cells = Array.from({ length: n }, (): Cell => ({ raw: '', span: { start: at, end: at }, line: labelEnd.line, kind: 'blank', placeholder: false }));
      return { cells, excess: [], ambiguous: false };
    }
    return { cells: Array(n).fill(null), excess: [], ambiguous: true };
  }
  const first = seq.indexOf(filled[0]);
  const last = seq.lastIndexOf(filled[filled.length - 1]);
  const inner = seq.slice(first, last + 1);
  if (inner.length > n) return { cells: Array(n).fill(null), excess: [], ambiguous: true };
  const lead = seq.slice(0, first);
  const trail = seq.slice(last + 1);
  let need = n - inner.length;
  const takeLead = Math.min(need, lead.length);
  need -= takeLead;
  const takeTrail = Math.min(need, trail.length);
  need -= takeTrail;
  if (need > 0) return { cells: Array(n).fill(null), excess: [], ambiguous: true };
  return { cells: [...lead.slice(lead.length - takeLead), ...inner, ...trail.slice(0, takeTrail)], excess: [], ambiguous: false };
}

interface OpenRow {
  id: string;
  columns: number;
  labelCells: Cell[];
  seq: Cell[];
}

/**
 * Walks the cells of a table region. `match` classifies text cells; unknown text (column
 * headers, the tail of a wrapped label) neither opens nor closes a row.
 */
export function collectRows(
  cells: Cell[],
  match: (cell: Cell, seen: ReadonlySet<string>) => LabelMatch,
  problems: TableProblem[],
  isComplete: (seen: ReadonlySet<string>) => boolean = () => false,
): Map<string, TableRow> {
  const rows = new Map<string, TableRow>();
  let open: OpenRow | null = null;
  const seen = new Set<string>();

  const close = () => {
    if (!open) return;
    const o = open;
    open = null;
    const filled = o.seq.filter((c) => !isEmpty(c));
    const existing = rows.get(o.id);
    if (existing) {
      // The same label again: the tail of a wrapped label when no numbers follow it.
      if (filled.length > 0) problems.push({ kind: 'duplicate-row', span: o.labelCells[0].span, rowId: o.id });
      return;
    }
    const aligned = alignValues(o.seq, o.columns, o.labelCells[o.labelCells.length - 1]);
    if (aligned.ambiguous) {
      problems.push({ kind: 'unaligned-row', span: o.labelCells[0].span, rowId: o.id, count: filled.length, expected: o.columns });
    }
    if (aligned.excess.length > 0) {
      const a = aligned.excess[0].span.start;
      const b = aligned.excess[aligned.excess.length - 1].span.end;
      problems.push({ kind: 'extra-values', span: { start: a, end: b }, rowId: o.id, count: aligned.excess.length });
    }
    rows.set(o.id, { id: o.id, labelCells: o.labelCells, cells: aligned.cells });
  };

  for (const cell of cells) {
    if (cell.kind === 'text') {
      const m = match(cell, seen);
      if (!m) continue;
      if (m.type === 'end') break;
      if (m.type === 'group') {
        close();
        continue;
      }
      const cur = open as OpenRow | null;
      if (cur && cur.id === m.id && cur.seq.every(isEmpty)) {
        cur.labelCells.push(cell);
        continue;
      }
      close();
      seen.add(m.id);
      open = { id: m.id, columns: m.columns, labelCells: [cell], seq: [] };
      continue;
    }
    if (open) {
      (open as OpenRow).seq.push(cell);
      if (isComplete(seen) && (open as OpenRow).seq.filter((c) => !isEmpty(c)).length >= (open as OpenRow).columns) break;
    } else if (!isEmpty(cell) && rows.size > 0) {
      problems.push({ kind: 'extra-values', span: cell.span, count: 1 });
    }
  }
  close();
  return rows;
}

/** Strips one leading ordinal (`七总计` → `总计`, `3危及…` → `危及…`). */
export function labelBody(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]|\d{1,2})(?=.)/, '');
}

/** A text cell that is prose, not a label: tables end there once their last row is read. */
function isProse(cell: Cell): boolean {
  return cell.raw.length > 60 || /[。；]/.test(cell.raw);
}

export function regionCells(lines: Line[], from: number, to: number): Cell[] {
  const cells: Cell[] = [];
  for (let i = from; i < to; i++) for (const c of splitLineCells(lines[i])) cells.push(c);
  return cells;
}

function spanOf(lines: Line[], from: number, to: number) {
  return { start: lines[from].start, end: lines[Math.max(from, to - 1)].end };
}

export function parseApplications(lines: Line[], from: number, to: number, format: FormatId): ApplicationsTable {
  const defs = APPLICATION_ROWS[format];
  const problems: TableProblem[] = [];
  const bodies = defs.map((d) => labelBody(labelKey(d.label)));
  const match = (cell: Cell, seen: ReadonlySet<string>): LabelMatch => {
    if (isProse(cell)) return seen.has('4') ? { type: 'end' } : null;
    const key = labelKey(cell.raw);
    if (!key) return null;
    const body = labelBody(key);
    if (APPLICATION_GROUP_SIGNATURES.some((g) => key.endsWith(g) || body === g || key === g)) return { type: 'group' };
    if (body === '其他处理' || key.endsWith('其他处理')) {
      return format === '2021' ? { type: 'group' } : { type: 'row', id: '3.6', columns: 7 };
    }
    if (body === '总计' || key.includes('七总计')) {
      return seen.has('3.1') || seen.has('1') || key.includes('七') ? { type: 'row', id: '3.7', columns: 7 } : null;
    }
    if (body === '其他') {
      return format === '2021' && (seen.has('3.6.1') || seen.has('3.6.2')) ? { type: 'row', id: '3.6.3', columns: 7 } : null;
    }
    for (const d of defs) if (d.signatures.some((s) => key.includes(s))) return { type: 'row', id: d.id, columns: 7 };
    if (body.length >= 4) {
      const hits = defs.filter((_, i) => bodies[i].startsWith(body));
      if (hits.length === 1) return { type: 'row', id: hits[0].id, columns: 7 };
    }
    return null;
  };
  const cells = regionCells(lines, from, to);
  const rows = collectRows(cells, match, problems, (seen) => seen.has('4'));
  const last = Math.max(from, ...[...rows.values()].flatMap((r) => r.cells.filter((c): c is Cell => !!c).map((c) => c.line)));
  return { kind: 'applications', startLine: from, endLine: Math.min(to - 1, Math.max(last, from)), span: spanOf(lines, from, Math.min(to, last + 1)), problems, rows };
}

export function parseReview(lines: Line[], from: number, to: number): ReviewTable {
  const problems: TableProblem[] = [];
  const cells = regionCells(lines, from, to);
  // The 15 numbers follow the header rows; the header holds no numbers.
  let firstValue = cells.findIndex((c) => c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && c.placeholder));
  if (firstValue < 0) {
    // No number at all (an unfilled table): the empty cells after the header are its row.
    let lastText = -1;
    cells.forEach((c, i) => { if (c.kind === 'text' && !isProse(c)) lastText = i; });
    if (lastText >= 0 && lastText + 1 < cells.length) firstValue = lastText + 1;
  }
  const seq: Cell[] = [];
  if (firstValue >= 0) {
    for (let i = firstValue; i < cells.length; i++) {
      if (cells[i].kind === 'text') {
        if (isProse(cells[i])) break;
        continue;
      }
      seq.push(cells[i]);
    }
  }
  const aligned = alignValues(seq, 15, undefined);
  if (firstValue >= 0 && aligned.ambiguous) {
    problems.push({ kind: 'unaligned-row', span: cells[firstValue].span, count: seq.filter((c) => c.kind !== 'blank' || c.placeholder).length, expected: 15 });
  }
  if (aligned.excess.length) {
    const a = aligned.excess[0].span.start;
    const b = aligned.excess[aligned.excess.length - 1].span.end;
    problems.push({ kind: 'extra-values', span: { start: a, end: b }, count: aligned.excess.length });
  }
  const groups = {} as ReviewTable['groups'];
  REVIEW_GROUPS.forEach((g, i) => (groups[g] = firstValue >= 0 ? aligned.cells.slice(i * 5, i * 5 + 5) : [null, null, null, null, null]));
  const used = aligned.cells.filter((c): c is Cell => !!c);
  const last = used.length ? used[used.length - 1].line : from;
  return { kind: 'review', startLine: from, endLine: Math.max(from, last), span: spanOf(lines, from, last + 1), problems, groups };
}

export function parseDisclosure(lines: Line[], from: number, to: number, format: FormatId): DisclosureTable {
  const problems: TableProblem[] = [];
  const defs = DISCLOSURE_BLOCKS[format];
  const blocks: DisclosureBlock[] = defs.map((d) => ({ item: d.item, amountUnit: '万元', rows: [] }));
  const cells = regionCells(lines, from, to);
  let currentBlock = -1;
  const rowBlock = new Map<string, number>();
  const labels: Array<{ key: string; id: string; block: number }> = [];
  defs.forEach((d, b) =>
    d.rows.forEach((r) => {
      labels.push({ key: labelKey(r.label), id: r.label, block: b });
      for (const v of r.variants) labels.push({ key: labelKey(v), id: r.label, block: b });
    }),
  );
  // Longer labels first, so 行政规范性文件 is not read as 规范性文件.
  labels.sort((a, b) => b.key.length - a.key.length);
  const match = (cell: Cell): LabelMatch => {
    if (isProse(cell)) return { type: 'end' };
    const key = labelKey(cell.raw);
    const item = /第二十条第([一二三四五六七八九十]+)项/.exec(key);
    if (item) {
      currentBlock = defs.findIndex((d) => d.item === item[1]);
      if (currentBlock >= 0) blocks[currentBlock].labelCell = cell;
      return { type: 'group' };
    }
    if (currentBlock >= 0 && defs[currentBlock].amountColumns.length && /元/.test(key)) {
      blocks[currentBlock].amountUnit = /万元/.test(key) ? '万元' : '元';
    }
    const hit = labels.find((l) => key === l.key || (key.startsWith(l.key) && key.length <= l.key.length + 4));
    if (!hit) return null;
    rowBlock.set(hit.id, hit.block);
    return { type: 'row', id: hit.id, columns: defs[hit.block].columns.length };
  };
  const rows = collectRows(cells, match, problems);
  for (const row of rows.values()) blocks[rowBlock.get(row.id)!].rows.push(row);
  const used = [...rows.values()].flatMap((r) => r.cells.filter((c): c is Cell => !!c).map((c) => c.line));
  const last = used.length ? Math.max(...used) : from;
  return { kind: 'disclosure', startLine: from, endLine: last, span: spanOf(lines, from, last + 1), problems, blocks };
}
