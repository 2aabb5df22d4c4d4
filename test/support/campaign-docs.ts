/**
 * The fault campaign's documents (issue #17): a seeded random source, the real report texts (seeds and the
 * converter corpus), a ~1 MB report grown from a seed's own prose, the client-side copy of a document that
 * turns edits into incremental `didChange` content changes, and the seeded edits and mutations.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SEEDS, readSeed, seedNames } from './fixtures';

// --- Seeded randomness (mulberry32): the same seed gives the same campaign.

export class Rng {
  private s: number;
  constructor(readonly seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An independent stream for one part of the campaign, so that changing one part's size leaves the others alike. */
  fork(label: string): Rng {
    let h = this.seed ^ 0x811c9dc5;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
    return new Rng(h >>> 0);
  }
}

// --- Texts.

export interface NamedText {
  name: string;
  text: string;
}

export function seedTexts(): NamedText[] {
  return seedNames().map((name) => ({ name: `seeds/${name}`, text: readSeed(name) }));
}

export const CORPUS_TEXT = join(ROOT, 'test', 'corpus', 'text');

/** Every converter output of the corpus (test/corpus/text/<doc>/<shape>.txt), in a stable order. */
export function corpusTexts(): NamedText[] {
  if (!existsSync(CORPUS_TEXT)) return [];
  const out: NamedText[] = [];
  for (const doc of readdirSync(CORPUS_TEXT).sort()) {
    for (const f of readdirSync(join(CORPUS_TEXT, doc)).filter((n) => n.endsWith('.txt')).sort()) {
      out.push({ name: `corpus/${doc}/${f}`, text: readFileSync(join(CORPUS_TEXT, doc, f), 'utf8') });
    }
  }
  return out;
}

export { SEEDS };

const HEADING = /^\s*[一二三四五六七八九十]+\s*[、，,.．]/;
const SUBHEADING = /^\s*[（(][一二三四五六七八九十]+[）)]\s*/;

/**
 * A long report of one body: the seed's title, sections and tables, with the seed's own prose paragraphs
 * repeated at the end of its prose sections until the text reaches `targetBytes` (UTF-8). One report, as an
 * editor would hold it, not several concatenated.
 */
export function bigReport(seed: string, targetBytes: number): string {
  const lines = seed.split('\n');
  const prose = lines.filter((l) => !l.includes('\t') && l.trim().length >= 40 && !HEADING.test(l)).map((l) => l.replace(SUBHEADING, '').trim());
  if (!prose.length) throw new Error('bigReport: the seed has no prose paragraphs');
  // The lines before which prose is added: the headings of the sections after 一 and after 五 (end of each prose section).
  const headingLines = lines.map((l, i) => (HEADING.test(l) ? i : -1)).filter((i) => i >= 0);
  const insertAt = [headingLines[1] ?? lines.length, headingLines[headingLines.length - 1] ?? lines.length].filter((v, i, a) => a.indexOf(v) === i);
  const have = Buffer.byteLength(seed);
  const per = Math.max(0, targetBytes - have);
  const extra: string[][] = insertAt.map(() => []);
  let added = 0;
  for (let k = 0; added < per; k++) {
    const p = prose[k % prose.length];
    extra[k % insertAt.length].push(p, '');
    added += Buffer.byteLength(p) + 2;
  }
  const out: string[] = [];
  lines.forEach((l, i) => {
    const j = insertAt.indexOf(i);
    if (j >= 0) out.push(...extra[j]);
    out.push(l);
  });
  return out.join('\n');
}

/** Report text of about `bytes` UTF-8 bytes for pasting: whole seeds, one after another. */
export function pasteBlock(bytes: number): string {
  const all = seedTexts().map((s) => s.text).join('\n');
  return all.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(all))));
}

// --- Positions.

export interface Pos {
  line: number;
  character: number;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line/character (UTF-16, LSP's default) of an offset; lines end at \n (the seeds and corpus use \n or \r\n). */
export function positionAt(text: string, offset: number): Pos {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return { line, character: offset - start };
}

export function offsetAt(starts: number[], text: string, p: Pos): number {
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line] + p.character, text.length);
}

// --- The client's copy of a document.

export interface Change {
  start: number;
  end: number;
  text: string;
}

export interface ContentChange {
  range: { start: Pos; end: Pos };
  text: string;
}

/**
 * A document as the editor holds it: every change makes a version; the last `keep` versions' texts stay
 * available, so an answer can be checked against the version it may have been computed from.
 */
export class Doc {
  version: number;
  text: string;
  private readonly history = new Map<number, string>();
  constructor(
    readonly uri: string,
    text: string,
    version = 1,
    private readonly keep = 48,
  ) {
    this.text = text;
    this.version = version;
    this.history.set(version, text);
  }

  /** Applies changes in order (each in terms of the text the previous one left) and returns the LSP content changes. */
  apply(changes: Change[]): ContentChange[] {
    const out: ContentChange[] = [];
    for (const c of changes) {
      const start = Math.max(0, Math.min(c.start, this.text.length));
      const end = Math.max(start, Math.min(c.end, this.text.length));
      out.push({ range: { start: positionAt(this.text, start), end: positionAt(this.text, end) }, text: c.text });
      this.text = this.text.slice(0, start) + c.text + this.text.slice(end);
    }
    this.version++;
    this.history.set(this.version, this.text);
    this.history.delete(this.version - this.keep);
    return out;
  }

  textOf(version: number): string | undefined {
    return this.history.get(version);
  }
}

// --- Edits.

export const CJK = '的政府信息公开申请工作情况本年度办理结果予以部分不处理其他总计行政复议诉讼主动规范性文件收费机关年月日件条项';
export const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

/** Offsets of every run of ASCII digits, with the run. */
export function digitRuns(text: string, from = 0, to = text.length): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /[0-9]+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * A typing burst at one place of the text, as keys (each one change): the caret lands on a table number (the
 * first key replaces it), in prose, or at a line start where a new section heading is typed (headings move);
 * some keys are backspaces. Offsets are taken from `text` at the burst's start and followed as keys land.
 */
export function typingBurst(rng: Rng, text: string, keys: number): Change[] {
  const out: Change[] = [];
  const kind = rng.pick(['number', 'number', 'prose', 'prose', 'heading', 'enter'] as const);
  let caret: number;
  // A window of the text to pick from: in a 1 MB document any place, but not only the repeated prose.
  const at = rng.int(0, Math.max(0, text.length - 1));
  if (kind === 'number') {
    const runs = digitRuns(text);
    const r = runs.length ? rng.pick(runs) : { start: at, end: at };
    out.push({ start: r.start, end: r.end, text: String(rng.int(0, 9)) });
    caret = r.start + 1;
  } else if (kind === 'heading' || kind === 'enter') {
    const ls = text.lastIndexOf('\n', at - 1) + 1;
    caret = ls;
    if (kind === 'enter') {
      out.push({ start: ls, end: ls, text: '\n' });
      caret++;
    }
  } else {
    caret = at;
  }
  const heading = rng.pick(HEADINGS) + '\n';
  let typed = 0;
  while (out.length < keys) {
    if (kind === 'heading') {
      const ch = heading[typed % heading.length];
      out.push({ start: caret, end: caret, text: ch });
      caret++;
      typed++;
      continue;
    }
    if (typed > 0 && rng.chance(0.15)) {
      // Backspace over what this burst typed.
      out.push({ start: caret - 1, end: caret, text: '' });
      caret--;
      typed--;
      continue;
    }
    const ch = kind === 'number' ? String(rng.int(0, 9)) : rng.chance(0.1) ? String(rng.int(0, 9)) : CJK[rng.int(0, CJK.length - 1)];
    out.push({ start: caret, end: caret, text: ch });
    caret++;
    typed++;
  }
  return out;
}

/**
 * One random edit of any kind an editor makes, in one change or a few: type or delete characters, change a
 * number or a year, delete, duplicate or swap lines, insert a heading, move a block of lines, paste a block of
 * another report, glue a label to its values, press Enter. Positions refer to `text`.
 */
export function randomEdit(rng: Rng, text: string, others: readonly string[]): { what: string; changes: Change[] } {
  const starts = lineStarts(text);
  const lineCount = starts.length;
  const lineEnd = (l: number) => (l + 1 < lineCount ? starts[l + 1] - 1 : text.length);
  const anyLine = () => rng.int(0, lineCount - 1);
  const op = rng.int(0, 11);
  switch (op) {
    case 11: {
      // Change a year (the title's or any): format, year and lateness rules follow it.
      const years: Array<{ start: number; end: number }> = [];
      for (const m of text.matchAll(/20[12][0-9]/g)) years.push({ start: m.index!, end: m.index! + 4 });
      if (!years.length) return randomEdit(rng, text, others);
      const y = rng.pick(years);
      const v = String(Number(text.slice(y.start, y.end)) + rng.pick([-2, -1, 1, 2]));
      return { what: `year at ${y.start} → ${v}`, changes: [{ start: y.start, end: y.end, text: v }] };
    }
    case 0: {
      const at = rng.int(0, text.length);
      const s = Array.from({ length: rng.int(1, 6) }, () => (rng.chance(0.3) ? String(rng.int(0, 9)) : CJK[rng.int(0, CJK.length - 1)])).join('');
      return { what: `type ${JSON.stringify(s)} at ${at}`, changes: [{ start: at, end: at, text: s }] };
    }
    case 1: {
      const at = rng.int(0, Math.max(0, text.length - 1));
      const n = rng.int(1, 8);
      return { what: `delete ${n} chars at ${at}`, changes: [{ start: at, end: at + n, text: '' }] };
    }
    case 2: {
      const runs = digitRuns(text);
      if (!runs.length) return randomEdit(rng, text + '1', others);
      const r = rng.pick(runs);
      const v = String(rng.int(0, 120));
      return { what: `number at ${r.start} → ${v}`, changes: [{ start: r.start, end: r.end, text: v }] };
    }
    case 3: {
      const l = anyLine();
      return { what: `delete line ${l}`, changes: [{ start: starts[l], end: Math.min(text.length, lineEnd(l) + 1), text: '' }] };
    }
    case 4: {
      const l = anyLine();
      const line = text.slice(starts[l], lineEnd(l));
      return { what: `duplicate line ${l}`, changes: [{ start: starts[l], end: starts[l], text: line + '\n' }] };
    }
    case 5: {
      const l = anyLine();
      const h = rng.pick(HEADINGS);
      return { what: `insert heading ${h} at line ${l}`, changes: [{ start: starts[l], end: starts[l], text: h + '\n' }] };
    }
    case 6: {
      // Move a block of lines (cut, then paste elsewhere): two changes in one didChange.
      const a = anyLine();
      const b = Math.min(lineCount - 1, a + rng.int(0, 12));
      const from = starts[a];
      const to = Math.min(text.length, lineEnd(b) + 1);
      const block = text.slice(from, to);
      const rest = text.length - block.length;
      const restStarts = lineStarts(text.slice(0, from) + text.slice(to));
      const dest = Math.min(rest, rng.pick(restStarts));
      return { what: `move lines ${a}-${b} to offset ${dest}`, changes: [{ start: from, end: to, text: '' }, { start: dest, end: dest, text: block.endsWith('\n') ? block : block + '\n' }] };
    }
    case 7: {
      // Paste a block of another report (a few of its lines).
      const other = rng.pick(others);
      const ol = other.split('\n');
      const a = rng.int(0, Math.max(0, ol.length - 1));
      const block = ol.slice(a, a + rng.int(1, 15)).join('\n') + '\n';
      const l = anyLine();
      return { what: `paste ${block.length} chars at line ${l}`, changes: [{ start: starts[l], end: starts[l], text: block }] };
    }
    case 8: {
      // Glue a label to its values: drop the TAB before a number on a table row.
      const tabs: number[] = [];
      for (let i = text.indexOf('\t'); i >= 0; i = text.indexOf('\t', i + 1)) if (/[0-9]/.test(text[i + 1] ?? '')) tabs.push(i);
      if (!tabs.length) return randomEdit(rng, text, others);
      const at = rng.pick(tabs);
      return { what: `glue at ${at}`, changes: [{ start: at, end: at + 1, text: '' }] };
    }
    case 9: {
      // Swap two lines.
      const a = anyLine();
      const b = anyLine();
      if (a === b) return { what: 'enter', changes: [{ start: starts[a], end: starts[a], text: '\n' }] };
      const [x, y] = a < b ? [a, b] : [b, a];
      const lx = text.slice(starts[x], lineEnd(x));
      const ly = text.slice(starts[y], lineEnd(y));
      // The later one first, so the earlier offsets still hold.
      return { what: `swap lines ${x} and ${y}`, changes: [{ start: starts[y], end: lineEnd(y), text: lx }, { start: starts[x], end: lineEnd(x), text: ly }] };
    }
    default: {
      const l = anyLine();
      const at = rng.int(starts[l], lineEnd(l));
      return { what: `enter at ${at}`, changes: [{ start: at, end: at, text: '\n' }] };
    }
  }
}

/**
 * A damaged copy for the formatting check: cells blanked, a label glued to its values, TABs turned into
 * spaces, fullwidth digits, a table row dropped, trailing spaces. Returns the text and what was done.
 */
export function mutate(rng: Rng, text: string): { text: string; what: string[] } {
  const what: string[] = [];
  let t = text;
  const tabRows = () => {
    const starts = lineStarts(t);
    return starts.map((s, i) => ({ s, e: i + 1 < starts.length ? starts[i + 1] - 1 : t.length })).filter((l) => t.slice(l.s, l.e).includes('\t') && /[0-9]/.test(t.slice(l.s, l.e)));
  };
  const n = rng.int(1, 3);
  for (let k = 0; k < n; k++) {
    const rows = tabRows();
    if (!rows.length) break;
    const row = rng.pick(rows);
    const line = t.slice(row.s, row.e);
    const op = rng.int(0, 5);
    let next: string;
    if (op === 0) {
      const runs = digitRuns(line);
      const r = rng.pick(runs);
      next = line.slice(0, r.start) + line.slice(r.end);
      what.push(`blank a cell of «${line.slice(0, 30)}»`);
    } else if (op === 1) {
      next = line.replace(/\t(?=[0-9])/, '');
      what.push(`glue label and value in «${line.slice(0, 30)}»`);
    } else if (op === 2) {
      next = line.replace(/\t/g, '  ');
      what.push(`TABs → spaces in «${line.slice(0, 30)}»`);
    } else if (op === 3) {
      next = line.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      what.push(`fullwidth digits in «${line.slice(0, 30)}»`);
    } else if (op === 4) {
      t = t.slice(0, row.s) + t.slice(Math.min(t.length, row.e + 1));
      what.push(`drop row «${line.slice(0, 30)}»`);
      continue;
    } else {
      next = line + '   ';
      what.push(`trailing spaces on «${line.slice(0, 30)}»`);
    }
    t = t.slice(0, row.s) + next + t.slice(row.e);
  }
  return { text: t, what };
}

/** The numbers of a text as a multiset of digit runs (fullwidth digits folded to ASCII first). */
export function numberMultiset(text: string): Map<string, number> {
  const folded = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
  const m = new Map<string, number>();
  for (const r of folded.match(/[0-9]+/g) ?? []) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
}

/** What differs between two multisets: runs lost (before > after) and gained. */
export function multisetDiff(before: Map<string, number>, after: Map<string, number>): { lost: string[]; gained: string[] } {
  const lost: string[] = [];
  const gained: string[] = [];
  for (const [k, v] of before) for (let i = after.get(k) ?? 0; i < v; i++) lost.push(k);
  for (const [k, v] of after) for (let i = before.get(k) ?? 0; i < v; i++) gained.push(k);
  return { lost, gained };
}
