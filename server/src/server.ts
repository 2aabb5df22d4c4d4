/**
 * The LSP glue: capabilities, one handler per request, each a few lines over the pure core.
 * Diagnostics are pushed per document version; a result for an older version is never sent.
 */
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import {
  CodeAction,
  CodeLens,
  CancellationToken,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocumentEdit,
  TextDocumentSyncKind,
  TextDocuments,
  TextEdit as LspTextEdit,
  createConnection,
  Location,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Code,
  Finding,
  OutlineNode,
  Report,
  TextEdit,
  Arithmetic,
  createContext,
  foldingRanges,
  hoverAt,
  definitionAt,
  inlayHints,
  outline,
  parseReport,
  codeActions,
  FIX_ALL,
  QUICK_FIX,
  reportTemplate,
  runRules,
  crossYearFindings,
  setLocale,
  tableLenses,
  tablesJson,
  importReport,
} from './core/index';
import { t } from './core/i18n';
import { DEFAULT_SETTINGS, Settings, mergeSettings, parseSettings } from './settings';
import { CONFIG_NAMES, ConfigResolver, LoadedConfig, configProblemMessage } from './config';
import { VERSION } from './version';
import { isProblem, problemMessage, readRegularFile } from './fs-walk';
import { tableViewModel } from './core/features/table-view';
import { formatTablesWithNotes } from './core/features/format-tables';
import { isReportFile } from './core/features/detect';
import { newReportText } from './core/features/new-report';
import { serializeTables } from './core/export';

const SOURCE = 'xxgk-report';
const MAX_DIAGNOSTICS = 1000;
/** The rule pages shipped in the .vsix (docs/rules/<code>.md next to dist/): VS Code opens them in the editor. */
const docsHref = (code: string) => pathToFileURL(nodePath.join(__dirname, '..', 'docs', 'rules', `${code}.md`)).toString();
const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

// Nothing a client sends may stop the server: a promise nobody awaited is logged, not fatal.
process.on('unhandledRejection', (reason) => {
  console.error(`[xxgk-report] unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});

/** How long a `workspace/configuration` request may take before the defaults are used. */
const CONFIG_TIMEOUT_MS = 2000;

interface Checked {
  /** The generation (see `generation`) this result was computed for. */
  gen: number;
  version: number;
  report: Report;
  findings: Finding[];
  tooLarge: boolean;
  /** The identities, computed once per version and shared by the rules, hover and code lens. */
  arithmetic: () => Arithmetic;
}

/**
 * A per-open, per-content counter: every open, change (whatever version the client gives it), configuration
 * change or "ignore here" takes a new number. Results are cached and published by generation, never by the
 * client's version alone, so a reopened or rewound document never shows an older text's results.
 */
const generation = new Map<string, number>();
let nextGeneration = 0;
const bump = (uri: string) => generation.set(uri, ++nextGeneration);

const checked = new Map<string, Checked>();
/** The check under way for a document: every request on that generation shares it. */
const inflight = new Map<string, { gen: number; promise: Promise<Checked> }>();
/** How many full checks ran (the tests see that concurrent requests share one). */
let checkCount = 0;
const settingsCache = new Map<string, Promise<Settings>>();
/** "Ignore here": kept outside the document, keyed by code and the line's text. */
const ignored = new Map<string, Set<string>>();
let canPullConfiguration = false;

/** Invalid settings already reported: each is said once, not once per document. */
const reportedSettingProblems = new Set<string>();

function parseRaw(raw: unknown): Settings {
  const { settings, problems } = parseSettings(raw);
  for (const p of problems) {
    if (reportedSettingProblems.has(p)) continue;
    reportedSettingProblems.add(p);
    connection.window.showWarningMessage(t('设置无效，已使用默认值：{0}', p));
  }
  return settings;
}

/**
 * The settings for a document. A client that answers late (or never) gets the defaults after
 * CONFIG_TIMEOUT_MS; a late answer still replaces them and re-checks the documents it concerns.
 */
function editorSettings(uri: string): Promise<Settings> {
  if (!canPullConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
  let s = settingsCache.get(uri);
  if (!s) {
    let answer: Promise<Settings>;
    try {
      answer = connection.workspace.getConfiguration({ scopeUri: uri, section: 'xxgk-report' }).then(parseRaw, () => DEFAULT_SETTINGS);
    } catch {
      answer = Promise.resolve(DEFAULT_SETTINGS);
    }
    const entry: Promise<Settings> = new Promise((resolve) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        resolve(DEFAULT_SETTINGS);
      }, CONFIG_TIMEOUT_MS);
      answer.then((settings) => {
        clearTimeout(timer);
        if (!timedOut) return resolve(settings);
        if (settingsCache.get(uri) !== entry || JSON.stringify(settings) === JSON.stringify(DEFAULT_SETTINGS)) return;
        settingsCache.set(uri, Promise.resolve(settings));
        const doc = documents.get(uri);
        if (doc) {
          bump(uri);
          schedule(doc);
        }
      });
    });
    s = entry;
    settingsCache.set(uri, s);
  }
  return s;
}

// --- The config file (.xxgk-report.json / .jsonc), the same loader as the CLI's: found upward from each
// document's folder, the editor's settings on top of it (see mergeSettings). Its changes come through a
// file watcher the server registers itself; a broken file gets diagnostics on it and one message.

const configs = new ConfigResolver();
let canWatchFiles = false;
/** Config files that have diagnostics published (cleared when they are fixed). */
const brokenConfigs = new Map<string, string>();

function reportConfig(config: LoadedConfig): void {
  const uri = pathToFileURL(config.path).href;
  const key = config.problems.map((p) => `${p.start}:${p.message}`).join('|');
  if ((brokenConfigs.get(uri) ?? '') === key) return;
  if (!config.problems.length) {
    brokenConfigs.delete(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    return;
  }
  brokenConfigs.set(uri, key);
  const diagnostics = config.problems.map((p): Diagnostic => ({
    range: { start: { line: p.line, character: p.column }, end: { line: p.line, character: p.column + Math.max(1, p.end - p.start) } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: p.key ? t('配置键“{0}”：{1}', p.key, p.message) : p.message,
  }));
  connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  // A notification (window/showMessage), not a request: nothing waits for the user to close it.
  connection.sendNotification('window/showMessage', { type: 2 /* Warning */, message: t('配置文件有误，已忽略：{0}', configProblemMessage(config.path, config.problems[0])) }).catch(() => undefined);
}

/** The config file that applies to a document (file: URIs only), reported if broken (then not used). */
function fileConfig(uri: string): LoadedConfig | undefined {
  let path: string;
  try {
    if (!uri.startsWith('file:')) return undefined;
    path = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  const config = configs.forFile(path);
  if (config) reportConfig(config);
  return config && !config.problems.length ? config : undefined;
}

/** The settings a document is checked with: its config file's, with the editor's on top. */
function getSettings(uri: string): Promise<Settings> {
  return editorSettings(uri).then((s) => mergeSettings(s, fileConfig(uri)?.settings));
}

function ignoreKey(doc: TextDocument, f: { code: Code; line: number }): string {
  const line = doc.getText({ start: { line: f.line, character: 0 }, end: { line: f.line + 1, character: 0 } }).trim();
  return `${f.code}|${line}`;
}

/** The full check of one text (synchronous: parsing and rules). */
function runCheck(text: string, version: number, gen: number, settings: Settings, skip: Set<string> | undefined, lineText: (line: number) => string): Checked {
  checkCount++;
  setLocale(settings.language);
  if (text.length > settings.maxFileSize) {
    // A huge file gets one note instead of a full check, so the editor stays responsive.
    const report = parseReport('');
    // Reported under format-mismatch (information): the public codes have no separate one for size.
    const finding: Finding = { code: 'format-mismatch', severity: 'information', message: t('文件太大（{0} 个字符，上限 {1}），未做完整检查', text.length, settings.maxFileSize), span: { start: 0, end: 0 } };
    return { gen, version, report, findings: [finding], tooLarge: true, arithmetic: createContext(report).arithmetic };
  }
  const report = parseReport(text, { format: settings.format });
  const ctx = createContext(report);
  const findings = runRules(report, { rules: settings.rules, locale: settings.language }, ctx).filter((f) => {
    if (!skip?.size) return true;
    const line = report.index.position(f.span.start).line;
    return !skip.has(`${f.code}|${lineText(line)}`);
  });
  return { gen, version, report, findings, tooLarge: false, arithmetic: ctx.arithmetic };
}

/**
 * The check of a document's current generation: cached when done, shared while running. The text is
 * taken now, so the result always belongs to the generation it is stamped with.
 */
function check(doc: TextDocument): Promise<Checked> {
  // The live document, not a reference a caller kept from before a close and reopen.
  doc = documents.get(doc.uri) ?? doc;
  const gen = generation.get(doc.uri) ?? 0;
  const have = checked.get(doc.uri);
  if (have && have.gen === gen) return Promise.resolve(have);
  const running = inflight.get(doc.uri);
  if (running && running.gen === gen) return running.promise;
  const uri = doc.uri;
  const text = doc.getText();
  const version = doc.version;
  const skip = ignored.get(uri);
  let lines: string[] | undefined;
  const promise = getSettings(uri).then((settings) => {
    if ((generation.get(uri) ?? 0) !== gen) {
      // Outdated before it started (edited, closed, reopened): not worth a full check unless still asked for.
      const newer = inflight.get(uri);
      if (newer && newer.gen !== gen) return newer.promise;
    }
    const result = withCarryOver(uri, runCheck(text, version, gen, settings, skip, (n) => ((lines ??= text.split(/\r\n|\r|\n/))[n] ?? '').trim()), settings);
    if ((generation.get(uri) ?? 0) === gen && documents.get(uri)) checked.set(uri, result);
    return result;
  });
  const entry = { gen, promise };
  inflight.set(uri, entry);
  const clear = () => {
    if (inflight.get(uri) === entry) inflight.delete(uri);
  };
  promise.then(clear, clear);
  return promise;
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/**
 * Reports seen in this workspace (open documents and files the workspace check read), by body and year:
 * a report whose previous year's report of the same body is known gets `carry-over-mismatch` live.
 */
const knownReports = new Map<string, Report>();

function previousReport(uri: string, report: Report): Report | undefined {
  if (!report.body || !report.year) return undefined;
  for (const [u, r] of knownReports) if (u !== uri && r.body === report.body && r.year === report.year - 1) return r;
  return undefined;
}

function withCarryOver(uri: string, result: Checked, settings: Settings): Checked {
  if (result.tooLarge || result.report.legacy) return result;
  const { report } = result;
  if (report.body && report.year) knownReports.set(uri, report);
  const prev = previousReport(uri, report);
  if (!prev) return result;
  const more: Finding[] = crossYearFindings(report, prev, { rules: settings.rules, copiedShare: settings.copiedShare });
  if (!more.length) return result;
  return { ...result, findings: [...result.findings, ...more].sort((a, b) => a.span.start - b.span.start) };
}

/**
 * The current generation's result for a request: shared with every other request on it, re-taken if the
 * document changed meanwhile, and abandoned with RequestCancelled as soon as the client cancels.
 */
async function current(doc: TextDocument, token?: CancellationToken): Promise<Checked> {
  for (let attempt = 0; ; attempt++) {
    if (token?.isCancellationRequested) throw cancelled();
    const result = await check(doc);
    if (token?.isCancellationRequested) throw cancelled();
    if (documents.get(doc.uri) !== doc) throw new ResponseError(LSPErrorCodes.ContentModified, 'document closed or reopened');
    if (result.gen === (generation.get(doc.uri) ?? 0)) return result;
    if (attempt >= 3) throw new ResponseError(LSPErrorCodes.ContentModified, 'document changed');
  }
}

function severityCounts(findings: Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function range(doc: TextDocument, span: { start: number; end: number }) {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: range(doc, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsHref(f.code) },
    source: SOURCE,
    message: f.message,
  };
  // Related places: a cell of this report, or the same section of last year's report (by its uri).
  const related = (f.related ?? []).flatMap((r) => {
    if (!r.report) return [{ location: { uri: doc.uri, range: range(doc, r.span) }, message: r.message }];
    const uri = [...knownReports].find(([, known]) => known === r.report)?.[0];
    return uri ? [{ location: { uri, range: r.report.index.range(r.span) }, message: r.message }] : [];
  });
  if (related.length) d.relatedInformation = related;
  return d;
}

const pending = new Map<string, NodeJS.Immediate>();

/** Checks on the next turn of the event loop: a burst of edits is checked once, at its last content. */
function schedule(doc: TextDocument): void {
  const prev = pending.get(doc.uri);
  if (prev) clearImmediate(prev);
  pending.set(
    doc.uri,
    setImmediate(() => {
      pending.delete(doc.uri);
      publish(doc.uri).catch((e) => console.error(`[xxgk-report] checking ${doc.uri} failed: ${e instanceof Error ? e.stack : String(e)}`));
    }),
  );
}

async function publish(uri: string): Promise<void> {
  const latest = documents.get(uri);
  if (!latest) return;
  const result = await check(latest);
  const now = documents.get(uri);
  // Only the current generation's results are sent: never an older text's, whatever versions the client used.
  if (!now || result.gen !== generation.get(uri)) return;
  // A damaged file can produce thousands of findings; the editor gets the first MAX_DIAGNOSTICS.
  // The too-large note is no rule's finding: it goes out without a public code (no rule link, no rule setting).
  const diagnostics = result.findings.slice(0, MAX_DIAGNOSTICS).map((f) => (result.tooLarge ? { ...toDiagnostic(now, f), code: undefined, codeDescription: undefined } : toDiagnostic(now, f)));
  await connection.sendDiagnostics({ uri: now.uri, version: now.version, diagnostics });
  await connection.sendNotification('xxgk-report/status', { uri: now.uri, format: result.tooLarge ? null : result.report.format, legacy: result.report.legacy, tooLarge: result.tooLarge, problems: result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length, counts: severityCounts(result.findings) });
}

// --- Validation: a malformed message is logged and ignored (notifications) or answered InvalidParams (requests).

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPosition = (v: unknown): boolean => isObj(v) && isNat(v.line) && isNat(v.character);
const isRange = (v: unknown): boolean => isObj(v) && isPosition(v.start) && isPosition(v.end);
const isUri = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const docUri = (p: unknown): string | undefined => (isObj(p) && isObj(p.textDocument) && isUri(p.textDocument.uri) ? p.textDocument.uri : undefined);

function ignoredMessage(method: string, why: string): void {
  console.error(`[xxgk-report] ignored ${method}: ${why}`);
}

const invalid = (why: string) => new ResponseError(-32602 /* InvalidParams */, why);

function validOpen(p: unknown): string | undefined {
  if (!isObj(p) || !isObj(p.textDocument)) return 'no textDocument';
  const td = p.textDocument;
  if (!isUri(td.uri)) return 'uri is not a string';
  if (typeof td.text !== 'string') return 'text is not a string';
  if (typeof td.version !== 'number' || !Number.isFinite(td.version)) return 'version is not a number';
  if (typeof td.languageId !== 'string') return 'languageId is not a string';
  return undefined;
}

function validChange(p: unknown): string | undefined {
  if (!isObj(p) || !isObj(p.textDocument)) return 'no textDocument';
  if (!isUri(p.textDocument.uri)) return 'uri is not a string';
  if (typeof p.textDocument.version !== 'number' || !Number.isFinite(p.textDocument.version)) return 'version is not a number';
  if (!Array.isArray(p.contentChanges)) return 'contentChanges is not an array';
  for (const c of p.contentChanges) {
    if (!isObj(c) || typeof c.text !== 'string') return 'a change has no text';
    if (c.range !== undefined && !isRange(c.range)) return 'a change has a bad range';
  }
  return undefined;
}

/**
 * The connection as TextDocuments sees it: each notification is validated first, and a new content takes a
 * new generation before anything else sees it. A throw in the handler is caught here.
 */
const guardedSync = {
  onDidOpenTextDocument: (h: (p: never) => void) =>
    connection.onDidOpenTextDocument((p) => {
      const why = validOpen(p);
      if (why) return ignoredMessage('didOpen', why);
      try {
        bump(p.textDocument.uri);
        checked.delete(p.textDocument.uri);
        h(p as never);
      } catch (e) {
        ignoredMessage('didOpen', String(e));
      }
    }),
  onDidChangeTextDocument: (h: (p: never) => void) =>
    connection.onDidChangeTextDocument((p) => {
      const why = validChange(p);
      if (why) return ignoredMessage('didChange', why);
      if (!documents.get(p.textDocument.uri) || !p.contentChanges.length) return;
      try {
        // The content is what counts: a repeated or decreasing version is still a new text.
        bump(p.textDocument.uri);
        h(p as never);
      } catch (e) {
        ignoredMessage('didChange', String(e));
      }
    }),
  onDidCloseTextDocument: (h: (p: never) => void) =>
    connection.onDidCloseTextDocument((p) => {
      const uri = docUri(p);
      if (!uri) return ignoredMessage('didClose', 'no uri');
      try {
        h(p as never);
      } catch (e) {
        ignoredMessage('didClose', String(e));
      }
    }),
  onWillSaveTextDocument: (h: (p: never) => void) => connection.onWillSaveTextDocument((p) => (docUri(p) ? h(p as never) : ignoredMessage('willSave', 'no uri'))),
  onWillSaveTextDocumentWaitUntil: (h: (p: never, token: CancellationToken) => unknown) =>
    connection.onWillSaveTextDocumentWaitUntil((p, token) => (docUri(p) ? (h(p as never, token) as LspTextEdit[]) : [])),
  onDidSaveTextDocument: (h: (p: never) => void) =>
    connection.onDidSaveTextDocument((p) => {
      if (!docUri(p)) return ignoredMessage('didSave', 'no uri');
      try {
        h(p as never);
      } catch (e) {
        ignoredMessage('didSave', String(e));
      }
    }),
};

/**
 * Wraps a request handler: malformed params get InvalidParams, a closed document the empty answer, a
 * cancelled request RequestCancelled, and no exception ever escapes as anything but an error response.
 */
function onDocument<P, R>(empty: R, valid: (p: Record<string, unknown>) => boolean, handler: (doc: TextDocument, p: P, token: CancellationToken) => Promise<R> | R) {
  return async (p: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    const uri = docUri(p);
    if (!uri || !valid(p as Record<string, unknown>)) return invalid('malformed parameters');
    const doc = documents.get(uri);
    if (!doc) return empty;
    try {
      if (token.isCancellationRequested) return cancelled();
      const r = await handler(doc, p, token);
      return token.isCancellationRequested ? cancelled() : r;
    } catch (e) {
      if (e instanceof ResponseError) return e;
      console.error(`[xxgk-report] request failed: ${e instanceof Error ? e.stack : String(e)}`);
      return new ResponseError(-32603 /* InternalError */, e instanceof Error ? e.message : String(e));
    }
  };
}

connection.onInitialize((params) => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [QUICK_FIX, 'source.fixAll', FIX_ALL], resolveProvider: false },
      documentSymbolProvider: { label: '政府信息公开年度报告' },
      foldingRangeProvider: true,
      hoverProvider: true,
      definitionProvider: true,
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentFormattingProvider: true,
      executeCommandProvider: { commands: ['xxgk-report.ignoreHere'] },
    },
    serverInfo: { name: SOURCE, version: VERSION },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgk-report' }).catch(() => undefined);
  if (canWatchFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_NAMES.map((n) => ({ globPattern: `**/${n}` })) }).catch(() => undefined);
});

/** A config file was created, changed or deleted: read again, re-check every open document. */
connection.onDidChangeWatchedFiles(() => {
  configs.clear();
  checked.clear();
  // A broken file that was fixed or deleted gets its diagnostics cleared.
  for (const uri of [...brokenConfigs.keys()]) {
    const path = fileURLToPath(uri);
    if (existsSync(path)) reportConfig(configs.load(path));
    else {
      brokenConfigs.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    }
  }
  for (const doc of documents.all()) {
    bump(doc.uri);
    schedule(doc);
  }
  connection.languages.inlayHint.refresh().catch(() => undefined);
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  checked.clear();
  for (const doc of documents.all()) {
    bump(doc.uri); // a check under way used the old settings
    schedule(doc);
  }
  connection.languages.inlayHint.refresh().catch(() => undefined);
});

documents.onDidOpen((e) => schedule(e.document));
documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  getSettings(uri).then(
    (s) => {
      const doc = documents.get(uri);
      if (doc && s.run === 'onType') schedule(doc);
    },
    () => undefined,
  );
});
documents.onDidSave((e) => schedule(e.document));
documents.onDidClose((e) => {
  const uri = e.document.uri;
  // A closed document's results are gone: a reopen (even at the same version) is checked afresh.
  generation.delete(uri);
  checked.delete(uri);
  inflight.delete(uri);
  const p = pending.get(uri);
  if (p) clearImmediate(p);
  pending.delete(uri);
  if (!workspaceChecked.has(uri)) {
    connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    return;
  }
  // Checked by "check workspace": its problems stay in the Problems panel, now those of the file on disk.
  checkFileOnDisk(uri, [])
    .then((r) => {
      if (documents.get(uri)) return;
      const diagnostics = r && r !== 'not-report' ? r.findings.slice(0, MAX_DIAGNOSTICS).map((f) => toDiagnostic(r.doc, f)) : [];
      return connection.sendDiagnostics({ uri, diagnostics });
    })
    .catch(() => connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined));
});

function workspaceEdit(doc: TextDocument, edits: TextEdit[]) {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: range(doc, e.span), newText: e.newText }));
  return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, lspEdits)] };
}

type CodeActionParams = { textDocument: { uri: string }; range: { start: { line: number; character: number }; end: { line: number; character: number } }; context: { diagnostics: Diagnostic[]; only?: string[] } };

connection.onCodeAction(
  onDocument<CodeActionParams, CodeAction[]>(
    [],
    (p) => isRange(p.range) && isObj(p.context) && (p.context.diagnostics === undefined || Array.isArray(p.context.diagnostics)) && (p.context.only === undefined || (Array.isArray(p.context.only) && p.context.only.every((o) => typeof o === 'string'))),
    async (doc, { range: r, context }, token) => {
      const result = await current(doc, token);
      const span = { start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) };
      // The client's own diagnostics are named back where they match a finding (code and start); no Diagnostic.data.
      const sent = (context.diagnostics ?? []).filter((d) => isObj(d) && d.source === SOURCE && isRange(d.range));
      const diagnostic = (f: Finding) => sent.find((d) => d.code === f.code && doc.offsetAt(d.range.start) === f.span.start) ?? toDiagnostic(doc, f);
      return codeActions(result.findings, span, context.only).map((a): CodeAction => {
        const c = a.command;
        return {
          title: a.title,
          kind: a.kind,
          ...(a.isPreferred !== undefined && { isPreferred: a.isPreferred }),
          ...(a.findings.length && a.kind === QUICK_FIX && { diagnostics: a.findings.map(diagnostic) }),
          ...(a.edits && { edit: workspaceEdit(doc, a.edits) }),
          ...(c?.name === 'ignore' && { command: { title: a.title, command: 'xxgk-report.ignore', arguments: [doc.uri, c.code, doc.positionAt(c.offset).line] } }),
          ...(c?.name === 'disableRule' && { command: { title: a.title, command: 'xxgk-report.disableRule', arguments: [c.code] } }),
        };
      });
    },
  ),
);

connection.onExecuteCommand(({ command, arguments: args }) => {
  if (command !== 'xxgk-report.ignoreHere' || !Array.isArray(args)) return;
  const [uri, code, line] = args as unknown[];
  if (!isUri(uri) || typeof code !== 'string' || !isNat(line)) return invalid('xxgk-report.ignoreHere takes [uri, code, line]');
  const doc = documents.get(uri);
  if (!doc) return;
  const set = ignored.get(uri) ?? new Set<string>();
  set.add(ignoreKey(doc, { code: code as Code, line }));
  ignored.set(uri, set);
  bump(uri);
  schedule(doc);
});

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  title: SymbolKind.File,
  section: SymbolKind.Namespace,
  subsection: SymbolKind.String,
  table: SymbolKind.Struct,
  rowgroup: SymbolKind.Field,
};

function toSymbol(doc: TextDocument, n: OutlineNode): DocumentSymbol {
  return { name: n.name || '…', kind: SYMBOL_KIND[n.kind], range: range(doc, n.span), selectionRange: range(doc, n.selection), children: n.children.map((c) => toSymbol(doc, c)) };
}

const any = () => true;

connection.onDocumentSymbol(
  onDocument<{ textDocument: { uri: string } }, DocumentSymbol[]>([], any, async (doc, _p, token) => {
    const { report } = await current(doc, token);
    return outline(report).map((n) => toSymbol(doc, n));
  }),
);

connection.onFoldingRanges(
  onDocument<{ textDocument: { uri: string } }, FoldingRange[]>([], any, async (doc, _p, token) => {
    const { report } = await current(doc, token);
    return foldingRanges(report).map((f): FoldingRange => ({ startLine: f.startLine, endLine: f.endLine }));
  }),
);

connection.onHover(
  onDocument<{ textDocument: { uri: string }; position: { line: number; character: number } }, Hover | null>(null, (p) => isPosition(p.position), async (doc, { position }, token) => {
    const { report, arithmetic } = await current(doc, token);
    const info = hoverAt(report, doc.offsetAt(position), arithmetic());
    return info ? { contents: { kind: 'markdown', value: info.markdown }, range: range(doc, info.span) } : null;
  }),
);

// Go to definition on a number in the prose: the table cell(s) it was compared with.
connection.onDefinition(
  onDocument<{ textDocument: { uri: string }; position: { line: number; character: number } }, Location[]>([], (p) => isPosition(p.position), async (doc, { position }, token) => {
    const { report } = await current(doc, token);
    return definitionAt(report, doc.offsetAt(position)).map((span) => ({ uri: doc.uri, range: range(doc, span) }));
  }),
);

connection.languages.inlayHint.on(
  onDocument<{ textDocument: { uri: string }; range: { start: { line: number; character: number }; end: { line: number; character: number } } }, InlayHint[]>([], (p) => isRange(p.range), async (doc, { range: r }, token) => {
    const settings = await getSettings(doc.uri);
    const { report } = await current(doc, token);
    const [a, b] = [doc.offsetAt(r.start), doc.offsetAt(r.end)];
    return inlayHints(report, settings.inlayHints)
      .filter((h) => h.offset >= a && h.offset <= b)
      .map((h): InlayHint => ({ position: doc.positionAt(h.offset), label: h.label, paddingLeft: false }));
  }),
);

connection.onCodeLens(
  onDocument<{ textDocument: { uri: string } }, CodeLens[]>([], any, async (doc, _p, token) => {
    const { report, arithmetic } = await current(doc, token);
    // Client commands: jump to the first cell to correct, or open the table view.
    return tableLenses(report, arithmetic()).map(
      (l): CodeLens => ({
        range: { start: { line: l.line, character: 0 }, end: { line: l.line, character: 0 } },
        command: l.action === 'reveal' && l.target !== undefined
          ? { title: l.title, command: 'xxgk-report.revealOffset', arguments: [doc.uri, l.target] }
          : { title: l.title, command: 'xxgk-report.showTableView', arguments: [doc.uri] },
      }),
    );
  }),
);

connection.onDocumentFormatting(
  onDocument<{ textDocument: { uri: string } }, LspTextEdit[]>([], any, async (doc, _p, token) => {
    const { report, tooLarge } = await current(doc, token);
    if (tooLarge) return [];
    const result = formatTablesWithNotes(report);
    // Said, not silent: what formatting renamed, and which tables it left alone and why (the client shows it).
    if (result.changed.length || result.skipped.length) connection.sendNotification('xxgk-report/formatNotes', { uri: doc.uri, changed: result.changed, skipped: result.skipped }).catch(() => undefined);
    return result.edits.map((e) => ({ range: range(doc, e.span), newText: e.newText }));
  }),
);

/** A new empty report of a format and year (the "new report" command). */
connection.onRequest('xxgk-report/template', (p: unknown) => {
  if (!isObj(p) || (p.format !== '2019' && p.format !== '2021') || !isNat(p.year)) return invalid('template takes { format: "2019" | "2021", year }');
  return reportTemplate(p.format, p.year);
});

/** The tables of a document as the CLI's JSON `tables` object (export command). */
connection.onRequest('xxgk-report/tables', async (p: unknown, token: CancellationToken) => {
  if (!isObj(p) || !isUri(p.uri)) return invalid('tables takes { uri }');
  return onDocument<{ textDocument: { uri: string } }, unknown>(null, any, async (doc, _p, tok) => {
    const { report } = await current(doc, tok);
    return { format: report.format, title: report.title?.text ?? null, year: report.year ?? null, tables: tablesJson(report) };
  })({ textDocument: { uri: p.uri } }, token);
});

/** UTF-8 (with or without BOM), else GB18030, as the CLI reads files; undefined when it is neither. */
function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } | undefined {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, ''), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      return undefined;
    }
  }
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Files the workspace check published diagnostics for: a file closed in the editor gets them back from disk. */
const workspaceChecked = new Set<string>();

/** Reads, checks and publishes one file that is not open; undefined when it is not a report or was skipped. */
async function checkFileOnDisk(uri: string, skipped: string[]): Promise<{ report: Report; findings: Finding[]; doc: TextDocument; settings: Settings } | 'not-report' | undefined> {
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    skipped.push(t('{0}：不是本机文件，已跳过', uri));
    return undefined;
  }
  const read = await readRegularFile(path);
  if (isProblem(read)) {
    skipped.push(problemMessage(read));
    return undefined;
  }
  const decoded = decodeText(read.bytes);
  if (!decoded) {
    skipped.push(t('{0}：无法识别文件编码（既不是 UTF-8 也不是 GB18030），已跳过', path));
    return undefined;
  }
  const { text } = decoded;
  // Only reports: the same name-or-title test as the editor's detection (a meeting note is not checked).
  if (!isReportFile(nodePath.basename(path), text)) return 'not-report';
  const settings = await getSettings(uri);
  if (text.length > settings.maxFileSize) {
    skipped.push(t('{0}：文件太大（{1} 个字符，上限 {2}），已跳过', path, text.length, settings.maxFileSize));
    return undefined;
  }
  checkCount++;
  const doc = TextDocument.create(uri, 'xxgk-report', 0, text);
  const report = parseReport(text, { format: settings.format });
  const findings = runRules(report, { rules: settings.rules, locale: settings.language });
  return { report, findings, doc, settings };
}

/**
 * Checks files that are not open (the "check workspace" command) and publishes their diagnostics, which stay
 * until the file is opened (then the live check takes over) and come back when it is closed. Only report files
 * are checked; bytes are read as the CLI reads them (UTF-8, else GB18030); reports of the same body in
 * consecutive years are checked against each other (carry-over-mismatch). Only regular files are read, at most
 * MAX_FILE_BYTES each: a FIFO or a device named *.txt is skipped, not read.
 *
 * Answer: `checked` reports, `notReports` files that are not reports, `skipped` (with reasons), `counts` by
 * level; `files` is how many were given and `problems` the findings of every level (kept for older callers).
 */
connection.onRequest('xxgk-report/checkFiles', async (p: unknown, token: CancellationToken) => {
  if (!isObj(p) || !Array.isArray(p.uris) || !p.uris.every(isUri)) return invalid('checkFiles takes { uris: string[] }');
  const uris = p.uris as string[];
  const skipped: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let checked = 0;
  let notReports = 0;
  const done: Array<{ uri: string; report: Report; findings: Finding[]; doc: TextDocument; settings: Settings }> = [];
  const openDocs: TextDocument[] = [];
  for (const uri of uris) {
    if (token.isCancellationRequested) break;
    const open = documents.get(uri);
    if (open) {
      openDocs.push(open);
      continue;
    }
    try {
      const r = await checkFileOnDisk(uri, skipped);
      if (r === 'not-report') notReports++;
      else if (r) {
        done.push({ uri, ...r });
        if (r.report.body && r.report.year && !r.report.legacy) knownReports.set(uri, r.report);
      }
    } catch (e) {
      skipped.push(t('{0}：无法读取（{1}），已跳过', uri, e instanceof Error ? e.message : String(e)));
    }
  }
  // Cross-year: each report against the same body's report of the year before (files and open documents).
  for (const d of done) {
    const prev = previousReport(d.uri, d.report);
    if (prev) {
      d.findings.push(...crossYearFindings(d.report, prev, { rules: d.settings.rules, copiedShare: d.settings.copiedShare }));
      d.findings.sort((a, b) => a.span.start - b.span.start);
    }
    checked++;
    for (const f of d.findings) counts[f.severity]++;
    workspaceChecked.add(d.uri);
    await connection.sendDiagnostics({ uri: d.uri, diagnostics: d.findings.slice(0, MAX_DIAGNOSTICS).map((f) => toDiagnostic(d.doc, f)) });
  }
  // Open documents: checked live (now with the reports just read for carry-over); their counts come from that check.
  for (const open of openDocs) {
    bump(open.uri);
    schedule(open);
    try {
      const r = await check(open);
      if (r.tooLarge) {
        skipped.push(t('{0}：文件太大，已跳过', open.uri));
        continue;
      }
      if (open.languageId !== 'xxgk-report' && !isReportFile(safeDecode(nodePath.basename(open.uri)), open.getText().slice(0, 4000))) {
        notReports++;
        continue;
      }
      checked++;
      for (const f of r.findings) counts[f.severity]++;
    } catch {
      // closed meanwhile: nothing to count
    }
  }
  const problems = counts.error + counts.warning + counts.information + counts.hint;
  return { files: uris.length, checked, notReports, skipped, counts, problems };
});

/** A new report for the wizard: the year's format, the body's name, zeros in the tables (features/new-report). */
connection.onRequest('xxgk-report/newReport', (p: unknown) => {
  if (!isObj(p) || (p.format !== '2019' && p.format !== '2021') || !isNat(p.year) || (p.body !== undefined && typeof p.body !== 'string')) return invalid('newReport takes { format: "2019" | "2021", year, body? }');
  return newReportText(p.format, p.year, p.body as string | undefined);
});

/** The tables of a document as the one CSV serializer writes them (core/export: UTF-8 BOM, Chinese names). */
connection.onRequest('xxgk-report/exportCsv', async (p: unknown, token: CancellationToken) => {
  if (!isObj(p) || !isUri(p.uri) || typeof p.file !== 'string') return invalid('exportCsv takes { uri, file }');
  const file = p.file;
  return onDocument<{ textDocument: { uri: string } }, string | null>(null, any, async (doc, _p, tok) => {
    const { report } = await current(doc, tok);
    return serializeTables([{ file, report }], { format: 'csv' });
  })({ textDocument: { uri: p.uri } }, token);
});

/** The table view's model of a document: the three tables as grids, cells with state, span and identity. */
connection.onRequest('xxgk-report/tableView', async (p: unknown, token: CancellationToken) => {
  if (!isObj(p) || !isUri(p.uri)) return invalid('tableView takes { uri }');
  return onDocument<{ textDocument: { uri: string } }, unknown>(null, any, async (doc, _p, tok) => {
    const { report, arithmetic, tooLarge } = await current(doc, tok);
    return { uri: doc.uri, version: doc.version, tooLarge, ...tableViewModel(report, arithmetic()) };
  })({ textDocument: { uri: p.uri } }, token);
});

/** "Ignore here", kept by the client in workspace state: the whole set for a document, sent at start and on change. */
connection.onNotification('xxgk-report/setIgnores', (p: unknown) => {
  if (!isObj(p) || !isUri(p.uri) || !Array.isArray(p.keys) || !p.keys.every((k) => typeof k === 'string')) return ignoredMessage('setIgnores', 'takes { uri, keys: string[] }');
  const keys = new Set(p.keys as string[]);
  if (keys.size) ignored.set(p.uri, keys);
  else ignored.delete(p.uri);
  const doc = documents.get(p.uri);
  if (doc) {
    bump(p.uri);
    schedule(doc);
  }
});

/**
 * The "open from Word, web page or PDF" command: a .docx/.html/.htm/.pdf file (read here for a local file, or
 * its bytes sent by the client as base64 for another scheme) → the normalized report text. The importers (and
 * pdfjs, from dist/pdfjs.mjs) load only when a file is imported. A file that cannot be imported (damaged, a
 * scanned PDF) is an answer with the importer's message, not a request error.
 */
connection.onRequest('xxgk-report/importFile', async (p: unknown) => {
  if (!isObj(p) || !isUri(p.uri) || (p.data !== undefined && typeof p.data !== 'string')) return invalid('importFile takes { uri, data? }');
  const uri = p.uri;
  const name = safeDecode(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
  setLocale((await getSettings(uri)).language);
  let bytes: Uint8Array;
  if (typeof p.data === 'string') bytes = Buffer.from(p.data, 'base64');
  else {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return { error: t('{0}：不是本机文件，已跳过', uri), name };
    }
    const read = await readRegularFile(path);
    if (isProblem(read)) return { error: problemMessage(read), name };
    bytes = read.bytes;
  }
  try {
    const r = await importReport(bytes, name);
    return { text: r.text, source: r.source, warnings: r.warnings, name };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), name };
  }
});

/** Resident memory, for the tests that check it stays bounded under load. */
connection.onRequest('xxgk-report/memory', () => process.memoryUsage().rss);

/** How many full checks ran, for the tests that check concurrent requests share one. */
connection.onRequest('xxgk-report/checkCount', () => checkCount);

documents.listen(guardedSync as unknown as Parameters<typeof documents.listen>[0]);
connection.listen();
