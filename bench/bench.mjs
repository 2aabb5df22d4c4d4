// Benchmarks: checkReport on each seed, on the converter corpus per text shape, on 1 MB and 10 MB of concatenated reports, the line-split
// floor on the same input, the LSP didChange → diagnostics latency, and the CLI on 2,000 reports (one
// thread against the worker pool, and against markdownlint-cli2). Prints a table and writes
// bench/results.json. BENCH_RUNS (default 3) sets how many runs of each CLI command (the best counts).
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

// The converter corpus: checkReport throughput over real text of every shape (test/corpus/text).
const corpusDir = 'test/corpus/text';
const byShape = new Map();
for (const doc of readdirSync(corpusDir)) {
  for (const f of readdirSync(`${corpusDir}/${doc}`)) {
    const shape = f.replace(/\.txt$/, '');
    if (!byShape.has(shape)) byShape.set(shape, []);
    byShape.get(shape).push(readFileSync(`${corpusDir}/${doc}/${f}`, 'utf8'));
  }
}
const corpus = [];
for (const [shape, texts] of [...byShape].sort()) {
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const c = time(() => { for (const t of texts) checkReport(t); }, 500);
  corpus.push({ shape, files: texts.length, bytes, ms: c.median, mbps: bytes / 1e6 / (c.median / 1000), perFileMs: c.median / texts.length });
}
const allCorpus = corpus.reduce((a, r) => ({ bytes: a.bytes + r.bytes, ms: a.ms + r.ms, files: a.files + r.files }), { bytes: 0, ms: 0, files: 0 });
console.log('\ncheckReport on the converter corpus (per shape: files, KB, MB/s, ms per file)');
for (const r of corpus) console.log(`  ${r.shape.padEnd(20)} ${String(r.files).padStart(3)} ${(r.bytes / 1024).toFixed(0).padStart(5)} KB  ${r.mbps.toFixed(1).padStart(5)} MB/s  ${r.perFileMs.toFixed(2)} ms`);
console.log(`  all                  ${allCorpus.files} ${(allCorpus.bytes / 1024).toFixed(0).padStart(5)} KB  ${(allCorpus.bytes / 1e6 / (allCorpus.ms / 1000)).toFixed(1).padStart(5)} MB/s  ${(allCorpus.ms / allCorpus.files).toFixed(2)} ms`);

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
writeFileSync('bench/results.json', JSON.stringify({ machine: { cpu: cpus()[0].model, cores: cpus().length, node: process.version }, rows, corpus, lsp }, null, 2));

// CLI on 2,000 reports: one thread (-j 1) against the worker pool (one worker per core), same output;
// and against markdownlint-cli2 on the same bytes (as .md). Wall time of the whole process, best of runs.
const { mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
const { join } = await import('node:path');
const { tmpdir } = await import('node:os');
const { spawnSync } = await import('node:child_process');
const N = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
mkdirSync(join(dir, 'txt'));
mkdirSync(join(dir, 'md'));
let bytes = 0;
for (let i = 0; i < N; i++) {
  const [, text] = seeds[i % seeds.length];
  writeFileSync(join(dir, 'txt', `r${i}.txt`), text);
  writeFileSync(join(dir, 'md', `r${i}.md`), text);
  bytes += Buffer.byteLength(text);
}
const wall = (cmd, args) => {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { ms: performance.now() - t0, stdout: r.stdout };
};
const best = (cmd, args) => {
  let min;
  for (let k = 0; k < RUNS; k++) {
    const r = wall(cmd, args);
    if (!min || r.ms < min.ms) min = r;
  }
  return min;
};
const cliArgs = (...extra) => ['dist/cli.js', 'check', '--format', 'json', ...extra, join(dir, 'txt')];
// Interleaved, so that a neighbour's load on the shared machine hits both alike.
let one, pool;
for (let k = 0; k < RUNS; k++) {
  const a = wall(process.execPath, cliArgs('-j', '1'));
  const b = wall(process.execPath, cliArgs());
  if (!one || a.ms < one.ms) one = a;
  if (!pool || b.ms < pool.ms) pool = b;
}
const identical = one.stdout === pool.stdout && one.stdout.length > 0;
const md = best(process.execPath, ['node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs', join(dir, 'md', '*.md')]);
rmSync(dir, { recursive: true, force: true });
const mb = bytes / 1024 / 1024;
const cli = {
  reports: N,
  bytes,
  cores: cpus().length,
  oneThreadMs: one.ms,
  workersMs: pool.ms,
  speedup: one.ms / pool.ms,
  identicalOutput: identical,
  markdownlintMs: md.ms,
  throughputMBps: { oneThread: mb / (one.ms / 1000), workers: mb / (pool.ms / 1000), markdownlint: mb / (md.ms / 1000) },
};
console.log(`CLI on ${N} reports (${mb.toFixed(1)} MB): one thread ${one.ms.toFixed(0)} ms, ${cpus().length} workers ${pool.ms.toFixed(0)} ms: speed-up ${cli.speedup.toFixed(2)}×, output identical: ${identical}`);
console.log(`throughput: xxgk-report ${cli.throughputMBps.workers.toFixed(2)} MB/s (one thread ${cli.throughputMBps.oneThread.toFixed(2)}), markdownlint-cli2 ${cli.throughputMBps.markdownlint.toFixed(2)} MB/s on the same bytes (${md.ms.toFixed(0)} ms): ${(md.ms / pool.ms).toFixed(2)}×`);
const results = JSON.parse(readFileSync('bench/results.json', 'utf8'));
writeFileSync('bench/results.json', JSON.stringify({ ...results, cli }, null, 2));
if (!identical) process.exitCode = 1;
