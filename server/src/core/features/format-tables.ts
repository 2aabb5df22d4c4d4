/**
 * Document formatting: each table rewritten as aligned tab rows with the official labels, one
 * table row per line. Every number keeps its exact text; prose is never touched; a table that
 * could not be read with confidence is left as it is. Formatting twice equals formatting once.
 *
 * Safety is checked, not assumed: a rewrite is kept only when the text after it has the same
 * numbers (digit runs), the same reading of every cell, the same findings (label wording and
 * variant characters aside) and formats to itself. A rewrite whose padding makes the text read
 * in another shape falls back to unpadded tab rows; a table that no rewrite keeps is left as it
 * is and named in `skipped`, with the reason.
 */
import { applicationRowDefs } from '../model';
import { applyEdits, runRules, tablesJson } from '../check';
import { DISCLOSURE_BLOCKS } from '../format/official';
import { applicationsTableTemplate, reviewTableTemplate } from '../format/template';
import type { TextEdit } from '../findings';
import { t } from '../i18n';
import type { Report, Table, TableRow } from '../model';
import type { Cell } from '../model';
import { isPageMark, splitLineCells } from '../parse/cells';
import { parseReport } from '../parse/report';
import { foldDigits } from '../text';

function rowText(label: string, cells: Array<Cell | null>): string {
  return [label, ...cells.map((c) => c?.raw ?? '')].join('\t');
}

/** Digit runs (full-width digits folded), counted: what formatting must keep, as a multiset. */
function digitRuns(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of foldDigits(s).match(/\d+/g) ?? []) out.set(d, (out.get(d) ?? 0) + 1);
  return out;
}

function sameRuns(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [d, n] of a) if (b.get(d) !== n) return false;
  return true;
}

/** Why a table cannot be rewritten safely (undefined: it can): every cell aligned, no prose inside, no number left unused. */
function notRewritable(report: Report, table: Table, used: Array<Cell | null>): string | undefined {
  if (table.problems.length || used.some((c) => c === null)) return t('有无法可靠对齐的行');
  const usedStarts = new Set(used.map((c) => c!.span.start));
  for (let i = table.startLine; i <= table.endLine; i++) {
    for (const c of splitLineCells(report.lines[i])) {
      if (c.kind === 'text' && (c.raw.length > 60 || /[。；]/.test(c.raw))) return t('表格中夹有正文（第 {0} 行）', i + 1);
      if ((c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && c.placeholder)) && !usedStarts.has(c.span.start)) return t('第 {0} 行的“{1}”不属于任何一格', i + 1, c.raw);
    }
  }
  return undefined;
}

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** Fields wider than this (a header sentence) do not widen their column. */
const MAX_COLUMN = 60;

/**
 * Pads every field of the tab rows to its column's display width, so the tabs after them land on the same
 * stop in every row whatever the tab size. Lines that start with a tab (merged header rows) keep that
 * leading tab (it is indentation to the reader), and no line gets trailing spaces.
 */
export function alignTabRows(lines: string[]): string[] {
  const rows = lines.map((l) => l.split('\t'));
  const padded = (r: string[]) => r.length > 1 && r[0] !== '';
  const widths: number[] = [];
  for (const r of rows) {
    // A header sentence (wider than any column) neither widens the columns nor gets padded.
    if (!padded(r) || r.some((f) => displayWidth(f) > MAX_COLUMN)) continue;
    r.forEach((f, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(f));
    });
  }
  return rows.map((r) => {
    if (!padded(r)) return r.join('\t');
    let last = r.length - 1;
    while (last > 0 && r[last] === '') last--;
    return r.map((f, i) => (i < last ? f + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(f))) : f)).join('\t');
  });
}

/** Every cell of a table, labels included. */
function cellsOf(table: Table): Cell[] {
  const rows = table.kind === 'applications' ? [...table.rows.values()] : table.kind === 'disclosure' ? table.blocks.flatMap((b) => b.rows) : [];
  const out = rows.flatMap((r) => [...r.labelCells, ...r.cells]);
  if (table.kind === 'review') out.push(...Object.values(table.groups).flat());
  return out.filter((c): c is Cell => !!c);
}

/** Lines that only frame a table (dashed rules, `+--+` borders, pipe rules and empty pipe rows): no content. */
const FRAME = /^\s*(?:[-+|=:]{3,}[-+|=: ]*|\|[-+|=:\s]*\|)\s*$/;

/** A piece of markup (tag, comment, entity) the masked line hides, if the line has one. */
function markupIn(report: Report, line: number): string | undefined {
  const l = report.lines[line];
  const raw = report.text.slice(l.start, l.end);
  if (raw === l.text) return undefined;
  let a = 0;
  while (a < raw.length && raw[a] === l.text[a]) a++;
  const piece = raw.slice(a).trim();
  return piece.length > 24 ? `${piece.slice(0, 24)}…` : piece;
}

export interface FormatResult {
  edits: TextEdit[];
  /** What formatting changed beyond spacing (labels renamed to the official ones). */
  changed: string[];
  /** Tables left as they are, and why. */
  skipped: string[];
}

/** One table's rewrite before it is checked: the lines it replaces and the texts it may write, best first. */
interface Candidate {
  name: string;
  /** Why the table is left as it is (no rewrite is tried). */
  reason?: string;
  from: number;
  to: number;
  /** Aligned tab rows first, then the same rows unpadded. */
  texts: string[];
  names: string[];
}

/**
 * The label to write: the official one, unless that would add or drop digits (`属于国家秘密` written
 * without its `1.`): formatting never changes a number, so such a label keeps its own words.
 */
function labelFor(row: TableRow | undefined, official: string, changed: string[]): string {
  const written = row?.labelCells.map((c) => c.raw).join('').replace(/[\t\r\n]+/g, ' ');
  if (!written) return official;
  if (!sameRuns(digitRuns(written), digitRuns(official))) return written;
  if (written.replace(/\s+/g, '') !== official.replace(/\s+/g, '')) changed.push(t('行名“{0}”改为规定写法“{1}”', written, official));
  return official;
}

/** The source line of a row (its label's first line), where page marks are put back before it. */
function sourceLine(row: TableRow): number {
  return row.labelCells[0]?.line ?? row.cells.find((c) => c)?.line ?? -1;
}

/**
 * `lines`: the rewrite, unpadded; `aligned`: the same lines padded; `sources`: each line's source line
 * (-1 for the header and group lines formatting writes itself).
 */
function candidate(report: Report, name: string, table: Table, lines: string[], used: Array<Cell | null>, names: string[], why: string | undefined, aligned: string[], sources: number[], floor: number): Candidate {
  // The table's frame goes with it: rules and borders left around tab rows would make the parser
  // read them as a plain-text table, by the rules' columns.
  let from = table.startLine;
  while (from > floor && table.startLine - from < 3 && FRAME.test(report.lines[from - 1].text)) from--;
  // A label wrapped over lines (`行政事业` / `性收费` in a plain-text table) ends below the table's last line.
  let to = table.endLine;
  for (const c of cellsOf(table)) to = Math.max(to, report.index.position(c.span.end).line);
  for (let i = to + 1, empties = 0; i < report.lines.length && empties <= 1; i++) {
    const text = report.lines[i].text;
    if (text.trim() === '') {
      empties++;
    } else if (FRAME.test(text)) {
      to = i;
      empties = 0;
    } else {
      break;
    }
  }
  // A page mark inside the table (`— 4 —` of PDF text) is kept, before the row that followed it:
  // formatting deletes no number.
  lines = [...lines];
  aligned = [...aligned];
  sources = [...sources];
  for (let i = from; i <= to; i++) {
    if (!isPageMark(report.lines[i].text)) continue;
    let k = sources.findIndex((s) => s > i);
    if (k < 0) k = lines.length;
    const mark = report.lines[i].text.trim();
    lines.splice(k, 0, mark);
    aligned.splice(k, 0, mark);
    sources.splice(k, 0, i);
  }
  const out: Candidate = { name, from, to, texts: [], names };
  out.reason = why ?? notRewritable(report, table, used) ?? unsafeText(report, from, to, lines.join('\n'));
  if (!out.reason) out.texts = [aligned.join(report.eol), lines.join(report.eol)];
  return out;
}

/**
 * Why the rewrite cannot be written safely over lines from–to: markup it would drop (the masked text
 * is not the text), or digits it would drop or add (a page number, a header's `保留4位小数`).
 */
function unsafeText(report: Report, from: number, to: number, newText: string): string | undefined {
  for (let i = from; i <= to; i++) {
    const markup = markupIn(report, i);
    if (markup) return t('第 {0} 行的“{1}”不属于任何一格', i + 1, markup);
  }
  const kept = digitRuns(newText);
  for (let i = from; i <= to; i++) {
    const line = report.lines[i];
    for (const [d, n] of digitRuns(line.text)) {
      const left = kept.get(d) ?? 0;
      if (left < n) {
        const cell = splitLineCells(line).find((c) => digitRuns(c.raw).has(d));
        return t('第 {0} 行的“{1}”不属于任何一格', i + 1, (cell?.raw ?? line.text.trim()).slice(0, 40));
      }
      kept.set(d, left - n);
    }
  }
  for (const n of kept.values()) if (n > 0) return t('有无法可靠对齐的行');
  return undefined;
}

/** Every table's candidate rewrite, unchecked, in text order (disclosure, applications, review). */
function candidates(report: Report): Candidate[] {
  const out: Candidate[] = [];
  let floor = 0;
  const add = (c: Candidate) => {
    out.push(c);
    floor = c.to + 1;
  };
  const d = report.disclosure;
  if (d) {
    const defs = DISCLOSURE_BLOCKS[report.format];
    const lines: string[] = [];
    const aligned: string[] = [];
    const sources: number[] = [];
    const used: Array<Cell | null> = [];
    const names: string[] = [];
    // The official header of the amount column says `（单位：万元，保留4位小数）` in 2019: its digits are kept.
    let key = '';
    for (let i = d.startLine; i <= d.endLine; i++) key += report.lines[i].text.replace(/\s+/g, '');
    const decimals = /保留([0-9０-９]{1,2})位/.exec(key)?.[1];
    d.blocks.forEach((b, i) => {
      if (!b.rows.length) return;
      const def = defs[i];
      const unit = `（单位：${b.amountUnit}${decimals ? `，保留${decimals}位小数` : ''}）`;
      const columns = def.columns.map((c, ci) => (def.amountColumns.includes(ci) ? c.replace(/（单位：[^）]*）/, '') + unit : c));
      // Each block has its own columns: aligned on its own.
      const block = [['信息内容', ...columns].join('\t')];
      const blockSources = [-1];
      for (const rowDef of def.rows) {
        const row = b.rows.find((r) => r.id === rowDef.label);
        if (!row) continue;
        block.push(rowText(labelFor(row, rowDef.label, names), row.cells));
        blockSources.push(sourceLine(row));
        used.push(...row.cells);
      }
      const item = `第二十条第（${def.item}）项`;
      lines.push(item, ...block);
      aligned.push(item, ...alignTabRows(block));
      sources.push(b.labelCell?.line ?? -1, ...blockSources);
    });
    add(candidate(report, t('主动公开政府信息情况表'), d, lines, used, names, undefined, aligned, sources, floor));
  }
  const a = report.applications;
  if (a) {
    const lines = applicationsTableTemplate(report.format).slice(0, 3);
    const sources = lines.map(() => -1);
    const used: Array<Cell | null> = [];
    const names: string[] = [];
    const groups = new Set<string>();
    let complete = true;
    for (const def of applicationRowDefs(report)) {
      const row: TableRow | undefined = a.rows.get(def.id);
      if (!row) {
        complete = false;
        continue;
      }
      if (def.group && !groups.has(def.group)) {
        lines.push(def.group);
        sources.push(-1);
      }
      if (def.group) groups.add(def.group);
      lines.push(rowText(labelFor(row, def.label, names), row.cells));
      sources.push(sourceLine(row));
      used.push(...row.cells);
    }
    add(candidate(report, t('收到和处理政府信息公开申请情况表'), a, lines, used, names, complete ? undefined : t('缺少规定的行'), alignTabRows(lines), sources, floor));
  }
  const r = report.review;
  if (r) {
    const cells = [...r.groups.review, ...r.groups.suitDirect, ...r.groups.suitAfterReview];
    // A row starting with a TAB reads as indented (its first cell lost): an empty first cell is
    // written as a space, which the splitter reads as a blank cell.
    const values = cells.map((c, i) => (i === 0 && c && !c.raw ? ' ' : c?.raw ?? ''));
    const header = reviewTableTemplate().slice(0, 3);
    const lines = [...header, values.join('\t')];
    // The merged header rows stay unpadded: padded, every tab of the first one and of the value row
    // would follow spaces, and a table with fewer than three lines of `word⇥word` is not read as tab rows.
    const first = cells.find((c) => c)?.line ?? -1;
    add(candidate(report, t('行政复议、行政诉讼情况表'), r, lines, cells, [], undefined, [...header.slice(0, 2), ...alignTabRows(lines.slice(2))], [-1, -1, -1, first], floor));
  }
  return out;
}

/** The edit a candidate's text makes, or undefined when the text is already written so. */
function editFor(report: Report, c: Candidate, text: string): TextEdit | undefined {
  const span = { start: report.lines[c.from].start, end: report.lines[c.to].end };
  return report.text.slice(span.start, span.end) === text ? undefined : { span, newText: text };
}

/** Codes whose findings are about the layout itself: a label's wording, a variant character's context. */
const LAYOUT_CODES = new Set(['label-variant', 'variant-char']);

/** What formatting must keep: the numbers, every cell's reading, the findings. */
interface Baseline {
  digits: Map<string, number>;
  reading: string;
  findings?: string;
}

function reading(report: Report): string {
  const cell = (c: Cell | null) => (c ? [c.kind, c.value?.toString() ?? '', c.unit ?? '', c.note ?? '', c.placeholder ? 1 : 0] : null);
  const units = report.disclosure?.blocks.map((b) => b.amountUnit);
  const a = report.applications ? [...report.applications.rows].map(([id, r]) => [id, r.cells.map(cell)]) : null;
  const r = report.review ? Object.entries(report.review.groups).map(([g, cells]) => [g, cells.map(cell)]) : null;
  const d = report.disclosure?.blocks.map((b) => b.rows.map((row) => [row.id, row.cells.map(cell)]));
  return JSON.stringify([tablesJson(report), units, a, r, d]);
}

function findingsOf(report: Report): string {
  return JSON.stringify(runRules(report).filter((f) => !LAYOUT_CODES.has(f.code)).map((f) => `${f.code}\u0000${f.message}`).sort());
}

/**
 * Whether the text after `edits` (rewriting the tables named `tables`) keeps what the baseline holds,
 * and formats to itself: those tables get no edit from formatting the result again.
 */
function keeps(report: Report, base: Baseline, edits: TextEdit[], tables: Set<string>, settled: boolean): boolean {
  const after = applyEdits(report.text, edits).text;
  if (!sameRuns(digitRuns(after), base.digits)) return false;
  const next = parseReport(after, report.formatSource === 'setting' ? { format: report.format } : {});
  if (reading(next) !== base.reading) return false;
  base.findings ??= findingsOf(report);
  if (findingsOf(next) !== base.findings) return false;
  // Formatting the result again changes nothing (checked one level deep).
  return settled || format(next, true, tables).edits.length === 0;
}

export function formatTables(report: Report): TextEdit[] {
  return formatTablesWithNotes(report).edits;
}

/** The formatting edits, with what they change and the tables they could not rewrite. */
export function formatTablesWithNotes(report: Report): FormatResult {
  return format(report, false);
}

/** `settled`: a check of a rewrite's result (no deeper check); `only`: the tables to look at, by name. */
function format(report: Report, settled: boolean, only?: Set<string>): FormatResult {
  const edits: TextEdit[] = [];
  const changed: string[] = [];
  const skipped: string[] = [];
  const cands = candidates(report).filter((c) => !only || only.has(c.name));
  for (const c of cands) if (c.reason) skipped.push(t('{0}未改写：{1}', c.name, c.reason));
  const open = cands.filter((c) => !c.reason);
  // The first text of each table whose edit is needed (none: the table is written so already).
  const first = open.map((c) => editFor(report, c, c.texts[0]));
  if (first.every((e) => !e)) return { edits, changed, skipped };
  const base: Baseline = { digits: digitRuns(report.text), reading: reading(report) };
  // The common case: every table's aligned rewrite at once.
  const all = first.filter((e): e is TextEdit => !!e);
  if (keeps(report, base, all, new Set(open.map((c) => c.name)), settled)) {
    open.forEach((c, i) => first[i] && changed.push(...c.names));
    return { edits: all, changed, skipped };
  }
  // Else table by table, each on top of the rewrites kept so far: aligned, then unpadded, else left alone.
  const kept = new Set<string>();
  for (const c of open) {
    let done = false;
    for (const text of c.texts) {
      const e = editFor(report, c, text);
      if (!e) {
        done = true;
        break;
      }
      if (keeps(report, base, [...edits, e], new Set([...kept, c.name]), settled)) {
        kept.add(c.name);
        edits.push(e);
        changed.push(...c.names);
        done = true;
        break;
      }
    }
    // Every rewrite would change what is read (or the findings, or would not format to itself).
    if (!done) skipped.push(t('{0}未改写：{1}', c.name, t('行无法对齐')));
  }
  return { edits, changed, skipped };
}
