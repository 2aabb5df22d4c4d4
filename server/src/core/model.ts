/** The report model: what the parser finds in the text, every piece with its source span. */
import { APPLICATION_ROWS, ApplicationRowDef, FormatId, ReviewGroup } from './format/official';
import type { Decimal, Line, LineIndex, Span } from './text';

export type CellKind = 'number' | 'blank' | 'bad' | 'text';

export interface Cell {
  /** The cell's text as written (trimmed). */
  raw: string;
  span: Span;
  line: number;
  kind: CellKind;
  value?: Decimal;
  /** Unit written in the cell (`万元`, `元`, `件`). */
  unit?: string;
  /** Note written after the number (`（其中修订16件）`). */
  note?: string;
  /** For blanks: an empty cell, or a placeholder such as `/`, `—`, `无`. */
  placeholder?: boolean;
  /** Grid column, where the layout gives positions (HTML, pipe and plain-text tables). */
  col?: number;
  /** Display column of the cell's start in space-aligned PDF text (CJK = 2). */
  x?: number;
  /** The span's text is not `raw` (markup or entities inside the cell): never edit it. */
  inexact?: boolean;
  /** A row label with digits glued to it (`规章012`): the digits cannot be split with confidence. */
  glued?: boolean;
}

/** `unnumbered`: the official words without the numeral (Word's list numbering lost in the copy). */
export type HeadingVariant = 'punctuation' | 'wording' | 'merged' | 'number' | 'unnumbered';

export interface SectionHeading {
  number: number;
  /** The heading as written, trimmed. */
  text: string;
  span: Span;
  line: number;
  /** How the heading departs from the official one, if it does. */
  variant?: HeadingVariant;
}

export interface SubHeading {
  text: string;
  span: Span;
  line: number;
  /** 1 for （一）, 2 for 1. and 一是. */
  level: number;
}

export interface TableRow {
  /** Row id (`3.7`) for the 三 table, the official label (`规章`) for the 二 table. */
  id: string;
  /** Cells that hold the row's label (more than one when the label wraps). */
  labelCells: Cell[];
  /** One entry per column; null where the column could not be aligned with confidence. */
  cells: Array<Cell | null>;
}

/** An identity of REPORT-FORMAT §5 that a reading breaks: its row (表三 row totals) or column (表三 columns, 表四 groups). */
export interface Unbalanced {
  identity: 'T3-row-total' | 'T3-results' | 'T3-balance' | 'T4-total';
  row?: string;
  column?: number;
}

export interface TableProblem {
  kind: 'unaligned-row' | 'extra-values' | 'duplicate-row';
  /** Why a row could not be read, where the shape says: digits glued to a label. */
  reason?: 'glued' | 'interleaved' | 'pdf-order' | 'unplaced' | 'blanks-lost';
  /** PDF-order text whose order does not fix every cell: the identity its reading breaks. */
  unbalanced?: Unbalanced;
  /** The identity fails in every placement the text allows: an error of the table, not of the reading. */
  certain?: boolean;
  span: Span;
  rowId?: string;
  count?: number;
  expected?: number;
}

interface TableBase {
  /** The text shape the table was read in (`html`, `pipe`, `text-table`, `paragraph`, `tab`, `stream`). */
  layout: string;
  /** First and last line of the table region. */
  startLine: number;
  endLine: number;
  span: Span;
  problems: TableProblem[];
}

export interface ApplicationsTable extends TableBase {
  kind: 'applications';
  /**
   * The rows this table has, in order: the format's, or for a 2021 report that kept the 2019
   * single row （六）其他处理, the 2021 rows with 3.6 in place of 3.6.1–3.6.3.
   */
  rowDefs: ApplicationRowDef[];
  rows: Map<string, TableRow>;
}

export interface ReviewTable extends TableBase {
  kind: 'review';
  groups: Record<ReviewGroup, Array<Cell | null>>;
}

export interface DisclosureBlock {
  item: string;
  labelCell?: Cell;
  /** Unit the header gives the amount columns (`万元` unless it says `元`). */
  amountUnit: '万元' | '元';
  rows: TableRow[];
}

export interface DisclosureTable extends TableBase {
  kind: 'disclosure';
  blocks: DisclosureBlock[];
}

export type Table = ApplicationsTable | ReviewTable | DisclosureTable;

export interface Title {
  text: string;
  span: Span;
  line: number;
}

export interface Report {
  text: string;
  lines: Line[];
  index: LineIndex;
  eol: string;
  title?: Title;
  body?: string;
  year?: number;
  format: FormatId;
  /** Where the format came from: the table labels, the year, the settings, or a default. */
  formatSource: 'labels' | 'year' | 'setting' | 'default';
  /** A pre-2019 report (old format): recognised, not checked. */
  legacy: boolean;
  headings: SectionHeading[];
  subHeadings: SubHeading[];
  disclosure?: DisclosureTable;
  applications?: ApplicationsTable;
  review?: ReviewTable;
  /** The table regions as line ranges (first and last line, inclusive), in order. */
  tableRanges: ReadonlyArray<readonly [number, number]>;
}

/** `tableRanges` as one flag per line, made once per report: the per-line passes ask it for every line. */
const TABLE_FLAGS = new WeakMap<Report, Uint8Array>();

export function tableLineFlags(report: Report): Uint8Array {
  let flags = TABLE_FLAGS.get(report);
  if (!flags) {
    flags = new Uint8Array(report.lines.length);
    for (const [a, b] of report.tableRanges) flags.fill(1, Math.max(0, a), Math.max(0, Math.min(flags.length, b + 1)));
    TABLE_FLAGS.set(report, flags);
  }
  return flags;
}

/** The 三 table's rows as this report has them (see `ApplicationsTable.rowDefs`). */
export function applicationRowDefs(report: Report): ApplicationRowDef[] {
  return report.applications?.rowDefs ?? APPLICATION_ROWS[report.format];
}
