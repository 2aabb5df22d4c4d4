// The language server under load, over stdio with real JSON-RPC (npm run bench runs it after bench.mjs):
// 1. typing in a 1 MB report: a key every 50 ms with the requests an editor sends after keys; the longest
//    request wait, and the time from the last key to the final version's diagnostics;
// 2. peak resident memory while a 20 MB paste is edited (a document over the size limit gets one note);
// 3. the workspace index on a folder of 5,000 files (1,000 reports, 4,000 other texts): how long indexing takes,
//    memory once done, and the keystroke → diagnostics latency of an open report while the index runs,
//    against the same without a folder.
// Figures go to the console and bench/lsp-load.json.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const require = createRequire(import.meta.url);
const { LspClient } = require('../out/test/support/lsp-client.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seeds = readdirSync('test/fixtures/seeds').filter((f) => f.endsWith('.txt')).map((f) => readFileSync(`test/fixtures/seeds/${f}`, 'utf8'));
const shunhe = readFileSync('test/fixtures/seeds/shunhe-district-2020.txt', 'utf8');
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function startClient(init = {}) {
  const client = new LspClient();
  await client.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    ...init,
  });
  await client.conn.sendNotification('initialized', {});
  return client;
}

/** Polls the server's RSS every 50 ms while `work` runs; resolves with the peak (MB). */
async function peakRss(client, work) {
  let peak = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      peak = Math.max(peak, await client.conn.sendRequest('xxgk-report/memory'));
      await sleep(50);
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await poll;
  }
  return peak / 1024 / 1024;
}

/**
 * Types `keys` characters into line `line` of an open document, a key every `everyMs`, sending the requests an
 * editor sends (document symbols, folding, code lenses, inlay hints after every third key; a hover now and
 * then). Returns the longest request wait and the time from the last key to the final version's diagnostics.
 */
async function type(client, uri, text, line, keys, everyMs) {
  const waits = [];
  const pending = [];
  const lines = text.split('\n');
  let version = 1;
  for (let k = 0; k < keys; k++) {
    version++;
    const character = lines[line].length + k;
    void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: '报' }] });
    if (k % 3 === 2) {
      for (const [method, params] of [
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/foldingRange', { textDocument: { uri } }],
        ['textDocument/codeLens', { textDocument: { uri } }],
        ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }],
        ['textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } }],
      ]) {
        const t0 = performance.now();
        pending.push(client.conn.sendRequest(method, params).then(() => waits.push(performance.now() - t0), () => waits.push(performance.now() - t0)));
      }
    }
    await sleep(everyMs);
  }
  const lastKey = performance.now();
  // The last version's diagnostics may already be in (a fast check): then the wait is over.
  if (client.diagnostics.get(uri)?.version !== version) await client.nextDiagnostics(uri, version, 60000);
  const settle = performance.now() - lastKey;
  await Promise.all(pending);
  return { maxWaitMs: Math.max(...waits), p95WaitMs: quantile(waits, 0.95), lastKeyToDiagnosticsMs: settle, requests: waits.length, version };
}

const results = { machine: { cpu: cpus()[0].model, cores: cpus().length, node: process.version } };

// 1. Typing in a 1 MB report.
{
  const all = seeds.join('\n');
  const big = all.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(all)));
  const client = await startClient();
  const uri = 'file:///bench/one-mb.txt';
  await client.open(uri, big);
  let typing;
  const rss = await peakRss(client, async () => {
    typing = await type(client, uri, big, Math.floor(big.split('\n').length / 2), 60, 50);
  });
  const checks = await client.conn.sendRequest('xxgk-report/checkCount');
  results.typing1MB = { ...typing, checks, peakRssMB: rss };
  console.log(`\nLSP, typing in a 1 MB report (60 keys, 50 ms apart, ${typing.requests} requests): longest request wait ${typing.maxWaitMs.toFixed(0)} ms (p95 ${typing.p95WaitMs.toFixed(0)} ms), last key → diagnostics ${typing.lastKeyToDiagnosticsMs.toFixed(0)} ms, ${checks} full checks, peak RSS ${rss.toFixed(0)} MB`);
  await client.stop();
}

// 2. A 20 MB paste into a report, then edits.
{
  const client = await startClient();
  const uri = 'file:///bench/paste.txt';
  await client.open(uri, shunhe);
  const paste = seeds.join('\n').repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(seeds.join('\n'))));
  let note;
  const rss = await peakRss(client, async () => {
    const next = client.nextDiagnostics(uri, 2, 60000);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: paste }] });
    note = (await next).diagnostics.map((d) => d.message);
    // Waited for before the edits are sent: a small check can publish v12 before the loop ends.
    const last = client.nextDiagnostics(uri, 12, 60000);
    for (let v = 3; v <= 12; v++) {
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '改' }] });
      await sleep(30);
    }
    await last;
  });
  results.paste20MB = { peakRssMB: rss, note };
  console.log(`LSP, a 20 MB paste and 10 edits: peak RSS ${rss.toFixed(0)} MB; said: ${note.join(' / ')}`);
  await client.stop();
}

// 3. The workspace index on a folder of 5,000 files, with an open report being typed in.
{
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-index-'));
  const bodies = ['顺河区', '南召县', '周口示范区', '林湖财政局', '河阳市生态环境局'];
  for (let i = 0; i < 1000; i++) {
    const sub = join(dir, `单位${String(i % 50).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    const year = 2019 + (i % 5);
    writeFileSync(join(sub, `第${i}号${year}年度报告.txt`), shunhe.replace(/顺河区/g, `${bodies[i % 5]}${Math.floor(i / 5)}`).replace(/2020/g, String(year)));
  }
  for (let i = 0; i < 4000; i++) writeFileSync(join(dir, `单位${String(i % 50).padStart(2, '0')}`, `记录${i}.txt`), `会议记录 ${i}\n${'内容。'.repeat(200)}\n`);
  const folder = pathToFileURL(dir).href;

  const latency = async (client, uri, edits) => {
    const lat = [];
    let text = shunhe;
    for (let v = 2; v <= edits + 1; v++) {
      text = text.replace(/\t25\n/, `\t${25 + (v % 2)}\n`).replace(/\t26\n/, `\t${25 + (v % 2)}\n`);
      const t0 = performance.now();
      const next = client.nextDiagnostics(uri, v, 60000);
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
      await next;
      lat.push(performance.now() - t0);
      await sleep(20);
    }
    return { p50: quantile(lat, 0.5), p95: quantile(lat, 0.95), max: Math.max(...lat) };
  };

  const alone = await startClient();
  await alone.open('file:///bench/alone.txt', shunhe);
  const baseline = await latency(alone, 'file:///bench/alone.txt', 100);
  await alone.stop();

  const client = await startClient({ rootUri: folder, workspaceFolders: [{ uri: folder, name: 'bench' }] });
  const t0 = performance.now();
  const uri = pathToFileURL(join(dir, 'open.txt')).href;
  await client.open(uri, shunhe);
  let during;
  let listed;
  const rss = await peakRss(client, async () => {
    during = await latency(client, uri, 100);
    for (;;) {
      listed = await client.conn.sendRequest('xxgk-report/workspaceReports');
      if (!listed.indexing) break;
      await sleep(100);
    }
  });
  const indexMs = performance.now() - t0;
  results.index5000 = { files: 5000, reports: listed.reports.length, indexMs, peakRssMB: rss, baseline, duringIndexing: during };
  console.log(`LSP, workspace index of 5,000 files (1,000 reports): ${listed.reports.length} reports listed in ${(indexMs / 1000).toFixed(1)} s, peak RSS ${rss.toFixed(0)} MB`);
  console.log(`  keystroke → diagnostics of the open report: p50 ${during.p50.toFixed(1)} ms, p95 ${during.p95.toFixed(1)} ms, max ${during.max.toFixed(0)} ms while indexing; without a folder p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms`);
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
}

writeFileSync('bench/lsp-load.json', JSON.stringify(results, null, 2));
process.exit(0);
