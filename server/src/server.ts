/**
 * The LSP glue: capabilities, one handler per request, each a few lines over the pure core.
 * Diagnostics are pushed per document version; a result for an older version is never sent.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CodeLens,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentSymbol,
  FoldingRange,
  InlayHint,
  ProposedFeatures,
  SymbolKind,
  TextDocumentEdit,
  TextDocumentSyncKind,
  TextDocuments,
  TextEdit as LspTextEdit,
  createConnection,
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
  formatTables,
  hoverAt,
  inlayHints,
  outline,
  parseReport,
  preferredEdits,
  reportTemplate,
  runRules,
  setLocale,
  tableLenses,
  tablesJson,
} from './core/index';
import { t } from './core/i18n';
import { DEFAULT_SETTINGS, Settings, parseSettings } from './settings';

const SOURCE = 'xxgk-report';
const MAX_DIAGNOSTICS = 1000;
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
const DOCS = 'https://github.com/xxgk-report/xxgk-report/blob/main/docs/rules/';
const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Checked {
  version: number;
  report: Report;
  findings: Finding[];
  tooLarge: boolean;
  /** The identities, computed once per version and shared by the rules, hover and code lens. */
  arithmetic: () => Arithmetic;
}

const checked = new Map<string, Checked>();
const settingsCache = new Map<string, Promise<Settings>>();
/** "Ignore here": kept outside the document, keyed by code and the line's text. */
const ignored = new Map<string, Set<string>>();
let canPullConfiguration = false;

function getSettings(uri: string): Promise<Settings> {
  if (!canPullConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'xxgk-report' }).then((raw) => {
      const { settings, problems } = parseSettings(raw);
      for (const p of problems) connection.window.showWarningMessage(t('设置无效，已使用默认值：{0}', p));
      return settings;
    }, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, s);
  }
  return s;
}

function ignoreKey(doc: TextDocument, f: { code: Code; line: number }): string {
  const line = doc.getText({ start: { line: f.line, character: 0 }, end: { line: f.line + 1, character: 0 } }).trim();
  return `${f.code}|${line}`;
}

async function check(doc: TextDocument): Promise<Checked> {
  const have = checked.get(doc.uri);
  if (have && have.version === doc.version) return have;
  const settings = await getSettings(doc.uri);
  setLocale(settings.language);
  const text = doc.getText();
  let result: Checked;
  if (text.length > settings.maxFileSize) {
    // A huge file gets one note instead of a full check, so the editor stays responsive.
    const report = parseReport('');
    // Reported under format-mismatch (information): the public codes have no separate one for size.
    const finding: Finding = { code: 'format-mismatch', severity: 'information', message: t('文件太大（{0} 个字符，上限 {1}），未做完整检查', text.length, settings.maxFileSize), span: { start: 0, end: 0 } };
    result = { version: doc.version, report, findings: [finding], tooLarge: true, arithmetic: createContext(report).arithmetic };
  } else {
    const report = parseReport(text, { format: settings.format });
    const ctx = createContext(report);
    const skip = ignored.get(doc.uri);
    const findings = runRules(report, { rules: settings.rules, locale: settings.language }, ctx).filter(
      (f) => !skip?.has(ignoreKey(doc, { code: f.code, line: report.index.position(f.span.start).line })),
    );
    result = { version: doc.version, report, findings, tooLarge: false, arithmetic: ctx.arithmetic };
  }
  checked.set(doc.uri, result);
  return result;
}

function range(doc: TextDocument, span: { start: number; end: number }) {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: range(doc, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: `${DOCS}${f.code}.md` },
    source: SOURCE,
    message: f.message,
    data: f.fix ? { title: f.fix.title, preferred: f.fix.preferred, version: doc.version } : undefined,
  };
}

const pending = new Map<string, NodeJS.Immediate>();

/** Checks on the next turn of the event loop: a burst of edits is checked once, at its last version. */
function schedule(doc: TextDocument): void {
  const prev = pending.get(doc.uri);
  if (prev) clearImmediate(prev);
  pending.set(
    doc.uri,
    setImmediate(async () => {
      pending.delete(doc.uri);
      const latest = documents.get(doc.uri);
      if (!latest) return;
      const result = await check(latest);
      const now = documents.get(doc.uri);
      if (!now || now.version !== result.version) return; // an older version's results are never sent
      // A damaged file can produce thousands of findings; the editor gets the first MAX_DIAGNOSTICS.
      const diagnostics = result.findings.slice(0, MAX_DIAGNOSTICS).map((f) => toDiagnostic(now, f));
      await connection.sendDiagnostics({ uri: now.uri, version: now.version, diagnostics });
      connection.sendNotification('xxgk-report/status', { uri: now.uri, format: result.tooLarge ? null : result.report.format, legacy: result.report.legacy, problems: result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length });
    }),
  );
}

connection.onInitialize((params) => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: false },
      documentSymbolProvider: { label: '政府信息公开年度报告' },
      foldingRangeProvider: true,
      hoverProvider: true,
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentFormattingProvider: true,
      executeCommandProvider: { commands: ['xxgk-report.ignoreHere'] },
    },
    serverInfo: { name: SOURCE, version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgk-report' }).catch(() => undefined);
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  checked.clear();
  for (const doc of documents.all()) schedule(doc);
  connection.languages.inlayHint.refresh().catch(() => undefined);
});

documents.onDidOpen((e) => schedule(e.document));
documents.onDidChangeContent(async (e) => {
  const s = await getSettings(e.document.uri);
  if (s.run === 'onType') schedule(e.document);
});
documents.onDidSave((e) => schedule(e.document));
documents.onDidClose((e) => {
  checked.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function workspaceEdit(doc: TextDocument, edits: TextEdit[]) {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: range(doc, e.span), newText: e.newText }));
  return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, lspEdits)] };
}

connection.onCodeAction(async ({ textDocument, range: r, context }, token) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const result = await check(doc);
  if (token.isCancellationRequested) return [];
  const only = context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const actions: CodeAction[] = [];
  if (wants(FIX_ALL_KIND)) {
    const edits = preferredEdits(result.findings);
    if (edits.length) actions.push({ title: t('修复所有可自动修复的问题'), kind: FIX_ALL_KIND, edit: workspaceEdit(doc, edits) });
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;
  const start = doc.offsetAt(r.start);
  const end = doc.offsetAt(r.end);
  const here = result.findings.filter((f) => f.span.start <= end && start <= f.span.end);
  const diagnostics = context.diagnostics.filter((d) => d.source === SOURCE);
  for (const f of here) {
    const diag = diagnostics.find((d) => d.code === f.code && doc.offsetAt(d.range.start) === f.span.start);
    if (f.fix) {
      actions.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, isPreferred: f.fix.preferred, diagnostics: diag ? [diag] : undefined, edit: workspaceEdit(doc, f.fix.edits) });
      const same = result.findings.filter((x) => x.code === f.code && x.fix?.preferred);
      if (same.length > 1) {
        actions.push({ title: t('修复本文件中所有 {0} 问题（{1} 处）', f.code, same.length), kind: CodeActionKind.QuickFix, edit: workspaceEdit(doc, preferredEdits(same, f.code)) });
      }
    }
    const line = doc.positionAt(f.span.start).line;
    actions.push({ title: t('在此处忽略 {0}', f.code), kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, command: { title: t('在此处忽略 {0}', f.code), command: 'xxgk-report.ignoreHere', arguments: [doc.uri, f.code, line] } });
    actions.push({ title: t('在工作区设置中关闭规则 {0}', f.code), kind: CodeActionKind.QuickFix, command: { title: t('在工作区设置中关闭规则 {0}', f.code), command: 'xxgk-report.disableRule', arguments: [f.code] } });
  }
  // One cell can break several identities: offer each distinct action once.
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.kind}|${a.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
});

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  if (command !== 'xxgk-report.ignoreHere' || !args) return;
  const [uri, code, line] = args as [string, Code, number];
  const doc = documents.get(uri);
  if (!doc) return;
  const set = ignored.get(uri) ?? new Set<string>();
  set.add(ignoreKey(doc, { code, line }));
  ignored.set(uri, set);
  checked.delete(uri);
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

connection.onDocumentSymbol(async ({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const { report } = await check(doc);
  return outline(report).map((n) => toSymbol(doc, n));
});

connection.onFoldingRanges(async ({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const { report } = await check(doc);
  return foldingRanges(report).map((f): FoldingRange => ({ startLine: f.startLine, endLine: f.endLine }));
});

connection.onHover(async ({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return null;
  const { report, arithmetic } = await check(doc);
  const info = hoverAt(report, doc.offsetAt(position), arithmetic());
  return info ? { contents: { kind: 'markdown', value: info.markdown }, range: range(doc, info.span) } : null;
});

connection.languages.inlayHint.on(async ({ textDocument, range: r }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const settings = await getSettings(doc.uri);
  const { report } = await check(doc);
  const [a, b] = [doc.offsetAt(r.start), doc.offsetAt(r.end)];
  return inlayHints(report, settings.inlayHints)
    .filter((h) => h.offset >= a && h.offset <= b)
    .map((h): InlayHint => ({ position: doc.positionAt(h.offset), label: h.label, paddingLeft: false }));
});

connection.onCodeLens(async ({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const { report, arithmetic } = await check(doc);
  return tableLenses(report, arithmetic()).map(
    (l): CodeLens => ({ range: { start: { line: l.line, character: 0 }, end: { line: l.line, character: 0 } }, command: { title: l.title, command: '' } }),
  );
});

connection.onDocumentFormatting(async ({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const { report, tooLarge } = await check(doc);
  if (tooLarge) return [];
  return formatTables(report).map((e) => ({ range: range(doc, e.span), newText: e.newText }));
});

/** A new empty report of a format and year (the "new report" command). */
connection.onRequest('xxgk-report/template', ({ format, year }: { format: '2019' | '2021'; year: number }) => reportTemplate(format, year));

/** The tables of a document as the CLI's JSON `tables` object (export command). */
connection.onRequest('xxgk-report/tables', async ({ uri }: { uri: string }) => {
  const doc = documents.get(uri);
  if (!doc) return null;
  const { report } = await check(doc);
  return { format: report.format, title: report.title?.text ?? null, year: report.year ?? null, tables: tablesJson(report) };
});

/** Checks files that are not open (the "check workspace" command) and publishes their diagnostics. */
connection.onRequest('xxgk-report/checkFiles', async ({ uris }: { uris: string[] }, token) => {
  let problems = 0;
  for (const uri of uris) {
    if (token.isCancellationRequested) break;
    if (documents.get(uri)) {
      schedule(documents.get(uri)!);
      continue;
    }
    try {
      const text = (await readFile(fileURLToPath(uri), 'utf8')).replace(/^\ufeff/, '');
      const doc = TextDocument.create(uri, 'xxgk-report', 0, text);
      const settings = await getSettings(uri);
      if (text.length > settings.maxFileSize) continue;
      const findings = runRules(parseReport(text, { format: settings.format }), { rules: settings.rules, locale: settings.language });
      problems += findings.length;
      await connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(doc, f)) });
    } catch {
      // an unreadable file is skipped; the command reports how many were checked
    }
  }
  return { files: uris.length, problems };
});

/** Resident memory, for the tests that check it stays bounded under load. */
connection.onRequest('xxgk-report/memory', () => process.memoryUsage().rss);

documents.listen(connection);
connection.listen();
