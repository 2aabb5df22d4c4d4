/**
 * The seeded fault campaign of issue #17: the bundled server over stdio with real JSON-RPC, checked class by
 * class. Each class returns its numbers and its failures, every failure one line that names the class, the
 * request, the document and version and the numbers.
 *
 *   1 waits        typing bursts (30–80 ms a key, incremental didChange) in real reports and in a ~1 MB report,
 *                  with every request an editor sends, cancellations and stale positions: max wait per request,
 *                  last key → final diagnostics; full checks counted with xxgk-report/checkCount
 *   2 outline      every documentSymbol answer: children inside parents, names matching the text of a version
 *                  the answer may belong to; folding ranges inside the document
 *   3 differential after random edits: published diagnostics = a fresh server's didOpen = the core's checkReport
 *   4 formatting   formatting edits keep every number (multiset of digit runs) and what the core reads from tables
 *   5 memory       peak RSS while pasting up to 20 MB and editing it; a too-large document gets one clear note
 *   6 protocol     a request before initialize gets ServerNotInitialized (-32002)
 *   7 first views  documentSymbol asked right after didOpen (before diagnostics) is not empty for a report
 *
 * Used by scripts/fault-campaign.mjs (any size, prints the report) and test/lsp/load.test.ts (a small one).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { CampaignClient, Published, RequestRecord, distDir } from './campaign-client';
import {
  Doc,
  NamedText,
  Rng,
  bigReport,
  corpusTexts,
  digitRuns,
  lineStarts,
  multisetDiff,
  mutate,
  numberMultiset,
  pasteBlock,
  positionAt,
  randomEdit,
  seedTexts,
  typingBurst,
} from './campaign-docs';
import { ROOT } from './fixtures';
import { applyLspEdits } from './lsp-client';

export interface CampaignOptions {
  seed: number;
  /** The edit budget: about half goes to typing bursts (class 1), a quarter each to classes 2 and 3. */
  edits: number;
  /** Size of the big report (UTF-8 bytes). */
  bigBytes: number;
  /** Pasted in total in class 5 (MB). */
  pasteMB: number;
  /** Damaged copies formatted in class 4 (besides every seed and corpus text). */
  mutations: number;
  /** Real reports typed in (class 1), besides the big one. */
  typedReports: number;
  /** Requests sent together right after opening the big report (they must share its one check). */
  openRequests: number;
  waitTargetMs: number;
  diagTargetMs: number;
  rssTargetMB: number;
  /** Corpus texts formatted in class 4 (a seeded sample; every one when ≥ their count). */
  formatTexts: number;
  /** Only these classes (1–7); all when empty. */
  classes: number[];
  /** Write the text behind each failure (a version, a final text, a damaged copy) to this directory. */
  dump?: string;
  log: (line: string) => void;
}

export const SMALL: Omit<CampaignOptions, 'seed' | 'log'> = {
  edits: 100,
  bigBytes: 1024 * 1024,
  pasteMB: 20,
  mutations: 30,
  formatTexts: 50,
  typedReports: 1,
  openRequests: 8,
  waitTargetMs: 1000,
  diagTargetMs: 1000,
  // A 20 MB paste arrives as one JSON message of up to 60 MB: its buffer, the parsed string and the document
  // text are held at once for a moment (measured peak 450–560 MB); between pastes the server stays near 150 MB.
  rssTargetMB: 650,
  classes: [],
};

export const LARGE: Omit<CampaignOptions, 'seed' | 'log'> = { ...SMALL, edits: 2000, mutations: 400, formatTexts: 100000, typedReports: 4 };

export interface ClassResult {
  id: number;
  name: string;
  /** One line each: class, request, document/version, numbers. */
  failures: string[];
  metrics: Record<string, number | string>;
  notes: string[];
  ms: number;
}

export interface CampaignResult {
  seed: number;
  options: Omit<CampaignOptions, 'log'>;
  classes: ClassResult[];
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n);
const MB = 1024 * 1024;
const require_ = createRequire(__filename);

let dumped = 0;
/** Writes the text behind a failure when the campaign dumps them; the words to add to the failure line. */
function dump(o: { dump?: string }, label: string, text: string | undefined): string {
  if (!o.dump || text === undefined) return '';
  mkdirSync(o.dump, { recursive: true });
  const file = join(o.dump, `${String(++dumped).padStart(3, '0')}-${label.replace(/[^\w.-]+/g, '_').slice(0, 60)}.txt`);
  writeFileSync(file, text);
  return ` [text: ${file}]`;
}

interface CoreDiagnostic {
  code: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
type CheckReport = (text: string) => { diagnostics: CoreDiagnostic[]; tables: unknown };
let checkReportFn: CheckReport | undefined;
/** The core's own check of a text (dist/core.js, the bundle `npm run build` makes). */
function coreCheck(text: string): ReturnType<CheckReport> {
  checkReportFn ??= (require_(join(distDir(), 'core.js')) as { checkReport: CheckReport }).checkReport;
  return checkReportFn(text);
}

/** What the differential compares: code, message and range. */
const diagKey = (d: { code?: unknown; message: unknown; range: CoreDiagnostic['range'] }) =>
  `${String(d.code ?? '')} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.message)}`;

function diffKeys(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const count = new Map<string, number>();
  for (const k of a) count.set(k, (count.get(k) ?? 0) + 1);
  const onlyB: string[] = [];
  for (const k of b) {
    const n = count.get(k) ?? 0;
    if (n > 0) count.set(k, n - 1);
    else onlyB.push(k);
  }
  const onlyA = [...count].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { onlyA, onlyB };
}

/** Every server the campaign starts, so that each class can be held to what its servers wrote to stderr. */
const started: CampaignClient[] = [];
function startClient(options?: ConstructorParameters<typeof CampaignClient>[0]): CampaignClient {
  const c = new CampaignClient(options);
  started.push(c);
  return c;
}

/** Error lines the servers started since `from` wrote to stderr (a failed check or request, an unhandled rejection, a crash). */
function stderrErrors(from: number): string[] {
  return started.slice(from).flatMap((c) =>
    c.stderr
      .split('\n')
      .filter((l) => /error|failed|exception|unhandled|fatal/i.test(l))
      .map((l) => l.trim()),
  );
}

/** Failures of one kind, kept to a few examples and counted. */
class Failures {
  private readonly byKind = new Map<string, { count: number; examples: string[]; seen: Set<string> }>();
  /** `same`: failures with the same key are one example (e.g. one document's one problem, seen in many answers). */
  add(kind: string, line: string, keep = 3, same?: string): void {
    const e = this.byKind.get(kind) ?? { count: 0, examples: [], seen: new Set<string>() };
    e.count++;
    if (e.examples.length < keep && (same === undefined || !e.seen.has(same))) e.examples.push(line);
    if (same !== undefined) e.seen.add(same);
    this.byKind.set(kind, e);
  }
  lines(): string[] {
    return [...this.byKind].flatMap(([kind, e]) => (e.count > e.examples.length ? [...e.examples, `${kind}: ${e.count} in all (${e.examples.length} shown${e.seen.size ? `, ${e.seen.size} distinct` : ''})`] : e.examples));
  }
  get count(): number {
    let n = 0;
    for (const e of this.byKind.values()) n += e.count;
    return n;
  }
}

// --- Outline validation (class 2), shared by every class that asks documentSymbol.

interface Sym {
  name: string;
  kind: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  selectionRange: Sym['range'];
  children?: Sym[];
}

const KIND_NAME: Record<number, string> = { 1: 'title', 3: 'section', 15: 'subsection', 23: 'table', 8: 'rowgroup' };
const cmp = (a: Sym['range']['start'], b: Sym['range']['start']) => a.line - b.line || a.character - b.character;
const inside = (inner: Sym['range'], outer: Sym['range']) => cmp(outer.start, inner.start) <= 0 && cmp(inner.end, outer.end) <= 0;
const fmtRange = (r: Sym['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const norm = (s: string) => s.replace(/\s+/g, '');

/** Problems of an outline against one version's text (empty when the outline fits it). */
export function outlineProblems(symbols: Sym[], text: string): string[] {
  const starts = lineStarts(text);
  const lineText = (l: number) => (l < starts.length ? text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] - 1 : text.length).replace(/\r$/, '') : undefined);
  const out: string[] = [];
  const validPos = (p: Sym['range']['start']) => p.line < starts.length && p.character <= (lineText(p.line)?.length ?? 0) + 1;
  const visit = (s: Sym, parent: Sym | undefined, path: string) => {
    const here = `${path}${KIND_NAME[s.kind] ?? s.kind} «${s.name.slice(0, 24)}» ${fmtRange(s.range)}`;
    if (!validPos(s.range.start) || !validPos(s.range.end)) out.push(`${here}: range outside the text (${starts.length} lines)`);
    if (cmp(s.range.start, s.range.end) > 0) out.push(`${here}: range ends before it starts`);
    if (!inside(s.selectionRange, s.range)) out.push(`${here}: selectionRange ${fmtRange(s.selectionRange)} outside its range`);
    if (parent && !inside(s.range, parent.range)) out.push(`${here}: outside its parent ${KIND_NAME[parent.kind]} «${parent.name.slice(0, 24)}» ${fmtRange(parent.range)}`);
    if (s.kind === 1 || s.kind === 3 || s.kind === 15) {
      const sel = s.selectionRange;
      const selected = sel.start.line === sel.end.line ? (lineText(sel.start.line) ?? '').slice(sel.start.character, sel.end.character) : text.slice(starts[sel.start.line] + sel.start.character, (starts[sel.end.line] ?? text.length) + sel.end.character);
      // The name in order within the selected text: markup the parser masks (<!--[endif]-->, tags) may lie between.
      const name = norm(s.name.replace(/…$/, ''));
      const there = norm(selected);
      let k = 0;
      for (let i = 0; i < there.length && k < name.length; i++) if (there[i] === name[k]) k++;
      if (name && k < name.length) out.push(`${here}: the text there is «${selected.slice(0, 30)}», not the ${KIND_NAME[s.kind]} «${s.name.slice(0, 30)}»`);
    }
    for (const c of s.children ?? []) visit(c, s, parent ? `${path}… ` : '');
  };
  for (const s of symbols) visit(s, undefined, '');
  return out;
}

/**
 * Checks a documentSymbol answer against the versions it may have been computed from: the newest kept version
 * it fits, from the one current when it was answered back to older ones (a server may answer from its latest
 * result, an older version's); the problems against the version current when it was sent if none fits.
 */
function checkOutline(rec: RequestRecord, doc: Doc, from: number, to: number): { ok: boolean; version: number; problems: string[]; closest?: { version: number; count: number } } {
  if (rec.error || !Array.isArray(rec.result)) return { ok: true, version: from, problems: [] };
  let atSend: { version: number; problems: string[] } | undefined;
  let closest: { version: number; count: number } | undefined;
  for (let v = to; v >= 1; v--) {
    const text = doc.textOf(v);
    if (text === undefined) {
      if (v < from) break;
      continue;
    }
    const problems = outlineProblems(rec.result as Sym[], text);
    if (!problems.length) return { ok: true, version: v, problems };
    if (v === from || !atSend) atSend = { version: v, problems };
    if (!closest || problems.length < closest.count) closest = { version: v, count: problems.length };
  }
  return atSend ? { ok: false, ...atSend, closest } : { ok: true, version: from, problems: [] };
}

function checkFolding(rec: RequestRecord, doc: Doc, from: number, to: number): string | undefined {
  if (rec.error || !Array.isArray(rec.result)) return undefined;
  const ranges = rec.result as Array<{ startLine: number; endLine: number }>;
  let worst: string | undefined;
  for (let v = to; v >= 1; v--) {
    const text = doc.textOf(v);
    if (text === undefined) {
      if (v < from) break;
      continue;
    }
    const lines = lineStarts(text).length;
    const bad = ranges.find((r) => r.startLine > r.endLine || r.endLine >= lines);
    if (!bad) return undefined;
    worst ??= `foldingRange ${bad.startLine}-${bad.endLine} outside the ${lines} lines of v${v}`;
  }
  return worst;
}

// --- The requests an editor sends.

type Kind = 'documentSymbol' | 'foldingRange' | 'hover' | 'codeAction' | 'codeLens' | 'inlayHint' | 'formatting' | 'definition' | 'tableView';
const METHOD: Record<Kind, string> = {
  documentSymbol: 'textDocument/documentSymbol',
  foldingRange: 'textDocument/foldingRange',
  hover: 'textDocument/hover',
  codeAction: 'textDocument/codeAction',
  codeLens: 'textDocument/codeLens',
  inlayHint: 'textDocument/inlayHint',
  formatting: 'textDocument/formatting',
  definition: 'textDocument/definition',
  tableView: 'xxgk-report/tableView',
};
const KINDS = Object.keys(METHOD) as Kind[];
const short = (method: string) => method.replace(/^textDocument\//, '');

interface Pos {
  line: number;
  character: number;
}

function params(kind: Kind, uri: string, pos: Pos, diagnostics: unknown[]): unknown {
  const textDocument = { uri };
  const lineRange = { start: { line: Math.max(0, pos.line - 30), character: 0 }, end: { line: pos.line + 30, character: 0 } };
  switch (kind) {
    case 'hover':
    case 'definition':
      return { textDocument, position: pos };
    case 'codeAction':
      return { textDocument, range: { start: pos, end: pos }, context: { diagnostics, triggerKind: 2 } };
    case 'inlayHint':
      return { textDocument, range: lineRange };
    case 'formatting':
      return { textDocument, options: { tabSize: 4, insertSpaces: false } };
    case 'tableView':
      return { uri };
    default:
      return { textDocument };
  }
}

/** Errors a request may answer with under edits: cancelled, or content modified. */
const EXPECTED_ERRORS = new Set([-32800, -32801]);

// --- The campaign.

interface Session {
  client: CampaignClient;
  docs: Map<string, Doc>;
  checks: Array<{ rec: RequestRecord; doc: Doc; from: number; to: number; phase: string }>;
}

/** Sends a request on a document; when answered, notes the version range the answer may belong to. */
function ask(s: Session, doc: Doc, kind: Kind, pos: Pos, phase: string, cancelAfterMs?: number): Promise<RequestRecord> {
  const from = doc.version;
  const last = [...s.client.published].reverse().find((p) => p.uri === doc.uri);
  const diagnostics = (last?.diagnostics ?? []).filter((d) => d.range.start.line <= pos.line && pos.line <= d.range.end.line).slice(0, 5);
  return s.client.request(METHOD[kind], params(kind, doc.uri, pos, diagnostics), { phase, uri: doc.uri, version: from, cancelAfterMs, timeoutMs: 60000 }).then((rec) => {
    if (kind === 'documentSymbol' || kind === 'foldingRange') s.checks.push({ rec, doc, from, to: doc.version, phase });
    return rec;
  });
}

function describeDoc(doc: Doc): string {
  return `${doc.uri.replace(/^file:\/\/\/campaign\//, '')} (${(Buffer.byteLength(doc.text) / MB).toFixed(2)} MB)`;
}

/** The outline and folding answers collected so far, checked against their versions (class 2). */
function drainOutlineChecks(s: Session, fail: Failures, stats: OutlineStats, o: { dump?: string }): void {
  for (const c of s.checks.splice(0)) {
    if (c.rec.method === METHOD.documentSymbol) {
      stats.symbols++;
      const r = checkOutline(c.rec, c.doc, c.from, c.to);
      if (r.ok && r.version < c.from && !c.rec.error) {
        stats.older++;
        stats.maxLag = Math.max(stats.maxLag, c.from - r.version);
      }
      if (!r.ok) {
        const same = `${c.doc.uri}|${r.problems[0].replace(/\d+:\d+-\d+:\d+/g, '')}`;
        const type = /outside its parent/.test(r.problems[0]) ? 'child outside parent' : /the text there is/.test(r.problems[0]) ? 'name not in the text' : /selectionRange/.test(r.problems[0]) ? 'selection outside range' : 'range outside the text';
        fail.add(`class 2 outline (${c.phase}: ${type})`, `class 2 outline: documentSymbol on ${describeDoc(c.doc)} sent at v${c.from}, answered by v${c.to}: ${r.problems.length} problem(s) against v${r.version}${r.closest && r.closest.version !== r.version ? ` (no kept version fits; closest v${r.closest.version} with ${r.closest.count})` : ''}, e.g. ${r.problems[0]}${dump(o, `outline-${c.doc.uri.split('/').pop()}-v${r.version}`, c.doc.textOf(r.version))}${dump(o, `outline-${c.doc.uri.split('/').pop()}-v${r.version}-answer.json`, JSON.stringify(c.rec.result, null, 1))}`, 3, same);
      }
    } else {
      stats.folding++;
      const bad = checkFolding(c.rec, c.doc, c.from, c.to);
      if (bad) fail.add(`class 2 folding (${c.phase})`, `class 2 outline: ${bad} (${describeDoc(c.doc)}, sent at v${c.from})`, 3, c.doc.uri);
    }
  }
}

interface OutlineStats {
  symbols: number;
  folding: number;
  /** Answers that fit only a version older than the one current when they were sent, and by how many versions at most. */
  older: number;
  maxLag: number;
}
const outlineMetrics = (st: OutlineStats) => ({
  'documentSymbol answers checked': st.symbols,
  'foldingRange answers checked': st.folding,
  'symbol answers that fit only a version older than the one they were asked on': `${st.older} (at most ${st.maxLag} versions back)`,
});

interface Ctx {
  o: CampaignOptions;
  rng: Rng;
  reports: NamedText[];
  /** ~1 MB of whole reports one after another (as bench/bench.mjs builds its 1 MB input). */
  big: string;
  /** ~1 MB, one report: a seed grown by repeating its own prose. */
  bigProse: string;
}

/** How long the class 1 client takes to answer workspace/configuration (a busy extension host). */
const CONFIG_DELAY_MS = 300;

/** Class 1 (and the outline checks and burst-end differential it feeds to classes 2 and 3). */
async function classWaits(ctx: Ctx, results: Map<number, ClassResult>): Promise<void> {
  const { o } = ctx;
  const rng = ctx.rng.fork('waits');
  const fail = new Failures();
  const outlineFail = new Failures();
  const diffFail = new Failures();
  const metrics: Record<string, number | string> = {};
  const notes: string[] = [];
  const t0 = performance.now();
  // A client that answers workspace/configuration after 300 ms, as a busy extension host may.
  const client = startClient({ configDelayMs: CONFIG_DELAY_MS });
  const s: Session = { client, docs: new Map(), checks: [] };
  const stats: OutlineStats = { symbols: 0, folding: 0, older: 0, maxLag: 0 };
  try {
    await client.initialize();

    // (a) Right after opening the big report, N requests while its first check waits for the configuration.
    const bigDoc = new Doc('file:///campaign/big-reports.txt', ctx.big, 1, 64);
    const proseDoc = new Doc('file:///campaign/big-one-report.txt', ctx.bigProse, 1, 64);
    const label = (doc: Doc | undefined) => (doc === bigDoc ? 'big' : doc === proseDoc ? 'big-prose' : 'real');
    s.docs.set(bigDoc.uri, bigDoc);
    const c0 = await client.checkCount();
    const openedAt = performance.now();
    await client.open(bigDoc.uri, bigDoc.text);
    const firstAsks = Array.from({ length: o.openRequests }, (_, i) => ask(s, bigDoc, KINDS[i % KINDS.length] === 'formatting' ? 'documentSymbol' : KINDS[i % KINDS.length], { line: 3, character: 0 }, 'open'));
    const firstDiag = await client.nextDiagnostics(bigDoc.uri, 1, 60000);
    const answered = await Promise.all(firstAsks);
    const c1 = await client.checkCount();
    metrics['open 1 MB: checks for N requests + publish'] = `${c1 - c0} (N = ${o.openRequests})`;
    metrics['open 1 MB: first diagnostics ms'] = firstDiag ? round(firstDiag.at - openedAt) : 'none in 60 s';
    metrics['open 1 MB: slowest of the N requests ms'] = round(Math.max(...answered.map((r) => r.waitMs)));
    if (c1 - c0 !== 1) fail.add('class 1 shared check at open', `class 1 waits: right after opening the ${(Buffer.byteLength(bigDoc.text) / MB).toFixed(2)} MB report, ${o.openRequests} requests sent while its first check waits for workspace/configuration (answered after ${CONFIG_DELAY_MS} ms) ran ${c1 - c0} full checks (xxgk-report/checkCount), expected 1 shared by all`);
    if (!firstDiag) fail.add('class 1 no diagnostics', `class 1 waits: no diagnostics for the opened ${describeDoc(bigDoc)} v1 within 60 s`);

    // (b) Typing bursts in real reports and in the big one.
    const waitsKeys = Math.max(10, Math.round(o.edits * 0.5));
    const typed = Array.from({ length: o.typedReports }, () => rng.pick(ctx.reports));
    const plan: Array<{ doc: Doc; keys: number }> = [];
    const realKeys = Math.round(waitsKeys * 0.4);
    typed.forEach((r, i) => {
      const doc = new Doc(`file:///campaign/typed-${i}-${r.name.replace(/[^\w.-]+/g, '_')}`, r.text, 1, 64);
      s.docs.set(doc.uri, doc);
      plan.push({ doc, keys: Math.max(5, Math.round(realKeys / typed.length)) });
    });
    const bigKeys = waitsKeys - realKeys;
    plan.push({ doc: proseDoc, keys: Math.round(bigKeys / 3) });
    plan.push({ doc: bigDoc, keys: bigKeys - Math.round(bigKeys / 3) });
    s.docs.set(proseDoc.uri, proseDoc);
    const latencies: Array<{ doc: Doc; ms: number; keys: number; version: number; checks: number }> = [];
    for (const step of plan) {
      const { doc } = step;
      if (doc !== bigDoc) {
        await client.open(doc.uri, doc.text);
        await client.nextDiagnostics(doc.uri, 1, 30000);
      }
      let left = step.keys;
      while (left > 0) {
        const n = Math.min(left, rng.int(8, 25));
        left -= n;
        const startVersion = doc.version;
        const keys = typingBurst(rng, doc.text, n);
        const cBefore = await client.checkCount();
        const pending: Array<Promise<RequestRecord>> = [];
        let lastKeyAt = 0;
        for (const key of keys) {
          const changes = doc.apply([key]);
          await client.change(doc.uri, doc.version, changes);
          lastKeyAt = performance.now();
          const caret = changes[0].range.start;
          // The lightbulb: a code action at the caret, cancelled by the next key about a third of the time.
          pending.push(ask(s, doc, 'codeAction', caret, 'typing', rng.chance(0.35) ? rng.int(0, 60) : undefined));
          if (rng.chance(0.6)) {
            const kind = rng.pick(KINDS.filter((k) => k !== 'codeAction' && (k !== 'formatting' || rng.chance(0.15))));
            let pos: Pos = caret;
            if (kind === 'hover' || kind === 'definition') {
              // Stale positions: a number's place in an older version, or past the end of the document.
              const old = doc.textOf(Math.max(startVersion, doc.version - rng.int(1, 6))) ?? doc.text;
              const runs = digitRuns(old, 0, Math.min(old.length, 60000));
              pos = rng.chance(0.2) ? { line: lineStarts(old).length + rng.int(0, 50), character: rng.int(0, 40) } : runs.length ? positionAt(old, rng.pick(runs).start) : caret;
            }
            pending.push(ask(s, doc, kind, pos, 'typing', rng.chance(0.25) ? rng.int(0, 150) : undefined));
          }
          await sleep(rng.int(30, 80));
        }
        const final = doc.version;
        const diag = await client.nextDiagnostics(doc.uri, final, 60000);
        const recs = await Promise.all(pending);
        const cAfter = await client.checkCount();
        const latency = diag ? diag.at - lastKeyAt : Infinity;
        latencies.push({ doc, ms: latency, keys: n, version: final, checks: cAfter - cBefore });
        if (!diag) fail.add('class 1 no diagnostics', `class 1 waits: no diagnostics for ${describeDoc(doc)} v${final} within 60 s of the last key of a ${n}-key burst`);
        else if (latency > o.diagTargetMs) fail.add(`class 1 diagnostics latency ${label(doc)}`, `class 1 waits: diagnostics for ${describeDoc(doc)} v${final} came ${round(latency)} ms after the last key (${n}-key burst, ${cAfter - cBefore} full checks for ${n} versions) > ${o.diagTargetMs} ms`);
        for (const r of recs) {
          if (r.error && !EXPECTED_ERRORS.has(r.error.code)) fail.add(`class 1 error ${short(r.method)}`, `class 1 waits: ${short(r.method)} on ${describeDoc(doc)} v${r.version}${r.cancelled ? ' (cancelled)' : ''} answered error ${r.error.code} «${r.error.message.slice(0, 120)}»`);
        }
        // The idle requests VS Code sends once typing stops: the check of the final version is shared, no new one.
        const idle = await Promise.all((['documentSymbol', 'foldingRange', 'codeLens', 'inlayHint'] as Kind[]).map((k) => ask(s, doc, k, { line: 0, character: 0 }, 'idle')));
        const cIdle = await client.checkCount();
        if (cIdle !== cAfter) fail.add('class 1 idle checks', `class 1 waits: after the diagnostics of ${describeDoc(doc)} v${final}, 4 idle requests (documentSymbol, foldingRange, codeLens, inlayHint) ran ${cIdle - cAfter} new full check(s), expected 0 (one check per version, shared)`);
        for (const r of idle) if (r.error) fail.add(`class 1 error ${short(r.method)}`, `class 1 waits: idle ${short(r.method)} on ${describeDoc(doc)} v${final} answered error ${r.error.code} «${r.error.message.slice(0, 120)}»`);
        // Class 2 on every outline answered, class 3 on the final version (after the timing, which it would disturb).
        drainOutlineChecks(s, outlineFail, stats, o);
        if (diag) {
          // Cross-year findings depend on the other reports open in the session: left out here (class 3 counts them).
          const core = coreCheck(doc.text).diagnostics.slice(0, 1000).map(diagKey).filter((k) => !CROSS_YEAR.test(k));
          const server = diag.diagnostics.map(diagKey).filter((k) => !CROSS_YEAR.test(k));
          const d = diffKeys(server, core);
          if (d.onlyA.length || d.onlyB.length) diffFail.add('class 3 burst end', `class 3 differential: after a ${n}-key typing burst in ${describeDoc(doc)}, diagnostics published for v${final} differ from the core's checkReport of that text: server only [${d.onlyA.slice(0, 2).join(' | ')}]${d.onlyA.length > 2 ? ` +${d.onlyA.length - 2}` : ''}, core only [${d.onlyB.slice(0, 2).join(' | ')}]${d.onlyB.length > 2 ? ` +${d.onlyB.length - 2}` : ''}`);
        }
        await sleep(rng.int(100, 400));
      }
    }

    // Waits, per document kind and method.
    const mine = client.requests;
    const worst = new Map<string, RequestRecord>();
    for (const r of mine) {
      const doc = s.docs.get(r.uri ?? '');
      const key = `${label(doc)} ${short(r.method)}`;
      if (!worst.has(key) || worst.get(key)!.waitMs < r.waitMs) worst.set(key, r);
      if (r.waitMs > o.waitTargetMs && r.phase !== 'open') {
        fail.add(`class 1 wait ${key}`, `class 1 waits: ${short(r.method)} on ${doc ? describeDoc(doc) : r.uri} sent at v${r.version} (${r.phase}${r.cancelled ? ', cancelled' : ''}) waited ${round(r.waitMs)} ms > ${o.waitTargetMs} ms`);
      }
      if (r.waitMs > o.waitTargetMs + CONFIG_DELAY_MS && r.phase === 'open') {
        fail.add(`class 1 wait at open`, `class 1 waits: ${short(r.method)} sent right after opening ${doc ? describeDoc(doc) : r.uri} waited ${round(r.waitMs)} ms > ${o.waitTargetMs} ms + the ${CONFIG_DELAY_MS} ms the client took to answer workspace/configuration`);
      }
    }
    for (const [k, r] of [...worst].sort()) metrics[`max wait ${k} ms`] = round(r.waitMs);
    const typing = mine.filter((r) => r.phase === 'typing');
    metrics['requests sent'] = mine.length;
    metrics['requests cancelled'] = typing.filter((r) => r.cancelled).length;
    metrics['answered RequestCancelled / ContentModified'] = `${mine.filter((r) => r.error?.code === -32800).length} / ${mine.filter((r) => r.error?.code === -32801).length}`;
    for (const which of ['real', 'big-prose', 'big'] as const) {
      const l = latencies.filter((x) => label(x.doc) === which);
      if (!l.length) continue;
      metrics[`${which}: bursts`] = l.length;
      metrics[`${which}: keys`] = l.reduce((a, x) => a + x.keys, 0);
      metrics[`${which}: max last key → diagnostics ms`] = round(Math.max(...l.map((x) => x.ms)));
      metrics[`${which}: full checks / versions typed`] = `${l.reduce((a, x) => a + x.checks, 0)} / ${l.reduce((a, x) => a + x.keys, 0)}`;
    }
    const stalePast = typing.filter((r) => (r.method === METHOD.hover || r.method === METHOD.definition) && !r.error).length;
    notes.push(`${stalePast} hover/definition requests at stale positions answered without error`);
  } finally {
    await client.stop();
  }
  results.set(1, { id: 1, name: 'waits', failures: fail.lines(), metrics, notes, ms: round(performance.now() - t0) });
  // Outline answers from the typing sessions go to class 2, the burst-end differential to class 3.
  results.set(-2, { id: 2, name: 'outline (typing sessions)', failures: outlineFail.lines(), metrics: outlineMetrics(stats), notes: [], ms: 0 });
  results.set(-3, { id: 3, name: 'differential (burst ends)', failures: diffFail.lines(), metrics: {}, notes: [], ms: 0 });
}

/** Class 2: random structural edits (headings inserted and moved, lines swapped, blocks pasted), each followed by documentSymbol and foldingRange. */
async function classOutline(ctx: Ctx): Promise<ClassResult> {
  const rng = ctx.rng.fork('outline');
  const fail = new Failures();
  const t0 = performance.now();
  const client = startClient();
  const s: Session = { client, docs: new Map(), checks: [] };
  const stats: OutlineStats = { symbols: 0, folding: 0, older: 0, maxLag: 0 };
  const edits = Math.max(10, Math.round(ctx.o.edits * 0.25));
  const others = ctx.reports.map((r) => r.text);
  const kinds = new Map<string, number>();
  try {
    await client.initialize();
    let left = edits;
    let n = 0;
    while (left > 0) {
      const base = rng.pick(ctx.reports);
      const doc = new Doc(`file:///campaign/outline-${n++}.txt`, base.text, 1, 64);
      s.docs.set(doc.uri, doc);
      await client.open(doc.uri, doc.text);
      const seq = Math.min(left, rng.int(10, 40));
      left -= seq;
      const asks: Array<Promise<RequestRecord>> = [];
      for (let i = 0; i < seq; i++) {
        const e = randomEdit(rng, doc.text, others);
        const op = e.what.replace(/ .*/, '');
        kinds.set(op, (kinds.get(op) ?? 0) + 1);
        await client.change(doc.uri, doc.version + 1, doc.apply(e.changes));
        if (rng.chance(0.7)) asks.push(ask(s, doc, 'documentSymbol', { line: 0, character: 0 }, 'outline'));
        if (rng.chance(0.3)) asks.push(ask(s, doc, 'foldingRange', { line: 0, character: 0 }, 'outline'));
        if (rng.chance(0.5)) await Promise.all(asks.splice(0));
        else await sleep(rng.int(0, 40));
      }
      await Promise.all(asks);
      // Once settled, the outline must be exactly the final version's.
      const final = doc.version;
      await client.nextDiagnostics(doc.uri, final, 30000);
      const rec = await ask(s, doc, 'documentSymbol', { line: 0, character: 0 }, 'settled');
      const problems = Array.isArray(rec.result) ? outlineProblems(rec.result as Sym[], doc.text) : [];
      if (problems.length) fail.add('class 2 settled', `class 2 outline: documentSymbol on ${describeDoc(doc)} after its diagnostics for v${final} (from ${base.name}): ${problems.length} problem(s), e.g. ${problems[0]}${dump(ctx.o, `outline-settled-v${final}`, doc.text)}`);
      s.checks.pop();
      drainOutlineChecks(s, fail, stats, ctx.o);
      await client.close(doc.uri);
    }
  } finally {
    await client.stop();
  }
  return { id: 2, name: 'outline', failures: fail.lines(), metrics: { edits, ...outlineMetrics(stats), 'edit kinds': [...kinds].map(([k, v]) => `${k} ${v}`).join(', ') }, notes: [], ms: round(performance.now() - t0) };
}

/** Findings that depend on the other reports a server knows (last year's report of the same body). */
const CROSS_YEAR = /^(carry-over-mismatch|copied-from-prior-year) /;

/**
 * Class 3: random edit sequences in one editor session (two reports open and edited in turn, then closed, the
 * next two opened); each final version's published diagnostics = a fresh server's didOpen of the same text
 * (a new process) = the core's checkReport. Cross-year findings, which depend on the other reports the
 * session knows, are left out of the comparison with the session and counted.
 */
async function classDifferential(ctx: Ctx): Promise<ClassResult> {
  const rng = ctx.rng.fork('differential');
  const fail = new Failures();
  const t0 = performance.now();
  const edits = Math.max(10, Math.round(ctx.o.edits * 0.25));
  const others = ctx.reports.map((r) => r.text);
  const show = (xs: string[]) => `[${xs.slice(0, 2).join(' | ')}]${xs.length > 2 ? ` +${xs.length - 2}` : ''}`;
  const agree = (d: { onlyA: string[]; onlyB: string[] } | undefined) => !!d && !d.onlyA.length && !d.onlyB.length;
  let sequences = 0;
  let agreeing = 0;
  let crossYear = 0;
  let left = edits;
  const session = startClient();
  try {
    await session.initialize();
    while (left > 0) {
      // Two reports open at once, edited in turn.
      const pair = [0, 1].map(() => {
        const base = rng.pick(ctx.reports);
        sequences++;
        const uri = `file:///campaign/diff-${sequences}/${base.name.replace(/^\w+\//, '').replace(/[^\w.-]+/g, '-')}`;
        return { base, doc: new Doc(uri, base.text, 1, 2), log: [] as string[] };
      });
      for (const p of pair) await session.open(p.doc.uri, p.doc.text);
      const n = Math.min(left, rng.int(16, 40));
      left -= n;
      for (let i = 0; i < n; i++) {
        const p = rng.pick(pair);
        const e = randomEdit(rng, p.doc.text, others);
        p.log.push(e.what);
        await session.change(p.doc.uri, p.doc.version + 1, p.doc.apply(e.changes));
        await sleep(rng.pick([0, 0, 2, 10, 40, 120]));
      }
      for (const { base, doc, log } of pair) {
        const final = doc.version;
        let where = `${log.length} edits on ${base.name} [${log.slice(0, 4).join('; ')}${log.length > 4 ? '; …' : ''}]`;
        const published = await session.nextDiagnostics(doc.uri, final, 60000);
        await sleep(200);
        const lastPublished = [...session.published].reverse().find((p) => p.uri === doc.uri);
        const fresh = startClient();
        let reopened: Published | undefined;
        try {
          await fresh.initialize();
          await fresh.open(doc.uri, doc.text);
          reopened = await fresh.nextDiagnostics(doc.uri, 1, 60000);
        } finally {
          await fresh.stop();
        }
        const core = coreCheck(doc.text).diagnostics.slice(0, 1000).map(diagKey);
        if (!published) {
          fail.add('class 3 none', `class 3 differential: no diagnostics published for the final v${final} within 60 s after ${where}${dump(ctx.o, `differential-${doc.uri.split('/').slice(-2).join('-')}`, doc.text)}`);
          continue;
        }
        const all = published.diagnostics.map(diagKey);
        const server = all.filter((k) => !CROSS_YEAR.test(k));
        crossYear += all.length - server.length;
        const d1 = diffKeys(server, core.filter((k) => !CROSS_YEAR.test(k)));
        const d2 = reopened ? diffKeys(reopened.diagnostics.map(diagKey), core) : undefined;
        if (!agree(d1) || !agree(d2) || (lastPublished && lastPublished.version !== final)) where += dump(ctx.o, `differential-${doc.uri.split('/').slice(-2).join('-')}`, doc.text);
        if (lastPublished && lastPublished.version !== final) fail.add('class 3 stale last', `class 3 differential: after ${where}, the last diagnostics published are for v${lastPublished.version}, not the final v${final}`);
        if (!agree(d1)) fail.add('class 3 edited vs core', `class 3 differential: v${final} after ${where}: published diagnostics differ from the core's checkReport of the same text: server only ${show(d1.onlyA)}, core only ${show(d1.onlyB)}`);
        if (!reopened) fail.add('class 3 fresh none', `class 3 differential: a fresh server's didOpen of the final text of ${where} published nothing in 60 s`);
        else if (!agree(d2)) fail.add('class 3 fresh vs core', `class 3 differential: a fresh server's didOpen of the final text of ${where} differs from the core's checkReport: server only ${show(d2!.onlyA)}, core only ${show(d2!.onlyB)}`);
        if (agree(d1) && agree(d2)) agreeing++;
      }
      for (const p of pair) await session.close(p.doc.uri);
    }
  } finally {
    await session.stop();
  }
  return { id: 3, name: 'differential', failures: fail.lines(), metrics: { sequences, edits, 'sequences where session, fresh didOpen and core agree': agreeing, 'cross-year findings left out of the session comparison': crossYear }, notes: [], ms: round(performance.now() - t0) };
}

/** Class 4: formatting keeps every number and every table reading (seeds, the corpus, damaged copies). */
async function classFormatting(ctx: Ctx): Promise<ClassResult> {
  const rng = ctx.rng.fork('formatting');
  const fail = new Failures();
  const t0 = performance.now();
  const client = startClient();
  const seeds = ctx.reports.filter((r) => r.name.startsWith('seeds/'));
  const corpus = ctx.reports.filter((r) => !r.name.startsWith('seeds/'));
  const sample = [...corpus];
  // A seeded sample of the corpus (Fisher–Yates), kept in corpus order.
  for (let i = sample.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [sample[i], sample[j]] = [sample[j], sample[i]];
  }
  const chosen = new Set(sample.slice(0, ctx.o.formatTexts));
  const texts: Array<NamedText & { what?: string[] }> = [...seeds, ...corpus.filter((c) => chosen.has(c))];
  for (let i = 0; i < ctx.o.mutations; i++) {
    const base = rng.pick(ctx.reports);
    const m = mutate(rng, base.text);
    texts.push({ name: `${base.name} (damaged #${i})`, text: m.text, what: m.what });
  }
  let formatted = 0;
  let changed = 0;
  let lostNumbers = 0;
  let changedReading = 0;
  try {
    await client.initialize();
    for (const [i, t] of texts.entries()) {
      const uri = `file:///campaign/format-${i}.txt`;
      await client.open(uri, t.text);
      const rec = await client.request(METHOD.formatting, params('formatting', uri, { line: 0, character: 0 }, []), { phase: 'format', uri, version: 1 });
      await client.close(uri);
      if (rec.error) {
        fail.add('class 4 error', `class 4 formatting: ${t.name}: formatting answered error ${rec.error.code} «${rec.error.message.slice(0, 100)}»`);
        continue;
      }
      formatted++;
      const edits = (rec.result ?? []) as Parameters<typeof applyLspEdits>[1];
      if (!edits.length) continue;
      changed++;
      const after = applyLspEdits(t.text, edits);
      const d = multisetDiff(numberMultiset(t.text), numberMultiset(after));
      const how = t.what ? ` (${t.what.join('; ')})` : '';
      if (d.lost.length || d.gained.length) {
        lostNumbers++;
        // Where: the first line of the text that held a lost number and is not found again (whitespace aside)
        // among the formatted lines, with the formatted line of the same label.
        const squeeze = (l: string) => l.replace(/[\s\u3000]+/g, '');
        const afterLines = after.split('\n');
        const kept = new Set(afterLines.map(squeeze));
        const hasRun = (l: string, n: string) => new RegExp(`(^|[^0-9０-９])${n}([^0-9０-９]|$)`).test(l.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)));
        const beforeLines = t.text.split('\n');
        const at = beforeLines.findIndex((l) => !kept.has(squeeze(l)) && [...d.lost, ...d.gained].some((n) => hasRun(l, n)));
        const shown = (x: string) => `«${x.replace(/\t/g, '⇥').slice(0, 60)}»`;
        let where = '';
        if (at >= 0) {
          const label = squeeze(beforeLines[at]).replace(/[0-9０-９].*$/, '').slice(0, 6);
          const twin = label ? afterLines.find((l) => squeeze(l).startsWith(label)) : undefined;
          where = `; line ${at + 1}: ${shown(beforeLines[at])} → ${twin !== undefined ? shown(twin) : 'no line with that label'}`;
        }
        fail.add('class 4 numbers', `class 4 formatting: ${t.name}${how}: ${edits.length} edit(s) lose numbers [${d.lost.slice(0, 6).join(', ')}] and add [${d.gained.slice(0, 6).join(', ')}]${where}${dump(ctx.o, `format-${t.name}`, t.text)}`, 5);
      }
      const before = JSON.stringify(coreCheck(t.text).tables);
      const now = JSON.stringify(coreCheck(after).tables);
      if (before !== now) {
        changedReading++;
        fail.add('class 4 reading', `class 4 formatting: ${t.name}${how}: the tables the core reads change after formatting (${firstDifference(before, now)})${dump(ctx.o, `format-reading-${t.name}`, t.text)}`, 5);
      }
    }
  } finally {
    await client.stop();
  }
  return {
    id: 4,
    name: 'formatting',
    failures: fail.lines(),
    metrics: { texts: texts.length, 'answered': formatted, 'with edits': changed, 'numbers changed': lostNumbers, 'table readings changed': changedReading },
    notes: [],
    ms: round(performance.now() - t0),
  };
}

/** Where two JSON strings of table readings first differ: the row key and both values. */
function firstDifference(a: string, b: string): string {
  const x = JSON.parse(a) as Record<string, Record<string, unknown>>;
  const y = JSON.parse(b) as Record<string, Record<string, unknown>>;
  for (const table of new Set([...Object.keys(x), ...Object.keys(y)])) {
    const rows = new Set([...Object.keys(x[table] ?? {}), ...Object.keys(y[table] ?? {})]);
    for (const row of rows) {
      const va = JSON.stringify(x[table]?.[row]);
      const vb = JSON.stringify(y[table]?.[row]);
      if (va !== vb) return `${table}.${row}: ${va} → ${vb}`;
    }
  }
  return 'table set differs';
}

/** The server's default maxFileSize (characters): beyond it a document gets a note instead of a live check. */
const MAX_FILE_CHARS = 2_000_000;

/**
 * Class 5: peak RSS while a report grows by pastes to 1 MB, to just under the size limit (the largest live
 * check) and to `pasteMB`, then `pasteMB` pasted at once into a new document and pasted over again (select
 * all), each followed by typing and the editor's requests; beside a 1 MB report open all along.
 */
async function classMemory(ctx: Ctx): Promise<ClassResult> {
  const { o } = ctx;
  const rng = ctx.rng.fork('memory');
  const fail = new Failures();
  const metrics: Record<string, number | string> = {};
  const notes: string[] = [];
  const t0 = performance.now();
  const client = startClient();
  let maxSampled = 0;
  const waits: RequestRecord[] = [];
  try {
    await client.initialize();
    const start = await client.rss();
    metrics['RSS after start MB'] = round(start / MB);
    const real = rng.pick(ctx.reports);
    const a = new Doc('file:///campaign/paste-target.txt', real.text, 1, 1);
    const b = new Doc('file:///campaign/memory-big.txt', ctx.big, 1, 1);
    const c = new Doc('file:///campaign/paste-new.txt', '', 1, 1);
    await client.open(a.uri, a.text);
    await client.open(b.uri, b.text);
    await client.open(c.uri, c.text);
    await client.nextDiagnostics(a.uri, 1, 60000);
    await client.nextDiagnostics(b.uri, 1, 60000);
    const sample = async () => {
      const r = await client.rss();
      maxSampled = Math.max(maxSampled, r);
      return r;
    };
    metrics['RSS with a report and a 1 MB report open MB'] = round((await sample()) / MB);
    const block = pasteBlock(o.pasteMB * MB + MB);
    const charsPerByte = block.length / Buffer.byteLength(block);
    const chars = (bytes: number) => Math.round(bytes * charsPerByte);
    const steps: Array<{ label: string; doc: Doc; chars: number; replace?: boolean }> = [
      { label: 'report pasted to 1 MB', doc: a, chars: chars(MB) },
      { label: `report pasted to ${(MAX_FILE_CHARS * 0.975 / 1e6).toFixed(2)} M chars (just under the ${MAX_FILE_CHARS / 1e6} M-char limit)`, doc: a, chars: Math.round(MAX_FILE_CHARS * 0.975) },
      { label: `report pasted to ${o.pasteMB} MB`, doc: a, chars: chars(o.pasteMB * MB) },
      { label: `${o.pasteMB} MB pasted at once into a new document`, doc: c, chars: chars(o.pasteMB * MB) },
      { label: `select all there, paste ${o.pasteMB} MB again`, doc: c, chars: chars(o.pasteMB * MB), replace: true },
    ];
    const tooLarge: Array<{ uri: string; version: number }> = [];
    for (const step of steps) {
      const doc = step.doc;
      if (!step.replace && step.chars <= doc.text.length) continue;
      const piece = step.replace ? block.slice(997, 997 + step.chars) : block.slice(0, step.chars - doc.text.length);
      const change = step.replace ? { start: 0, end: doc.text.length, text: piece } : { start: doc.text.length, end: doc.text.length, text: piece };
      const pastedAt = performance.now();
      await client.change(doc.uri, doc.version + 1, doc.apply([change]));
      // Then edit it: a few keys near the top, with the requests an editor sends.
      const pending: Array<Promise<RequestRecord>> = [];
      let lastKey = 0;
      for (let k = 0; k < 6; k++) {
        const caret = rng.int(0, Math.min(2000, doc.text.length));
        const changes = doc.apply([{ start: caret, end: caret, text: String(rng.int(0, 9)) }]);
        await client.change(doc.uri, doc.version, changes);
        lastKey = performance.now();
        for (const kind of ['documentSymbol', 'hover', 'codeAction'] as Kind[]) pending.push(client.request(METHOD[kind], params(kind, doc.uri, changes[0].range.start, []), { phase: step.label, uri: doc.uri, version: doc.version }));
        await sleep(rng.int(30, 80));
        await sample();
      }
      const diag = await client.nextDiagnostics(doc.uri, doc.version, 120000);
      waits.push(...(await Promise.all(pending)));
      const rss = await sample();
      const size = `${(Buffer.byteLength(doc.text) / MB).toFixed(1)} MB, ${(doc.text.length / 1e6).toFixed(2)} M chars`;
      metrics[`${step.label} (${size}): RSS MB`] = round(rss / MB);
      metrics[`${step.label}: paste → diagnostics ms, last key → diagnostics ms`] = diag ? `${round(diag.at - pastedAt)}, ${round(diag.at - lastKey)}` : 'none in 120 s';
      if (!diag) fail.add('class 5 no diagnostics', `class 5 memory: ${step.label}: no diagnostics for v${doc.version} (${size}) within 120 s`);
      else if (doc.text.length > MAX_FILE_CHARS) {
        tooLarge.push({ uri: doc.uri, version: doc.version });
        const ds = diag.diagnostics;
        const note = ds.filter((d) => /太大|too large/i.test(String(d.message)));
        if (ds.length !== 1 || note.length !== 1) fail.add('class 5 note', `class 5 memory: ${step.label}: the document (${size}, over the ${MAX_FILE_CHARS}-char default maxFileSize) got ${ds.length} diagnostic(s), ${note.length} of them a too-large note; expected exactly one clear note${ds[0] ? `, first: «${String(ds[0].message).slice(0, 80)}»` : ''}`);
      }
    }
    metrics['publishes for too-large versions'] = client.published.filter((p) => tooLarge.some((x) => x.uri === p.uri && x.version === p.version)).length;
    const shown = client.messages.filter((m) => /太大|too large/i.test(m.message)).length;
    metrics['too-large messages shown (window/showMessage)'] = shown;
    if (shown > 2) fail.add('class 5 repeated message', `class 5 memory: the too-large documents were announced ${shown} times by window/showMessage; expected at most once each (2)`);
    const peak = client.peakRss();
    metrics['peak RSS (sampled, xxgk-report/memory) MB'] = round(maxSampled / MB);
    if (peak !== undefined) metrics['peak RSS (kernel VmHWM) MB'] = round(peak / MB);
    const worstPeak = Math.max(maxSampled, peak ?? 0);
    if (worstPeak > o.rssTargetMB * MB) fail.add('class 5 rss', `class 5 memory: peak RSS ${round(worstPeak / MB)} MB (${peak !== undefined ? 'kernel VmHWM' : 'sampled'}) while ${steps.map((x) => x.label).join('; ')} — each followed by 6 keys — beside a ${(Buffer.byteLength(ctx.big) / MB).toFixed(1)} MB report; target ≤ ${o.rssTargetMB} MB`);
    metrics['max wait of requests on the pasted documents ms'] = round(Math.max(0, ...waits.map((r) => r.waitMs)));
    const slow = waits.filter((r) => r.waitMs > o.waitTargetMs).sort((x, y) => y.waitMs - x.waitMs);
    if (slow.length) notes.push(`${slow.length} of ${waits.length} requests on the pasted documents waited > ${o.waitTargetMs} ms (class 1 holds the wait targets), the longest ${short(slow[0].method)} ${round(slow[0].waitMs)} ms after «${slow[0].phase}»`);
  } finally {
    await client.stop();
  }
  return { id: 5, name: 'memory', failures: fail.lines(), metrics, notes, ms: round(performance.now() - t0) };
}

/** Class 6: requests before initialize get ServerNotInitialized (-32002); the server still initializes afterwards. */
async function classProtocol(): Promise<ClassResult> {
  const fail = new Failures();
  const t0 = performance.now();
  const client = startClient();
  const metrics: Record<string, number | string> = {};
  try {
    for (const [method, p] of [
      ['textDocument/documentSymbol', { textDocument: { uri: 'file:///campaign/early.txt' } }],
      ['textDocument/hover', { textDocument: { uri: 'file:///campaign/early.txt' }, position: { line: 0, character: 0 } }],
      ['xxgk-report/checkCount', undefined],
      ['xxgk-report/template', { format: '2021', year: 2024 }],
    ] as const) {
      const rec = await client.request(method, p, { phase: 'before initialize', timeoutMs: 10000 });
      const got = rec.error ? `error ${rec.error.code} «${rec.error.message.slice(0, 60)}»` : `result ${JSON.stringify(rec.result)?.slice(0, 60)}`;
      metrics[`${method} before initialize`] = got;
      if (rec.error?.code !== -32002) fail.add('class 6', `class 6 protocol: ${method} sent before initialize was answered with ${got}; expected error -32002 (ServerNotInitialized)`);
    }
    try {
      await Promise.race([client.initialize(), sleep(10000).then(() => Promise.reject(new Error('no answer in 10 s')))]);
      metrics['initialize afterwards'] = 'ok';
    } catch (e) {
      fail.add('class 6 init', `class 6 protocol: initialize after the early requests failed: ${String(e)}`);
    }
  } finally {
    await client.stop();
  }
  return { id: 6, name: 'protocol', failures: fail.lines(), metrics, notes: [], ms: round(performance.now() - t0) };
}

/** Class 7: views follow from the first version: documentSymbol right after didOpen, before any diagnostics. */
async function classFirstViews(ctx: Ctx): Promise<ClassResult> {
  const fail = new Failures();
  const t0 = performance.now();
  const metrics: Record<string, number | string> = {};
  const count = (r: RequestRecord) => (r.error ? `error ${r.error.code}` : Array.isArray(r.result) ? r.result.length : String(r.result));
  const seed = ctx.reports[0];
  const scenarios: Array<{ name: string; configDelayMs?: number; run: (c: CampaignClient) => Promise<{ uri: string; version: number }> }> = [
    { name: 'didOpen then documentSymbol', run: async (c) => (await c.open('file:///campaign/first-1.txt', seed.text), { uri: 'file:///campaign/first-1.txt', version: 1 }) },
    { name: 'didOpen then documentSymbol, configuration answered after 500 ms', configDelayMs: 500, run: async (c) => (await c.open('file:///campaign/first-2.txt', seed.text), { uri: 'file:///campaign/first-2.txt', version: 1 }) },
    {
      name: 'the importer’s way: untitled plaintext opened empty, language set (close + reopen), text replaced',
      run: async (c) => {
        const uri = 'untitled:/campaign/imported.txt';
        let text = seed.text;
        const docx = join(ROOT, 'test', 'corpus', 'files', 'anping-health-commission-2020.docx');
        if (existsSync(docx)) {
          const rec = await c.request('xxgk-report/importFile', { uri: pathToFileURL(docx).href }, { phase: 'import' });
          const r = rec.result as { text?: string; error?: string } | undefined;
          if (r?.text) text = r.text;
          else fail.add('class 7 import', `class 7 first views: importFile of ${docx} gave ${rec.error ? `error ${rec.error.code}` : `«${r?.error ?? JSON.stringify(r)}»`}`);
        }
        await c.open(uri, '', 1, 'plaintext');
        await c.close(uri);
        await c.open(uri, '', 1, 'xxgk-report');
        await c.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text }]);
        return { uri, version: 2 };
      },
    },
  ];
  for (const sc of scenarios) {
    const c = startClient({ configDelayMs: sc.configDelayMs });
    try {
      await c.initialize();
      const { uri, version } = await sc.run(c);
      const asks = await Promise.all([
        c.request(METHOD.documentSymbol, { textDocument: { uri } }, { phase: 'first', uri, version }),
        c.request(METHOD.foldingRange, { textDocument: { uri } }, { phase: 'first', uri, version }),
        c.request(METHOD.codeLens, { textDocument: { uri } }, { phase: 'first', uri, version }),
      ]);
      const diagnosed = c.published.some((p) => p.uri === uri && p.version === version);
      metrics[`${sc.name}: symbols/folds/lenses`] = asks.map(count).join('/');
      metrics[`${sc.name}: diagnostics had arrived before the symbols`] = diagnosed ? 'yes' : 'no';
      const [sym] = asks;
      if (sym.error || !Array.isArray(sym.result) || sym.result.length === 0) fail.add('class 7', `class 7 first views: ${sc.name}: documentSymbol for v${version} of a report (${seed.name}) answered ${count(sym)} symbols after ${round(sym.waitMs)} ms; expected the report's outline`);
      const d = await c.nextDiagnostics(uri, version, 30000);
      metrics[`${sc.name}: diagnostics published`] = d ? d.diagnostics.length : 'none in 30 s';
      // Asked again once diagnostics are out: the outline must be there by then.
      const again = await c.request(METHOD.documentSymbol, { textDocument: { uri } }, { phase: 'first', uri, version });
      metrics[`${sc.name}: symbols after diagnostics`] = count(again);
    } finally {
      await c.stop();
    }
  }
  return { id: 7, name: 'first views', failures: fail.lines(), metrics, notes: [], ms: round(performance.now() - t0) };
}

export async function runCampaign(options: Partial<CampaignOptions> & { seed: number }): Promise<CampaignResult> {
  const o: CampaignOptions = { ...SMALL, log: () => undefined, ...options };
  const t0 = performance.now();
  if (!existsSync(join(distDir(), 'server.js'))) throw new Error(`${join(distDir(), 'server.js')} is missing: run \`npm run build\` first`);
  const rng = new Rng(o.seed);
  const seeds = seedTexts();
  const corpus = corpusTexts();
  // Real reports: the seeds and every corpus text that reads as a report (the core gives it a format).
  const reports = [...seeds, ...corpus];
  const bigSeed = seeds.find((s) => s.name.includes('shunhe')) ?? seeds[0];
  const all = seeds.map((x) => x.text).join('\n');
  const big = all.repeat(Math.max(1, Math.round(o.bigBytes / Buffer.byteLength(all))));
  const bigProse = bigReport(bigSeed.text, o.bigBytes);
  const ctx: Ctx = { o, rng, reports, big, bigProse };
  const want = (id: number) => !o.classes.length || o.classes.includes(id);
  const results = new Map<number, ClassResult>();
  const step = async (id: number, name: string, run: () => Promise<ClassResult | void>) => {
    if (!want(id)) return;
    o.log(`class ${id} (${name})…`);
    const t = performance.now();
    const servers = started.length;
    try {
      const r = await run();
      if (r) results.set(id, r);
    } catch (e) {
      results.set(id, { id, name, failures: [`class ${id} ${name}: the campaign itself failed: ${e instanceof Error ? e.stack : String(e)}`], metrics: {}, notes: [], ms: round(performance.now() - t) });
    }
    const r = results.get(id);
    const errors = stderrErrors(servers);
    if (r && errors.length) r.failures.push(`class ${id} ${name}: the server wrote ${errors.length} error line(s) to stderr, first: «${errors[0].slice(0, 300)}»`);
    if (r) {
      const exited = started.slice(servers).filter((c) => c.exited !== null && c.exited !== 0 && c.exited !== 1 && !c.stopping);
      if (exited.length) r.failures.push(`class ${id} ${name}: ${exited.length} server process(es) exited by themselves (code ${exited[0].exited})`);
    }
    o.log(`class ${id} (${name}): ${r ? (r.failures.length ? `${r.failures.length} failure line(s)` : 'ok') : 'done'} in ${round(performance.now() - t)} ms`);
  };
  await step(6, 'protocol', () => classProtocol());
  await step(7, 'first views', () => classFirstViews(ctx));
  await step(1, 'waits', () => classWaits(ctx, results));
  await step(2, 'outline', () => classOutline(ctx));
  await step(3, 'differential', () => classDifferential(ctx));
  await step(4, 'formatting', () => classFormatting(ctx));
  await step(5, 'memory', () => classMemory(ctx));
  // The outline answers and burst-end differential of the typing sessions join classes 2 and 3.
  for (const [from, to] of [[-2, 2], [-3, 3]]) {
    const extra = results.get(from);
    results.delete(from);
    if (!extra || !want(to)) continue;
    const main = results.get(to) ?? { id: to, name: extra.name, failures: [], metrics: {}, notes: [], ms: 0 };
    main.failures.push(...extra.failures);
    for (const [k, v] of Object.entries(extra.metrics)) main.metrics[`typing sessions: ${k}`] = v;
    results.set(to, main);
  }
  const { log: _log, ...printable } = o;
  return { seed: o.seed, options: printable, classes: [...results.values()].sort((a, b) => a.id - b.id), ms: round(performance.now() - t0) };
}

/** The campaign's report as text: per class its numbers and failures. */
export function formatCampaign(r: CampaignResult): string {
  const out = [`fault campaign: seed ${r.seed}, edits ${r.options.edits}, big report ${(r.options.bigBytes / MB).toFixed(2)} MB, paste ${r.options.pasteMB} MB, ${r.options.mutations} damaged copies — ${(r.ms / 1000).toFixed(1)} s`];
  out.push(`reproduce: node scripts/fault-campaign.mjs --seed ${r.seed} --edits ${r.options.edits}${r.options.classes.length ? ` --class ${r.options.classes.join(',')}` : ''}`);
  for (const c of r.classes) {
    out.push('', `[${c.failures.length ? 'FAIL' : ' ok '}] class ${c.id} ${c.name} (${(c.ms / 1000).toFixed(1)} s)`);
    for (const [k, v] of Object.entries(c.metrics)) out.push(`       ${k}: ${v}`);
    for (const n of c.notes) out.push(`       note: ${n}`);
    for (const f of c.failures) out.push(`   ✗ ${f}`);
  }
  const failing = r.classes.filter((c) => c.failures.length).map((c) => c.id);
  out.push('', failing.length ? `failing classes: ${failing.join(', ')}` : 'every class passed');
  return out.join('\n');
}

export type { Published };
