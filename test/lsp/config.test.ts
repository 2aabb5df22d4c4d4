/** The config file in the language server: found upward, editor settings on top, watched, broken files reported. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lsp-client';
import { readSeed } from '../support/fixtures';

type Registration = { method: string; registerOptions?: { watchers?: Array<{ globPattern: string }> } };

describe('language server: config file', () => {
  const client = new LspClient();
  const registrations: Registration[] = [];
  const messages: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-lsp-config-'));
  const shunhe = readSeed('shunhe-district-2020.txt');
  const codes = (p: { diagnostics: Array<{ code?: string | number }> }) => p.diagnostics.map((d) => d.code);

  before(async () => {
    client.conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      registrations.push(...p.registrations);
      return null;
    });
    client.conn.onNotification('window/showMessage', (p: { message: string }) => {
      messages.push(p.message);
    });
    await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await client.conn.sendNotification('initialized', {});
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const changed = (uri: string) => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });

  it('registers a watcher for .xxgk-report.json and .jsonc, and for the report files the workspace index follows', async () => {
    for (let i = 0; i < 50 && !registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'); i++) await new Promise((r) => setTimeout(r, 20));
    const watch = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    ok(watch, JSON.stringify(registrations));
    deepStrictEqual(watch.registerOptions?.watchers?.map((w) => w.globPattern), ['**/.xxgk-report.json', '**/.xxgk-report.jsonc', '**/*.{txt,docx,html,htm,pdf}']);
  });

  it('a config file in a parent folder turns a rule off; a change to it re-checks the open document', async () => {
    const config = join(dir, 'a', '.xxgk-report.json');
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(config, '{ "rules": { "narrative-mismatch": "off" } }');
    const uri = pathToFileURL(join(dir, 'a', 'b', 'report.txt')).href;
    deepStrictEqual(codes(await client.open(uri, shunhe)), []);
    // Elsewhere (no config file) the same text has its two findings.
    deepStrictEqual(codes(await client.open(pathToFileURL(join(dir, 'other.txt')).href, shunhe)), ['narrative-mismatch', 'narrative-mismatch']);

    writeFileSync(config, '// now an error\n{ "rules": { "narrative-mismatch": "error", }, }');
    let next = client.nextDiagnostics(uri);
    await changed(pathToFileURL(config).href);
    const p = await next;
    deepStrictEqual(codes(p), ['narrative-mismatch', 'narrative-mismatch']);
    ok(p.diagnostics.every((d) => d.severity === 1));

    // The editor's own setting for a rule wins over the file's.
    client.settings = { rules: { 'narrative-mismatch': 'hint' } };
    next = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    ok((await next).diagnostics.every((d) => d.severity === 4));
    client.settings = {};
    next = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await next;
  });

  it('a .jsonc file counts too, and the nearest file wins', async () => {
    mkdirSync(join(dir, 'c', 'd'), { recursive: true });
    writeFileSync(join(dir, 'c', '.xxgk-report.json'), '{ "rules": { "narrative-mismatch": "off" } }');
    writeFileSync(join(dir, 'c', 'd', '.xxgk-report.jsonc'), '/* nearer */ { "rules": { "narrative-mismatch": "information" } }');
    const p = await client.open(pathToFileURL(join(dir, 'c', 'd', 'r.txt')).href, shunhe);
    deepStrictEqual(codes(p), ['narrative-mismatch', 'narrative-mismatch']);
    ok(p.diagnostics.every((d) => d.severity === 3));
  });

  it('a broken config file: a diagnostic on it naming the key, a message naming the file; checks go on with the defaults; fixed, the diagnostic goes', async () => {
    mkdirSync(join(dir, 'e'), { recursive: true });
    const config = join(dir, 'e', '.xxgk-report.json');
    const configUri = pathToFileURL(config).href;
    writeFileSync(config, '{\n  "rules": { "narative-mismatch": "off" },\n  "run": "onSave"\n}');
    const onConfig = client.nextDiagnostics(configUri);
    const p = await client.open(pathToFileURL(join(dir, 'e', 'r.txt')).href, shunhe);
    deepStrictEqual(codes(p), ['narrative-mismatch', 'narrative-mismatch']);
    const d = (await onConfig).diagnostics as Array<{ message: string; range: { start: unknown } }>;
    strictEqual(d.length, 2, JSON.stringify(d));
    ok(d[0].message.includes('rules.narative-mismatch'), d[0].message);
    deepStrictEqual(d[0].range.start, { line: 1, character: 13 });
    ok(d[1].message.includes('run') && d[1].message.includes('xxgk-report.run'), d[1].message);
    for (let i = 0; i < 50 && !messages.length; i++) await new Promise((r) => setTimeout(r, 20));
    ok(messages.some((m) => m.includes(config) && m.includes('narative-mismatch')), JSON.stringify(messages));

    writeFileSync(config, '{ "rules": { "narrative-mismatch": "off" } }');
    const cleared = client.nextDiagnostics(configUri);
    await changed(configUri);
    deepStrictEqual((await cleared).diagnostics, []);
  });

  it('a syntax error is reported at its line', async () => {
    mkdirSync(join(dir, 'f'), { recursive: true });
    const config = join(dir, 'f', '.xxgk-report.json');
    writeFileSync(config, '{\n  "rules": { "blank-cell": "off" \n}');
    const onConfig = client.nextDiagnostics(pathToFileURL(config).href);
    await client.open(pathToFileURL(join(dir, 'f', 'r.txt')).href, shunhe);
    const d = (await onConfig).diagnostics as Array<{ message: string; range: { start: { line: number } } }>;
    strictEqual(d.length, 1);
    strictEqual(d[0].range.start.line, 2);
    ok(d[0].message.includes('JSON'), d[0].message);
  });
});
