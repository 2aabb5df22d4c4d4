/**
 * Raw HTML `<table>` markup inside the text (REPORT-FORMAT §6.8: a converter passes a table it
 * cannot express through as HTML). Parsed with htmlparser2; rowspan/colspan are expanded into a
 * grid so every cell has its column, and a merged cell is read once, at its first column.
 */
import { Parser } from 'htmlparser2';
import type { Line } from '../../text';
import type { Cell } from '../../model';
import { makeCell } from '../cells';
import type { Grid, GridRow } from '../grid';

const CELL_TAG = /<t[dh][\s>]/i;

/** Scored on the original text: the parser's line view has the markup masked. */
export function scoreHtml(lines: Line[], from: number, to: number, text: string): number {
  // No `<` in the region: no cell tag (one search instead of a pattern per line).
  if (from >= to) return 0;
  const lt = text.indexOf('<', lines[from].start);
  if (lt < 0 || lt >= lines[to - 1].end) return 0;
  let n = 0;
  for (let i = from; i < to && n < 3; i++) if (CELL_TAG.test(text.slice(lines[i].start, lines[i].end))) n++;
  return n >= 3 ? 0.95 : 0;
}

interface Chunk {
  text: string;
  start: number;
  end: number;
}

/** Finds the line holding an offset (lines are sorted by start). */
function lineAt(lines: Line[], from: number, to: number, offset: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function toCell(chunks: Chunk[], text: string, lines: Line[], from: number, to: number, at: number): Cell {
  const filled = chunks.filter((c) => c.text.replace(/[\s\u00a0\u3000]/g, '') !== '');
  if (filled.length === 0) {
    const c = makeCell(chunks.map((x) => x.text).join(''), at, lineAt(lines, from, to, at));
    c.span = { start: at, end: at };
    return c;
  }
  const raw = filled.map((c) => c.text.trim()).join('');
  const a = filled[0].start;
  const b = filled[filled.length - 1].end;
  const cell = makeCell(raw, a, lineAt(lines, from, to, a));
  // A cell whose source text is exactly its text can be edited; one with markup or entities inside cannot.
  const source = text.slice(a, b);
  const lead = source.length - source.trimStart().length;
  const exact = filled.length === 1 && source.trim() === cell.raw;
  cell.span = exact ? { start: a + lead, end: a + lead + cell.raw.length } : { start: a, end: b };
  if (!exact) cell.inexact = true;
  return cell;
}

export function buildHtml(text: string, lines: Line[], from: number, to: number): Grid {
  const base = lines[from].start;
  const source = text.slice(base, lines[to - 1].end);
  const rows: GridRow[] = [];
  // Occupied[r] holds the columns taken in row r by rowspans from rows above.
  const occupied = new Map<number, Set<number>>();
  let rowIndex = -1;
  let row: GridRow | null = null;
  let col = 0;
  let cell: { chunks: Chunk[]; rowspan: number; colspan: number; at: number } | null = null;
  let depth = 0;
  let skip = 0;
  let tableStart = 0;
  const closeTable = () => {
    let width = 0;
    for (const cols of occupied.values()) for (const c of cols) width = Math.max(width, c + 1);
    for (let k = tableStart; k < rows.length; k++) rows[k].width = width;
    occupied.clear();
    rowIndex = -1;
    tableStart = rows.length;
  };
  const taken = (r: number) => occupied.get(r) ?? occupied.set(r, new Set()).get(r)!;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'table' && ++depth === 1) closeTable();
        if (depth > 1) return; // a nested table is content of its cell
        if (name === 'script' || name === 'style') skip++;
        if (name === 'tr') {
          rowIndex++;
          row = { cells: [], line: lineAt(lines, from, to, base + parser.startIndex) };
          rows.push(row);
          col = 0;
        } else if ((name === 'td' || name === 'th') && row) {
          const span = (v: string | undefined) => Math.max(1, Math.min(50, Number.parseInt(v ?? '1', 10) || 1));
          cell = { chunks: [], rowspan: span(attrs.rowspan), colspan: span(attrs.colspan), at: base + parser.endIndex + 1 };
        } else if (cell && (name === 'p' || name === 'br' || name === 'div')) {
          cell.chunks.push({ text: ' ', start: base + parser.startIndex, end: base + parser.startIndex });
        }
      },
      ontext(data) {
        if (skip || !cell) return;
        cell.chunks.push({ text: data, start: base + parser.startIndex, end: base + parser.endIndex + 1 });
      },
      onclosetag(name) {
        if (name === 'table') {
          depth = Math.max(0, depth - 1);
          if (depth === 0) closeTable();
        }
        if (depth > 1) return;
        if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
        if ((name === 'td' || name === 'th') && cell && row) {
          const r = row as GridRow;
          const t = taken(rowIndex);
          while (t.has(col)) col++;
          const c = toCell(cell.chunks, text, lines, from, to, cell.at);
          c.col = col;
          r.cells.push(c);
          for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) taken(rowIndex + dr).add(col + dc);
          col += cell.colspan;
          cell = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(source);
  parser.end();
  closeTable();
  return { layout: 'html', rows, bounded: true, positional: true };
}
