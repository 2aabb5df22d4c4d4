// Benchmarks: checkReport on each seed, on 1 MB and 10 MB of concatenated reports, the line-split
// floor on the same input, and the LSP didChange → diagnostics latency. Prints a table and writes
// bench/results.json.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
const require = createRequire(import.meta.url);
const { checkReport } = require('../dist/core.js');
const { LspClient } = require('../out/test/support/lsp-client.js');

function time(fn, minMs = 300) {
  fn();
  const samples = [];
  const until = performance.now() + minMs;
  while (performance.now() < until || samples.length < 5) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], runs: samples.length };
}

const seeds = readdirSync('test/fixtures/seeds').filter((f) => f.endsWith('.txt')).map((f) => [f, readFileSync(`test/fixtures/seeds/${f}`, 'utf8')]);
const rows = [];
for (const [name, text] of seeds) {
  const c = time(() => checkReport(text));
  const s = time(() => text.split('\n'));
  rows.push({ input: name, bytes: Buffer.byteLength(text), checkMs: c.median, splitMs: s.median, ratio: c.median / s.median });
}
const all = seeds.map(([, t]) => t).join('\n');
for (const mb of [1, 10]) {
  const big = all.repeat(Math.ceil((mb * 1024 * 1024) / Buffer.byteLength(all)));
  const c = time(() => checkReport(big), 1000);
  const s = time(() => big.split('\n'), 300);
  rows.push({ input: `${mb} MB of reports`, bytes: Buffer.byteLength(big), checkMs: c.median, splitMs: s.median, ratio: c.median / s.median });
}

// LSP: didChange → publishDiagnostics, a typical report, edits one number each time.
const client = new LspClient();
await client.initialize();
const text = seeds.find(([n]) => n.startsWith('shunhe'))[1];
const uri = 'file:///bench/report.txt';
await client.open(uri, text);
const lat = [];
for (let v = 2; v < 202; v++) {
  const next = client.nextDiagnostics(uri, v);
  const t0 = performance.now();
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: text.replace('25\t0', `${25 + (v % 3)}\t0`) }] });
  await next;
  lat.push(performance.now() - t0);
}
await client.stop();
lat.sort((a, b) => a - b);
const lsp = { p50: lat[lat.length >> 1], p95: lat[Math.floor(lat.length * 0.95)] };

console.log(`machine: ${cpus()[0].model}, ${cpus().length} cores, node ${process.version}`);
console.log('| input | bytes | checkReport ms | split floor ms | ratio |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.input} | ${r.bytes} | ${r.checkMs.toFixed(3)} | ${r.splitMs.toFixed(3)} | ${r.ratio.toFixed(1)}× |`);
console.log(`LSP didChange → diagnostics (typical report, 200 edits): p50 ${lsp.p50.toFixed(2)} ms, p95 ${lsp.p95.toFixed(2)} ms`);
writeFileSync('bench/results.json', JSON.stringify({ machine: { cpu: cpus()[0].model, cores: cpus().length, node: process.version }, rows, lsp }, null, 2));

// CLI wall time on 1,000 reports, against markdownlint-cli2 on the same bytes (as .md).
const { mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
const { join } = await import('node:path');
const { tmpdir } = await import('node:os');
const { spawnSync } = await import('node:child_process');
const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
mkdirSync(join(dir, 'txt'));
mkdirSync(join(dir, 'md'));
for (let i = 0; i < 1000; i++) {
  const [, text] = seeds[i % seeds.length];
  writeFileSync(join(dir, 'txt', `r${i}.txt`), text);
  writeFileSync(join(dir, 'md', `r${i}.md`), text);
}
const wall = (cmd, args) => {
  const t0 = performance.now();
  spawnSync(cmd, args, { stdio: 'ignore' });
  return performance.now() - t0;
};
const cliMs = Math.min(wall(process.execPath, ['dist/cli.js', 'check', '--format', 'json', join(dir, 'txt')]), wall(process.execPath, ['dist/cli.js', 'check', '--format', 'json', join(dir, 'txt')]));
const mdMs = Math.min(wall(process.execPath, ['node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs', join(dir, 'md', '*.md')]), wall(process.execPath, ['node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs', join(dir, 'md', '*.md')]));
rmSync(dir, { recursive: true, force: true });
console.log(`CLI on 1,000 reports: ${cliMs.toFixed(0)} ms; markdownlint-cli2 on the same bytes: ${mdMs.toFixed(0)} ms; ratio ${(mdMs / cliMs).toFixed(2)}× (markdownlint / xxgk-report)`);
const results = JSON.parse(readFileSync('bench/results.json', 'utf8'));
writeFileSync('bench/results.json', JSON.stringify({ ...results, cli: { reports: 1000, ms: cliMs, markdownlintMs: mdMs, ratio: mdMs / cliMs } }, null, 2));
