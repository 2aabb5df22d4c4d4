/**
 * Text with no recoverable row ends (REPORT-FORMAT §6.2, §6.4–6.7): one cell per line (Word text,
 * mouse copy), space-aligned PDF text, PDF text in stream order. Cells are read in order; a line
 * holding only spaces/NBSP is an explicit blank cell (a copied `<p>&nbsp;</p>`), an empty line is
 * a separator. Without explicit blanks a row is read only when it holds exactly its number of
 * values: the reader never guesses where a dropped blank was.
 */
import { CLASS_SPACE, CLASS_TAB, DOUBLE_SPACE, Line, lineHas } from '../../text';
import type { Cell } from '../../model';
import { makeCell, splitLineCells } from '../cells';
import { Grid, GridRow, isWide } from '../grid';
import { pdfColumnPlacer } from './pdf-columns';

const WS_ONLY = /^[ \t\u00a0\u3000]+$/;
const SPACE_LIKE = /[ \u00a0\u3000]/;
/** A label or number followed by a run of spaces and a number: `pdftotext -layout` text. */
const SPACED_ROW = /[^\s] {2,}[+-]?[0-9０-９]/;

function isSpaced(lines: Line[], from: number, to: number): boolean {
  let n = 0;
  for (let i = from; i < to && n < 5; i++) if (lineHas(lines[i], DOUBLE_SPACE) && !lineHas(lines[i], CLASS_TAB) && SPACED_ROW.test(lines[i].text)) n++;
  return n >= 5;
}

export function buildStream(lines: Line[], from: number, to: number): Grid {
  const rows: GridRow[] = [];
  const spaced = isSpaced(lines, from, to);
  for (let i = from; i < to; i++) {
    const line = lines[i];
    let cells: Cell[];
    // A line without a space is neither empty nor spaces only (the patterns are not tried).
    const wsOnly = lineHas(line, CLASS_SPACE) && WS_ONLY.test(line.text);
    if (line.text === '' || (wsOnly && !SPACE_LIKE.test(line.text))) {
      // An empty line (or a lone TAB, a merged-cell placeholder) is kept as a row without cells:
      // in Word's text export it is an empty cell, which the reader may need to count.
      rows.push({ cells: [], line: i });
      continue;
    } else if (wsOnly) {
      // Spaces/NBSP: a blank cell.
      cells = [makeCell('', line.start, i)];
    } else {
      // Empty pieces between TABs are not positions here: drop them (in place: the array is new).
      cells = splitLineCells(line);
      let kept = 0;
      for (const c of cells) if (!(c.kind === 'blank' && !c.placeholder && c.raw === '')) cells[kept++] = c;
      if (kept < cells.length) cells.length = kept;
    }
    if (spaced) {
      // Display columns counted once along the line (cells come in order): linear in its length.
      let at = 0;
      let width = 0;
      const text = line.text;
      for (const c of cells) {
        const to = c.span.start - line.start;
        // displayWidth(text.slice(at, to)), without the slice.
        for (let k = Math.max(0, at), end = Math.min(to, text.length); k < end; k++) width += isWide(text.charCodeAt(k)) ? 2 : 1;
        at = to;
        c.x = width;
      }
    }
    if (cells.length) rows.push({ cells, line: i });
  }
  const grid: Grid = { layout: 'stream', rows, bounded: false, positional: false, spaced };
  if (spaced) {
    const columns = pdfColumnPlacer(lines, rows);
    grid.placeSparse = columns.place;
    grid.solveSparse = columns.solve;
  }
  return grid;
}
