/**
 * The bundled server under a hostile or sloppy client (real JSON-RPC over stdio): malformed params, a
 * configuration answered late or never, close and reopen at the same version, repeated and decreasing
 * versions, bursts of cancelled requests, FIFOs and devices given to checkFiles. It must never exit,
 * never hang, and never show one text's results for another.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { CancellationTokenSource, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../support/lsp-client';
import { SEEDS, editLine, lineOf, readSeed } from '../support/fixtures';

const shunhe = readSeed('shunhe-district-2020.txt');
/** （七）总计 off by one: a total-mismatch the clean text does not have. */
const damaged = editLine(shunhe, lineOf(shunhe, '(七) 总计'), (l) => l.replace('总计\t25', '总计\t26'));
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code).sort();
const CLEAN = ['narrative-mismatch', 'narrative-mismatch'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function started(configure?: (c: LspClient) => void): Promise<LspClient> {
  const c = new LspClient();
  configure?.(c);
  await c.initialize();
  return c;
}

/** The server still answers and its process is alive. */
async function alive(c: LspClient): Promise<void> {
  strictEqual(c.proc.exitCode, null, 'the server exited');
  ok((await c.conn.sendRequest('xxgk-report/memory')) as number > 0);
}

describe('malformed params never stop the server', () => {
  it('didOpen whose text is 5, null or an object; broken didChange/didClose; malformed requests', async () => {
    const c = await started();
    try {
      for (const text of [5, null, { a: 1 }, ['x']]) {
        await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: `file:///bad/${String(text)}.txt`, languageId: 'xxgk-report', version: 1, text } });
      }
      await c.conn.sendNotification('textDocument/didOpen', null);
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 5, version: 1, text: '' } });
      await c.open('file:///bad/ok.txt', shunhe);
      for (const contentChanges of [null, [{ text: 7 }], [{ range: { start: 'x' }, text: '' }], [null]]) {
        await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///bad/ok.txt', version: 2 }, contentChanges });
      }
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///bad/ok.txt' }, contentChanges: [{ text: '' }] });
      await c.conn.sendNotification('textDocument/didClose', {});
      await c.conn.sendNotification('textDocument/didSave', null);
      // Requests: an error response, not a crash.
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri: 'file:///bad/ok.txt' } }],
        ['textDocument/hover', { textDocument: { uri: 'file:///bad/ok.txt' }, position: { line: 'a', character: null } }],
        ['textDocument/codeAction', { textDocument: { uri: 'file:///bad/ok.txt' }, range: null, context: null }],
        ['textDocument/documentSymbol', { textDocument: null }],
        ['textDocument/inlayHint', { textDocument: { uri: 'file:///bad/ok.txt' }, range: 5 }],
        ['xxgk-report/checkFiles', { uris: [5, null] }],
        ['xxgk-report/checkFiles', null],
        ['xxgk-report/tables', { uri: { x: 1 } }],
        ['xxgk-report/template', { format: 'x', year: 'y' }],
        ['workspace/executeCommand', { command: 'xxgk-report.ignoreHere', arguments: [1, 2, 'x'] }],
      ] as const) {
        const err = await c.conn.sendRequest(method, params).then(() => undefined, (e: { code: number }) => e);
        strictEqual((err as { code?: number } | undefined)?.code, -32602, `${method} ${JSON.stringify(params)}`);
      }
      await alive(c);
      // The good document still works, and the rejected changes did not touch it.
      const symbols = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///bad/ok.txt' } })) as unknown[];
      ok(symbols.length > 0);
      ok(codes(await c.open('file:///bad/after.txt', damaged)).includes('total-mismatch'));
    } finally {
      await c.stop();
    }
  });
});

describe('configuration answered late or never', () => {
  it('close and reopen at the same version with another text (configuration answered late): the new text’s results', async () => {
    let release!: () => void;
    const answered = new Promise<void>((r) => (release = r));
    const c = await started((cl) => cl.conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
      await answered;
      return p.items.map(() => ({}));
    }));
    try {
      const uri = 'file:///work/reopen.txt';
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version: 1, text: damaged } });
      await sleep(100);
      await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      const next = c.nextDiagnostics(uri, 1);
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version: 1, text: shunhe } });
      await sleep(100);
      release();
      deepStrictEqual(codes(await next), CLEAN);
      await sleep(300);
      deepStrictEqual(codes(c.diagnostics.get(uri)!), CLEAN, 'the closed text’s diagnostics were published later');
      const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command: { title: string } }>;
      ok(lenses.every((l) => !l.command.title.includes('不平衡')), JSON.stringify(lenses));
    } finally {
      await c.stop();
    }
  });

  it('a client that never answers workspace/configuration: defaults after a timeout, requests answered', async () => {
    const c = await started((cl) => cl.conn.onRequest('workspace/configuration', () => new Promise(() => undefined)));
    try {
      const uri = 'file:///work/noconfig.txt';
      const t0 = Date.now();
      const diags = c.nextDiagnostics(uri, 1, 8000);
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version: 1, text: damaged } });
      const symbols = (await Promise.race([c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), sleep(8000).then(() => 'timeout')])) as unknown[];
      ok(Array.isArray(symbols) && symbols.length > 0, String(symbols));
      ok(codes(await diags).includes('total-mismatch'));
      ok(Date.now() - t0 < 6000);
      // An edit is checked too (onType is the default).
      const next = c.nextDiagnostics(uri, 2, 8000);
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: shunhe }] });
      deepStrictEqual(codes(await next), CLEAN);
    } finally {
      await c.stop();
    }
  });
});

describe('versions and content', () => {
  it('a repeated or decreasing didChange version: the diagnostics follow the content', async () => {
    const c = await started();
    try {
      const uri = 'file:///work/versions.txt';
      ok(codes(await c.open(uri, damaged, 5)).includes('total-mismatch'));
      await sleep(300); // the open may be published twice (open, then content once settings are in)
      let next = c.nextDiagnostics(uri, 5);
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: shunhe }] });
      deepStrictEqual(codes(await next), CLEAN, 'repeated version');
      next = c.nextDiagnostics(uri, 3);
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: damaged }] });
      ok(codes(await next).includes('total-mismatch'), 'decreasing version');
      next = c.nextDiagnostics(uri, 3);
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: shunhe }] });
      deepStrictEqual(codes(await next), CLEAN, 'repeated decreasing version');
      await sleep(200);
      deepStrictEqual(codes(c.diagnostics.get(uri)!), CLEAN);
      const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command: { title: string } }>;
      ok(lenses.every((l) => !l.command.title.includes('不平衡')), JSON.stringify(lenses));
    } finally {
      await c.stop();
    }
  });
});

describe('one check per version, cancellation honoured', () => {
  const line = '本机关持续做好政府信息公开工作，不断提升公开质量和实效。\n';
  const big = shunhe + line.repeat(Math.ceil(1_000_000 / Buffer.byteLength(line))); // ~1 MB

  it('eight requests right after opening a 1 MB report share one check', async () => {
    const c = await started();
    try {
      const uri = 'file:///work/big.txt';
      const before = (await c.conn.sendRequest('xxgk-report/checkCount')) as number;
      const diags = c.nextDiagnostics(uri, 1, 20000);
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version: 1, text: big } });
      const methods = ['documentSymbol', 'foldingRange', 'codeLens', 'formatting', 'documentSymbol', 'codeLens', 'foldingRange', 'documentSymbol'];
      const answers = await Promise.all(methods.map((m) => c.conn.sendRequest(`textDocument/${m}`, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } })));
      ok(answers.every((a) => Array.isArray(a)));
      await diags;
      strictEqual(((await c.conn.sendRequest('xxgk-report/checkCount')) as number) - before, 1);
    } finally {
      await c.stop();
    }
  });

  it('cancelled requests are answered RequestCancelled and run no check of their own', async () => {
    const c = await started();
    try {
      const uri = 'file:///work/big-cancel.txt';
      const before = (await c.conn.sendRequest('xxgk-report/checkCount')) as number;
      const diags = c.nextDiagnostics(uri, 1, 20000);
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version: 1, text: big } });
      const sources = Array.from({ length: 8 }, () => new CancellationTokenSource());
      const replies = sources.map((s) => c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, s.token).then(() => 'answered', (e: { code?: number }) => e.code));
      for (const s of sources) s.cancel();
      deepStrictEqual(await Promise.all(replies), Array(8).fill(-32800));
      await diags;
      strictEqual(((await c.conn.sendRequest('xxgk-report/checkCount')) as number) - before, 1);
      await alive(c);
    } finally {
      await c.stop();
    }
  });
});

describe('checkFiles reads only regular files', () => {
  it('a FIFO and a link to /dev/zero named *.txt are skipped, not read; the rest is checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-lsp-'));
    copyFileSync(join(SEEDS, 'shunhe-district-2020.txt'), join(dir, 'a.txt'));
    strictEqual(spawnSync('mkfifo', [join(dir, 'fifo.txt')]).status, 0);
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    const c = await started();
    try {
      const uris = ['fifo.txt', 'zero.txt', 'a.txt'].map((n) => pathToFileURL(join(dir, n)).toString());
      const diags = c.nextDiagnostics(uris[2], undefined, 10000);
      const result = (await Promise.race([c.conn.sendRequest('xxgk-report/checkFiles', { uris }), sleep(10000).then(() => 'timeout')])) as { files: number; problems: number; skipped: string[] };
      ok(typeof result === 'object', 'checkFiles hung');
      strictEqual(result.files, 3);
      strictEqual(result.problems, 2);
      strictEqual(result.skipped.length, 2);
      ok(result.skipped[0].endsWith('fifo.txt：不是普通文件（FIFO），已跳过'), result.skipped[0]);
      ok(result.skipped[1].endsWith('zero.txt：不是普通文件（character device），已跳过'), result.skipped[1]);
      deepStrictEqual(codes(await diags), CLEAN);
      await alive(c);
    } finally {
      await c.stop();
    }
  });
});
