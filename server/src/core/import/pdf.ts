/**
 * A PDF with a text layer → the normalized report text. pdfjs-dist (Mozilla's PDF engine: pure JS,
 * no download at run time, a legacy build made for Node) gives every text item with its position;
 * the page's drawing operators give its ruling lines and where each glyph is painted.
 *
 * Ruled tables (Word, WPS, LibreOffice, print-to-PDF) are read by their lines ("lattice"): the rules
 * give every cell, so an empty cell is a known blank; text that crosses a rule is cut there by the
 * positions of its glyphs; a row that a page break cut in two is joined again when the second part
 * can only continue the first. Tables without rules are read the camelot/tabula "stream" way: the
 * columns of a run of table lines come from the x-ranges of its values and of its header cells, and
 * each value is placed in its column by x; a number printed against its label (`规章0`) is cut off
 * by glyph positions. Whatever cannot be placed with certainty (a value that fits no column, two
 * values in one column, digits that may belong to a neighbouring row, text across a rule whose glyphs
 * are unknown) leaves that row unread, marked and said in the warnings, never guessed. Pages are
 * joined, page numbers dropped, wrapped prose rejoined.
 */
import { t } from '../i18n';
import { APPLICATION_ROWS, DISCLOSURE_BLOCKS, REVIEW_COLUMNS, REVIEW_GROUP_LABELS } from '../format/official';
import { closestLabel, labelBody, labelKey } from '../labels';
import { classifyCell, isPageMark } from '../parse/cells';
import { ImportError, ImportResult, ImportLocation, cellText, foldRadicals, joinWrapped, noTextLayerError } from './model';
import { PdfCMapReader, PdfPage, PdfTextItem, loadPdfjs } from './pdfjs';

export interface PdfOptions {
  /** Pages read at most (a report has a few dozen; the rest is refused with a warning). */
  maxPages?: number;
  /** Text items read at most over all pages. */
  maxItems?: number;
  /** Milliseconds before the import gives up. */
  timeoutMs?: number;
  /** Read ruled tables by their ruling lines (default); `false` uses text positions only. */
  lattice?: boolean;
  /**
   * Reads one of pdf.js's packed CMaps (`UniGB-UCS2-H` → the bytes of `UniGB-UCS2-H.bcmap`): needed
   * for CJK fonts a PDF uses without embedding them (STSong-Light with UniGB-UCS2-H …). The bundle
   * (dist/pdfjs.mjs) reads those shipped beside it; outside it, without a reader, such text is lost.
   */
  readCMap?: PdfCMapReader;
}

const DEFAULTS = { maxPages: 300, maxItems: 400_000, timeoutMs: 60_000, lattice: true };

interface Item {
  s: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** The pdf.js font of the item (to find its glyphs among the page's painted glyphs). */
  font?: string;
  /** Where each character of `s` is painted ([x0, x1], null for a space pdf.js inserted), when known. */
  boxes?: Array<[number, number] | null>;
}

interface Chunk {
  text: string;
  x0: number;
  x1: number;
  items: Item[];
  /** A number, a damaged number or a blank placeholder (`/`, `—`, `无`): a value cell. */
  value: boolean;
  /** Digits cut off the end of a label by glyph positions: placed only in a column other rows confirm. */
  cut?: boolean;
  /** Numbers side by side that glyph positions cannot separate (`0 1`): the row cannot be read. */
  opaque?: boolean;
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
  /** Lattice row: the x of its vertical rules. */
  edges?: number[];
  /** Lattice row whose values cannot be placed with certainty (text across a rule, two numbers in a cell). */
  unplaced?: boolean;
}

const WHITESPACE = /^[\s\u00a0\u3000]*$/;
const NUMBER_CHAR = /[0-9０-９.,，+\-－]/;

function isValue(text: string): boolean {
  const c = classifyCell(text);
  return c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && !!c.placeholder);
}

function isNumber(text: string): boolean {
  return classifyCell(text).kind === 'number';
}

function makeChunk(items: Item[]): Chunk {
  const text = items.map((i) => i.s).join('').replace(/\s+/g, ' ').trim();
  return { text, x0: items.reduce((m, i) => Math.min(m, i.x0), Infinity), x1: items.reduce((m, i) => Math.max(m, i.x1), -Infinity), items, value: isValue(text) };
}

// ---------------------------------------------------------------- glyph positions

/**
 * A chunk's text as tokens with their positions: runs of number characters and runs of other
 * characters, cut at spaces and at gaps between glyphs. A token's position is exact when it is a
 * whole text item or its glyphs' positions are known; otherwise it spans its item and is not exact.
 */
interface Token {
  s: string;
  x0: number;
  x1: number;
  num: boolean;
  items: Item[];
  exact: boolean;
}

function tokensOf(chunk: Chunk): Token[] {
  const out: Token[] = [];
  let cur: Token | null = null;
  let brk = true;
  const size = chunk.items.reduce((m, i) => Math.max(m, i.size), 0);
  const push = (s: string, x0: number, x1: number, item: Item, exact: boolean, num: boolean) => {
    if (cur && !brk && cur.num === num && cur.exact === exact && x0 - cur.x1 <= 0.25 * size) {
      cur.s += s;
      cur.x1 = Math.max(cur.x1, x1);
      if (!cur.items.includes(item)) cur.items.push(item);
    } else {
      cur = { s, x0, x1, num, items: [item], exact };
      out.push(cur);
    }
    brk = false;
  };
  for (const it of chunk.items) {
    const chars = [...it.s];
    const plain = !chars.some((c) => /\s/.test(c)) && (chars.every((c) => NUMBER_CHAR.test(c)) || !chars.some((c) => NUMBER_CHAR.test(c)));
    if (plain) {
      // One kind of characters, no space: the whole item is one token at its own exact position.
      push(it.s, it.x0, it.x1, it, true, NUMBER_CHAR.test(chars[0]));
      brk = false;
      continue;
    }
    chars.forEach((c, k) => {
      if (/\s/.test(c)) { brk = true; return; }
      const box = it.boxes?.[k];
      if (box) push(c, box[0], box[1], it, true, NUMBER_CHAR.test(c));
      else push(c, it.x0, it.x1, it, false, NUMBER_CHAR.test(c));
    });
  }
  return out;
}

function chunkOf(tokens: Token[], items: Item[]): Chunk {
  const text = tokens.map((k) => k.s).join('');
  return { text, x0: tokens.reduce((m, k) => Math.min(m, k.x0), Infinity), x1: tokens.reduce((m, k) => Math.max(m, k.x1), -Infinity), items, value: isValue(text) };
}

/**
 * Numbers a chunk holds besides its label, cut off by position: `规章 0 1 2` or `规章012` (digits
 * painted against the label) → `规章`, `0`, `1`, `2`; `0 1` (two numbers pdf.js put in one item) → `0`,
 * `1`. Only where every cut lies between glyphs whose positions are known; a chunk of several numbers
 * that cannot be cut so is opaque (its row is not read).
 */
function splitNumbers(chunk: Chunk, lastWords: boolean): Chunk[] {
  const mixed = /[0-9０-９]/.test(chunk.text) && (chunk.value ? /[0-9０-９.]\s+[+-]?[0-9０-９]/.test(chunk.text) || chunk.items.length > 1 : lastWords);
  if (!mixed) return [chunk];
  const tokens = tokensOf(chunk);
  if (tokens.length < 2) return [chunk];
  if (chunk.value) {
    // A number with its unit or note (`10万元`, `22（其中修订16件）`) is one cell; numbers side by side are not.
    if (!tokens.every((x) => x.num)) return [chunk];
    if (tokens.every((x) => x.exact && isNumber(x.s))) return tokens.map((x) => chunkOf([x], x.items));
    return [{ ...chunk, opaque: true }];
  }
  // Words, then numbers: the numbers are cut off while they are whole numbers at known places.
  let k = tokens.length;
  while (k > 0 && tokens[k - 1].num && tokens[k - 1].exact && isNumber(tokens[k - 1].s)) k--;
  if (k === tokens.length || k === 0 || !tokens[k - 1].exact) return [chunk];
  const head = tokens.slice(0, k);
  const text = head.map((x) => x.s).join('');
  const items = [...new Set(head.flatMap((x) => x.items))];
  const out: Chunk[] = [{ text, x0: head.reduce((m, x) => Math.min(m, x.x0), Infinity), x1: head.reduce((m, x) => Math.max(m, x.x1), -Infinity), items, value: isValue(text) }];
  for (const x of tokens.slice(k)) out.push({ ...chunkOf([x], x.items), cut: true });
  return out;
}

interface Glyph {
  ch: string;
  x0: number;
  x1: number;
  y: number;
  font: string;
}

const OP = {
  setGState: 9, save: 10, restore: 11, transform: 12, moveTo: 13, lineTo: 14, rectangle: 19, fill: 22, eoFill: 23, endPath: 28,
  beginText: 31, setCharSpacing: 33, setWordSpacing: 34, setHScale: 35, setLeading: 36, setFont: 37, setTextRise: 39,
  moveText: 40, setLeadingMoveText: 41, setTextMatrix: 42, nextLine: 43, showText: 44, formBegin: 74, formEnd: 75, constructPath: 91,
};

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const mul = (m: Matrix, n: number[]): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

interface FontInfo {
  fontMatrix?: number[];
  vertical?: boolean;
  isInvalidPDFjsFont?: boolean;
}

interface GlyphArg {
  unicode?: unknown;
  width?: unknown;
  isSpace?: unknown;
}

/**
 * Where every glyph of a page is painted, from its operator list: the text state of the PDF
 * imaging model (text and line matrices, font size, character and word spacing, horizontal scaling,
 * rise, TJ adjustments) followed exactly as pdf.js paints it. Horizontal text only; glyphs of fonts
 * whose metrics are unknown are left out (their items get no positions).
 */
function glyphsOf(fnArray: number[], argsArray: unknown[], fontOf: (name: string) => FontInfo | undefined): Glyph[] {
  interface State { ctm: Matrix; font: string; size: number; dir: number; fm?: number[]; ok: boolean; tc: number; tw: number; th: number; rise: number; leading: number }
  let st: State = { ctm: IDENTITY, font: '', size: 0, dir: 1, ok: false, tc: 0, tw: 0, th: 1, rise: 0, leading: 0 };
  const stack: State[] = [];
  let tm: Matrix = IDENTITY;
  let lx = 0;
  let ly = 0;
  let x = 0;
  let y = 0;
  const out: Glyph[] = [];
  const setFont = (name: string, size: number) => {
    const f = fontOf(name);
    st.font = name;
    st.dir = size < 0 ? -1 : 1;
    st.size = Math.abs(size);
    st.fm = f?.fontMatrix;
    st.ok = !!f && !f.vertical && !f.isInvalidPDFjsFont && Array.isArray(f.fontMatrix) && f.fontMatrix[1] === 0 && f.fontMatrix[0] !== 0;
  };
  const moveTo = (dx: number, dy: number) => { lx += dx; ly += dy; x = lx; y = ly; };
  for (let i = 0; i < fnArray.length && out.length < 500_000; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[];
    switch (fn) {
      case OP.save: stack.push({ ...st }); break;
      case OP.restore: st = stack.pop() ?? st; break;
      case OP.transform: st.ctm = mul(st.ctm, args as number[]); break;
      case OP.formBegin:
        stack.push({ ...st });
        if (Array.isArray(args?.[0]) && (args[0] as number[]).length === 6) st.ctm = mul(st.ctm, args[0] as number[]);
        break;
      case OP.formEnd: st = stack.pop() ?? st; break;
      case OP.beginText: tm = IDENTITY; lx = ly = x = y = 0; break;
      case OP.setTextMatrix: tm = (Array.isArray(args[0]) ? args[0] : args).slice(0, 6) as Matrix; lx = ly = x = y = 0; break;
      case OP.moveText: moveTo(args[0] as number, args[1] as number); break;
      case OP.setLeadingMoveText: st.leading = args[1] as number; moveTo(args[0] as number, args[1] as number); break;
      case OP.nextLine: moveTo(0, st.leading); break;
      case OP.setLeading: st.leading = -(args[0] as number); break;
      case OP.setCharSpacing: st.tc = args[0] as number; break;
      case OP.setWordSpacing: st.tw = args[0] as number; break;
      case OP.setHScale: st.th = (args[0] as number) / 100; break;
      case OP.setTextRise: st.rise = args[0] as number; break;
      case OP.setFont: setFont(args[0] as string, args[1] as number); break;
      case OP.setGState:
        for (const entry of (args[0] as unknown[]) ?? []) {
          if (Array.isArray(entry) && entry[0] === 'Font' && Array.isArray(entry[1])) setFont(entry[1][0] as string, entry[1][1] as number);
        }
        break;
      case OP.showText: {
        const glyphs = args[0] as Array<GlyphArg | number>;
        if (!Array.isArray(glyphs)) break;
        const m = mul(st.ctm, tm);
        const horizontal = Math.abs(m[1]) < 1e-6 && Math.abs(m[2]) < 1e-6 && m[0] > 0;
        const scale = st.size * (st.fm?.[0] ?? 0.001);
        const th = st.th * st.dir;
        let adv = 0;
        for (const g of glyphs) {
          if (typeof g === 'number') { adv -= (g * st.size) / 1000; continue; }
          const width = typeof g?.width === 'number' ? g.width * scale : 0;
          const spacing = (g?.isSpace ? st.tw : 0) + st.tc;
          if (st.ok && horizontal && typeof g?.unicode === 'string' && g.unicode !== '' && !/^\s+$/.test(g.unicode)) {
            const [gx0, gy] = apply(m, x + adv * th, y + st.rise);
            const [gx1] = apply(m, x + (adv + width) * th, y + st.rise);
            out.push({ ch: foldRadicals(g.unicode), x0: Math.min(gx0, gx1), x1: Math.max(gx0, gx1), y: gy, font: st.font });
          }
          adv += width + spacing * st.dir;
        }
        x += adv * th;
        break;
      }
    }
  }
  return out;
}

/** Items mixing numbers with other text, or holding spaces: the ones whose characters may need placing one by one. */
function wantsBoxes(it: Item): boolean {
  return /[0-9０-９]/.test(it.s) && (/[^0-9０-９\s.,，+-]/.test(it.s) || /[0-9０-９]\s/.test(it.s));
}

/** The first glyph of an x-ordered list whose left edge is at or after `x` (binary search). */
function firstAtOrAfter(list: Glyph[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].x0 < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each character's place for the items that may need cutting: the item's glyphs, in order, among the
 * page's painted glyphs on its baseline (same font, within its x-range). An item whose glyphs do not
 * match its text one for one gets no places, and is never cut.
 */
function attachBoxes(items: Item[], glyphs: Glyph[]): void {
  if (!glyphs.length) return;
  // Glyphs by font and baseline (whole points), each list in x order.
  const index = new Map<string, Glyph[]>();
  for (const g of glyphs) {
    const key = `${g.font}|${Math.round(g.y)}`;
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    list.push(g);
  }
  for (const list of index.values()) list.sort((a, b) => a.x0 - b.x0);
  for (const it of items) {
    if (!it.font || !wantsBoxes(it)) continue;
    const tol = 0.15 * it.size;
    const y = Math.round(it.y);
    // Each baseline's glyphs are in x order: only those from the item's left edge on are looked at.
    const near = [y - 1, y, y + 1].flatMap((k) => {
      const list = index.get(`${it.font}|${k}`) ?? [];
      const out: Glyph[] = [];
      for (let i = firstAtOrAfter(list, it.x0 - tol); i < list.length && list[i].x0 <= it.x1 + tol; i++) {
        const g = list[i];
        if (Math.abs(g.y - it.y) <= tol && g.x1 <= it.x1 + tol) out.push(g);
      }
      return out;
    }).sort((a, b) => a.x0 - b.x0);
    const chars = [...it.s];
    const boxes: Array<[number, number] | null> = [];
    let gi = 0;
    let ok = true;
    let last = -Infinity;
    for (const c of chars) {
      if (/\s/.test(c)) { boxes.push(null); continue; }
      const g = near[gi++];
      if (!g || g.ch !== c || g.x0 < last - tol) { ok = false; break; }
      boxes.push([g.x0, g.x1]);
      last = g.x1;
    }
    if (ok && gi === near.length) it.boxes = boxes;
  }
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
    // The run's right edge, kept as it grows: a line may hold very many items.
    let right = g[0].x1;
    for (let i = 1; i < g.length; i++) {
      const prev = run[run.length - 1];
      const gap = g[i].x0 - right;
      // Numbers of two cells are never one number: digits after digits across a space-wide gap start a new chunk.
      const apart = gap > 0.2 * Math.min(prev.size, g[i].size) && /[\d.]$/.test(prev.s) && /^[+-]?\d/.test(g[i].s);
      if (apart || gap > Math.max(2.5, 0.3 * Math.min(prev.size, g[i].size))) {
        chunks.push(makeChunk(run));
        run = [];
        right = -Infinity;
      }
      run.push(g[i]);
      right = Math.max(right, g[i].x1);
    }
    chunks.push(makeChunk(run));
    const text = chunks.map((c) => c.text).join(' ');
    if (pageMarks && isPageMark(text)) continue;
    // Numbers are cut off a chunk's end only where nothing but numbers follows it (a row: its label,
    // then its values); in prose a number between words stays where it is.
    // (One backward pass for what follows each chunk: a line may hold very many.)
    const valuesAfter: boolean[] = [];
    for (let k = chunks.length - 1, all = true; k >= 0; k--) { valuesAfter[k] = all; all = all && chunks[k].value; }
    const split = chunks.flatMap((c, k) => splitNumbers(c, valuesAfter[k]));
    // A placeholder before words (`无` of a label printed a character per line, left of a row's
    // label) is a piece of that label: values come after their row's label.
    const wordsAfter: boolean[] = [];
    for (let k = split.length - 1, any = false; k >= 0; k--) { wordsAfter[k] = any; any = any || !split[k].value; }
    split.forEach((c, k) => {
      if (c.value && classifyCell(c.text).kind === 'blank' && wordsAfter[k]) c.value = false;
    });
    lines.push({ page, y: g[0].y, size: g.reduce((m, i) => Math.max(m, i.size), 0), chunks: split, left: 0, right: 0, height });
  }
  // A bare number alone in the top or bottom margin is a page number.
  const out = !pageMarks ? lines : lines.filter((l) => !(l.chunks.length === 1 && /^\d{1,4}$/.test(l.chunks[0].text) && (l.y < height * 0.06 || l.y > height * 0.94)));
  if (out.length) {
    const left = out.reduce((m, l) => Math.min(m, l.chunks[0].x0), Infinity);
    const right = out.reduce((m, l) => Math.max(m, l.chunks[l.chunks.length - 1].x1), -Infinity);
    for (const l of out) { l.left = left; l.right = right; }
  }
  return out;
}


// ---------------------------------------------------------------- ruling lines (lattice)

interface HRule { y: number; x0: number; x1: number }
interface VRule { x: number; y0: number; y1: number }

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
    else if (fn === OP.formBegin) {
      // A form XObject draws in its own space: its matrix applies until its end.
      stack.push(ctm);
      const m = (argsArray[i] as unknown[] | undefined)?.[0];
      if (Array.isArray(m) && m.length === 6) ctm = mul(ctm, m as number[]);
    } else if (fn === OP.formEnd) ctm = stack.pop() ?? ctm;
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

/** How far text may reach past a rule and still be inside the cell (glyph boxes include side bearings). */
const RULE_SLACK = 1.2;

/**
 * The cells text lies in: an item inside one cell goes there whole; otherwise each of its glyphs goes
 * to the cell that holds most of it (three quarters at least: a glyph a narrow cell lets overhang its
 * rule). Returns false when an item crosses a rule and its glyphs' places are unknown, or a glyph
 * lies across a rule: then the row cannot be read.
 */
function assignItem(it: Item, xs: number[], cells: Item[][]): boolean {
  const cellOf = (x0: number, x1: number) => {
    const c = (x0 + x1) / 2;
    const k = xs.findIndex((x, i) => i + 1 < xs.length && c >= x && c <= xs[i + 1]);
    if (k < 0) return -1;
    // Past the table's outer rules there is no other cell: text overhanging them stays in the edge cell.
    const left = k === 0 ? -Infinity : xs[k] - RULE_SLACK;
    const right = k + 2 === xs.length ? Infinity : xs[k + 1] + RULE_SLACK;
    if (x0 >= left && x1 <= right) return k;
    return Math.min(c - xs[k], xs[k + 1] - c) >= 0.25 * (x1 - x0) ? k : -1;
  };
  const chars = [...it.s];
  const whole = cellOf(it.x0, it.x1);
  const within = whole >= 0 && (it.x0 >= xs[whole] - RULE_SLACK || whole === 0) && (it.x1 <= xs[whole + 1] + RULE_SLACK || whole + 2 === xs.length);
  if (whole >= 0 && (chars.length === 1 || within)) {
    cells[whole].push(it);
    return true;
  }
  if (!it.boxes || it.boxes.length !== chars.length || chars.length === 1) {
    const c = (it.x0 + it.x1) / 2;
    const k = xs.findIndex((x, i) => i + 1 < xs.length && c >= x && c <= xs[i + 1]);
    if (k >= 0) cells[k].push(it);
    return false;
  }
  // Consecutive characters in one cell make one piece of the item, with the places of its glyphs.
  let ok = true;
  let piece: { k: number; s: string; x0: number; x1: number } | null = null;
  const flush = () => {
    if (piece) cells[piece.k].push({ ...it, s: piece.s, x0: piece.x0, x1: piece.x1, boxes: undefined });
    piece = null;
  };
  chars.forEach((c, i) => {
    const box = it.boxes![i];
    if (!box) { if (piece) piece.s += c; return; }
    const k = cellOf(box[0], box[1]);
    if (k < 0) { ok = false; return; }
    if (piece && piece.k === k) { piece.s += c; piece.x1 = box[1]; return; }
    flush();
    piece = { k, s: c, x0: box[0], x1: box[1] };
  });
  flush();
  return ok;
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
    let unplaced = false;
    for (const it of items) {
      if (claimed.has(it)) continue;
      const cy = it.y + it.size * 0.3;
      const cx = (it.x0 + it.x1) / 2;
      if (cy > top || cy < bottom || cx < xs[0] || cx > xs[xs.length - 1]) continue;
      if (!WHITESPACE.test(it.s) && !assignItem(it, xs, cells)) unplaced = true;
      claimed.add(it);
    }
    // A row of empty cells stays: its cells are blanks (an unfilled review table is one such row).
    const texts = cells.map((c) => {
      if (!c.length) return '';
      const lines = pageLines(c, page, height, false);
      // Two numbers side by side in one cell are not one number.
      if (lines.some((l) => l.chunks.some((ch) => ch.opaque) || l.chunks.filter((ch) => ch.value).length > 1)) unplaced = true;
      return cellText(lines.map((l) => l.chunks.map((ch) => ch.text).join('')));
    });
    const size = Math.max(0, ...cells.flat().map((i) => i.size));
    rows.push({ page, y: top, size, chunks: [], left: 0, right: 0, height, cells: texts, edges: xs, unplaced });
  }
  return { rows, claimed };
}

// ---------------------------------------------------------------- rows cut by a page break

const ROW_NUMBER = /^(?:\d+\s*[.．、]|[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．])/;

type CellKind = 'empty' | 'value' | 'text';
const kindOf = (s: string): CellKind => (s.trim() === '' ? 'empty' : isValue(s) ? 'value' : 'text');

/** The bodies of the official row labels of the tables (both formats), for telling a row label from a piece of one. */
let ROW_BODIES: string[] | undefined;
function rowBodies(): string[] {
  ROW_BODIES ??= [...new Set([
    ...Object.values(APPLICATION_ROWS).flat().map((d) => d.label),
    ...Object.values(DISCLOSURE_BLOCKS).flat().flatMap((b) => b.rows.flatMap((r) => [r.label, ...r.variants])),
    ...Object.values(REVIEW_GROUP_LABELS), ...REVIEW_COLUMNS, '信息内容',
  ].map((l) => labelBody(labelKey(l))))];
  return ROW_BODIES;
}

/**
 * Whether the label text at the top of a page opens a row of its own rather than continuing the
 * label above it (`before`): numbered (`1.`, `（二）`, `四、`), or an official row label (or its
 * start, or close to one) that does not complete the label above (`关不掌握相关政府信息` after `1.本机`).
 */
function opensRow(text: string, before: string): boolean {
  if (ROW_NUMBER.test(text.trim())) return true;
  const body = labelBody(labelKey(text));
  if (body.length < 2) return false;
  const bodies = rowBodies();
  if (bodies.includes(body)) return true;
  const joined = labelBody(labelKey(before + text));
  if (bodies.some((b) => b.startsWith(joined)) || closestLabel(joined, bodies) >= 0) return false;
  return bodies.some((b) => b.startsWith(body) || body.startsWith(b)) || closestLabel(body, bodies) >= 0;
}

/**
 * Whether a label names one official row by itself: its label, close to it, the start of only one
 * (four characters at least), or holding a row's signature (`不掌握`). A piece of a label cut over
 * lines (`3.补`, `1.属于`) does not.
 */
function namesRow(text: string): boolean {
  const body = labelBody(labelKey(text));
  if (body.length < 2) return false;
  const bodies = rowBodies();
  if (bodies.includes(body) || closestLabel(body, bodies) >= 0) return true;
  if (body.length >= 4 && bodies.filter((b) => b.startsWith(body)).length === 1) return true;
  const key = labelKey(text);
  return Object.values(APPLICATION_ROWS).flat().some((d) => d.signatures.some((g) => key.includes(g)));
}

/**
 * A ruled table row cut by a page break (Word and LibreOffice let a row break across pages: the
 * bottom of the page ends the row, the rest of its lines open the next page) is joined again, cell
 * by cell, when the part on the next page can only be its rest: the same columns, no words where the
 * first part has numbers (or the reverse), and no label of its own: its label cell is empty or holds
 * a piece of a label (`权益` after `4.保护第三方合法`), never a numbered or official row label.
 * Digits of one cell are then one number again (`3` / `0` → 30), as the lines of a cell on one page are.
 */
function joinCutRows(lines: PLine[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i];
    const ac = a.cells;
    if (!ac || !a.edges || a.unplaced) continue;
    // The next ruled row: the first on the next page, with only the margins (page numbers, a running
    // header or footer) between them.
    let j = i + 1;
    while (j < lines.length && !lines[j].cells) j++;
    const b = lines[j];
    const bc = b?.cells;
    if (!b || !bc || !b.edges || b.page !== a.page + 1 || b.unplaced) continue;
    if (lines.slice(i + 1, j).some((l) => !((l.page === a.page && l.y < a.y) || (l.page === b.page && l.y > b.y)))) continue;
    if (a.edges.length !== b.edges.length || a.edges.some((x, k) => Math.abs(x - b.edges![k]) > 1.5)) continue;
    const ka = ac.map(kindOf);
    const kb = bc.map(kindOf);
    // The row label: the last words before the numbers (of a row of blanks, its last words).
    const firstValue = ka.findIndex((k, c) => k === 'value' || kb[c] === 'value');
    if (firstValue === 0) continue;
    let m = -1;
    for (let c = (firstValue < 0 ? ka.length : firstValue) - 1; c >= 0; c--) if (ka[c] === 'text') { m = c; break; }
    if (m < 0) continue;
    // Its words stand only where the first part's label cells are, and none of them opens a row.
    if (kb.some((k, c) => k === 'text' && (c > m || (ka[c] === 'text' && opensRow(bc[c], ac[c]))))) continue;
    if (ka.some((k, c) => c > m && k === 'text' && kb[c] === 'value')) continue;
    a.cells = ac.map((s, c) => cellText([s, bc[c]]));
    lines.splice(j, 1);
    i--; // the joined row may go on over one more page break
  }
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

/**
 * The value columns of a run: the values' x-ranges, completed by header leaves where they agree.
 * Digits cut off a label count only where another row confirms their column: a value of its own
 * there, or digits cut off the same way.
 */
function columnsOf(lines: PLine[], seg: Segment): { columns: Range[]; confirmed: Set<Chunk> } {
  const data = seg.lines.map((i) => lines[i]).filter(isData);
  const sure = data.flatMap((l) => l.chunks.filter((c) => c.value && !c.cut));
  const cut = data.flatMap((l) => l.chunks.filter((c) => c.value && c.cut).map((c) => ({ c, l })));
  const confirmed = new Set(cut.filter(({ c, l }) => sure.some((v) => overlap(v, c) > 0) || cut.some((o) => o.l !== l && overlap(o.c, c) > 0)).map((x) => x.c));
  const cols = clusters([...sure, ...confirmed]);
  if (!cols.length) return { columns: cols, confirmed };
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
      const columns = leaves.map((l) => {
        const c = cols.find((x) => overlap(l, x) > 0);
        return c ? { x0: Math.min(l.x0, c.x0), x1: Math.max(l.x1, c.x1) } : l;
      });
      return { columns, confirmed };
    }
  }
  return { columns: cols, confirmed };
}

function place(line: PLine, columns: Range[], confirmed: Set<Chunk>): Placed {
  const labels: Chunk[] = [];
  const cells: Array<Chunk[]> = columns.map(() => []);
  let bad = line.chunks.some((c) => c.opaque);
  for (const c of line.chunks) {
    if (!c.value && c.x1 <= columns[0].x0 + 1) { labels.push(c); continue; }
    const centre = (c.x0 + c.x1) / 2;
    let k = columns.findIndex((r) => centre >= r.x0 - 0.5 && centre <= r.x1 + 0.5);
    if (k < 0) {
      const best = columns.map((r, i) => [overlap(r, c), i]).sort((a, b) => b[0] - a[0])[0];
      k = best[0] > 0 ? best[1] : -1;
    }
    if (c.cut && (k < 0 || overlap(columns[k], c) <= 0 || !confirmed.has(c))) {
      // Digits cut off a label where no other row confirms a column: left on the label as printed
      // (`规章0`), which the reader does not read.
      const label = labels[labels.length - 1];
      if (label) labels[labels.length - 1] = { ...label, text: label.text + c.text, x1: c.x1 };
      else bad = true;
      continue;
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
/** The other value cells of such a row: words, so that no reader takes them for blanks. */
const UNKNOWN = '？';

/** The text of an unreadable lattice row: its label cells, then the mark where its first value would be, as wide as it was. */
function unplacedRow(cells: string[]): string {
  let first = cells.findIndex((c) => isValue(c));
  if (first < 0) first = cells.length;
  let labels = 0;
  for (let k = 0; k < first; k++) if (cells[k].trim() !== '') labels = k + 1;
  const out = [...cells.slice(0, labels), UNPLACED, ...cells.slice(labels + 1).map(() => UNKNOWN)];
  if (out[0] === '') out[0] = ' ';
  return out.join('\t');
}

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
    const { columns, confirmed } = columnsOf(lines, seg);
    if (!columns.length) continue;
    const placed = new Map<number, Placed>();
    for (const i of seg.lines) {
      if (!isData(lines[i])) continue;
      placed.set(i, place(lines[i], columns, confirmed));
    }
    // A row with blank columns whose values may be on a neighbouring line (a cell of two paragraphs
    // prints its number a line lower), or a line of numbers without a row label of its own next to
    // another (a narrow column stacks the digits of a number over lines: `1` on one line, `7` under
    // it, with the row label between or beside them): such a line could be its own row, the next
    // row's or the rest of a number. Without ruling lines that cannot be told, so neither is read.
    const partial = (p: Placed | undefined) => !!p?.cells && p.cells.some((c) => c === '');
    const valuesOnly = (p: Placed | undefined) => !!p && p.labels.length === 0;
    // Lines next to each other in the text, or the last of a page and the first of the next (a row a page break cut).
    const near = (a: number, b: number) => (lines[a].page === lines[b].page ? Math.abs(lines[a].y - lines[b].y) <= 2.6 * Math.max(lines[a].size, lines[b].size) : Math.abs(lines[a].page - lines[b].page) === 1);
    const data = [...placed.keys()];
    const inSeg = new Set(seg.lines);
    const fragment = (j: number) => j >= 0 && j < lines.length && !placed.has(j) && !lines[j].cells && !isData(lines[j]) && !isWideProse(lines[j]);
    const drop = new Set<number>();
    for (const [k, i] of data.entries()) {
      const p = placed.get(i)!;
      const around = [data[k - 1], data[k + 1]].filter((j) => j !== undefined && near(i, j));
      const named = p.labels.some((c) => namesRow(c.text));
      if (valuesOnly(p) && partial(p)) drop.add(i);
      // Blanks of a row next to bare values (however far: a cell's second paragraph): those values may be the row's.
      if (partial(p) && [data[k - 1], data[k + 1]].some((j) => j !== undefined && valuesOnly(placed.get(j)))) drop.add(i);
      if (partial(p) && !named && around.length) {
        // Some of a row's numbers without the row's label, next to another line of numbers: the
        // digits of a narrow column stacked over lines, or the rest of a row a page break cut.
        drop.add(i);
        for (const j of around) drop.add(j);
      }
      // A numbered label too short to name its row (`1.信`, the rest of it under the numbers) after
      // the pieces of another label (`仍不` `明确`): a reader joining pieces may give these numbers to that label.
      if (!named && p.labels.some((c) => ROW_NUMBER.test(c.text.trim())) && fragment(i - 1)) drop.add(i);
    }
    for (const i of drop) { const p = placed.get(i)!; p.cells = null; }
    for (const i of seg.lines) {
      const p = placed.get(i);
      if (!p) continue;
      const labels = p.labels.map((c) => c.text);
      if (!p.cells) {
        // The mark stands in the first value column and `？` in the others, the row as wide as the
        // rest: however a reader aligns the row, it finds words where numbers belong, never a blank.
        unplaced++;
        const mark = [UNPLACED, ...columns.slice(1).map(() => UNKNOWN)];
        rowText.set(i, [...(labels.length ? labels : [' ']), ...mark].join('\t'));
        // The pieces of labels around it are marked too: joined into a label, they could otherwise
        // wait for numbers and take those of a later row.
        for (const step of [-1, 1]) {
          for (let j = i + step; inSeg.has(j) && fragment(j) && !rowText.has(j); j += step) rowText.set(j, [lines[j].chunks.map((c) => c.text).join(''), ...mark].join('\t'));
        }
        continue;
      }
      const cells = [...labels, ...p.cells];
      if (cells[0] === '') cells[0] = ' ';
      rowText.set(i, cells.join('\t'));
    }
  }
  let para: { text: string; page: number; line: PLine } | null = null;
  const flush = () => {
    if (para) push(para.text, para.page);
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.cells) {
      flush();
      if (l.unplaced) {
        unplaced++;
        push(unplacedRow(l.cells), l.page);
        continue;
      }
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
  if (unplaced) warnings.push(t('PDF 表格中有 {0} 行的数值无法按列位置确定，这些行未读取（已标注“此行数值无法按列定位”）', unplaced));
  return { text: out.join('\n') + '\n', locations };
}

// ---------------------------------------------------------------- reading

/** A page's lines: table rows from its ruling lines where it has a ruled table, the rest by position. */
async function readPage(page: PdfPage, items: Item[], n: number, height: number, lattice: boolean): Promise<PLine[]> {
  // The operator list gives the ruling lines and where each glyph is painted. Without ruling lines it
  // is needed only when some item mixes numbers with other text (a number against its label).
  const ops = page.getOperatorList && (lattice || items.some(wantsBoxes)) ? await page.getOperatorList() : undefined;
  if (ops && items.some(wantsBoxes)) {
    const objs = page.commonObjs;
    const fontOf = (name: string): FontInfo | undefined => {
      try {
        return objs?.has(name) ? (objs.get(name) as FontInfo) : undefined;
      } catch {
        return undefined;
      }
    };
    attachBoxes(items, glyphsOf(ops.fnArray, ops.argsArray, fontOf));
  }
  const plain = pageLines(items, n, height);
  if (!lattice || !ops) return plain;
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

/**
 * pdf.js's CMap reader over a reader of the packed CMap files: called only when a PDF uses a CJK font
 * it does not embed. The name is one pdf.js knows (it checks names against its list), never a path.
 * (Standard font data is not needed: text and glyph widths of the standard 14 fonts come from pdf.js's
 * own metrics; the font programs only draw glyphs.)
 */
function cmapFactory(read: PdfCMapReader): Record<string, unknown> {
  class CMapReaderFactory {
    async fetch({ name }: { name: string }) {
      if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`CMap ${name}`);
      return { cMapData: await read(name), isCompressed: true };
    }
  }
  return { CMapReaderFactory, cMapPacked: true };
}

/** The normalized report text of a PDF with a text layer. */
export async function importPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<ImportResult> {
  const o = { ...DEFAULTS, ...options };
  if (!isPdf(bytes)) throw notPdf();
  const pdfjs = await loadPdfjs();
  const read = o.readCMap ?? pdfjs.readCMap;
  const task = pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false, ...(read ? cmapFactory(read) : {}) });
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
          got.push({ s, x0: e, x1: e + (it.width || size * s.length), y: f, size, font: it.fontName });
          chars += s.replace(/\s/g, '').length;
        }
        items += got.length;
        if (items > o.maxItems) {
          page.cleanup();
          warnings.push(t('PDF 文字过多（超过 {0} 个文字块），只读取了前 {1} 页', o.maxItems, n - 1));
          break;
        }
        lines.push(...(await readPage(page, got, n, height, o.lattice)));
        page.cleanup();
      }
      if (cancelled) return { text: '', source: 'pdf' as const, warnings, locations: [] };
      if (chars < 10) throw noTextLayerError();
      joinCutRows(lines);
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
