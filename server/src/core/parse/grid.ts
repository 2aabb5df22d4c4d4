/**
 * The one intermediate form between a text shape and the table reader (TABLE-READER.md).
 * A layout builder turns a table region into a Grid; `read/reader.ts` interprets any Grid.
 */
import type { Cell } from '../model';

export type LayoutName = 'html' | 'pipe' | 'text-table' | 'paragraph' | 'tab' | 'stream';

export interface GridRow {
  /** Cells in reading order; blank cells are explicit where the shape keeps them. */
  cells: Cell[];
  line: number;
  /** Number of grid columns in this row, where cells carry `col`. */
  width?: number;
  /** A caption above a small table (`### 行政复议`): context, never a row. */
  caption?: string;
}

export interface Grid {
  layout: LayoutName;
  rows: GridRow[];
  /**
   * Rows are real table rows (their ends are known). A stream grid is cells in reading order with
   * no row ends: a label opens a row and the cells after it fill it.
   */
  bounded: boolean;
  /** Cells carry their column (`col`) and rows their width, so a blank is a known position. */
  positional: boolean;
  /** Space-aligned PDF text: cells carry `x`, and a row's values on several lines are ordered by it. */
  spaced?: boolean;
  /**
   * Space-aligned PDF text: places a row's values, blank cells among them, by their columns on the
   * page (layout/pdf-columns.ts); undefined when the text does not fix them.
   */
  placeSparse?: (labelCells: Cell[], seq: Cell[], n: number) => Array<Cell | null> | undefined;
  /** The same text: the one reading of the rows left open that keeps the table's identities (layout/pdf-columns.ts). */
  solveSparse?: (
    table: Array<{ labelCells: Cell[]; seq: Cell[]; cells?: Array<Cell | null> }>,
    n: number,
    rowHolds: (row: number, cells: Array<Cell | null>) => boolean,
    tableHolds: (cells: Array<Array<Cell | null> | undefined>) => boolean,
  ) => Array<Array<Cell | null> | undefined> | undefined;
}

/** A cell that holds a value: a number, a damaged number, or a placeholder (`/`, `—`, `无`). */
export function isFilled(c: Cell): boolean {
  return c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && !!c.placeholder);
}

/** Display width as fixed-width text writers count it: CJK and full-width forms are 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += isWide(s.charCodeAt(i)) ? 2 : 1;
  return w;
}

export function isWide(c: number): boolean {
  // Below U+1100 (ASCII, the padding of fixed-width tables) nothing is wide.
  if (c < 0x1100) return false;
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
}
