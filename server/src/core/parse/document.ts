/**
 * The document around the tables: section headings, sub-headings, the title (body and year) and
 * whether the report is in a pre-2019 format. Pure functions of the lines.
 *
 * Headings are read through the markup copied text carries (`## `, `**…**`, `> `, list bullets,
 * `<strong>`, Word's `<!--[if !supportLists]-->`): the markup is never part of a heading's span.
 */
import { APPLICATION_GROUP_SIGNATURES, APPLICATION_ROWS, DISCLOSURE_BLOCKS, REVIEW_COLUMNS, SECTIONS, SectionDef, officialHeading } from '../format/official';
import type { HeadingVariant, Report, SectionHeading, SubHeading, Title } from '../model';
import { CLASS_TAB, Line, WS, charClass, foldCompat, isTrimmable, lineHas, nfkc, trimSpan } from '../text';
import { editDistance, labelKey } from '../labels';

const NUMERAL_VALUE: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const NUMERAL_BY_CODE = new Map(Object.entries(NUMERAL_VALUE).map(([ch, n]) => [ch.charCodeAt(0), n]));

// ---------------------------------------------------------------------------------------------
// Markup around a line's words

const TAG = '<\\/?(?:strong|b|p|h[1-6]|span|font|div|em|u|i)(?:\\s[^<>]*)?\\/?>';
const WORD_COMMENT = '<!--\\[if !supportLists\\]-->|<!--\\[endif\\]-->';
/** One token of markup before the words (tried at one position, sticky). */
const LEAD_TOKEN = new RegExp(`[${WS}]|&nbsp;|#|>|\\*|_|[-+•·●■◆▪](?=[${WS}])|${WORD_COMMENT}|${TAG}`, 'iy');
/** One token of markup after the words (anchored at the end). */
const TRAIL_TOKEN = new RegExp(`(?:[${WS}]|&nbsp;|#|\\*|_|${WORD_COMMENT}|<br\\s*\\/?>|${TAG})$`, 'i');
/** Longest line the markup is looked at on (keeps the end-anchored search cheap). */
const MARKUP_LINE_LIMIT = 240;

/**
 * Where the words start: past the markup tokens before them. The character decides most tokens
 * (a space, `#`, `>`, `*`, `_` are one character each; a letter or an ideograph starts none), so
 * the pattern is tried only where a longer token may start (`&nbsp;`, a tag, a bullet).
 */
function leadEnd(text: string, from: number): number {
  for (;;) {
    if (from >= text.length) return from;
    const c = text.charCodeAt(from);
    if (isTrimmable(c) || c === 0x23 || c === 0x3e || c === 0x2a || c === 0x5f) {
      from++;
      continue;
    }
    // `&`, `<` and the bullets `-+•·●■◆▪` may start a longer token.
    if (c !== 0x26 && c !== 0x3c && c !== 0x2d && c !== 0x2b && c !== 0x2022 && c !== 0xb7 && c !== 0x25cf && c !== 0x25a0 && c !== 0x25c6 && c !== 0x25aa) return from;
    LEAD_TOKEN.lastIndex = from;
    const m = LEAD_TOKEN.exec(text);
    if (!m || !m[0].length) return from;
    from += m[0].length;
  }
}

/**
 * Where the words end: before the markup tokens after them. A token ends the line, so its last
 * character decides: a space, `#`, `*` or `_` is a token of its own; only `;` (`&nbsp;`) and `>`
 * (a tag or a comment) need the pattern; any other character ends no token.
 */
function trailStart(text: string, from: number, to: number): number {
  while (to > from) {
    const c = text.charCodeAt(to - 1);
    if (isTrimmable(c) || c === 0x23 || c === 0x2a || c === 0x5f) {
      to--;
      continue;
    }
    if (c !== 0x3b && c !== 0x3e) break;
    const m = TRAIL_TOKEN.exec(text.slice(from, to));
    if (!m || !m[0].length) break;
    to -= m[0].length;
  }
  return to;
}

/** The words of a line without surrounding markup, as offsets into the line's text. */
function stripMarkup(text: string): { from: number; to: number } {
  if (text.length > MARKUP_LINE_LIMIT) {
    const t = trimSpan(text, 0);
    return { from: t.start, to: t.end };
  }
  const from = leadEnd(text, 0);
  return { from, to: trailStart(text, from, text.length) };
}

// ---------------------------------------------------------------------------------------------
// Section headings

const INNER = `(?:[${WS}]|&nbsp;|${WORD_COMMENT}|<\\/?(?:strong|b|span|font)(?:\\s[^<>]*)?>)*`;
/** numeral · (space or markup) · separator · (space or markup) · words. */
const CORE = new RegExp(`^([一二三四五六七八九十])(${INNER})([、，,.．:：])?(${INNER})(.*)$`);
const SENTENCE_STOP = /[。；;：:]/;
// Patterns of the per-line tests, made once (a literal in a loop is a new object each time).
const TAB_THEN_DIGIT = /\t.*\d/;
const LEADING_STOPS = /^[。；;：:\s]+/;
const CLAUSE_PUNCTUATION = /[。；;，,！!？?]/;
const PROSE_PUNCTUATION = /[。；，,]/;
const SENTENCE_END = /[。；;]/;
const HAS_DIGIT = /\d/;
const HAS_TAG = /</;
const SPACE = new RegExp(`[${WS}]|&nbsp;`);
/** One token of INNER, tried at one position (sticky). */
const INNER_TOKEN = new RegExp(`[${WS}]|&nbsp;|${WORD_COMMENT}|<\\/?(?:strong|b|span|font)(?:\\s[^<>]*)?>`, 'y');
const SEPARATORS = new Set([...'、，,.．:：'].map((c) => c.charCodeAt(0)));
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * Past INNER's tokens from `at`: one token matches at a position at most (a space is one character,
 * the others start with `&` or `<`), so taking them one after another is what `INNER` matches.
 */
function innerEnd(s: string, at: number): number {
  for (;;) {
    if (at >= s.length) return at;
    const c = s.charCodeAt(at);
    if (isTrimmable(c)) {
      at++;
      continue;
    }
    if (c !== 0x26 && c !== 0x3c) return at;
    INNER_TOKEN.lastIndex = at;
    const m = INNER_TOKEN.exec(s);
    if (!m) return at;
    at += m[0].length;
  }
}

/** How many wrong, missing or extra characters a heading of this length may have and still be recognised. */
function typoLimit(key: string): number {
  return key.length <= 3 ? 0 : key.length <= 5 ? 1 : 2;
}

const officialKeys = new Map<SectionDef, string>(SECTIONS.map((s) => [s, labelKey(s.title)]));
const okey = (s: SectionDef) => officialKeys.get(s)!;

/** Keys of table labels: a line like `三、本年度办理结果` or `四、结转下年度继续办理` is a table row, never a heading. */
const TABLE_LABEL_SIGNATURES = [
  ...new Set([
    ...APPLICATION_ROWS['2019'].flatMap((r) => r.signatures),
    ...APPLICATION_ROWS['2021'].flatMap((r) => r.signatures),
    ...APPLICATION_GROUP_SIGNATURES,
    ...DISCLOSURE_BLOCKS['2019'].flatMap((b) => b.rows.map((r) => labelKey(r.label))),
    ...DISCLOSURE_BLOCKS['2021'].flatMap((b) => b.rows.map((r) => labelKey(r.label))),
    ...REVIEW_COLUMNS,
    '申请数量', '结转下年度', '本年新收', '上年结转', '本年度办理结果',
  ]),
].filter((s) => s.length >= 2);
/** Answers per key (keys recur: every report has the same headings and row labels). */
const TABLE_LABEL = new Map<string, boolean>();

function isTableLabel(key: string): boolean {
  let is = TABLE_LABEL.get(key);
  if (is === undefined) {
    if (TABLE_LABEL.size > 5000) TABLE_LABEL.clear();
    is = TABLE_LABEL_SIGNATURES.some((s) => key.includes(s));
    TABLE_LABEL.set(key, is);
  }
  return is;
}

interface Classified {
  section: SectionDef;
  variant?: HeadingVariant;
}

/** Which section a heading's words (key, after the numeral) name, and how they depart from the official wording. */
/** classify's answers per numeral and key (numbered lines recur: every report has its headings and `一是…`). */
const CLASSIFIED_KEYS = new Map<number, Map<string, Classified | null>>();

function classify(key: string, numeral: number): Classified | undefined {
  let byKey = CLASSIFIED_KEYS.get(numeral);
  if (!byKey) CLASSIFIED_KEYS.set(numeral, (byKey = new Map()));
  let c = byKey.get(key);
  if (c === undefined) {
    if (byKey.size > 5000) byKey.clear();
    c = classifyKey(key, numeral) ?? null;
    byKey.set(key, c);
  }
  return c ?? undefined;
}

function classifyKey(key: string, numeral: number): Classified | undefined {
  if (!key) return undefined;
  for (const s of SECTIONS) {
    const k = okey(s);
    if (key === k) return { section: s };
    if (key.startsWith(k) || key === '无' + k) return { section: s, variant: 'merged' };
  }
  const own = SECTIONS.find((s) => s.number === numeral);
  if (own && own.wordings.includes(key)) return { section: own, variant: 'wording' };
  const bySignature = SECTIONS.find((s) => s.signatures.some((g) => key.includes(g)));
  if (bySignature) return { section: bySignature, variant: 'wording' };
  // A typo (a character wrong, missing or extra) in the official heading or a known wording:
  // only under the section's own numeral, so a table label never becomes a heading this way.
  if (own && key.length <= 40) {
    for (const w of [okey(own), ...own.wordings]) {
      if (editDistance(key, w, typoLimit(w)) <= typoLimit(w)) return { section: own, variant: 'wording' };
    }
    if (key.startsWith('无') && editDistance(key.slice(1), okey(own), typoLimit(okey(own))) <= typoLimit(okey(own))) {
      return { section: own, variant: 'merged' };
    }
  }
  return undefined;
}

interface HeadingParts {
  numeral: number;
  /** Offsets into the line's text of the numeral and the end of the words. */
  from: number;
  to: number;
  rest: string;
  hasSeparator: boolean;
  innerMarkup: boolean;
}

/** Splits a heading-shaped line (`一、…`, `## 二.…`, `**三、…**`) into numeral and words. */
function headingParts(text: string): HeadingParts | undefined {
  if (text.length > 160) return undefined;
  const { from, to } = stripMarkup(text);
  if (to <= from) return undefined;
  const core = text.slice(from, to);
  // A Kangxi radical from PDF extraction (⼀ U+2F00) is the numeral it looks like (a plain numeral
  // folds to itself, and is told by its code).
  const plain = NUMERAL_BY_CODE.get(core.charCodeAt(0));
  const first = plain === undefined ? foldCompat(core[0]) : '';
  if (plain !== undefined || first.length === 1) {
    // CORE's parts found in one walk (no match object): numeral, INNER, separator, INNER, rest.
    const numeral = plain ?? NUMERAL_VALUE[first];
    if (numeral === undefined) return undefined;
    const a = innerEnd(core, 1);
    const hasSeparator = a < core.length && SEPARATORS.has(core.charCodeAt(a));
    const b = innerEnd(core, hasSeparator ? a + 1 : a);
    const rest = core.slice(b);
    // `(.*)$` stops at a line terminator: the pattern itself decides such a line.
    if (!LINE_TERMINATOR.test(rest)) {
      if (!hasSeparator && !SPACE.test(core.slice(1, a))) return undefined;
      const tagAt = core.indexOf('<', 1);
      const innerMarkup = tagAt >= 0 && (tagAt < a || (tagAt >= (hasSeparator ? a + 1 : a) && tagAt < b));
      return { numeral, from, to, rest, hasSeparator, innerMarkup };
    }
  }
  const m = CORE.exec((plain === undefined ? first : core[0]) + core.slice(1));
  if (!m) return undefined;
  const hasSeparator = !!m[3];
  if (!hasSeparator && !SPACE.test(m[2])) return undefined;
  return { numeral: NUMERAL_VALUE[m[1]], from, to, rest: m[5], hasSeparator, innerMarkup: HAS_TAG.test(m[2] + m[4]) };
}

function toHeading(line: Line, p: HeadingParts, c: Classified): SectionHeading {
  const text = line.text.slice(p.from, p.to);
  let variant = c.variant;
  if (c.section.number !== p.numeral) variant = 'number';
  else if (!variant && !p.innerMarkup && text !== officialHeading(c.section)) variant = 'punctuation';
  return { number: c.section.number, text, span: { start: line.start + p.from, end: line.start + p.to }, line: line.index, variant };
}

/** Recognises a section heading line; table rows such as `三、本年度办理结果` and prose are not headings. */
/** A heading starts with its numeral after nothing but whitespace and markup marks: a cheap test first. */
/** `^[\s#*_>\-\u00a0\u3000\ufeff\u200b]*[一二三四五六七八\u2f00-\u2fdf]` as a walk along the line's start. */
function numeralFirst(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isTrimmable(c) || c === 0x23 || c === 0x2a || c === 0x5f || c === 0x3e || c === 0x2d) continue;
    return NUMERAL_CODES.has(c) || (c >= 0x2f00 && c <= 0x2fdf);
  }
  return false;
}
const NUMERAL_CODES = new Set([...'一二三四五六七八'].map((c) => c.charCodeAt(0)));

function matchHeading(line: Line): SectionHeading | undefined {
  const text = line.text;
  if (text.length > 160 || !numeralFirst(text) || TAB_THEN_DIGIT.test(text)) return undefined;
  const p = headingParts(text);
  if (!p || p.numeral > 8) return undefined;
  const rest = p.rest;
  const stop = rest.search(SENTENCE_STOP);
  const tail = stop >= 0 ? rest.slice(stop).replace(LEADING_STOPS, '') : '';
  let c: Classified | undefined;
  if (stop >= 0 && labelKey(tail)) {
    // Words after a full stop or colon: a heading only when the words before it are one
    // (`六、其他需要报告的事项：无。`); otherwise a sentence that happens to start with a numeral.
    const head = classify(labelKey(rest.slice(0, stop)), p.numeral);
    if (!head || head.variant === 'merged') return undefined;
    c = { section: head.section, variant: 'merged' };
  } else {
    const key = labelKey(rest);
    if (isTableLabel(key)) return undefined;
    c = classify(key, p.numeral);
    if (!c) return undefined;
    if (key.length > okey(c.section).length + 12 && !key.startsWith(okey(c.section))) return undefined;
  }
  return toHeading(line, p, c);
}

/**
 * A heading in a wording nobody foresaw (`五、工作中存在的不足和下一步打算`) is still found when it sits
 * where its section belongs: under the section's own numeral, between the headings found before and
 * after it, short, not a sentence and not a table label. Only in a document where at least three
 * sections were found by their words, so a notice's own `一、…二、…` outline never becomes a report.
 */
function inferMissing(lines: Line[], found: SectionHeading[]): SectionHeading[] {
  const numbers = new Set(found.map((h) => h.number));
  if (numbers.size < 3) return [];
  const out: SectionHeading[] = [];
  for (const s of SECTIONS) {
    if (numbers.has(s.number)) continue;
    const before = found.filter((h) => h.number < s.number).map((h) => h.line);
    const after = found.filter((h) => h.number > s.number).map((h) => h.line);
    const from = before.length ? Math.max(...before) + 1 : 0;
    const to = after.length ? Math.min(...after) : lines.length;
    for (let i = from; i < to; i++) {
      const line = lines[i];
      if (line.text.length > 60 || TAB_THEN_DIGIT.test(line.text)) continue;
      const p = headingParts(line.text);
      if (!p || p.numeral !== s.number || !p.hasSeparator) continue;
      const key = labelKey(p.rest);
      if (key.length < 2 || key.length > 24 || CLAUSE_PUNCTUATION.test(p.rest) || HAS_DIGIT.test(key) || isTableLabel(key)) continue;
      out.push(toHeading(line, p, { section: s, variant: 'wording' }));
      break;
    }
  }
  return out;
}

export function findHeadings(lines: Line[]): SectionHeading[] {
  const headings: SectionHeading[] = [];
  const bare: SectionHeading[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const h = matchHeading(line);
    if (h) headings.push(h);
    else {
      const b = matchBareHeading(line);
      if (b) bare.push(b);
    }
  }
  // Headings whose numeral was Word's automatic numbering (lost when the text was copied or the
  // .docx read) count only for sections not found with a numeral, and only when at least three
  // such lines are there: one line `总体情况` alone in a notice is no outline.
  const found = new Set(headings.map((h) => h.number));
  const unnumbered = bare.filter((b, i) => !found.has(b.number) && bare.findIndex((x) => x.number === b.number) === i);
  const all = unnumbered.length >= 3 || (unnumbered.length && found.size >= 3) ? [...headings, ...unnumbered].sort((a, b) => a.line - b.line) : headings;
  const inferred = inferMissing(lines, all);
  if (!inferred.length) return all;
  return [...all, ...inferred].sort((a, b) => a.line - b.line);
}

/** A line whose key is an official title holds the title's last character (or one folding may turn into it). */
const BARE_HEADING_CHARS = charClass([...new Set(SECTIONS.map((s) => okey(s).slice(-1)))].join(''), true);

/**
 * A line that is exactly an official section title without its numeral (`总体情况`,
 * `主动公开政府信息情况`): how a heading numbered by Word's list numbering reads once copied.
 */
function matchBareHeading(line: Line): SectionHeading | undefined {
  const text = line.text;
  if (text.length > 60 || !lineHas(line, BARE_HEADING_CHARS) || lineHas(line, CLASS_TAB)) return undefined;
  const { from, to } = stripMarkup(text);
  if (to <= from) return undefined;
  const core = text.slice(from, to);
  // Prose (punctuation) is no title, and is not keyed.
  if (PROSE_PUNCTUATION.test(core)) return undefined;
  const key = labelKey(core);
  if (key.length < 4) return undefined;
  const section = SECTIONS.find((sec) => key === okey(sec));
  if (!section) return undefined;
  return { number: section.number, text: core, span: { start: line.start + from, end: line.start + to }, line: line.index, variant: 'unnumbered' };
}

/** The numeral a heading is written with (`一` for `一、总体情况`, even when it names another section). */
export function writtenNumeral(h: SectionHeading): string {
  return foldCompat(h.text[0] ?? '');
}

// ---------------------------------------------------------------------------------------------
// Sub-headings

/** Tried where the words start (sticky): its longest match, 5 characters, never reaches past 20. */
const SUBHEADING = /(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,2}是|\d{1,2}[.、．](?!\d))/y;
const SHOWN_END = /[。：:；]/;
const SUB_NUMERALS = new Set([...'一二三四五六七八九十'].map((ch) => ch.charCodeAt(0)));
const OPENING_PAREN = /^[（(]/;

function matchSubHeading(line: Line): SubHeading | undefined {
  // Only the start of the line is shown, so only the start is looked at (linear on any line).
  const head = line.text.slice(0, MARKUP_LINE_LIMIT);
  // The words' start first; their end only for a line that is a sub-heading.
  const from = leadEnd(head, 0);
  // SUBHEADING starts with a bracket, a numeral or a digit: any other character rules it out.
  const c = head.charCodeAt(from);
  if (!(c === 0xff08 || c === 0x28 || SUB_NUMERALS.has(c) || (c >= 0x30 && c <= 0x39))) return undefined;
  SUBHEADING.lastIndex = from;
  if (!SUBHEADING.test(head)) return undefined;
  const to = trailStart(head, from, head.length);
  const t = trimSpan(head.slice(from, Math.max(from, to)), line.start + from);
  // The outline shows the sub-heading's own words: up to the first full stop or colon.
  const cut = t.text.search(SHOWN_END);
  const shown = (cut > 0 ? t.text.slice(0, cut) : t.text).slice(0, 40);
  const level = OPENING_PAREN.test(t.text) ? 1 : 2;
  return { text: shown, span: { start: t.start, end: t.start + shown.length }, line: line.index, level };
}

/** Sub-headings after the first section heading, outside headings and tables. */
export function findSubHeadings(lines: Line[], firstHeading: number, skip: (line: number) => boolean): SubHeading[] {
  const out: SubHeading[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.index < firstHeading || skip(line.index)) continue;
    const s = matchSubHeading(line);
    if (s) out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Title, body and year

/** How far down the title may be: a site's breadcrumb and metadata lines often come first. */
const TITLE_SEARCH_LINES = 30;
const TITLE_WORDS = /年度报告|年报/;
/** A site's navigation or metadata line, or the `正文` marker: never part of the title. */
const NOT_TITLE = /^(?:正文|首页|当前位置|您的位置|你的位置|位置[:：]|索引号|发布机构|发文机关|发布日期|发布时间|成文日期|生成日期|来源|信息来源|浏览次数|字号|打印|关闭|分享|主题分类|文号|【)|[>»›]|[|｜].*[|｜]/;
const DATE_LINE = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]/;
const TITLE_PREFIX = /^(?:标题|名称|题名)[:：]\s*/;

interface Fragment {
  text: string;
  start: number;
  end: number;
  line: number;
}

function fragmentOf(line: Line): Fragment | undefined {
  if (line.text.length > MARKUP_LINE_LIMIT) return undefined;
  const { from, to } = stripMarkup(line.text);
  if (to <= from) return undefined;
  let text = line.text.slice(from, to);
  let start = line.start + from;
  const p = TITLE_PREFIX.exec(text);
  if (p) {
    text = text.slice(p[0].length);
    start += p[0].length;
  }
  return { text, start, end: line.start + to, line: line.index };
}

const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', Ｏ: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const YEAR_WORD = /\d{4}\s*年|[二][〇零Ｏ][一二三四五六七八九〇零Ｏ]{2}年/;
const hasYear = (s: string) => YEAR_WORD.test(nfkc(s));

/** A short line that can be one piece of a title broken over lines. */
function isTitlePiece(f: Fragment): boolean {
  return f.text.length <= 40 && !/[。，,；;：:！!？?]/.test(f.text) && !NOT_TITLE.test(f.text) && !DATE_LINE.test(f.text) && !TITLE_WORDS.test(f.text) && !headingParts(f.text);
}

function findTitle(lines: Line[], before: number): Title | undefined {
  const found = scanTitle(lines, 0, Math.min(before, lines.length, TITLE_SEARCH_LINES), before);
  if (found || before >= 3) return found;
  // PDF text order can put the first heading above the title (`一、总体情况` / title / body): look
  // just below a heading that opens the document.
  return scanTitle(lines, before + 1, Math.min(lines.length, before + 6), Math.min(lines.length, before + 8));
}

function scanTitle(lines: Line[], from: number, limit: number, before: number): Title | undefined {
  const nextPiece = (i: number): Fragment | undefined => {
    for (let j = i + 1; j < Math.min(lines.length, before, i + 3); j++) {
      const f = fragmentOf(lines[j]);
      if (f) return f;
    }
    return undefined;
  };
  for (let i = from; i < limit; i++) {
    const f = fragmentOf(lines[i]);
    if (!f || NOT_TITLE.test(f.text) || (f.text.length > 60 && /[。，]/.test(f.text))) continue;
    const pieces: Fragment[] = [f];
    if (!TITLE_WORDS.test(f.text)) {
      // `…政府信息公开工作年度` / `报告`: the words themselves broken over two lines.
      const n = nextPiece(i);
      if (!n || !TITLE_WORDS.test(f.text + n.text) || n.text.length > 20 || !/年度?$|年度报$|工作$|公开$/.test(f.text)) continue;
      pieces.push(n);
    }
    // The body's name (and maybe the year) often sits on the lines above: `XX区人民政府` /
    // `2022年政府信息公开工作年度报告`, or `某某局2021年` / `政府信息公开工作年度报告`.
    let years = pieces.some((p) => hasYear(p.text)) ? 1 : 0;
    for (let j = i - 1, taken = 0; j >= from && j >= i - 4 && taken < 2; j--) {
      const p = fragmentOf(lines[j]);
      if (!p) continue;
      if (!isTitlePiece(p)) break;
      const y = hasYear(p.text) ? 1 : 0;
      if (years + y > 1) break;
      years += y;
      pieces.unshift(p);
      taken++;
    }
    const text = pieces.map((p) => p.text).join('');
    return { text, span: { start: pieces[0].start, end: pieces[pieces.length - 1].end }, line: pieces[0].line };
  }
  return undefined;
}

/** The title with the body (机关) and year it names. */
export function readTitle(lines: Line[], firstHeading: number): { title?: Title; year?: number; body?: string } {
  const title = findTitle(lines, firstHeading);
  if (!title) return {};
  let key = nfkc(title.text).replace(/\s+/g, '');
  // A year in Chinese numerals (二〇二一年) is read as digits.
  key = key.replace(/[二][〇零Ｏ][一二三四五六七八九〇零Ｏ]{2}(?=年)/g, (y) => [...y].map((c) => CHINESE_DIGITS[c] ?? c).join(''));
  const ym = /(\d{4})年/.exec(key);
  const year = ym ? Number(ym[1]) : undefined;
  let body = ym ? key.slice(0, ym.index) : key.split('政府信息公开')[0];
  if (!body && ym) body = key.slice(ym.index + ym[0].length).replace(/^度/, '').split('政府信息公开')[0];
  body = body.replace(/^关于/, '');
  return { title, year, body: body || undefined };
}

// ---------------------------------------------------------------------------------------------
// Pre-2019 reports and documents that are not reports

/**
 * Headings only the pre-2019 outline has (概述 / 依申请公开政府信息情况 / 政府信息公开的收费及减免情况 /
 * 咨询 / 因政府信息公开申请行政复议、提起行政诉讼的情况 / 七、其他需要报告的事项). The new outline reuses
 * 主动公开政府信息情况 and 存在的主要问题, so those say nothing.
 */
const LEGACY_HEADINGS: Array<(key: string, numeral: number) => boolean> = [
  (k) => k === '概述' || k === '概况',
  (k) => k.startsWith('依申请公开'),
  (k) => k.includes('收费及减免') || k.includes('收费和减免') || k.includes('收费减免'),
  (k) => k.includes('咨询'),
  (k) => k.startsWith('因政府信息公开申请') || k.startsWith('因政府信息公开申请提起'),
  (k, n) => n === 7 && k.startsWith('其他需要报告'),
];

/** Each old heading's key holds one of these (概述/概况, 依申请, 减免, 咨询, 因…申请, 其他): a line with none is not one. */
const LEGACY_CHARS = charClass('概依减咨因其', true);

/** How many distinct pre-2019 headings the document has. */
function legacySignals(lines: Line[]): number {
  const seen = new Set<number>();
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.text.length > 60 || !lineHas(line, LEGACY_CHARS) || !numeralFirst(line.text) || TAB_THEN_DIGIT.test(line.text)) continue;
    const p = headingParts(line.text);
    if (!p || SENTENCE_END.test(p.rest)) continue;
    const key = labelKey(p.rest);
    for (let i = 0; i < LEGACY_HEADINGS.length; i++) if (LEGACY_HEADINGS[i](key, p.numeral)) seen.add(i);
  }
  return seen.size;
}

/**
 * A pre-2019 report: recognised so it is not checked against a format it never used. Either the
 * title's year is before 2019, or the outline has at least two of the old headings and there is no
 * new-format 表三 (three old headings are enough even then). A word such as 收费及减免 in the prose
 * of a newer report is not a heading and counts for nothing.
 */
export function isLegacy(lines: Line[], year: number | undefined, hasApplications: boolean): boolean {
  if (year !== undefined && year < 2019) return true;
  const n = legacySignals(lines);
  return n >= 3 || (n >= 2 && !hasApplications);
}

/** How many distinct section numbers the headings have (a bit per number; a Set for any other). */
function distinctNumbers(headings: SectionHeading[]): number {
  let bits = 0;
  let n = 0;
  for (const h of headings) {
    const k = h.number;
    if (!(Number.isInteger(k) && k >= 0 && k < 31)) return new Set(headings.map((x) => x.number)).size;
    if (!(bits & (1 << k))) {
      bits |= 1 << k;
      n++;
    }
  }
  return n;
}

/**
 * Whether the document looks like an annual report at all. The criterion: at least two of the six
 * sections are found (under any spelling), or rows of at least one of the three tables are read. A meeting note or
 * a notice about the reports (`关于报送2022年度政府信息公开工作年度报告的通知`) has neither, and gets one
 * information note instead of six missing sections.
 */
export function looksLikeReport(report: Pick<Report, 'headings' | 'disclosure' | 'applications' | 'review'>): boolean {
  if (distinctNumbers(report.headings) >= 2) return true;
  // A table counts when rows of it were read: an anchor alone (a notice's sentence about 勾稽关系) is not a table.
  if (report.applications && report.applications.rows.size > 0) return true;
  if (report.disclosure && report.disclosure.blocks.some((b) => b.rows.length > 0)) return true;
  if (report.review && Object.values(report.review.groups).some((g) => g.some((c) => c !== null))) return true;
  return false;
}
