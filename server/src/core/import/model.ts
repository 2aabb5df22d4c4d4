/**
 * What every importer produces: the document as blocks (paragraphs and tables with their merged
 * cells), then one writer turns the blocks into the normalized report text the checker reads.
 */
import { t } from '../i18n';

export type ImportSource = 'html' | 'docx' | 'pdf';

/** Where a line of the normalized text came from, so a finding can be found in the original file. */
export interface ImportLocation {
  /** 0-based line of the normalized text. */
  line: number;
  /** 1-based PDF page. */
  page?: number;
  /** 0-based paragraph index (Word: body paragraphs; HTML: block elements of the article). */
  paragraph?: number;
  /** 0-based table index in the document. */
  table?: number;
  /** 0-based row index in that table. */
  row?: number;
  /** 0-based cell index in the source row, when the line holds one cell. */
  cell?: number;
  /** For a table row line: the grid column of each TAB-separated cell, in order. */
  columns?: number[];
}

export interface ImportResult {
  text: string;
  source: ImportSource;
  /** Things the importer could not bring over faithfully (in the current message language). */
  warnings: string[];
  locations: ImportLocation[];
}

export type ImportErrorCode =
  | 'no-text-layer'
  | 'corrupt-docx'
  | 'corrupt-pdf'
  | 'encrypted-pdf'
  | 'not-pdf'
  | 'not-docx'
  | 'unknown-format'
  | 'too-large'
  | 'empty';

/** A file that cannot be imported: `message` is said in the current language (Chinese by default). */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** The same message in Chinese, whatever the current language. */
    readonly messageZh: string = message,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The scanned-PDF message, in both languages. */
export function noTextLayerError(): ImportError {
  const zh = '这个 PDF 没有文字层（可能是扫描件），无法检查；请使用可复制文字的 PDF 或原始 Word 文件';
  return new ImportError('no-text-layer', t('这个 PDF 没有文字层（可能是扫描件），无法检查；请使用可复制文字的 PDF 或原始 Word 文件'), zh);
}

export interface TCell {
  text: string;
  /** First grid column the cell covers. */
  col: number;
  colSpan: number;
  rowSpan: number;
  /** Index of the cell in its source row. */
  index: number;
}

export interface TRow {
  cells: TCell[];
  page?: number;
  /** Index of the row in its source table (for locations). */
  index: number;
}

export type Block =
  | { kind: 'paragraph'; text: string; index: number; page?: number }
  | { kind: 'table'; rows: TRow[]; index: number; page?: number };

const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';
const SPACE_RUN = /[\s\u00a0\u3000\u2002-\u200b\ufeff]+/g;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'g');

/** Collapses every whitespace run (NBSP, ideographic space, TAB) to one space and trims. */
export function collapse(s: string): string {
  return s.replace(SPACE_RUN, ' ').trim();
}

/**
 * A table cell's text from its pieces (paragraphs, `<br>` lines, runs): each collapsed, joined with
 * nothing (`三、本` `年度办` `理结果` → `三、本年度办理结果`), spaces between CJK characters dropped.
 */
export function cellText(pieces: string[]): string {
  const parts = pieces.map(collapse).filter((p) => p !== '');
  return parts.join('').replace(SPACE_BETWEEN_CJK, '');
}

const SENTENCE_END = /[。；！？：:!?;]$/;
const HEADING_START = /^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．，,]|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十]+[章节部分条])/;

/**
 * A paragraph's lines (`<br>` or Word line breaks): a break stays where it separates sentences
 * (the text before it ends one, or a heading starts after it); elsewhere it was only layout.
 */
export function paragraphLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    // TABs inside a paragraph are kept (a table typed with tab stops is a tab-row table to the reader).
    const piece = raw.split('\t').map(collapse).join('\t').replace(/^\t+|\t+$/g, '');
    if (!piece) continue;
    const prev = out[out.length - 1];
    if (prev === undefined || SENTENCE_END.test(prev) || HEADING_START.test(piece)) out.push(piece);
    else out[out.length - 1] = joinWrapped(prev, piece);
  }
  return out;
}

/** Joins two pieces of one wrapped line: no space between CJK text, one between Latin words. */
export function joinWrapped(a: string, b: string): string {
  const last = a.charCodeAt(a.length - 1);
  const first = b.charCodeAt(0);
  return last < 0x2e80 && first < 0x2e80 && /[A-Za-z0-9,]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** Writes blocks as the normalized report text: paragraphs one per line, tables as TAB rows. */
export function writeBlocks(blocks: Block[], source: ImportSource, warnings: string[] = []): ImportResult {
  const lines: string[] = [];
  const locations: ImportLocation[] = [];
  const push = (text: string, loc: Omit<ImportLocation, 'line'>) => {
    locations.push({ line: lines.length, ...loc });
    lines.push(text);
  };
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      for (const l of paragraphLines(b.text)) push(l, source === 'pdf' ? { page: b.page } : { paragraph: b.index, page: b.page });
      continue;
    }
    for (const row of b.rows) {
      const cells = [...row.cells].sort((x, y) => x.col - y.col);
      if (!cells.length) continue;
      const loc: Omit<ImportLocation, 'line'> = { table: b.index, row: row.index, columns: cells.map((c) => c.col) };
      if (row.page !== undefined) loc.page = row.page;
      if (cells.length === 1) loc.cell = cells[0].index;
      // An empty first cell is one space: a line's leading TAB alone reads as indentation.
      push(cells.map((c, i) => c.text.replace(/[\t\r\n]+/g, ' ') || (i === 0 && cells.length > 1 ? ' ' : '')).join('\t'), loc);
    }
  }
  return { text: lines.join('\n') + '\n', source, warnings, locations };
}

/** Kangxi radicals and CJK radical forms some PDF fonts map ideographs to (⼀ → 一, ⾏ → 行). */
export function foldRadicals(s: string): string {
  return /[\u2e80-\u2fdf]/.test(s) ? s.replace(/[\u2e80-\u2fdf]/g, (c) => c.normalize('NFKC')) : s;
}
