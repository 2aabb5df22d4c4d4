/**
 * A PDF with a text layer → the normalized report text. pdfjs-dist (Mozilla's PDF engine: pure JS,
 * no download at run time, a legacy build made for Node) gives every text item with its position.
 * Items are grouped into lines by y and into chunks by x gaps; tables are read the camelot/tabula
 * "stream" way: the columns of a run of table lines come from the x-ranges of its values and of
 * its header cells, and each value is placed in its column by x, so a blank cell stays blank.
 * A value that fits no column, or two values in one column, leave that row unread (said in the
 * warnings) rather than guessed. Pages are joined, page numbers dropped, wrapped prose rejoined.
 */
import { t } from '../i18n';
import { classifyCell, isPageMark } from '../parse/cells';
import { ImportError, ImportResult, ImportLocation, cellText, foldRadicals, joinWrapped, noTextLayerError } from './model';
import { PdfPage, PdfTextItem, loadPdfjs } from './pdfjs';

export interface PdfOptions {
  /** Pages read at most (a report has a few dozen; the rest is refused with a warning). */
  maxPages?: number;
  /** Text items read at most over all pages. */
  maxItems?: number;
  /** Milliseconds before the import gives up. */
  timeoutMs?: number;
  /** Read ruled tables by their ruling lines (default); `false` uses text positions only. */
  lattice?: boolean;
}

const DEFAULTS = { maxPages: 300, maxItems: 400_000, timeoutMs: 60_000, lattice: true };

interface Item {
  s: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Chunk {
  text: string;
  x0: number;
  x1: number;
  items: Item[];
  /** A number, a damaged number or a blank placeholder (`/`, `—`, `无`): a value cell. */
  value: boolean;
}

interface PLine {
  page: number;
  y: number;
  size: number;
  chunks: Chunk[];
  /** The page's text box (min x0 / max x1 of its lines). */
  left: number;
  right: number;
  height: number;
  /** A table row read from the page's ruling lines: its cells in order (lattice). */
  cells?: string[];
}

const WHITESPACE = /^[\s\u00a0\u3000]*$/;

function isValue(text: string): boolean {
  const c = classifyCell(text);
  return c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && !!c.placeholder);
}

function makeChunk(items: Item[]): Chunk {
  const text = items.map((i) => i.s).join('').replace(/\s+/g, ' ').trim();
  return { text, x0: items[0].x0, x1: Math.max(...items.map((i) => i.x1)), items, value: isValue(text) };
}

/** Items of one page → lines (by baseline, tolerance from the font size) → chunks (by x gaps). */
function pageLines(items: Item[], page: number, height: number, pageMarks = true): PLine[] {
  const sorted = items.filter((i) => !WHITESPACE.test(i.s)).sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const groups: Item[][] = [];
  let cur: Item[] = [];
  let y = Number.NaN;
  let size = 0;
  for (const it of sorted) {
    if (cur.length && Math.abs(it.y - y) <= 0.45 * Math.min(size, it.size)) {
      cur.push(it);
      continue;
    }
    if (cur.length) groups.push(cur);
    cur = [it];
    y = it.y;
    size = it.size;
  }
  if (cur.length) groups.push(cur);
  const lines: PLine[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x0 - b.x0);
    const chunks: Chunk[] = [];
    let run: Item[] = [g[0]];
    for (let i = 1; i < g.length; i++) {
      const prev = run[run.length - 1];
      const gap = g[i].x0 - Math.max(...run.map((r) => r.x1));
      if (gap > Math.max(2.5, 0.3 * Math.min(prev.size, g[i].size))) {
        chunks.push(makeChunk(run));
        run = [];
      }
      run.push(g[i]);
    }
    chunks.push(makeChunk(run));
    const text = chunks.map((c) => c.text).join(' ');
    if (pageMarks && isPageMark(text)) continue;
    lines.push({ page, y: g[0].y, size: Math.max(...g.map((i) => i.size)), chunks, left: 0, right: 0, height });
  }
  // A bare number alone in the top or bottom margin is a page number.
  const out = !pageMarks ? lines : lines.filter((l) => !(l.chunks.length === 1 && /^\d{1,4}$/.test(l.chunks[0].text) && (l.y < height * 0.06 || l.y > height * 0.94)));
  if (out.length) {
    const left = Math.min(...out.map((l) => l.chunks[0].x0));
    const right = Math.max(...out.map((l) => l.chunks[l.chunks.length - 1].x1));
    for (const l of out) { l.left = left; l.right = right; }
  }
  return out;
}


// ---------------------------------------------------------------- ruling lines (lattice)

interface HRule { y: number; x0: number; x1: number }
interface VRule { x: number; y0: number; y1: number }

const OP = { save: 10, restore: 11, transform: 12, moveTo: 13, lineTo: 14, rectangle: 19, fill: 22, eoFill: 23, endPath: 28, constructPath: 91 };

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: number[]): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Thin rectangles and straight path segments of a page: the table's borders, in page space. */
export function rulesOf(fnArray: number[], argsArray: unknown[]): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const seg = (ax: number, ay: number, bx: number, by: number) => {
    const [x0, y0] = apply(ctm, ax, ay);
    const [x1, y1] = apply(ctm, bx, by);
    const w = Math.abs(x1 - x0);
    const hgt = Math.abs(y1 - y0);
    if (hgt <= 2.5 && w >= 4) h.push({ y: (y0 + y1) / 2, x0: Math.min(x0, x1), x1: Math.max(x0, x1) });
    else if (w <= 2.5 && hgt >= 4) v.push({ x: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  };
  for (let i = 0; i < fnArray.length && h.length + v.length < 20_000; i++) {
    const fn = fnArray[i];
    if (fn === OP.save) stack.push(ctm);
    else if (fn === OP.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OP.transform) ctm = mul(ctm, argsArray[i] as number[]);
    else if (fn === OP.constructPath) {
      // Clipping paths and invisible paths are no rules; a filled path counts only as thin rectangles.
      const next = fnArray[i + 1];
      if (next === undefined || next >= OP.endPath) continue;
      const stroked = next !== OP.fill && next !== OP.eoFill;
      const [ops, args] = argsArray[i] as [number[], number[]];
      let k = 0;
      let cx = 0;
      let cy = 0;
      for (const op of ops) {
        if (op === OP.rectangle) {
          const [x, y, w, hh] = args.slice(k, k + 4);
          k += 4;
          const [ax, ay] = [x, y];
          const [bx, by] = [x + w, y + hh];
          // A thin rectangle is one rule; a cell's outline is four.
          const p0 = apply(ctm, ax, ay);
          const p1 = apply(ctm, bx, by);
          if (Math.abs(p1[0] - p0[0]) <= 2.5 || Math.abs(p1[1] - p0[1]) <= 2.5) { seg(ax, (ay + by) / 2, bx, (ay + by) / 2); seg((ax + bx) / 2, ay, (ax + bx) / 2, by); }
          else if (stroked) { seg(ax, ay, bx, ay); seg(ax, by, bx, by); seg(ax, ay, ax, by); seg(bx, ay, bx, by); }
        } else if (op === OP.moveTo) { cx = args[k++]; cy = args[k++]; }
        else if (op === OP.lineTo) { const x = args[k++]; const y = args[k++]; if (stroked) seg(cx, cy, x, y); cx = x; cy = y; }
        else if (op === 15) k += 6; // curveTo
        else if (op === 16 || op === 17) k += 4; // curveTo2/3
      }
    }
  }
  return { h, v };
}

/** Distinct values within a tolerance (sorted ascending). */
function levels(values: number[], tol: number): number[] {
  const out: number[] = [];
  for (const x of [...values].sort((a, b) => a - b)) if (!out.length || x - out[out.length - 1] > tol) out.push(x);
  return out;
}

/**
 * Table rows from ruling lines: between two consecutive horizontal rule levels, the vertical rules
 * crossing the band cut it into that row's cells (a merged cell has no rule inside it). Items in a
 * cell are its text, lines joined. Returns the rows (with their items claimed).
 */
function latticeRows(items: Item[], rules: { h: HRule[]; v: VRule[] }, page: number, height: number): { rows: PLine[]; claimed: Set<Item> } {
  const claimed = new Set<Item>();
  const rows: PLine[] = [];
  if (rules.h.length < 2 || rules.v.length < 2) return { rows, claimed };
  // Where a table breaks across pages its rows there have no rule above (or below): the ends of
  // the vertical rules, where several end together, close those rows.
  const ends = rules.v.flatMap((r) => [r.y0, r.y1]);
  const shared = (y: number) => ends.filter((e) => Math.abs(e - y) <= 1.5).length >= 2;
  const ys = levels([...rules.h.map((r) => r.y), ...ends.filter(shared)], 1.5).reverse();
  for (let b = 0; b + 1 < ys.length; b++) {
    const top = ys[b];
    const bottom = ys[b + 1];
    if (top - bottom < 2 || top - bottom > 400) continue;
    const mid = (top + bottom) / 2;
    const xs = levels(rules.v.filter((r) => r.y0 <= mid && r.y1 >= mid && r.y0 <= bottom + 2 && r.y1 >= top - 2).map((r) => r.x), 1.5);
    if (xs.length < 3) continue;
    // Both rule levels must reach across this band's cells (not rules of some other figure).
    const spans = (y: number) => shared(y) || rules.h.some((r) => Math.abs(r.y - y) <= 1.5 && r.x1 > xs[0] + 2 && r.x0 < xs[xs.length - 1] - 2);
    if (!spans(top) || !spans(bottom)) continue;
    const cells: Item[][] = xs.slice(1).map(() => []);
    for (const it of items) {
      if (claimed.has(it)) continue;
      const cy = it.y + it.size * 0.3;
      const cx = (it.x0 + it.x1) / 2;
      if (cy > top || cy < bottom || cx < xs[0] || cx > xs[xs.length - 1]) continue;
      const k = xs.findIndex((x, i) => i + 1 < xs.length && cx >= x && cx <= xs[i + 1]);
      if (k < 0) continue;
      cells[k].push(it);
      claimed.add(it);
    }
    // A row of empty cells stays: its cells are blanks (an unfilled review table is one such row).
    const texts = cells.map((c) => {
      if (!c.length) return '';
      const lines = pageLines(c, page, height, false);
      return cellText(lines.map((l) => l.chunks.map((ch) => ch.text).join('')));
    });
    const size = Math.max(0, ...cells.flat().map((i) => i.size));
    rows.push({ page, y: top, size, chunks: [], left: 0, right: 0, height, cells: texts });
  }
  return { rows, claimed };
}

// ---------------------------------------------------------------- columns

interface Range {
  x0: number;
  x1: number;
}

const overlap = (a: Range, b: Range) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/** Ranges from intervals that overlap (tabula's projection of the text onto the x axis). */
function clusters(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.x0 - b.x0);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.x0 < last.x1 - 0.5) last.x1 = Math.max(last.x1, r.x1);
    else out.push({ x0: r.x0, x1: r.x1 });
  }
  return out;
}

/**
 * The leaf columns of a header: stacked fragments of one cell (`结果` over `维持`) merge; a cell
 * over several columns (`法人或其他组织`, `行政诉讼`) spans two leaves and is skipped.
 */
function headerLeaves(chunks: Chunk[]): Range[] {
  const leaves: Range[] = [];
  for (const c of [...chunks].sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0))) {
    const hits = leaves.filter((l) => overlap(l, c) > 0.5);
    if (hits.length === 0) leaves.push({ x0: c.x0, x1: c.x1 });
    else if (hits.length === 1) { hits[0].x0 = Math.min(hits[0].x0, c.x0); hits[0].x1 = Math.max(hits[0].x1, c.x1); }
  }
  // A merged leaf may now touch another: then the header is not a clean set of columns.
  const sorted = leaves.sort((a, b) => a.x0 - b.x0);
  for (let i = 1; i < sorted.length; i++) if (overlap(sorted[i - 1], sorted[i]) > 0.5) return [];
  return sorted;
}

/** Splits digits glued to a label (`行政规范性文件35`) where the digits sit in a value column. */
function splitGlued(line: PLine, columns: Range[]): void {
  if (!columns.length) return;
  const out: Chunk[] = [];
  for (const c of line.chunks) {
    if (c.value || !/[0-9０-９]$/.test(c.text)) { out.push(c); continue; }
    let k = c.items.length;
    while (k > 0 && /^[0-9０-９.,+-]+$/.test(c.items[k - 1].s)) k--;
    if (k === 0 || k === c.items.length) { out.push(c); continue; }
    const head = makeChunk(c.items.slice(0, k));
    const tail = makeChunk(c.items.slice(k));
    const col = columns.find((r) => overlap(r, tail) > 0);
    if (tail.value && col && head.x1 <= col.x0 + 1) out.push(head, tail);
    else out.push(c);
  }
  line.chunks = out;
}

interface Segment {
  /** Indices of the lines of the table run (data lines and the text lines between them). */
  lines: number[];
  header: number[];
}

const HEADING = /^[（(]?\s*[一二三四五六七八九十]+\s*[、.．，,]/;

function isWideProse(l: PLine): boolean {
  return l.chunks.length === 1 && !l.chunks[0].value && l.chunks[0].x1 - l.chunks[0].x0 > 0.55 * (l.right - l.left);
}

function isData(l: PLine): boolean {
  return l.chunks.some((c) => c.value);
}

/** Runs of table lines: from a line with values, while lines are not prose, headings or a new header. */
function segments(lines: PLine[]): Segment[] {
  const out: Segment[] = [];
  let cur: Segment | null = null;
  let prevEnd = -1;
  let values: Range[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.cells) {
      if (cur) { out.push(cur); cur = null; }
      prevEnd = i;
      continue;
    }
    if (isData(l)) {
      if (!cur) {
        const header: number[] = [];
        for (let j = i - 1; j > prevEnd && header.length < 12; j--) {
          if (isWideProse(lines[j])) break;
          header.unshift(j);
        }
        cur = { lines: [], header };
        values = [];
      }
      cur.lines.push(i);
      for (const c of l.chunks) if (c.value) values.push(c);
      continue;
    }
    if (!cur) continue;
    const spans = l.chunks.filter((c) => values.filter((v) => overlap(v, c) > 0).length > 0);
    const heading = l.chunks.length === 1 && HEADING.test(l.chunks[0].text) && !values.some((v) => overlap(v, l.chunks[0]) > 0);
    if (isWideProse(l) || heading || (spans.length >= 1 && l.chunks.length >= 2) || spans.some((c) => clusters(values).filter((v) => overlap(v, c) > 0).length >= 2)) {
      out.push(cur);
      prevEnd = cur.lines[cur.lines.length - 1];
      cur = null;
      // This line may be the next table's header.
      continue;
    }
    cur.lines.push(i);
  }
  if (cur) out.push(cur);
  // Text lines after the last data line of a run are not part of it.
  for (const s of out) while (s.lines.length && !isData(lines[s.lines[s.lines.length - 1]])) s.lines.pop();
  return out;
}

interface Placed {
  labels: Chunk[];
  cells: string[] | null;
}

/** The value columns of a run: the values' x-ranges, completed by header leaves where they agree. */
function columnsOf(lines: PLine[], seg: Segment): Range[] {
  const data = seg.lines.map((i) => lines[i]).filter(isData);
  const cols = clusters(data.flatMap((l) => l.chunks.filter((c) => c.value)));
  if (!cols.length) return cols;
  let labelRight = -Infinity;
  for (const l of data) for (const c of l.chunks) if (!c.value && c.x1 <= cols[0].x0 + 1) labelRight = Math.max(labelRight, c.x1);
  const headerChunks = seg.header.flatMap((i) => lines[i].chunks).filter((c) => c.x0 > labelRight + 1);
  const leaves = headerLeaves(headerChunks);
  if (leaves.length > cols.length) {
    // Use the header only when every value column lies under exactly one leaf, and no leaf has two.
    const owner = cols.map((c) => leaves.filter((l) => overlap(l, c) > 0));
    const used = new Set<Range>();
    const clean = owner.every((o) => o.length === 1 && !used.has(o[0]) && used.add(o[0]));
    const inside = leaves.every((l) => l.x0 >= cols[0].x0 - 3 * (l.x1 - l.x0) || labelRight === -Infinity);
    if (clean && inside) {
      return leaves.map((l) => {
        const c = cols.find((x) => overlap(l, x) > 0);
        return c ? { x0: Math.min(l.x0, c.x0), x1: Math.max(l.x1, c.x1) } : l;
      });
    }
  }
  return cols;
}

function place(line: PLine, columns: Range[]): Placed {
  const labels: Chunk[] = [];
  const cells: Array<Chunk[]> = columns.map(() => []);
  let bad = false;
  for (const c of line.chunks) {
    if (!c.value && c.x1 <= columns[0].x0 + 1) { labels.push(c); continue; }
    const centre = (c.x0 + c.x1) / 2;
    let k = columns.findIndex((r) => centre >= r.x0 - 0.5 && centre <= r.x1 + 0.5);
    if (k < 0) {
      const best = columns.map((r, i) => [overlap(r, c), i]).sort((a, b) => b[0] - a[0])[0];
      k = best[0] > 0 ? best[1] : -1;
    }
    if (k < 0) {
      if (c.value) bad = true; // a value that fits no column
      else labels.push(c);
      continue;
    }
    if (c.value && cells[k].some((x) => x.value)) bad = true; // two values in one column
    cells[k].push(c);
  }
  if (bad) return { labels: labels.filter((c) => !c.value), cells: null };
  return { labels, cells: cells.map((cs) => cs.map((c) => c.text).join('')) };
}

// ---------------------------------------------------------------- writing

const UNPLACED = '（此行数值无法按列定位）';

function write(lines: PLine[], warnings: string[]): { text: string; locations: ImportLocation[] } {
  const out: string[] = [];
  const locations: ImportLocation[] = [];
  const push = (text: string, page: number) => {
    locations.push({ line: out.length, page });
    out.push(text);
  };
  const rowText = new Map<number, string>();
  let unplaced = 0;
  for (const seg of segments(lines)) {
    const columns = columnsOf(lines, seg);
    if (!columns.length) continue;
    const placed = new Map<number, Placed>();
    for (const i of seg.lines) {
      if (!isData(lines[i])) continue;
      splitGlued(lines[i], columns);
      placed.set(i, place(lines[i], columns));
    }
    // A row with blank columns whose values may be on a neighbouring line (a cell of two paragraphs
    // prints its number a line lower): a value-only line next to it could be its own or the next
    // row's. Without ruling lines that cannot be told, so such rows are not read.
    const partial = (p: Placed | undefined) => !!p?.cells && p.cells.some((c) => c === '');
    const valuesOnly = (p: Placed | undefined) => !!p && p.labels.length === 0;
    const near = (a: number, b: number) => lines[a].page === lines[b].page && Math.abs(lines[a].y - lines[b].y) <= 2.6 * Math.max(lines[a].size, lines[b].size);
    const data = [...placed.keys()];
    for (const [k, i] of data.entries()) {
      const p = placed.get(i)!;
      if (!partial(p)) continue;
      const around = [data[k - 1], data[k + 1]].filter((j) => j !== undefined && near(i, j));
      if (valuesOnly(p) || around.some((j) => valuesOnly(placed.get(j)))) p.cells = null;
    }
    for (const i of seg.lines) {
      const p = placed.get(i);
      if (!p) continue;
      const labels = p.labels.map((c) => c.text);
      if (!p.cells) {
        unplaced++;
        rowText.set(i, [...labels, UNPLACED].join('\t'));
        continue;
      }
      const cells = [...labels, ...p.cells];
      if (cells[0] === '') cells[0] = ' ';
      rowText.set(i, cells.join('\t'));
    }
  }
  if (unplaced) warnings.push(t('PDF 表格中有 {0} 行的数值无法按列位置确定，这些行未读取（已标注“此行数值无法按列定位”）', unplaced));
  let para: { text: string; page: number; line: PLine } | null = null;
  const flush = () => {
    if (para) push(para.text, para.page);
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.cells) {
      flush();
      const cells = [...l.cells];
      if (cells[0] === '' && cells.length > 1) cells[0] = ' ';
      push(cells.join('\t'), l.page);
      continue;
    }
    const row = rowText.get(i);
    if (row !== undefined || l.chunks.length > 1) {
      flush();
      push(row ?? l.chunks.map((c) => c.text).join('\t'), l.page);
      continue;
    }
    const text = l.chunks[0].text;
    const indent = l.chunks[0].x0 - l.left;
    const prev = para as { text: string; page: number; line: PLine } | null;
    // A line continues the paragraph above when that one ran to the right margin and this one
    // starts at the left margin (not indented, not a heading).
    if (prev && prev.line.chunks[0].x1 >= prev.line.right - 1.5 * prev.line.size && indent < 0.5 * l.size && !HEADING.test(text) && Math.abs(prev.line.size - l.size) < 1) {
      prev.text = joinWrapped(prev.text, text);
      prev.line = l;
      continue;
    }
    flush();
    para = { text, page: l.page, line: l };
  }
  flush();
  return { text: out.join('\n') + '\n', locations };
}

// ---------------------------------------------------------------- reading

/** A page's lines: table rows from its ruling lines where it has a ruled table, the rest by position. */
async function readPage(page: PdfPage, items: Item[], n: number, height: number): Promise<PLine[]> {
  const plain = pageLines(items, n, height);
  // Ruling lines are read only on pages that look tabular (they cost an operator list).
  const tabular = plain.some((l) => l.chunks.length >= 3 || (l.chunks.length >= 2 && l.chunks.some((c) => c.value)));
  if (!tabular || !page.getOperatorList) return plain;
  const ops = await page.getOperatorList();
  const { rows, claimed } = latticeRows(items, rulesOf(ops.fnArray, ops.argsArray), n, height);
  if (!rows.length) return plain;
  const rest = pageLines(items.filter((i) => !claimed.has(i)), n, height);
  const left = plain.length ? plain[0].left : 0;
  const right = plain.length ? plain[0].right : 0;
  for (const l of rest) { l.left = left; l.right = right; }
  for (const r of rows) { r.left = left; r.right = right; }
  return [...rest, ...rows].sort((a, b) => b.y - a.y);
}

function notPdf(): ImportError {
  const zh = '这不是 PDF 文件（文件开头没有 %PDF 标记），可能已损坏或扩展名不对';
  return new ImportError('not-pdf', t('这不是 PDF 文件（文件开头没有 %PDF 标记），可能已损坏或扩展名不对'), zh);
}

function corruptPdf(detail: string): ImportError {
  const zh = `无法读取这个 PDF：${detail}。文件可能已损坏或不完整`;
  return new ImportError('corrupt-pdf', t('无法读取这个 PDF：{0}。文件可能已损坏或不完整', detail), zh);
}

export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      const zh = `读取 PDF 超过 ${Math.round(ms / 1000)} 秒，已停止`;
      reject(new ImportError('too-large', t('读取 PDF 超过 {0} 秒，已停止', Math.round(ms / 1000)), zh));
    }, ms);
  });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The normalized report text of a PDF with a text layer. */
export async function importPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<ImportResult> {
  const o = { ...DEFAULTS, ...options };
  if (!isPdf(bytes)) throw notPdf();
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  const warnings: string[] = [];
  let cancelled = false;
  const work = (async () => {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'PasswordException') {
        const zh = '这个 PDF 有密码保护，无法读取';
        throw new ImportError('encrypted-pdf', t('这个 PDF 有密码保护，无法读取'), zh);
      }
      throw corruptPdf(String((e as Error).message ?? e));
    }
    try {
      const pages = Math.min(doc.numPages, o.maxPages);
      if (doc.numPages > o.maxPages) warnings.push(t('PDF 共 {0} 页，只读取了前 {1} 页', doc.numPages, o.maxPages));
      const lines: PLine[] = [];
      let items = 0;
      let chars = 0;
      for (let n = 1; n <= pages && !cancelled; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const height = page.view[3] - page.view[1];
        const got: Item[] = [];
        for (const raw of content.items) {
          const it = raw as PdfTextItem;
          if (typeof it.str !== 'string' || it.str === '') continue;
          const [a, b, c, d, e, f] = it.transform;
          const size = Math.hypot(c, d) || Math.hypot(a, b) || it.height || 10;
          const s = foldRadicals(it.str);
          got.push({ s, x0: e, x1: e + (it.width || size * s.length), y: f, size });
          chars += s.replace(/\s/g, '').length;
        }
        items += got.length;
        if (items > o.maxItems) {
          page.cleanup();
          warnings.push(t('PDF 文字过多（超过 {0} 个文字块），只读取了前 {1} 页', o.maxItems, n - 1));
          break;
        }
        lines.push(...(o.lattice ? await readPage(page, got, n, height) : pageLines(got, n, height)));
        page.cleanup();
      }
      if (cancelled) return { text: '', source: 'pdf' as const, warnings, locations: [] };
      if (chars < 10) throw noTextLayerError();
      const { text, locations } = write(lines, warnings);
      return { text, source: 'pdf' as const, warnings, locations };
    } finally {
      await doc.destroy();
    }
  })();
  return withTimeout(work, o.timeoutMs, () => {
    cancelled = true;
    void task.destroy();
  });
}
