/**
 * The "check workspace" command: files that are not open are read from disk (as the CLI reads them), checked
 * with the same function as open documents, and their diagnostics published; they stay until the file is
 * opened (the live check takes over) and come back from disk when it is closed. Reports of the same body in
 * consecutive years are checked against each other. Only regular files are read (a FIFO or a device named
 * *.txt is skipped, not read).
 */
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding, Report, checkText, crossYearFindings } from '../core/index';
import { t } from '../core/i18n';
import { isReportFile } from '../core/features/detect';
import { isProblem, problemMessage, readRegularFile } from '../fs-walk';
import type { Settings } from '../settings';
import { MAX_DIAGNOSTICS, toDiagnostic } from './diagnostics';
import { KnownReports } from './known-reports';
import { CheckPipeline } from './pipeline';
import { SettingsSource } from './settings-source';

/** UTF-8 (with or without BOM), else GB18030, as the CLI reads files; undefined when it is neither. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } | undefined {
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

export const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

interface DiskCheck {
  uri: string;
  report: Report;
  findings: Finding[];
  settings: Settings;
}

export interface CheckFilesAnswer {
  files: number;
  checked: number;
  notReports: number;
  skipped: string[];
  counts: Record<Finding['severity'], number>;
  /** The findings of every level (kept for older callers). */
  problems: number;
}

export class WorkspaceCheck {
  /** Files the workspace check published diagnostics for: a file closed in the editor gets them back from disk. */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsSource,
    private readonly pipeline: CheckPipeline,
    private readonly known: KnownReports,
  ) {}

  private diagnostics(d: { uri: string; report: Report; findings: Finding[] }) {
    return d.findings.slice(0, MAX_DIAGNOSTICS).map((f) => toDiagnostic(d.uri, d.report, f, (r) => this.known.uriOf(r)));
  }

  /** Reads and checks one file that is not open; undefined when it was skipped (the reason is in `skipped`). */
  private async checkOnDisk(uri: string, skipped: string[]): Promise<DiskCheck | 'not-report' | undefined> {
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
    const settings = await this.settings.get(uri);
    if (text.length > settings.maxFileSize) {
      skipped.push(t('{0}：文件太大（{1} 个字符，上限 {2}），已跳过', path, text.length, settings.maxFileSize));
      return undefined;
    }
    this.pipeline.checkCount++;
    const { report, findings } = checkText(text, { format: settings.format, rules: settings.rules, locale: settings.language });
    return { uri, report, findings, settings };
  }

  /** A document was closed: a file this check published for gets its diagnostics from disk again, others none. */
  closed(uri: string): void {
    const clear = () => this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    if (!this.published.has(uri)) {
      void clear();
      return;
    }
    this.checkOnDisk(uri, [])
      .then((r) => {
        if (this.documents.get(uri)) return;
        return this.connection.sendDiagnostics({ uri, diagnostics: r && r !== 'not-report' ? this.diagnostics(r) : [] });
      })
      .catch(clear);
  }

  /** Checks `uris` (open ones live, the others from disk) and publishes their diagnostics. */
  async checkFiles(uris: string[], token: CancellationToken): Promise<CheckFilesAnswer> {
    const skipped: string[] = [];
    const counts = { error: 0, warning: 0, information: 0, hint: 0 };
    let checked = 0;
    let notReports = 0;
    const done: DiskCheck[] = [];
    const openDocs: TextDocument[] = [];
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      const open = this.documents.get(uri);
      if (open) {
        openDocs.push(open);
        continue;
      }
      try {
        const r = await this.checkOnDisk(uri, skipped);
        if (r === 'not-report') notReports++;
        else if (r) {
          done.push(r);
          this.known.add(uri, r.report);
        }
      } catch (e) {
        skipped.push(t('{0}：无法读取（{1}），已跳过', uri, e instanceof Error ? e.message : String(e)));
      }
    }
    // Cross-year: each report against the same body's report of the year before (files and open documents).
    for (const d of done) {
      const prev = this.known.previous(d.uri, d.report);
      if (prev) {
        d.findings.push(...crossYearFindings(d.report, prev, { rules: d.settings.rules, copiedShare: d.settings.copiedShare }));
        d.findings.sort((a, b) => a.span.start - b.span.start);
      }
      checked++;
      for (const f of d.findings) counts[f.severity]++;
      this.published.add(d.uri);
      await this.connection.sendDiagnostics({ uri: d.uri, diagnostics: this.diagnostics(d) });
    }
    // Open documents: checked live (now with the reports just read for carry-over); their counts come from that check.
    for (const open of openDocs) {
      this.pipeline.renew(open.uri);
      this.pipeline.schedule(open.uri, 0);
      try {
        const r = await this.pipeline.latest(open.uri);
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
  }
}
