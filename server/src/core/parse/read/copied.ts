/**
 * A web page copied with the mouse (REPORT-FORMAT §6.4): every cell a paragraph of its own, the
 * cells in the page's order, and an empty `<td></td>` leaving nothing at all. The text keeps no
 * blank marker, so a row that shows fewer numbers than columns cannot be placed; but the order is
 * the page's own, so the cells between two row labels are the first row's — all of them. A row
 * with no cell at all before the next label is then a row of blank cells (a careful reader sees
 * the same), and a row with exactly its count of numbers is that row.
 *
 * PDF text is not in the page's order (its rows interleave) and never has this shape throughout:
 * its lines hold a label and a number, or two numbers, and its cells are not paragraphs.
 */
import type { Cell } from '../../model';
import { isFilled } from '../grid';
import type { Grid } from '../grid';

/**
 * Whether the lines `from`..`to` of a stream grid are paragraph cells: every value cell alone on
 * its line between empty lines (words may run on over lines or share one: a wrapped label, bare-text
 * cells a TAB apart).
 */
export function paragraphCells(grid: Grid, from: number, to: number): boolean {
  const rows = grid.rows;
  let seen = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.line < from || row.line > to || row.cells.length === 0) continue;
    seen++;
    // Words on a line with words (bare-text cells a TAB apart) are labels or headers; a value shares no line.
    if (row.cells.length > 1) {
      if (row.cells.some((c) => c.kind !== 'text')) return false;
      continue;
    }
    if (row.cells[0].kind === 'text') continue;
    // The lines above and below a value are empty (rows without cells on the adjacent lines).
    const above = rows[r - 1];
    const below = rows[r + 1];
    if (!above || above.line !== row.line - 1 || above.cells.length) return false;
    if (!below || below.line !== row.line + 1 || below.cells.length) return false;
  }
  return seen > 0;
}

/** A row read from copied text in the page's order: its values as placed, all blank, or unread. */
export function copiedRow(seq: Cell[], placed: Array<Cell | null> | undefined, columns: number, label: Cell, strays: number): Array<Cell | null> | undefined {
  // Words among the row's cells (a label the reader does not know, a piece of a merged label):
  // the cells after them may be another row's.
  if (strays > 0) return undefined;
  if (placed) return placed;
  if (seq.length > 0) return undefined;
  return Array.from({ length: columns }, () => ({ raw: '', span: { start: label.span.end, end: label.span.end }, line: label.line, kind: 'blank' as const, placeholder: false }));
}

/**
 * A row of text in the page's order (not PDF text) kept only when it holds exactly its count of
 * cells or of numbers: a line of spaces is a blank cell (`<p>&nbsp;</p>`) or the empty paragraph
 * of a number's cell (`<p>&nbsp;</p><p>7</p>`), and dropping some of them to make the count is a
 * guess (the dropped line and the kept one give different rows).
 */
export function exactCount(seq: Cell[], columns: number, placed: Array<Cell | null> | undefined, padded: boolean): Array<Cell | null> | undefined {
  if (!placed) return placed;
  let filled = 0;
  for (const c of seq) if (isFilled(c)) filled++;
  if (filled === columns) return placed;
  // Where the table shows space-only lines inside cells (`padded`), they count no cell at all.
  return seq.length === columns && !padded ? placed : undefined;
}
