/** The core's entry points: text → report → findings → the CLI's JSON shape; fixes. */
import { applicationRowDefs } from './model';
import { DISCLOSURE_BLOCKS, FormatId, REVIEW_GROUPS } from './format/official';
import type { Code, Finding, Severity, TextEdit } from './findings';
import { Locale, setLocale } from './i18n';
import type { Report } from './model';
import type { Cell } from './model';
import { looksLikeReport } from './parse/document';
import { parseReport } from './parse/report';
import { checkCarryOver, previousYearPairs } from './rules/carry-over-mismatch';
import { checkCopied } from './rules/copied-from-prior-year';
import { RULES } from './rules/index';
import { createContext, RuleContext, RuleFinding } from './rules/rule';
import type { Range } from './text';

export type SeveritySetting = Severity | 'off';

export interface CheckOptions {
  format?: FormatId | 'auto';
  /** Severity per rule code; `off` turns a rule off. */
  rules?: Partial<Record<Code, SeveritySetting>>;
  locale?: Locale;
  /** Path reported in the result. */
  path?: string;
  /** copied-from-prior-year: the share of a section's sentences found in last year's from which it is reported. */
  copiedShare?: number;
}

export interface JsonDiagnostic {
  code: Code;
  severity: Severity;
  message: string;
  range: Range;
  /** Places that explain the finding; `path` names another file (cross-year findings). */
  related?: Array<{ message: string; range: Range; path?: string }>;
}

export interface FileResult {
  path?: string;
  format: FormatId | 'pre-2019';
  title: string | null;
  year: number | null;
  sections: Array<{ number: number; title: string; line: number }>;
  tables: {
    applications?: Record<string, Array<number | null>>;
    review?: Record<string, Array<number | null>>;
    disclosure?: Record<string, Array<number | null>>;
  };
  diagnostics: JsonDiagnostic[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The last guard of the fix-safety contract: an edit that would replace markup (a tag or an
 * entity inside a cell) or delete digits without writing digits back is not offered at all.
 */
const MARKUP_CHAR = /[<>&]/;
const DIGIT = /[0-9０-９]/;

function safeFix(text: string, fix: RuleFinding['fix']): RuleFinding['fix'] {
  if (!fix) return fix;
  for (const e of fix.edits) {
    if (e.span.start === e.span.end) continue;
    const old = text.slice(e.span.start, e.span.end);
    if (MARKUP_CHAR.test(old) && !MARKUP_CHAR.test(e.newText)) return undefined;
    // Digits deleted and none written back.
    if (DIGIT.test(old) && !DIGIT.test(e.newText)) return undefined;
  }
  return fix;
}

function finish(code: Code, f: RuleFinding, defaultSeverity: Severity, options: CheckOptions, text?: string): Finding | undefined {
  const setting = options.rules?.[code];
  if (setting === 'off') return undefined;
  const fix = text === undefined ? f.fix : safeFix(text, f.fix);
  const out: Finding = { code, severity: setting ?? f.severity ?? defaultSeverity, message: f.message, span: f.span, fix };
  if (f.related?.length) out.related = f.related;
  return out;
}

/** Runs every rule on a parsed report. Findings come sorted by position. */
export function runRules(report: Report, options: CheckOptions = {}, ctx: RuleContext = createContext(report)): Finding[] {
  if (options.locale) setLocale(options.locale);
  const out: Finding[] = [];
  const isReport = looksLikeReport(report);
  for (const rule of RULES) {
    const level = options.rules?.[rule.code] ?? rule.defaultSeverity;
    if (level === 'off') continue;
    // A pre-2019 report gets its one format note and nothing else; a document that does not
    // look like a report at all gets only missing-section's one note that it does not.
    if (report.legacy && rule.code !== 'format-mismatch') continue;
    if (!report.legacy && rule.code !== 'missing-section' && !isReport) continue;
    for (const f of rule.check(ctx)) {
      const done = finish(rule.code, f, level, options, report.text);
      if (done) out.push(done);
    }
  }
  out.sort((a, b) => a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return out;
}

function cellJson(cell: Cell | null, unitShift = false): number | null {
  if (!cell) return null;
  if (cell.kind === 'blank') return 0;
  if (cell.kind !== 'number' || !cell.value) return null;
  return unitShift ? cell.value.shift(4).toNumber() : cell.value.toNumber();
}

export function tablesJson(report: Report): FileResult['tables'] {
  const tables: FileResult['tables'] = {};
  if (report.applications) {
    const rows: Record<string, Array<number | null>> = {};
    for (const d of applicationRowDefs(report)) {
      const row = report.applications.rows.get(d.id);
      if (!row) continue;
      const values: Array<number | null> = [];
      for (const c of row.cells) values.push(cellJson(c));
      rows[d.id] = values;
    }
    tables.applications = rows;
  }
  if (report.review) {
    const r: Record<string, Array<number | null>> = {};
    for (const g of REVIEW_GROUPS) r[g] = report.review.groups[g].map((c) => cellJson(c));
    tables.review = r;
  }
  if (report.disclosure) {
    const d: Record<string, Array<number | null>> = {};
    const defs = DISCLOSURE_BLOCKS[report.format];
    report.disclosure.blocks.forEach((b, i) => {
      for (const row of b.rows) {
        // Amounts are given in 万元: a cell or header in 元 is converted exactly.
        d[row.id] = row.cells.map((c, ci) => {
          if (!defs[i].amountColumns.includes(ci) || !c) return cellJson(c);
          const unit = c.unit === '元' || c.unit === '万元' ? c.unit : b.amountUnit;
          return cellJson(c, unit === '元');
        });
      }
    });
    tables.disclosure = d;
  }
  return tables;
}

export function toFileResult(report: Report, findings: Finding[], path?: string): FileResult {
  const result: FileResult = {
    format: report.legacy ? 'pre-2019' : report.format,
    title: report.title?.text ?? null,
    year: report.year ?? null,
    sections: report.headings.map((h) => ({ number: h.number, title: h.text.replace(/^[一二三四五六七八九十\u2f00-\u2fdf][\s]*[、，,.．:：]?\s*/, ''), line: h.line })),
    tables: report.legacy ? {} : tablesJson(report),
    diagnostics: findings.map((f) => jsonDiagnostic(report, f)),
  };
  return path === undefined ? result : { path, ...result };
}

/**
 * A finding as the JSON output writes it. Related places in another report get that report's
 * path from `pathOf` (the CLI knows its files); without one they are left out.
 */
export function jsonDiagnostic(report: Report, f: Finding, pathOf?: (other: Report) => string | undefined): JsonDiagnostic {
  const out: JsonDiagnostic = { code: f.code, severity: f.severity, message: f.message, range: report.index.range(f.span) };
  if (!f.related?.length) return out;
  const related = f.related.flatMap((r) => {
    if (!r.report || r.report === report) return [{ message: r.message, range: report.index.range(r.span) }];
    const path = pathOf?.(r.report);
    return path === undefined ? [] : [{ message: r.message, range: r.report.index.range(r.span), path }];
  });
  if (related.length) out.related = related;
  return out;
}

/** Checks one report's text; the result is one entry of the CLI's JSON `files` array. */
export function checkReport(text: string, options: CheckOptions = {}): FileResult {
  const report = parseReport(text, { format: options.format });
  return toFileResult(report, runRules(report, options), options.path);
}

/**
 * Cross-year findings for a report given the same body's report of the year before:
 * carry-over-mismatch and copied-from-prior-year. The CLI, the workspace check and the live
 * check of an open report all take them from here.
 */
export function crossYearFindings(current: Report, previous: Report, options: CheckOptions = {}): Finding[] {
  if (current.legacy || previous.legacy) return [];
  const out: Array<Finding | undefined> = [
    ...checkCarryOver(current, previous).map((f) => finish('carry-over-mismatch', f, 'warning', options)),
    ...checkCopied(current, previous, options.copiedShare).map((f) => finish('copied-from-prior-year', f, 'information', options)),
  ];
  return out.filter((f): f is Finding => !!f).sort((a, b) => a.span.start - b.span.start);
}

/** Cross-file findings (carry-over-mismatch, copied-from-prior-year) for a set of parsed reports. */
export function runSetRules(reports: Report[], options: CheckOptions = {}): Map<Report, Finding[]> {
  const out = new Map<Report, Finding[]>();
  for (const [report, previous] of previousYearPairs(reports)) {
    const found = crossYearFindings(report, previous, options);
    if (found.length) out.set(report, found);
  }
  return out;
}

/** Applies non-overlapping edits (later ones that overlap an earlier one are skipped). */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const applied: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    const prev = applied[applied.length - 1];
    // Overlapping edits, and a second insertion at the very point of the previous one, are skipped.
    const overlaps = e.span.start < lastEnd;
    const sameInsertion = prev !== undefined && e.span.start === e.span.end && prev.span.start === e.span.start;
    if (overlaps || sameInsertion) continue;
    applied.push(e);
    lastEnd = e.span.end;
  }
  let out = '';
  let pos = 0;
  for (const e of applied) {
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return { text: out + text.slice(pos), applied };
}

/** Two edits that cannot both be applied: overlapping ranges, or two insertions at one point. */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === a.span.end && b.span.start === b.span.end) return a.span.start === b.span.start;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/**
 * What fix-all applies: every preferred (safe) fix, optionally of one rule, taken whole or not at
 * all. Identical edits of two fixes are merged; a fix with an edit that conflicts with one already
 * taken is left out (the next pass of `fixAll` sees it again), so the edits never overlap.
 * Suggestions (`preferred: false`) are never taken.
 */
export function fixAllSelection(findings: Finding[], code?: Code): { edits: TextEdit[]; findings: Finding[] } {
  const seen = new Set<string>();
  const edits: TextEdit[] = [];
  const taken: Finding[] = [];
  const key = (e: TextEdit) => `${e.span.start}:${e.span.end}:${e.newText}`;
  for (const f of findings) {
    if (!f.fix?.preferred || (code && f.code !== code)) continue;
    const fresh = f.fix.edits.filter((e) => !seen.has(key(e)));
    if (fresh.some((e, i) => edits.some((x) => conflicts(e, x)) || fresh.some((o, j) => j < i && conflicts(e, o)))) continue;
    for (const e of fresh) {
      seen.add(key(e));
      edits.push(e);
    }
    taken.push(f);
  }
  return { edits, findings: taken };
}

/** The edits of every preferred fix (optionally of one rule): see `fixAllSelection`. */
export function preferredEdits(findings: Finding[], code?: Code): TextEdit[] {
  return fixAllSelection(findings, code).edits;
}

/** Applies the safe (preferred) fixes until nothing changes; returns the new text. */
export function fixAll(text: string, options: CheckOptions = {}): { text: string; fixed: number } {
  let current = text;
  let fixed = 0;
  for (let pass = 0; pass < 3; pass++) {
    const report = parseReport(current, { format: options.format });
    const edits = preferredEdits(runRules(report, options));
    if (!edits.length) break;
    const r = applyEdits(current, edits);
    if (r.text === current) break;
    fixed += r.applied.length;
    current = r.text;
  }
  return { text: current, fixed };
}
