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
import { ImportError, ImportResult, ImportLocation, foldRadicals, joinWrapped, noTextLayerError } from './model';
import { PdfTextItem, loadPdfjs } from './pdfjs';

export interface PdfOptions {
  /** Pages read at most (a report has a few dozen; the rest is refused with a warning). */
  maxPages?: number;
  /** Text items read at most over all pages. */
  maxItems?: number;
  /** Milliseconds before the import gives up. */
  timeoutMs?: number;
}

const DEFAULTS = { maxPages: 300, maxItems: 400_000, timeoutMs: 60_000 };

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
function pageLines(items: Item[], page: number, height: number): PLine[] {
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
    if (isPageMark(text)) continue;
    lines.push({ page, y: g[0].y, size: Math.max(...g.map((i) => i.size)), chunks, left: 0, right: 0, height });
  }
  // A bare number alone in the top or bottom margin is a page number.
  const out = lines.filter((l) => !(l.chunks.length === 1 && /^\d{1,4}$/.test(l.chunks[0].text) && (l.y < height * 0.06 || l.y > height * 0.94)));
  if (out.length) {
    const left = Math.min(...out.map((l) => l.chunks[0].x0));
    const right = Math.max(...out.map((l) => l.chunks[l.chunks.length - 1].x1));
    for (const l of out) { l.left = left; l.right = right; }
  }
  return out;
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
    while (k > 0 && /^[0-9０-９.,+\-]+$/.test(c.items[k - 1].s)) k--;
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
    for (const i of seg.lines) {
      const l = lines[i];
      if (!isData(l)) continue;
      splitGlued(l, columns);
      const p = place(l, columns);
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
        page.cleanup();
        items += got.length;
        if (items > o.maxItems) {
          warnings.push(t('PDF 文字过多（超过 {0} 个文字块），只读取了前 {1} 页', o.maxItems, n - 1));
          break;
        }
        lines.push(...pageLines(got, n, height));
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
