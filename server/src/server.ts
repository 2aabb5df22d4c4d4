/**
 * The language server's entry: it connects the parts and does nothing else.
 * - lsp/protocol.ts         what is accepted from a client (validation, lifecycle, error answers)
 * - lsp/settings-source.ts  the settings a document is checked with (editor settings + config files)
 * - lsp/pipeline.ts         which text is checked when, shared by every request; diagnostics publishing
 * - lsp/features.ts         the editor's requests (code actions, outline, folding, hover, lenses, formatting…)
 * - lsp/requests.ts         the extension's own `xxgk-report/*` requests
 * - lsp/workspace-check.ts  "check workspace": files that are not open
 * - lsp/workspace-index.ts  every report of the workspace folders, in the background (the reports view)
 * - lsp/known-reports.ts    reports by body and year, for the cross-year checks
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL, QUICK_FIX } from './core/index';
import { CONFIG_NAMES } from './config';
import { severityCounts } from './lsp/diagnostics';
import { WorkspaceIndex } from './lsp/workspace-index';
import { VERSION } from './version';
import { SOURCE } from './lsp/diagnostics';
import { EditorFeatures } from './lsp/features';
import { KnownReports } from './lsp/known-reports';
import { CheckPipeline } from './lsp/pipeline';
import { Lifecycle, docUri, ignoredMessage, refuseUnknown, validChange, validOpen } from './lsp/protocol';
import { registerRequests } from './lsp/requests';
import { SettingsSource } from './lsp/settings-source';
import { WorkspaceCheck } from './lsp/workspace-check';

/** The files the workspace index looks at: report texts, Word files, web pages and PDFs. */
const REPORT_EXTENSIONS = '{txt,docx,html,htm,pdf}';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

// Nothing a client sends may stop the server: a promise nobody awaited is logged, not fatal.
process.on('unhandledRejection', (reason) => {
  console.error(`[xxgk-report] unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});

const lifecycle = new Lifecycle();
const known = new KnownReports();
const settings = new SettingsSource(connection, (uri) => {
  // A late answer from the client replaced the defaults: check again with the real settings.
  if (!documents.get(uri)) return;
  pipeline.renew(uri);
  pipeline.schedule(uri, 0);
});
const pipeline = new CheckPipeline(connection, documents, settings, known);
const workspace = new WorkspaceCheck(connection, documents, settings, pipeline, known);
const features = new EditorFeatures(connection, documents, pipeline, settings, lifecycle);
let canWatchFiles = false;
let canTrackFolders = false;
let workspaceFolders: string[] = [];

/** The reports view is told the list changed, at most every LIST_CHANGED_MS. */
const LIST_CHANGED_MS = 300;
let listChangedTimer: NodeJS.Timeout | undefined;
function listChanged(): void {
  listChangedTimer ??= setTimeout(() => {
    listChangedTimer = undefined;
    connection.sendNotification('xxgk-report/workspaceReportsChanged').catch(() => undefined);
  }, LIST_CHANGED_MS);
}
const index = new WorkspaceIndex({
  settings: (uri, folder) => settings.forFolderFile(uri, folder),
  openReport: (uri) => {
    const r = pipeline.resultOf(uri);
    return r && !r.tooLarge ? { report: r.report, counts: severityCounts(r.findings) } : undefined;
  },
  changed: listChanged,
  // Last year's report changed or appeared on disk: this year's open reports take it into account.
  reportChanged: (body, year) => {
    for (const uri of pipeline.openReportsOf(body, year + 1)) {
      pipeline.renew(uri);
      pipeline.schedule(uri, 0);
    }
  },
  lastEditAt: () => pipeline.lastEditAt,
});
known.onDisk = index;
// An open report's counts in the view are its live ones.
pipeline.onPublished = (uri) => {
  if (index.has(uri)) listChanged();
};

connection.onInitialize((params) => {
  settings.canPull = !!params.capabilities.workspace?.configuration;
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canTrackFolders = !!params.capabilities.workspace?.workspaceFolders;
  workspaceFolders = params.workspaceFolders ? params.workspaceFolders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : [];
  lifecycle.initialized();
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
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SOURCE, version: VERSION },
  };
});

connection.onInitialized(() => {
  if (settings.canPull) connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgk-report' }).catch(() => undefined);
  if (canWatchFiles) {
    const watchers = [...CONFIG_NAMES.map((n) => ({ globPattern: `**/${n}` })), { globPattern: `**/*.${REPORT_EXTENSIONS}` }];
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  }
  if (canTrackFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      workspaceFolders = [...workspaceFolders.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
      index.setFolders(workspaceFolders);
    });
  }
  index.setFolders(workspaceFolders);
});

connection.onShutdown(() => {
  lifecycle.shutdown();
  index.stop();
});

/** The files the server watches: config files (every open document is checked again) and reports (the index). */
connection.onDidChangeWatchedFiles(({ changes }) => {
  const isConfig = (uri: string) => CONFIG_NAMES.some((n) => uri.endsWith(`/${n}`));
  if (changes.some((c) => isConfig(c.uri))) {
    settings.filesChanged();
    pipeline.renewAll();
    connection.languages.inlayHint.refresh().catch(() => undefined);
  }
  for (const c of changes) if (!isConfig(c.uri)) index.fileChanged(c.uri, c.type === FileChangeType.Deleted);
});

connection.onDidChangeConfiguration(() => {
  settings.editorChanged();
  pipeline.renewAll();
  connection.languages.inlayHint.refresh().catch(() => undefined);
});

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
        pipeline.closed(p.textDocument.uri); // a reopen without a close starts afresh
        pipeline.renew(p.textDocument.uri);
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
        pipeline.renew(p.textDocument.uri);
        pipeline.lastEditAt = Date.now();
        h(p as never);
      } catch (e) {
        ignoredMessage('didChange', String(e));
      }
    }),
  onDidCloseTextDocument: (h: (p: never) => void) =>
    connection.onDidCloseTextDocument((p) => {
      if (!docUri(p)) return ignoredMessage('didClose', 'no uri');
      try {
        h(p as never);
      } catch (e) {
        ignoredMessage('didClose', String(e));
      }
    }),
  onWillSaveTextDocument: (h: (p: never) => void) => connection.onWillSaveTextDocument((p) => (docUri(p) ? h(p as never) : ignoredMessage('willSave', 'no uri'))),
  onWillSaveTextDocumentWaitUntil: (h: (p: never, token: unknown) => unknown) =>
    connection.onWillSaveTextDocumentWaitUntil((p, token) => (docUri(p) ? (h(p as never, token) as []) : [])),
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

documents.onDidOpen((e) => pipeline.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  settings.get(uri).then(
    (s) => {
      if (documents.get(uri) && s.run === 'onType') pipeline.schedule(uri);
    },
    () => undefined,
  );
});
documents.onDidSave((e) => pipeline.schedule(e.document.uri, 0));
documents.onDidClose((e) => {
  // A closed document's results are gone: a reopen (even at the same version) is checked afresh.
  pipeline.closed(e.document.uri);
  workspace.closed(e.document.uri);
  // Its file (if in the folder) counts again as it is on disk.
  if (index.has(e.document.uri)) {
    known.forget(e.document.uri);
    index.fileChanged(e.document.uri, false);
  }
});

features.register();
registerRequests(connection, lifecycle, features, pipeline, settings, workspace, index);
refuseUnknown(connection, lifecycle);

documents.listen(guardedSync as unknown as Parameters<typeof documents.listen>[0]);
connection.listen();
