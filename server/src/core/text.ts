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
}

/** Splits on \r\n, \n and a lone \r, keeping offsets into the original text. Linear. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ index: lines.length, start, end: i, text: text.slice(start, i) });
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ index: lines.length, start, end: n, text: text.slice(start) });
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

/** Variant characters mapped and NFKC applied, skipping NFKC (the hot cost) when nothing needs it. */
export function foldCompat(s: string): string {
  VARIANT_RE.lastIndex = 0;
  const v = VARIANT_RE.test(s) ? s.replace(VARIANT_RE, (c) => intendedChar(c) ?? c) : s;
  return NEEDS_NFKC.test(v) ? v.normalize('NFKC') : v;
}

/** Full-width digits (`１２`) as ASCII, same length as the source, so match indexes stay offsets. */
export function foldDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Whitespace as it appears in copied text: tabs, NBSP, ideographic space, BOM, zero-width space. */
export const WS = '\\s\\u00a0\\u3000\\ufeff\\u200b';
function isTrimmable(c: number): boolean {
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
    return this.units % 10n ** BigInt(this.scale) === 0n;
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
    return Number(this.toString());
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
const MARKUP = /<!--[^]{0,2000}?-->|<\/?[a-zA-Z][^<>]{0,2000}>|&(?:[a-zA-Z]{2,8}|#\d{2,6});/g;

export function maskMarkup(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  // A tag a converter wrapped over lines keeps its line breaks, so line numbers stay too.
  return text.replace(MARKUP, (m) => m.replace(/[^\r\n]/g, ' '));
}
