/**
 * Row collection shared by the three tables: label cells open rows, the value cells after a
 * label fill it. Rows are found by their labels, never by position; a row's values are aligned
 * by the label and the numbers that follow it, and where that is ambiguous the row is marked
 * unaligned instead of guessed.
 */
import type { TableProblem, TableRow } from '../model';
import type { Cell } from './cells';

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
