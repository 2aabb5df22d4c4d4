/**
 * The workspace index: every report in the workspace folders (report texts, and Word files, web pages and
 * PDFs through the importers), with its body, year, format, source and counts of findings. It is built in
 * the background on start and kept up to date from file-change events, one file per turn of the event loop
 * and paused while the user is typing, so it never delays a keystroke's check. It is bounded: at most
 * MAX_FILES candidate files, files up to the size limits, and only a few full reports held in memory (the
 * rest is re-read when needed). Open reports use it for their cross-year checks: last year's report of the
 * same body counts as soon as it is in the folder, and the open report is checked again when that file changes.
 */
import * as nodePath from 'node:path';
import { opendir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Finding, Report, checkText, crossYearFindings, importReport, isImportable } from '../core/index';
import { looksLikeReportText, isReportFile } from '../core/features/detect';
import { isProblem, problemMessage, readRegularFile } from '../fs-walk';
import { t } from '../core/i18n';
import { severityCounts } from './diagnostics';
import { nextTurn } from './protocol';
import type { Settings } from '../settings';
import { decodeText } from './workspace-check';

export type ReportSource = 'text' | 'docx' | 'html' | 'pdf';

export interface IndexedReport {
  uri: string;
  name: string;
  folder: string;
  body: string | null;
  year: number | null;
  format: '2019' | '2021' | 'pre-2019';
  source: ReportSource;
  counts: Record<Finding['severity'], number>;
}

/** Candidate files looked at, at most: a folder beyond it is indexed in part and says so. */
export const MAX_FILES = 20_000;
/** Bytes of a Word file, web page or PDF imported in the background, at most. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Full reports kept for cross-year checks (the most recently used). */
const REPORT_CACHE = 16;
/** The index waits while the last edit is more recent than this. */
const TYPING_PAUSE_MS = 300;
/** Folders never walked: tools' and version control's, not reports. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode', '.vscode-test', 'out', 'dist']);

const isText = (name: string) => /\.txt$/i.test(name);
const isCandidate = (name: string) => isText(name) || isImportable(name);

export interface IndexHost {
  /** The check settings for a file of a folder (the folder's editor settings and the file's config file). */
  settings(fileUri: string, folderUri: string): Promise<Settings>;
  /** The live report of an open document, if it is open (then its text on disk is not what counts). */
  openReport(uri: string): { report: Report; counts: Record<Finding['severity'], number> } | undefined;
  /** The list changed (debounced by the caller). */
  changed(): void;
  /** A report of `body` and `year` changed on disk or was removed: open reports of the year after re-check. */
  reportChanged(body: string, year: number): void;
  /** When the user last edited a document (ms, Date.now()). */
  lastEditAt(): number;
}

interface Loaded {
  report: Report;
  findings: Finding[];
  source: ReportSource;
  settings: Settings;
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, IndexedReport>();
  private readonly skipped = new Map<string, string>();
  private readonly reports = new Map<string, Report>();
  private folders: string[] = [];
  private queue = new Set<string>();
  private running: Promise<void> | undefined;
  private scanGen = 0;
  private truncated = false;
  private scanning = false;
  private stopped = false;

  constructor(private readonly host: IndexHost) {}

  /** The workspace folders (file: URIs) to index; indexing starts (again) in the background. */
  setFolders(folderUris: string[]): void {
    this.folders = folderUris.filter((u) => u.startsWith('file:'));
    const gen = ++this.scanGen;
    for (const uri of [...this.entries.keys()]) if (!this.folderOf(uri)) this.remove(uri);
    void this.scan(gen);
  }

  stop(): void {
    this.stopped = true;
    this.scanGen++;
    this.queue.clear();
  }

  /** What the reports view shows. */
  list(): { indexing: boolean; reports: Array<IndexedReport & { open: boolean }>; skipped: Array<{ uri: string; reason: string }>; truncated: boolean } {
    const reports = [...this.entries.values()].map((e) => {
      const open = this.host.openReport(e.uri);
      if (!open) return { ...e, open: false };
      const { report, counts } = open;
      return { ...e, open: true, body: report.body ?? null, year: report.year ?? null, format: report.legacy ? ('pre-2019' as const) : report.format, counts };
    });
    reports.sort((a, b) => (a.body ?? '').localeCompare(b.body ?? '', 'zh') || (b.year ?? 0) - (a.year ?? 0) || a.uri.localeCompare(b.uri));
    return { indexing: this.scanning || this.queue.size > 0 || !!this.running, reports, skipped: [...this.skipped].map(([uri, reason]) => ({ uri, reason })), truncated: this.truncated };
  }

  /** A file was created, changed or deleted. */
  fileChanged(uri: string, deleted: boolean): void {
    if (!this.folderOf(uri) || !isCandidate(nodePath.basename(safePath(uri) ?? ''))) return;
    if (deleted) {
      this.remove(uri);
      return;
    }
    this.enqueue([uri]);
  }

  /**
   * Last year's report of the same body, from the folder, when it is in memory; otherwise undefined, and it
   * is loaded in the background (`reportChanged` then fires for it, so the asking report is checked again).
   */
  previous(body: string, year: number, except: string): Report | undefined {
    for (const e of this.entries.values()) {
      if (e.uri === except || e.body !== body || e.year !== year - 1) continue;
      const cached = this.reports.get(e.uri);
      if (cached) {
        this.touch(e.uri, cached);
        return cached;
      }
      void this.read(e.uri).then(
        (l) => l && this.host.reportChanged(body, year - 1),
        () => undefined,
      );
      return undefined;
    }
    return undefined;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** The file URI of a report the index holds (for related places in another file). */
  uriOf(report: Report): string | undefined {
    for (const [u, r] of this.reports) if (r === report) return u;
    return undefined;
  }

  private folderOf(uri: string): string | undefined {
    const path = safePath(uri);
    if (!path) return undefined;
    for (const f of this.folders) {
      const root = safePath(f);
      if (root && (path === root || path.startsWith(root.endsWith(nodePath.sep) ? root : root + nodePath.sep))) return f;
    }
    return undefined;
  }

  private remove(uri: string): void {
    const e = this.entries.get(uri);
    this.entries.delete(uri);
    this.skipped.delete(uri);
    this.reports.delete(uri);
    if (e) {
      this.host.changed();
      if (e.body && e.year) {
        this.host.reportChanged(e.body, e.year);
        this.requeueYearAfter(e.body, e.year);
      }
    }
  }

  private touch(uri: string, report: Report): void {
    this.reports.delete(uri);
    this.reports.set(uri, report);
    while (this.reports.size > REPORT_CACHE) this.reports.delete(this.reports.keys().next().value as string);
  }

  /** Walks the folders for candidate files (asynchronously, a directory per turn), then indexes them. */
  private async scan(gen: number): Promise<void> {
    this.scanning = true;
    this.truncated = false;
    const found: string[] = [];
    try {
      for (const folder of this.folders) {
        const root = safePath(folder);
        if (!root) continue;
        const dirs = [root];
        while (dirs.length && gen === this.scanGen) {
          const dir = dirs.pop()!;
          let handle;
          try {
            handle = await opendir(dir);
          } catch {
            continue; // unreadable folder: nothing of it is listed
          }
          const names: Array<{ name: string; dir: boolean }> = [];
          for await (const d of handle) {
            // Links are not followed: a link out of the folder or back into it is not the folder's.
            if (d.isDirectory() && !SKIP_DIRS.has(d.name) && !d.name.startsWith('.')) names.push({ name: d.name, dir: true });
            else if (d.isFile() && isCandidate(d.name)) names.push({ name: d.name, dir: false });
          }
          for (const n of names.sort((a, b) => (a.name < b.name ? 1 : -1))) {
            const p = nodePath.join(dir, n.name);
            if (n.dir) dirs.push(p);
            else if (found.length < MAX_FILES) found.push(pathToFileURL(p).href);
            else this.truncated = true;
          }
        }
      }
    } finally {
      if (gen === this.scanGen) this.scanning = false;
    }
    if (gen !== this.scanGen) return;
    const keep = new Set(found);
    for (const uri of [...this.entries.keys()]) if (!keep.has(uri)) this.remove(uri);
    this.enqueue(found);
    this.host.changed();
  }

  private enqueue(uris: string[]): void {
    for (const u of uris) this.queue.add(u);
    if (!this.running && !this.stopped) {
      this.running = this.drain().finally(() => {
        this.running = undefined;
        this.host.changed();
        if (this.queue.size && !this.stopped) this.enqueue([]);
      });
    }
  }

  /** Indexes queued files one per turn, waiting while the user types. */
  private async drain(): Promise<void> {
    while (this.queue.size && !this.stopped) {
      while (Date.now() - this.host.lastEditAt() < TYPING_PAUSE_MS) await sleep(TYPING_PAUSE_MS);
      const uri = this.queue.values().next().value as string;
      this.queue.delete(uri);
      try {
        await this.index(uri);
      } catch (e) {
        this.skipped.set(uri, e instanceof Error ? e.message : String(e));
      }
      await nextTurn();
    }
  }

  /** Reads and checks one file (text, or imported from Word, a web page or a PDF), without cross-year findings. */
  private async read(uri: string): Promise<Loaded | undefined> {
    const path = safePath(uri);
    const folder = this.folderOf(uri);
    if (!path || !folder) return undefined;
    const name = nodePath.basename(path);
    const read = await readRegularFile(path, isText(name) ? undefined : MAX_IMPORT_BYTES);
    if (isProblem(read)) {
      this.skipped.set(uri, problemMessage(read));
      return undefined;
    }
    let text: string;
    let source: ReportSource = 'text';
    if (isText(name)) {
      const decoded = decodeText(read.bytes);
      if (!decoded) return undefined;
      text = decoded.text;
      if (!isReportFile(name, text)) return undefined;
    } else {
      const imported = await importReport(read.bytes, name);
      text = imported.text;
      source = imported.source;
      if (!looksLikeReportText(text)) return undefined;
    }
    const settings = await this.host.settings(uri, folder);
    if (text.length > settings.maxFileSize) {
      this.skipped.set(uri, t('{0}：文件太大（{1} 个字符，上限 {2}），已跳过', path, text.length, settings.maxFileSize));
      return undefined;
    }
    const { report, findings } = checkText(text, { format: settings.format, rules: settings.rules, locale: settings.language });
    this.touch(uri, report);
    return { report, findings, source, settings };
  }

  /** A file's report and all its findings, the cross-year ones against last year's report in the folder included. */
  private async load(uri: string): Promise<Loaded | undefined> {
    const loaded = await this.read(uri);
    if (!loaded) return undefined;
    const { report, findings, settings } = loaded;
    if (!report.body || !report.year || report.legacy) return loaded;
    const prevEntry = [...this.entries.values()].find((e) => e.uri !== uri && e.body === report.body && e.year === report.year! - 1);
    const prev = prevEntry && (this.host.openReport(prevEntry.uri)?.report ?? this.reports.get(prevEntry.uri) ?? (await this.read(prevEntry.uri))?.report);
    if (!prev) return loaded;
    return { ...loaded, findings: [...findings, ...crossYearFindings(report, prev, { rules: settings.rules, copiedShare: settings.copiedShare })] };
  }

  private async index(uri: string): Promise<void> {
    const before = this.entries.get(uri);
    const loaded = await this.load(uri);
    if (!loaded) {
      if (before) this.remove(uri);
      return;
    }
    const { report, findings, source } = loaded;
    this.skipped.delete(uri);
    const entry: IndexedReport = {
      uri,
      name: nodePath.basename(safePath(uri) ?? uri),
      folder: this.folderOf(uri)!,
      body: report.body ?? null,
      year: report.year ?? null,
      format: report.legacy ? 'pre-2019' : report.format,
      source,
      counts: severityCounts(findings),
    };
    this.entries.set(uri, entry);
    // Reports that compare with this one: the same body's next year (on disk and open).
    for (const e of before?.body && before.year ? [before, entry] : [entry]) {
      if (!e.body || !e.year) continue;
      this.host.reportChanged(e.body, e.year);
      this.requeueYearAfter(e.body, e.year);
    }
    this.host.changed();
  }

  /** The same body's report of the following year counts this one in its cross-year findings: index it again. */
  private requeueYearAfter(body: string, year: number): void {
    for (const e of this.entries.values()) if (e.body === body && e.year === year + 1 && !this.queue.has(e.uri)) this.queue.add(e.uri);
    if (this.queue.size) this.enqueue([]);
  }
}

function safePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
