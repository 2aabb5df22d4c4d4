/**
 * The workspace index over stdio: an open report's cross-year findings come from last year's report on disk,
 * follow that file's changes and deletion, and the reports view's list holds the folder's reports.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';
import { ROOT } from '../support/fixtures';

type Listed = { reports: Array<{ uri: string; name: string; body: string | null; year: number | null; source: string; counts: Record<string, number>; open: boolean }>; indexing: boolean };

const CROSS_YEAR = new Set(['copied-from-prior-year', 'carry-over-mismatch']);

describe('workspace index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-index-'));
  const folder = pathToFileURL(dir).href;
  const current = readFileSync(join(ROOT, 'test', 'corpus', 'text', 'heyang-ecology-environment-2022', 'chromium-innertext.txt'), 'utf8');
  const lastYear = current.replace(/20(2\d)/g, (_, y: string) => `20${Number(y) - 1}`);
  const lastPath = join(dir, '河阳2021年度报告.txt');
  const lastUri = pathToFileURL(lastPath).href;
  const uri = pathToFileURL(join(dir, '河阳2022年度报告.txt')).href;
  const client = new LspClient();
  let changed = 0;
  let onDisk: Record<string, number> = {};

  before(async () => {
    writeFileSync(lastPath, lastYear);
    writeFileSync(join(dir, '河阳2022年度报告.txt'), current);
    writeFileSync(join(dir, '会议纪要.txt'), '关于召开会议的通知\n请各单位派员参加。');
    client.conn.onNotification('xxgk-report/workspaceReportsChanged', () => {
      changed++;
    });
    await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'reports' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await client.conn.sendNotification('initialized', {});
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Waits for diagnostics of `uri` that satisfy `want` (the last ones published, or the next ones). */
  async function diagnosticsUntil(want: (p: PublishDiagnosticsParams) => boolean, ms = 15000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + ms;
    for (;;) {
      const have = client.diagnostics.get(uri);
      if (have && want(have)) return have;
      if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(have?.diagnostics.map((d) => d.code))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function listed(): Promise<Listed> {
    for (;;) {
      const l = (await client.conn.sendRequest('xxgk-report/workspaceReports')) as Listed;
      if (!l.indexing) return l;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('lists the folder’s reports (not the meeting note) with their counts', async () => {
    const l = await listed();
    deepStrictEqual(l.reports.map((r) => [r.name, r.year, r.source, r.open]), [
      ['河阳2022年度报告.txt', 2022, 'text', false],
      ['河阳2021年度报告.txt', 2021, 'text', false],
    ]);
    onDisk = l.reports[0].counts;
    // The view is told the list changed (debounced).
    for (let i = 0; i < 100 && !changed; i++) await new Promise((r) => setTimeout(r, 20));
    ok(changed > 0);
  });

  it('an open report gets cross-year findings from last year’s report that is only on disk', async () => {
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version: 1, text: current } });
    const p = await diagnosticsUntil((d) => d.diagnostics.some((x) => x.code === 'copied-from-prior-year'));
    const copied = p.diagnostics.filter((d) => d.code === 'copied-from-prior-year');
    deepStrictEqual(copied[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[lastUri, lastYear.split('\n').indexOf('一、总体情况')]]);
    // The file on disk was counted as the open document is checked: against last year's report, cross-year findings included.
    const live = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const d of p.diagnostics) live[(['error', 'warning', 'information', 'hint'] as const)[d.severity! - 1]]++;
    deepStrictEqual(onDisk, live);
    const open = (await listed()).reports.find((r) => r.uri === uri)!;
    strictEqual(open.open, true);
    deepStrictEqual(open.counts, live);
  });

  it('follows last year’s file as it is edited on disk, then deleted', async () => {
    // Last year's prose rewritten: nothing is copied any more.
    const rewritten = lastYear.split('\n').map((l) => (l.includes('。') ? [...l].reverse().join('') : l)).join('\n');
    writeFileSync(lastPath, rewritten);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: lastUri, type: 2 }] });
    await diagnosticsUntil((d) => !d.diagnostics.some((x) => x.code === 'copied-from-prior-year'));
    writeFileSync(lastPath, lastYear);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: lastUri, type: 2 }] });
    await diagnosticsUntil((d) => d.diagnostics.some((x) => x.code === 'copied-from-prior-year'));
    unlinkSync(lastPath);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: lastUri, type: 3 }] });
    await diagnosticsUntil((d) => !d.diagnostics.some((x) => CROSS_YEAR.has(String(x.code))));
    deepStrictEqual((await listed()).reports.map((r) => r.name), ['河阳2022年度报告.txt']);
  });
});
