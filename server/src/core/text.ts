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
 */
const CHAR_CLASSES = new Uint16Array(0x10000);
/** Two spaces in a row (space-aligned PDF text): the one class that is not a character. */
export const DOUBLE_SPACE = 1;
let nextClass = 1;

/**
 * A bit of `Line.classes` set on every line holding one of `chars`; with `folding`, also on every
 * line holding a character folding changes (`foldCompat`), which may fold into one of them.
 */
export function charClass(chars: string, folding = false): number {
  if (nextClass > 15) throw new Error('too many character classes');
  const bit = 2 ** nextClass++;
  for (let i = 0; i < chars.length; i++) CHAR_CLASSES[chars.charCodeAt(i)] |= bit;
  if (folding) {
    for (const [a, b] of FOLDED_RANGES) for (let c = a; c <= b; c++) CHAR_CLASSES[c] |= bit;
    for (const ch of Object.keys(VARIANT_CHARS)) CHAR_CLASSES[ch.charCodeAt(0)] |= bit;
  }
  return bit;
}

/** The classes of a line's text (lines made elsewhere than splitLines). */
export function classesOf(text: string): number {
  let classes = 0;
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    classes |= CHAR_CLASSES[c];
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
    classes |= CHAR_CLASSES[c];
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
    this.starts = lines.map((l) => l.start);
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
/** NEEDS_NFKC's ranges (the radicals of VARIANT_RE among them). */
const FOLDED_RANGES: Array<[number, number]> = [[0x2460, 0x24ff], [0x2e80, 0x2fdf], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xffef]];

/**
 * A pattern that matches every string whose folded form (`foldCompat`) may hold one of `chars`:
 * those characters themselves, or any character folding changes (or whose presence makes NFKC
 * apply to the whole string). A cheap, exact pre-test before folding and keying a line.
 */
export function mayFoldTo(chars: string): RegExp {
  return new RegExp(`[${chars}${Object.keys(VARIANT_CHARS).join('')}\u2460-\u24ff\u2e80-\u2fdf\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]`);
}

/** Variant characters mapped and NFKC applied, skipping NFKC (the hot cost) when nothing needs it. */
export function foldCompat(s: string): string {
  VARIANT_RE.lastIndex = 0;
  const v = VARIANT_RE.test(s) ? s.replace(VARIANT_RE, (c) => intendedChar(c) ?? c) : s;
  return NEEDS_NFKC.test(v) ? v.normalize('NFKC') : v;
}

const FULL_WIDTH_DIGIT = /[０-９]/;

/** Full-width digits (`１２`) as ASCII, same length as the source, so match indexes stay offsets. */
export function foldDigits(s: string): string {
  // Most lines have none: a test is cheaper than a replace with a callback.
  if (!FULL_WIDTH_DIGIT.test(s)) return s;
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Whitespace as it appears in copied text: tabs, NBSP, ideographic space, BOM, zero-width space. */
export const WS = '\\s\\u00a0\\u3000\\ufeff\\u200b';
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
/**
 * Where the next occurrence of a string is at or after a position, searched again only once the
 * position passes it: markup scanning asks for the next `<`, `>`, `&`, `-->` and line break at
 * ever later positions, so each is searched along the text once.
 */
class NextOf {
  private at = -2;
  constructor(private readonly text: string, private readonly what: string) {}
  from(pos: number): number {
    if (this.at === -2 || (this.at >= 0 && this.at < pos)) this.at = this.text.indexOf(this.what, pos);
    return this.at;
  }
}

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;
const LINE_BREAK_OR_NOT = /[^\r\n]/g;

/** Runs of spaces, kept by length (tags recur: `<p>`, `<td>`, `&nbsp;`). */
const SPACE_RUNS: Array<string | undefined> = new Array(512).fill(undefined);
function spaces(n: number): string {
  if (n >= SPACE_RUNS.length) return ' '.repeat(n);
  return (SPACE_RUNS[n] ??= ' '.repeat(n));
}

/**
 * The end of the markup that starts at `p` (`<!--…-->`, a tag, an entity), or -1: what
 * `/<!--[^]{0,2000}?-->|<\/?[a-zA-Z][^<>]{0,2000}>|&(?:[a-zA-Z]{2,8}|#\d{2,6});/y` matches there,
 * told from the next `-->`, `<` and `>` (no match object per tag: converter HTML has thousands).
 */
function markupEnd(text: string, p: number, next: { lt: NextOf; gt: NextOf; close: NextOf }): number {
  const c = text.charCodeAt(p);
  if (c === 0x3c) {
    if (text.startsWith('<!--', p)) {
      // The first `-->` within 2,000 characters of the opening.
      const close = next.close.from(p + 4);
      return close >= 0 && close - (p + 4) <= 2000 ? close + 3 : -1;
    }
    let i = p + 1;
    if (text.charCodeAt(i) === 0x2f) i++;
    if (!isAsciiLetter(text.charCodeAt(i))) return -1;
    // Up to 2,000 characters that are neither `<` nor `>`, then `>`.
    const gt = next.gt.from(i + 1);
    if (gt < 0 || gt - (i + 1) > 2000) return -1;
    const lt = next.lt.from(i + 1);
    return lt >= 0 && lt < gt ? -1 : gt + 1;
  }
  if (c === 0x26) {
    let i = p + 1;
    let k = 0;
    while (k < 9 && isAsciiLetter(text.charCodeAt(i + k))) k++;
    if (k >= 2 && k <= 8) return text.charCodeAt(i + k) === 0x3b ? i + k + 1 : -1;
    if (k > 0 || text.charCodeAt(i) !== 0x23) return -1;
    i++;
    k = 0;
    while (k < 7 && isAsciiDigit(text.charCodeAt(i + k))) k++;
    return k >= 2 && k <= 6 && text.charCodeAt(i + k) === 0x3b ? i + k + 1 : -1;
  }
  return -1;
}

export function maskMarkup(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  // One pass that copies the text between markup: a replace with a callback per tag was the
  // parser's hottest spot on converter HTML (thousands of tags per report).
  const next = { lt: new NextOf(text, '<'), gt: new NextOf(text, '>'), close: new NextOf(text, '-->') };
  const amps = new NextOf(text, '&');
  const lf = new NextOf(text, '\n');
  const cr = new NextOf(text, '\r');
  const parts: string[] = [];
  let last = 0;
  let pos = 0;
  for (;;) {
    // The next `<` or `&` at or after pos: only there can markup start.
    const lt = next.lt.from(pos);
    const amp = amps.from(pos);
    const p = lt < 0 ? amp : amp < 0 ? lt : Math.min(lt, amp);
    if (p < 0) break;
    const end = markupEnd(text, p, next);
    if (end < 0) {
      pos = p + 1;
      continue;
    }
    parts.push(text.slice(last, p));
    // A tag a converter wrapped over lines keeps its line breaks, so line numbers stay too.
    const n = lf.from(p);
    const r = cr.from(p);
    const broken = (n >= 0 && n < end) || (r >= 0 && r < end);
    parts.push(broken ? text.slice(p, end).replace(LINE_BREAK_OR_NOT, ' ') : spaces(end - p));
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
export const CLASS_FULL_STOP = charClass('。');
export const CLASS_FULL_WIDTH_DIGIT = charClass('０１２３４５６７８９');
