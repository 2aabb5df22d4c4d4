/**
 * Web page text whose table cells hold paragraphs (REPORT-FORMAT §6.3, a browser's innerText):
 * every cell is a paragraph, a line holding only a TAB separates two cells of a row, and a run
 * of two or more empty lines ends a row. A blank cell is a paragraph of spaces/NBSP or nothing
 * at all between two TAB lines. Cells with bare text may still sit on one line, split by TABs.
 */
import { CLASS_TAB, Line, isBlank, lineHas } from '../../text';
import type { Cell } from '../../model';
import { makeCell } from '../cells';
import type { Grid, GridRow } from '../grid';

const TAB_ONLY = /^[ \u00a0]*\t[ \t\u00a0]*$/;

export function scoreParagraph(lines: Line[], from: number, to: number): number {
  // The TAB line of a paragraph cell stands between empty lines (`\n\n\t\n\n`).
  let tabs = 0;
  for (let i = from + 1; i < to - 1; i++) if (lines[i - 1].text === '' && lines[i + 1].text === '' && lineHas(lines[i], CLASS_TAB) && TAB_ONLY.test(lines[i].text)) tabs++;
  return tabs >= 6 ? 0.8 : 0;
}

export function buildParagraph(lines: Line[], from: number, to: number): Grid {
  const rows: GridRow[] = [];
  let cells: Cell[] = [];
  let pieces: Line[] = [];
  let rowLine = -1;
  let empties = 0;
  const endCell = (at: number, line: number) => {
    const filled = pieces.filter((p) => !isBlank(p.text));
    let cell: Cell;
    if (filled.length === 0) {
      const ws = pieces[0];
      cell = makeCell(ws ? ws.text : '', ws ? ws.start : at, ws ? ws.index : line);
    } else if (filled.length === 1) {
      cell = makeCell(filled[0].text, filled[0].start, filled[0].index);
    } else {
      // A cell of several paragraphs: a label cut into pieces (`三、本` / `年度办` / `理结果`).
      const first = makeCell(filled[0].text, filled[0].start, filled[0].index);
      const last = makeCell(filled[filled.length - 1].text, filled[filled.length - 1].start, filled[filled.length - 1].index);
      const numbers = filled.filter((p) => makeCell(p.text, p.start, p.index).kind === 'number');
      if (numbers.length === 1 && filled.every((p) => p === numbers[0] || makeCell(p.text, p.start, p.index).kind === 'blank')) {
        cell = makeCell(numbers[0].text, numbers[0].start, numbers[0].index);
      } else {
        cell = makeCell(filled.map((p) => p.text.trim()).join(''), first.span.start, first.line);
        cell.span = { start: first.span.start, end: last.span.end };
        cell.inexact = true;
        if (numbers.length) cell.kind = 'text';
      }
    }
    cells.push(cell);
    pieces = [];
  };
  const endRow = () => {
    if (pieces.length || cells.length) endCell(lines[Math.max(from, rowLine)].end, rowLine);
    // A row of empty cells (TABs only) is a row of blanks; a lone empty cell is no row.
    if (cells.length > 1 || cells.some((c) => c.raw !== '')) rows.push({ cells, line: rowLine });
    cells = [];
    pieces = [];
    rowLine = -1;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (line.text === '') {
      empties++;
      if (empties === 2) endRow();
      continue;
    }
    empties = 0;
    if (rowLine < 0) rowLine = i;
    if (TAB_ONLY.test(line.text)) {
      // k TABs end k cells: the ones between them are empty (`<td></td>` has no paragraph).
      const tabs = line.text.split('\t').length - 1;
      for (let k = 0; k < tabs; k++) endCell(line.start + line.text.indexOf('\t'), i);
      continue;
    }
    if (line.text.includes('\t')) {
      // Bare-text cells on one line: each TAB ends a cell.
      let pos = line.start;
      const parts = line.text.split('\t');
      parts.forEach((p, k) => {
        if (p !== '' || k < parts.length - 1) pieces.push({ index: i, start: pos, end: pos + p.length, text: p });
        if (k < parts.length - 1) endCell(pos + p.length, i);
        pos += p.length + 1;
      });
      continue;
    }
    pieces.push(line);
  }
  endRow();
  return { layout: 'paragraph', rows, bounded: true, positional: false };
}
