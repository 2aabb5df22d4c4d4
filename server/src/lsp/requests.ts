/**
 * The extension's own requests (`xxgk-report/*`): new reports, the tables as JSON or CSV, the table view,
 * "ignore here" from the client's workspace state, importing Word/web/PDF files, the workspace check, and
 * the counters the tests read.
 */
import { fileURLToPath } from 'node:url';
import { CancellationToken, Connection } from 'vscode-languageserver/node';
import { importReport, reportTemplate, serializeTables, setLocale, tablesJson } from '../core/index';
import { t } from '../core/i18n';
import { tableViewModel } from '../core/features/table-view';
import { newReportText } from '../core/features/new-report';
import { isProblem, problemMessage, readRegularFile } from '../fs-walk';
import { EditorFeatures } from './features';
import { CheckPipeline } from './pipeline';
import { Lifecycle, any, guarded, ignoredMessage, invalid, isNat, isObj, isUri } from './protocol';
import { SettingsSource } from './settings-source';
import { WorkspaceCheck, safeDecode } from './workspace-check';
import { WorkspaceIndex } from './workspace-index';

export function registerRequests(
  connection: Connection,
  lifecycle: Lifecycle,
  features: EditorFeatures,
  pipeline: CheckPipeline,
  settings: SettingsSource,
  workspace: WorkspaceCheck,
  index: WorkspaceIndex,
): void {
  const request = (method: string, handler: (p: unknown, token: CancellationToken) => unknown) => {
    const run = guarded(lifecycle, handler);
    // vscode-jsonrpc passes only the token when a request has no params.
    connection.onRequest(method, (...args: unknown[]) => (args.length > 1 ? run(args[0], args[1] as CancellationToken) : run(undefined, args[0] as CancellationToken)));
  };
  /** A request on one open document, given as `{ uri }`. */
  const onUri = <R>(what: string, extra: (p: Record<string, unknown>) => boolean, handler: Parameters<typeof features.onDocument<{ textDocument: { uri: string } }, R | null>>[2]) => (p: unknown, token: CancellationToken) => {
    if (!isObj(p) || !isUri(p.uri) || !extra(p)) return invalid(what);
    return features.onDocument<{ textDocument: { uri: string } }, R | null>(null, any, handler)({ textDocument: { uri: p.uri } }, token);
  };

  /** A new empty report of a format and year (the "new report" command). */
  request('xxgk-report/template', (p) => {
    if (!isObj(p) || (p.format !== '2019' && p.format !== '2021') || !isNat(p.year)) return invalid('template takes { format: "2019" | "2021", year }');
    return reportTemplate(p.format, p.year);
  });

  /** A new report for the wizard: the year's format, the body's name, zeros in the tables (features/new-report). */
  request('xxgk-report/newReport', (p) => {
    if (!isObj(p) || (p.format !== '2019' && p.format !== '2021') || !isNat(p.year) || (p.body !== undefined && typeof p.body !== 'string')) return invalid('newReport takes { format: "2019" | "2021", year, body? }');
    return newReportText(p.format, p.year, p.body as string | undefined);
  });

  /** The tables of a document as the CLI's JSON `tables` object (export command). */
  request(
    'xxgk-report/tables',
    onUri('tables takes { uri }', any, ({ report }) => ({ format: report.format, title: report.title?.text ?? null, year: report.year ?? null, tables: tablesJson(report) })),
  );

  /** The tables of a document as the one CSV serializer writes them (core/export: UTF-8 BOM, Chinese names). */
  request(
    'xxgk-report/exportCsv',
    onUri('exportCsv takes { uri, file }', (p) => typeof p.file === 'string', ({ report }, p) => serializeTables([{ file: (p as unknown as { file: string }).file, report }], { format: 'csv' })),
  );

  /** The table view's model of a document: the three tables as grids, cells with state, span and identity. */
  request(
    'xxgk-report/tableView',
    onUri('tableView takes { uri }', any, ({ uri, version, report, arithmetic, tooLarge }) => {
      // Beside last year's report of the same body when it is known (open, or in the workspace folders).
      const previous = tooLarge || report.legacy ? undefined : pipeline.known.previous(uri, report);
      const model = tableViewModel(report, arithmetic(), previous);
      const lastYear = model.lastYear && previous ? { ...model.lastYear, uri: pipeline.known.uriOf(previous) } : model.lastYear;
      return { uri, version, tooLarge, ...model, lastYear };
    }),
  );

  /** "Check workspace": files that are not open are read from disk and checked (see WorkspaceCheck). */
  request('xxgk-report/checkFiles', (p, token) => {
    if (!isObj(p) || !Array.isArray(p.uris) || !p.uris.every(isUri)) return invalid('checkFiles takes { uris: string[] }');
    return workspace.checkFiles(p.uris as string[], token);
  });

  /**
   * The "open from Word, web page or PDF" command: a .docx/.html/.htm/.pdf file (read here for a local file, or
   * its bytes sent by the client as base64 for another scheme) → the normalized report text. The importers (and
   * pdfjs, from dist/pdfjs.mjs) load only when a file is imported. A file that cannot be imported (damaged, a
   * scanned PDF) is an answer with the importer's message, not a request error.
   */
  request('xxgk-report/importFile', async (p) => {
    if (!isObj(p) || !isUri(p.uri) || (p.data !== undefined && typeof p.data !== 'string')) return invalid('importFile takes { uri, data? }');
    const uri = p.uri;
    const name = safeDecode(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
    setLocale((await settings.get(uri)).language);
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

  /** The reports of the workspace folders, for the reports view (see WorkspaceIndex). */
  request('xxgk-report/workspaceReports', () => index.list());

  /** Resident memory, for the tests that check it stays bounded under load. */
  request('xxgk-report/memory', () => process.memoryUsage().rss);

  /** How many full checks ran, for the tests that check concurrent requests share one. */
  request('xxgk-report/checkCount', () => pipeline.checkCount);

  /** "Ignore here", kept by the client in workspace state: the whole set for a document, sent at start and on change. */
  connection.onNotification('xxgk-report/setIgnores', (p: unknown) => {
    if (!isObj(p) || !isUri(p.uri) || !Array.isArray(p.keys) || !p.keys.every((k) => typeof k === 'string')) return ignoredMessage('setIgnores', 'takes { uri, keys: string[] }');
    pipeline.setIgnores(p.uri, new Set(p.keys as string[]));
    if (pipeline.hasDocument(p.uri)) {
      pipeline.renew(p.uri);
      pipeline.schedule(p.uri, 0);
    }
  });
}
