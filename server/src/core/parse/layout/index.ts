/**
 * Chooses how to read a table region: each builder scores the region (how sure it is that the
 * text has its shape) and the best ones build a Grid. The stream grid is always a candidate,
 * as the last, low-confidence fallback.
 */
import type { Line } from '../../text';
import type { Cell } from '../../model';
import { makeCell } from '../cells';
import type { Grid } from '../grid';
import { buildHtml, scoreHtml } from './html';
import { buildParagraph, scoreParagraph } from './paragraph';
import { buildPipe, scorePipe } from './pipe';
import { buildStream } from './stream';
import { buildTab, scoreTab } from './tab';
import { buildTextTable, scoreTextTable } from './text-table';

interface Builder {
  score(lines: Line[], from: number, to: number, text: string): number;
  build(text: string, lines: Line[], from: number, to: number): Grid;
}

const BUILDERS: Builder[] = [
  { score: scoreHtml, build: buildHtml },
  { score: scorePipe, build: (_t, l, a, b) => buildPipe(l, a, b) },
  { score: scoreTextTable, build: (_t, l, a, b) => buildTextTable(l, a, b) },
  { score: scoreParagraph, build: (_t, l, a, b) => buildParagraph(l, a, b) },
  { score: scoreTab, build: (_t, l, a, b) => buildTab(l, a, b) },
];

/**
 * Candidate grids for a region, most likely shape first; the stream grid last. Built lazily: a
 * reader that places every cell of the table with the first grid never builds the others.
 */
export function* candidateGrids(text: string, lines: Line[], anchor: number, to: number): Generator<Grid> {
  if (to <= anchor) {
    yield buildStream(lines, anchor, to);
    return;
  }
  // The table's frame may start above the anchor line: a dashed rule or border, a pipe header.
  let from = anchor;
  while (from > 0 && anchor - from < 3 && FRAME.test(lines[from - 1].text)) from--;
  const scored = BUILDERS.map((b) => ({ b, s: b.score(lines, from, to, text) })).filter((x) => x.s > 0).sort((x, y) => y.s - x.s);
  for (const x of scored.slice(0, 2)) yield splitGlued(x.b.build(text, lines, from, to));
  yield splitGlued(buildStream(lines, anchor, to));
}

/** GLUED ends with a digit or a comma (`[0-9０-９,，]`): a text that does not is not tried. */
function endsWithDigit(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) || c === 0x2c || c === 0xff0c;
}

/** A table's frame above its first row: a dashed rule or border, a pipe row. */
const FRAME = /^\s*(?:[-+|=:]{3,}[-+|=: ]*|\|.*\|)\s*$/;
/** Words that end a label's glued digits as part of it: a year, an item or article number. */
const NOT_GLUED = /年$|第.*[项条]$/;

/** Label text with digits glued to its end (`规章012`, `行政规范性文件35`). */
const GLUED = /^(.*[\u3400-\u9fff）)])([0-9０-９][0-9０-９,，]*(?:\.[0-9]+)?)$/;

/**
 * Splits digits glued to a label off into a number cell marked `glued` (a PDF's narrow column
 * can make a label touch its first number). In a positional grid the label is only marked: the
 * reader then leaves its row unread, since the digits have no column.
 */
function splitGlued(grid: Grid): Grid {
  for (const row of grid.rows) {
    // A row is copied only from its first split cell on (most rows have none).
    let out: Cell[] | undefined;
    for (let k = 0; k < row.cells.length; k++) {
      const c = row.cells[k];
      const m = c.kind === 'text' && !c.inexact && endsWithDigit(c.raw) ? GLUED.exec(c.raw) : null;
      if (!m || NOT_GLUED.test(m[1]) || m[1].length < 2) { out?.push(c); continue; }
      if (grid.positional) { c.glued = true; out?.push(c); continue; }
      const label = makeCell(m[1], c.span.start, c.line);
      const num = makeCell(m[2], c.span.start + m[1].length, c.line);
      num.glued = true;
      out ??= row.cells.slice(0, k);
      out.push(label, num);
    }
    if (out) row.cells = out;
  }
  return grid;
}
