/**
 * Text primitives: lines with their offsets, UTF-16 positions, label keys and exact decimals.
 * Offsets are UTF-16 code units into the original text, as LSP wants them.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Line {
  index: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  text: string;
  /** The character classes the line holds (`charClass` bits), found while splitting. */
  classes?: number;
}

/**
 * Character classes, one bit each, that a line's `classes` records: the parser's and the rules'
 * per-line tests ask them first (an array load) instead of scanning every line once per test.
 * DIRECT holds each character's own classes; CHAR_CLASSES adds the classes it may fold into
 * (`foldCompat`), found the first time the character is met (UNRESOLVED until then).
 */
const DIRECT = new Uint16Array(0x10000);
const CHAR_CLASSES = new Uint16Array(0x10000);
const UNRESOLVED = 0x8000;
/** Two spaces in a row (space-aligned PDF text): the one class that is not a character. */
export const DOUBLE_SPACE = 1;
let nextClass = 1;
/** Classes that also hold what folds into their characters, with those characters. */
const FOLDING: Array<{ bit: number; targets: Set<number> }> = [];
let tableBuilt = false;

/**
 * A bit of `Line.classes` set on every line holding one of `chars` (or a character of `ranges`);
 * with `folding`, also on every line holding a character that folding (`foldCompat`: a variant
 * mapped, NFKC) may turn into one of them. Folding targets are CJK ideographs: NFKC makes one only
 * by decomposing a character, never by composing two, so a character's own forms decide.
 */
export function charClass(chars: string, folding = false, ranges: Array<[number, number]> = []): number {
  if (nextClass > 14) throw new Error('too many character classes');
  const bit = 2 ** nextClass++;
  for (let i = 0; i < chars.length; i++) DIRECT[chars.charCodeAt(i)] |= bit;
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) DIRECT[c] |= bit;
  if (folding) {
    const targets = new Set<number>();
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      if (c < 0x3400 || c > 0x9fff) throw new Error('folding classes are of CJK ideographs');
      targets.add(c);
    }
    FOLDING.push({ bit, targets });
  }
  tableBuilt = false;
  return bit;
}

/** The table, built at first use: ASCII and CJK ideographs fold to themselves (the variants excepted). */
function buildTable(): void {
  for (let c = 0; c < 0x10000; c++) CHAR_CLASSES[c] = c < 0x80 || (c >= 0x3400 && c <= 0x9fff) ? DIRECT[c] : DIRECT[c] | UNRESOLVED;
  for (const ch of Object.keys(VARIANT_CHARS)) CHAR_CLASSES[ch.charCodeAt(0)] |= UNRESOLVED;
  tableBuilt = true;
}

/** A character's classes with what it may fold into: its variant's and its NFKC forms' characters. */
function resolve(c: number): number {
  let v = DIRECT[c];
  if (c >= 0xd800 && c <= 0xdfff) {
    // Half of a character beyond the BMP: it may fold into anything.
    for (const f of FOLDING) v |= f.bit;
  } else if (FOLDING.length) {
    const ch = String.fromCharCode(c);
    const forms = ch + ch.normalize('NFKC') + (intendedChar(ch) ?? '') + (intendedChar(ch) ?? '').normalize('NFKC');
    for (const f of FOLDING) for (let i = 0; i < forms.length; i++) if (f.targets.has(forms.charCodeAt(i))) v |= f.bit;
  }
  CHAR_CLASSES[c] = v;
  return v;
}

/** The classes of a line's text (lines made elsewhere than splitLines). */
export function classesOf(text: string): number {
  if (!tableBuilt) buildTable();
  let classes = 0;
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let v = CHAR_CLASSES[c];
    if (v & UNRESOLVED) v = resolve(c);
    classes |= v;
    if (c === 0x20 && prev === 0x20) classes |= DOUBLE_SPACE;
    prev = c;
  }
  return classes;
}

/** Whether a line holds a character of one of the classes `bits`. */
export function lineHas(line: Line, bits: number): boolean {
  return ((line.classes ?? classesOf(line.text)) & bits) !== 0;
}

/** Splits on \r\n, \n and a lone \r, keeping offsets into the original text. Linear. */
export function splitLines(text: string): Line[] {
  if (!tableBuilt) buildTable();
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  let classes = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ index: lines.length, start, end: i, text: text.slice(start, i), classes });
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      classes = 0;
      prev = 0;
      continue;
    }
    let v = CHAR_CLASSES[c];
    if (v & UNRESOLVED) v = resolve(c);
    classes |= v;
    if (c === 0x20 && prev === 0x20) classes |= DOUBLE_SPACE;
    prev = c;
  }
  lines.push({ index: lines.length, start, end: n, text: text.slice(start), classes });
  return lines;
}

/** The line break the document mostly uses, so inserted text matches it. */
export function detectEol(text: string): string {
  const i = text.indexOf('\n');
  if (i > 0 && text.charCodeAt(i - 1) === 13) return '\r\n';
  if (i < 0 && text.includes('\r')) return '\r';
  return '\n';
}

/** Converts offsets to line/character positions by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[];
  constructor(lines: Line[], private readonly length: number) {
    const starts: number[] = [];
    for (let i = 0; i < lines.length; i++) starts.push(lines[i].start);
    this.starts = starts;
  }
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
  offset(pos: Position): number {
    const line = Math.max(0, Math.min(pos.line, this.starts.length - 1));
    return Math.min(this.starts[line] + Math.max(0, pos.character), this.length);
  }
}

/** Characters that are written for another in real reports, and the one meant. Data, not code. */
export const VARIANT_CHARS: Record<string, string> = {
  '\u91C6': '采', // 釆 (biàn, a radical) for 采
  '\u53CE': '收', // 収 (Japanese form) for 收
  '\u6238': '户', // 戸 (Japanese form) for 户
  '\u770C': '县', // 県 (Japanese form) for 县
  '\u51E6': '处', // 処 (Japanese form) for 处
  '\u767A': '发', // 発 (Japanese form) for 发
  '\u95A2': '关', // 関 (Japanese form) for 关
  '\u5358': '单', // 単 (Japanese form) for 单
};

/**
 * The character meant, for a variant or a Kangxi/CJK radical that PDF text extraction emits
 * (⼀ U+2F00 for 一 and so on; NFKC maps those), or undefined for an ordinary character.
 */
export function intendedChar(ch: string): string | undefined {
  const mapped = VARIANT_CHARS[ch];
  if (mapped) return mapped;
  const c = ch.charCodeAt(0);
  if ((c >= 0x2f00 && c <= 0x2fdf) || (c >= 0x2e80 && c <= 0x2eff)) {
    const n = ch.normalize('NFKC');
    if (n !== ch) return n;
  }
  return undefined;
}

const VARIANT_RE = new RegExp(`[${Object.keys(VARIANT_CHARS).join('')}\u2e80-\u2eff\u2f00-\u2fdf]`, 'g');

/** Characters NFKC changes in these reports: full-width forms, compatibility ideographs, circled digits. */
const NEEDS_NFKC = /[\u2460-\u24ff\u2e80-\u2fdf\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Variant characters mapped and NFKC applied, skipping NFKC (the hot cost) when nothing needs it. */
export function foldCompat(s: string): string {
  VARIANT_RE.lastIndex = 0;
  const v = VARIANT_RE.test(s) ? s.replace(VARIANT_RE, (c) => intendedChar(c) ?? c) : s;
  return NEEDS_NFKC.test(v) ? v.normalize('NFKC') : v;
}

const FULL_WIDTH_DIGIT = /[０-９]/;

/**
 * `s.normalize('NFKC')`, without the call for a string of printable ASCII, CJK ideographs and `、。`
 * only: those characters have no decomposition and none composes with another, so NFKC leaves
 * such a string as it is.
 */
export function nfkc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x20 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fff) || c === 0x3001 || c === 0x3002)) return s.normalize('NFKC');
  }
  return s;
}

/** Full-width digits (`１２`) as ASCII, same length as the source, so match indexes stay offsets. */
export function foldDigits(s: string): string {
  // Most lines have none: a test is cheaper than a replace with a callback.
  if (!FULL_WIDTH_DIGIT.test(s)) return s;
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Whitespace as it appears in copied text: tabs, NBSP, ideographic space, BOM, zero-width space. */
export const WS = '\\s\\u00a0\\u3000\\ufeff\\u200b';
/** `s.trim() === ''` without making the trimmed string: only JS whitespace (WS but the zero-width space). */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x200b || !isTrimmable(c)) return false;
  }
  return true;
}

/** Whether a character code is one of WS (`[\s\u00a0\u3000\ufeff\u200b]`). */
export function isTrimmable(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || c === 0xfeff || c === 0x200b || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

/**
 * Trims and reports how much was cut from each side, so spans stay exact. Index loops, not
 * regexes: `[ws]+$` retries from every position of a long whitespace run (quadratic).
 */
export function trimSpan(text: string, start: number): { text: string; start: number; end: number } {
  let a = 0;
  let b = text.length;
  while (a < b && isTrimmable(text.charCodeAt(a))) a++;
  while (b > a && isTrimmable(text.charCodeAt(b - 1))) b--;
  return { text: text.slice(a, b), start: start + a, end: start + b };
}

/** An exact decimal: units × 10^-scale. Amounts are added and compared without float drift. */
export class Decimal {
  constructor(readonly units: bigint, readonly scale: number) {}
  static fromInt(n: number): Decimal {
    return new Decimal(BigInt(n), 0);
  }
  static parse(s: string): Decimal | undefined {
    const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
    if (!m) return undefined;
    const frac = m[3] ?? '';
    const units = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
    return new Decimal(units, frac.length);
  }
  private align(o: Decimal): [bigint, bigint, number] {
    const scale = Math.max(this.scale, o.scale);
    return [this.units * 10n ** BigInt(scale - this.scale), o.units * 10n ** BigInt(scale - o.scale), scale];
  }
  add(o: Decimal): Decimal {
    if (this.scale === o.scale) return new Decimal(this.units + o.units, this.scale);
    const [a, b, s] = this.align(o);
    return new Decimal(a + b, s);
  }
  sub(o: Decimal): Decimal {
    const [a, b, s] = this.align(o);
    return new Decimal(a - b, s);
  }
  cmp(o: Decimal): number {
    if (this.scale === o.scale) return this.units < o.units ? -1 : this.units > o.units ? 1 : 0;
    const [a, b] = this.align(o);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  /** Divides by 10^k exactly (元 → 万元 is k = 4). */
  shift(k: number): Decimal {
    return new Decimal(this.units, this.scale + k);
  }
  isInteger(): boolean {
    return this.scale === 0 || this.units % 10n ** BigInt(this.scale) === 0n;
  }
  isNegative(): boolean {
    return this.units < 0n;
  }
  toString(): string {
    const neg = this.units < 0n;
    let digits = (neg ? -this.units : this.units).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, '0');
      let int = digits.slice(0, digits.length - this.scale);
      const frac = digits.slice(digits.length - this.scale).replace(/0+$/, '');
      if (!int) int = '0';
      digits = frac ? `${int}.${frac}` : int;
    }
    return (neg && digits !== '0' ? '-' : '') + digits;
  }
  toNumber(): number {
    // An integer converts directly (both round to the nearest double); a fraction through its digits.
    return this.scale === 0 ? Number(this.units) : Number(this.toString());
  }
}

export function sumDecimals(values: Decimal[]): Decimal {
  let s = new Decimal(0n, 0);
  for (const v of values) s = s.add(v);
  return s;
}

/**
 * HTML tags, comments and entities that copied or converted text carries (`<span style=…>`,
 * `<!--[if !supportLists]-->`, `&nbsp;`), replaced by spaces of the same length: the parser
 * reads this view, and every offset still points into the original text.
 */
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Runs of spaces, kept by length (tags recur: `<p>`, `<td>`, `&nbsp;`). */
const SPACE_RUNS: Array<string | undefined> = new Array(512).fill(undefined);
function spaces(n: number): string {
  if (n >= SPACE_RUNS.length) return ' '.repeat(n);
  return (SPACE_RUNS[n] ??= ' '.repeat(n));
}

/**
 * The text with its markup — what `/<!--[^]{0,2000}?-->|<\/?[a-zA-Z][^<>]{0,2000}>|&(?:[a-zA-Z]{2,8}|#\d{2,6});/g`
 * matches — read as spaces, line breaks kept. Found by walking from one `<` or `&` to the next
 * (each of `<`, `>`, `&`, `-->` and the line breaks is searched along the text once: the next one
 * found is kept until the walk passes it), and copied in pieces: converter HTML has thousands of
 * tags, and a match object or a callback per tag was the parser's hottest spot.
 */
export function maskMarkup(text: string): string {
  let lt = text.indexOf('<');
  let amp = text.indexOf('&');
  if (lt < 0 && amp < 0) return text;
  const parts: string[] = [];
  // The next `>`, `<` (inside a tag), `-->`, line feed and carriage return found (-2: not yet searched).
  let gt = -2;
  let inner = -2;
  let close = -2;
  let lf = -2;
  let cr = -2;
  let last = 0;
  let pos = 0;
  for (;;) {
    if (lt >= 0 && lt < pos) lt = text.indexOf('<', pos);
    if (amp >= 0 && amp < pos) amp = text.indexOf('&', pos);
    const p = lt < 0 ? amp : amp < 0 ? lt : lt < amp ? lt : amp;
    if (p < 0) break;
    let end = -1;
    if (p === lt) {
      if (text.startsWith('<!--', p)) {
        // The first `-->` within 2,000 characters of the opening.
        if (close === -2 || (close >= 0 && close < p + 4)) close = text.indexOf('-->', p + 4);
        if (close >= 0 && close - (p + 4) <= 2000) end = close + 3;
      } else {
        let i = p + 1;
        if (text.charCodeAt(i) === 0x2f) i++;
        if (isAsciiLetter(text.charCodeAt(i))) {
          // Up to 2,000 characters that are neither `<` nor `>`, then `>`.
          if (gt === -2 || (gt >= 0 && gt < i + 1)) gt = text.indexOf('>', i + 1);
          if (gt >= 0 && gt - (i + 1) <= 2000) {
            if (inner === -2 || (inner >= 0 && inner < i + 1)) inner = text.indexOf('<', i + 1);
            if (inner < 0 || inner > gt) end = gt + 1;
          }
        }
      }
    } else {
      // `&` and 2–8 letters or `#` and 2–6 digits, then `;`.
      let i = p + 1;
      let k = 0;
      while (k < 9 && isAsciiLetter(text.charCodeAt(i + k))) k++;
      if (k >= 2 && k <= 8) {
        if (text.charCodeAt(i + k) === 0x3b) end = i + k + 1;
      } else if (k === 0 && text.charCodeAt(i) === 0x23) {
        i++;
        while (k < 7) {
          const c = text.charCodeAt(i + k);
          if (c < 0x30 || c > 0x39) break;
          k++;
        }
        if (k >= 2 && k <= 6 && text.charCodeAt(i + k) === 0x3b) end = i + k + 1;
      }
    }
    if (end < 0) {
      pos = p + 1;
      continue;
    }
    parts.push(text.slice(last, p));
    // A tag a converter wrapped over lines keeps its line breaks, so line numbers stay too.
    if (lf === -2 || (lf >= 0 && lf < p)) lf = text.indexOf('\n', p);
    if (cr === -2 || (cr >= 0 && cr < p)) cr = text.indexOf('\r', p);
    if ((lf >= 0 && lf < end) || (cr >= 0 && cr < end)) {
      let from = p;
      for (let i = p; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c !== 0x0a && c !== 0x0d) continue;
        parts.push(spaces(i - from), c === 0x0a ? '\n' : '\r');
        from = i + 1;
      }
      parts.push(spaces(end - from));
    } else {
      parts.push(spaces(end - p));
    }
    last = end;
    pos = end;
  }
  if (!parts.length) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

// Character classes several per-line tests share (see `charClass`).
export const CLASS_TAB = charClass('\t');
export const CLASS_PIPE = charClass('|');
export const CLASS_LT = charClass('<');
/** WS: any character isTrimmable takes (a line without one is one word). */
export const CLASS_SPACE = charClass('\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff\u200b', false, [[0x2000, 0x200a]]);
export const CLASS_FULL_WIDTH_DIGIT = charClass('０１２３４５６７８９');
