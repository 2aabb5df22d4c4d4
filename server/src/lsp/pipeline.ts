/**
 * The check pipeline: which text is checked, when, and who gets the result.
 *
 * - Every new content of a document (open, change, a settings or config change, "ignore here") takes a new
 *   generation number; results are kept and published by generation, never by the client's version alone,
 *   so a reopened or rewound document never shows an older text's results.
 * - One check runs per document at a time, and it checks the latest content: before it starts it lets the
 *   messages already received land (a burst of edits is checked once, at its end). Every request and the
 *   diagnostics share it, also while the settings are still being fetched.
 * - A request is answered from one result, with ranges from that result's own text, so every range of one
 *   answer comes from one version's parse: the current text's, or, while a large document is being typed in,
 *   the last one's (requests then never wait for a check). Diagnostics are published only for the current
 *   generation.
 * - Diagnostics wait until typing pauses, for as long as the last check took (at most MAX_QUIET_MS), so a
 *   large document is not checked once per key.
 */
import { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Arithmetic, Finding, Report, checkText, createContext, parseReport, setLocale } from '../core/index';
import { t } from '../core/i18n';
import type { Settings } from '../settings';
import { KnownReports } from './known-reports';
import { MAX_DIAGNOSTICS, severityCounts, toDiagnostic } from './diagnostics';
import { SettingsSource } from './settings-source';
import { contentModified, nextTurn } from './protocol';

export interface Checked {
  uri: string;
  /** The generation this result was computed for. */
  gen: number;
  /** The client's version of the text it was computed from. */
  version: number;
  report: Report;
  findings: Finding[];
  tooLarge: boolean;
  arithmetic: () => Arithmetic;
}

/** The longest the diagnostics wait for typing to pause. */
const MAX_QUIET_MS = 300;
/** A document whose check takes longer than this is answered from its last result while it is being typed in. */
const STALE_OK_MS = 50;
/** Event-loop turns without a new edit after which the received edits are taken to have landed. */
const QUIET_TURNS = 3;

class DocState {
  result?: Checked;
  running?: Promise<Checked>;
  timer?: NodeJS.Timeout;
  /** A check of the current text once typing pauses, for requests answered from the last result. */
  refresh?: NodeJS.Timeout;
  publishedGen = -1;
  /** How long the last check of this document took (ms): the pause diagnostics wait for. */
  lastCost = 0;
  constructor(public gen: number) {}
}

export class CheckPipeline {
  /** How many full checks ran (the tests see that concurrent requests share one). */
  checkCount = 0;
  /** When a document was last edited (Date.now()): background work waits while the user types. */
  lastEditAt = 0;
  /** Diagnostics were published for a document (the reports view's counts follow). */
  onPublished: (uri: string) => void = () => undefined;
  private nextGen = 0;
  private readonly states = new Map<string, DocState>();
  /** "Ignore here": kept outside the document, keyed by code and the line's text. */
  private readonly ignores = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsSource,
    readonly known: KnownReports,
  ) {}

  /** A new content for `uri` (opened, changed, or checked under new settings): results of older ones are stale. */
  renew(uri: string): void {
    const st = this.states.get(uri);
    if (!st) {
      this.states.set(uri, new DocState(++this.nextGen));
      return;
    }
    st.gen = ++this.nextGen;
    if (st.refresh) this.refreshLater(uri, st);
  }

  /** Every open document is checked again (settings or config files changed). */
  renewAll(): void {
    for (const doc of this.documents.all()) {
      this.renew(doc.uri);
      this.schedule(doc.uri, 0);
    }
  }

  /** The last result for an open document, whatever its generation. */
  resultOf(uri: string): Checked | undefined {
    return this.documents.get(uri) ? this.states.get(uri)?.result : undefined;
  }

  /** Open documents whose latest result is a report of `body` and `year`. */
  openReportsOf(body: string, year: number): string[] {
    const out: string[] = [];
    for (const [uri, st] of this.states) if (st.result?.report.body === body && st.result.report.year === year) out.push(uri);
    return out;
  }

  hasDocument(uri: string): boolean {
    return this.documents.get(uri) !== undefined;
  }

  closed(uri: string): void {
    const st = this.states.get(uri);
    if (st?.timer) clearTimeout(st.timer);
    if (st?.refresh) clearTimeout(st.refresh);
    this.states.delete(uri);
  }

  setIgnores(uri: string, keys: Set<string>): void {
    if (keys.size) this.ignores.set(uri, keys);
    else this.ignores.delete(uri);
  }

  addIgnore(uri: string, key: string): void {
    const set = this.ignores.get(uri) ?? new Set<string>();
    set.add(key);
    this.ignores.set(uri, set);
  }

  isCurrent(result: Checked): boolean {
    return this.states.get(result.uri)?.gen === result.gen;
  }

  /**
   * The result a request is answered from. While a large document is being typed in (its last check took
   * longer than STALE_OK_MS), the last result answers at once and the current text is checked when typing
   * pauses, instead of one full check per request. Otherwise it is the current result (see `latest`).
   */
  forRequest(uri: string): Promise<Checked> {
    const st = this.states.get(uri);
    if (st?.result && st.result.gen !== st.gen && st.lastCost > STALE_OK_MS && this.documents.get(uri)) {
      // The current text is checked once typing pauses, whether or not diagnostics are published on type.
      if (!st.running && !st.refresh) this.refreshLater(uri, st);
      return Promise.resolve(st.result);
    }
    return this.latest(uri);
  }

  /**
   * The result for the document's current text: the one in hand if it is current, else the check under way
   * (shared), else a new check of the latest content. Rejects with ContentModified when the document is closed.
   */
  latest(uri: string): Promise<Checked> {
    const st = this.states.get(uri);
    if (!st || !this.documents.get(uri)) return Promise.reject(contentModified('document closed'));
    if (st.result && st.result.gen === st.gen) return Promise.resolve(st.result);
    if (st.running) return st.running;
    const running = this.run(uri, st).finally(() => {
      if (st.running === running) st.running = undefined;
    });
    st.running = running;
    return running;
  }

  /** Checks the current text once typing pauses (every edit pushes it back; see `renew`). */
  private refreshLater(uri: string, st: DocState): void {
    if (st.refresh) clearTimeout(st.refresh);
    st.refresh = setTimeout(() => {
      st.refresh = undefined;
      this.latest(uri).catch(() => undefined);
    }, Math.min(MAX_QUIET_MS, Math.round(st.lastCost)));
  }

  private async run(uri: string, st: DocState): Promise<Checked> {
    const settings = await this.settings.get(uri);
    // Let the edits already received land first, so that a burst is checked once, at its end.
    for (let quiet = 0, turns = 0; quiet < QUIET_TURNS && turns < 100; turns++) {
      const gen = st.gen;
      await nextTurn();
      quiet = st.gen === gen ? quiet + 1 : 0;
    }
    const doc = this.documents.get(uri);
    if (!doc || this.states.get(uri) !== st) throw contentModified('document closed');
    const started = performance.now();
    const result = this.compute(uri, doc, st.gen, settings);
    st.lastCost = performance.now() - started;
    st.result = result;
    return result;
  }

  /** The full check of the document's text as it is now (synchronous: nothing can change it meanwhile). */
  private compute(uri: string, doc: TextDocument, gen: number, settings: Settings): Checked {
    this.checkCount++;
    setLocale(settings.language);
    const text = doc.getText();
    const base = { uri, gen, version: doc.version };
    if (text.length > settings.maxFileSize) {
      // A huge file gets one note instead of a full check, so the editor stays responsive and memory bounded.
      const report = parseReport('');
      // Reported under format-mismatch (information): the public codes have no separate one for size.
      const finding: Finding = { code: 'format-mismatch', severity: 'information', message: t('文件太大（{0} 个字符，上限 {1}），未做完整检查', text.length, settings.maxFileSize), span: { start: 0, end: 0 } };
      return { ...base, report, findings: [finding], tooLarge: true, arithmetic: createContext(report).arithmetic };
    }
    const { report, findings, arithmetic } = checkText(text, { format: settings.format, rules: settings.rules, locale: settings.language });
    const skip = this.ignores.get(uri);
    const kept = skip?.size ? findings.filter((f) => !skip.has(ignoreKey(f.code, lineText(report, report.index.position(f.span.start).line)))) : findings;
    return { ...base, report, findings: this.known.withCrossYear(uri, report, kept, settings), tooLarge: false, arithmetic };
  }

  /** Diagnostics for `uri` once typing pauses (`delayMs`, by default as long as its last check took). */
  schedule(uri: string, delayMs?: number): void {
    const st = this.states.get(uri);
    if (!st) return;
    if (st.timer) clearTimeout(st.timer);
    const delay = delayMs ?? Math.min(MAX_QUIET_MS, Math.round(st.lastCost));
    st.timer = setTimeout(() => {
      st.timer = undefined;
      this.publish(uri).catch((e) => {
        if (!(e instanceof Error && 'code' in e)) console.error(`[xxgk-report] checking ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
      });
    }, delay);
  }

  private async publish(uri: string): Promise<void> {
    const result = await this.latest(uri);
    const st = this.states.get(uri);
    const doc = this.documents.get(uri);
    // Only the current generation's results are sent: never an older text's, whatever versions the client used.
    if (!st || !doc || result.gen !== st.gen || st.publishedGen === result.gen) return;
    st.publishedGen = result.gen;
    // The too-large note is no rule's finding: it goes out without a public code (no rule link, no rule setting).
    const diagnostics = result.findings.slice(0, MAX_DIAGNOSTICS).map((f) => {
      const d = toDiagnostic(uri, result.report, f, (r) => this.known.uriOf(r));
      return result.tooLarge ? { ...d, code: undefined, codeDescription: undefined } : d;
    });
    await this.connection.sendDiagnostics({ uri, version: result.version, diagnostics });
    await this.connection.sendNotification('xxgk-report/status', {
      uri,
      format: result.tooLarge ? null : result.report.format,
      legacy: result.report.legacy,
      tooLarge: result.tooLarge,
      problems: result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length,
      counts: severityCounts(result.findings),
    });
    this.onPublished(uri);
  }
}

/** One line of a report's text, trimmed: "ignore here" is keyed by it, so it survives edits elsewhere. */
export function lineText(report: Report, line: number): string {
  return (report.lines[line]?.text ?? '').trim();
}

export const ignoreKey = (code: string, line: string) => `${code}|${line}`;
