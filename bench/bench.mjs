// Benchmarks: checkReport on each seed, on the converter corpus per text shape, on 1 MB and 10 MB of concatenated reports,
// each beside the number-scan floor on the same input, the LSP didChange → diagnostics latency, and the CLI on 2,000
// reports (one thread against the worker pool, and against markdownlint-cli2). Prints a table and writes
// bench/results.json. BENCH_RUNS (default 3) sets how many runs of each CLI command (the best counts).
// BENCH_CORE (default dist/core.js) names the core bundle measured, so that two builds can be compared in turns on
// one machine; BENCH_CORE_ONLY=1 stops after the core's figures (no LSP, no CLI).
//
// The number-scan floor is the simplest pass any reader of a report must make: split every line and scan it once
// for numbers. checkReport and the floor are timed in the same run, their samples interleaved (a neighbour's load on
// a shared machine hits both alike), and `ratio` = checkReport / floor is the figure to compare across machines.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
const require = createRequire(import.meta.url);
const { checkReport } = require(process.env.BENCH_CORE ? resolve(process.env.BENCH_CORE) : '../dist/core.js');

/** The number-scan floor: every line split off and scanned once for numbers (their count is kept, so the scan is not optimised away). */
const NUMBER = /[0-9０-９]+(?:\.[0-9]+)?/g;
let scanned = 0;
function numberScan(text) {
  let n = 0;
  for (const line of text.split('\n')) {
    const m = line.match(NUMBER);
    if (m) n += m.length;
  }
  scanned += n;
}

/**
 * checkReport and the floor over the same texts, warmed up alike, samples interleaved; the medians of
 * each. A floor sample repeats the scan until it lasts about as long as a checkReport sample, so
 * that a neighbour's load on a shared machine (a preemption lands in long samples more often than in
 * short ones) weighs on both alike.
 */
function timeWithFloor(texts, minMs) {
  const check = () => { for (const t of texts) checkReport(t); };
  const floorOnce = () => { for (const t of texts) numberScan(t); };
  // Warm-up: a few runs and at least 100 ms of each, so both are measured in optimised code.
  const warm = performance.now() + 100;
  for (let k = 0; k < 3 || performance.now() < warm; k++) { check(); floorOnce(); }
  let t0 = performance.now();
  check();
  const once = performance.now() - t0;
  t0 = performance.now();
  floorOnce();
  const reps = Math.max(1, Math.min(1000, Math.round(once / Math.max(performance.now() - t0, 1e-3))));
  const floor = () => { for (let k = 0; k < reps; k++) floorOnce(); };
  const a = [];
  const b = [];
  const until = performance.now() + minMs;
  while (performance.now() < until || a.length < 5) {
    t0 = performance.now();
    check();
    a.push(performance.now() - t0);
    t0 = performance.now();
    floor();
    b.push((performance.now() - t0) / reps);
  }
  const median = (s) => s.sort((x, y) => x - y)[s.length >> 1];
  const checkMs = median(a);
  const floorMs = median(b);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  return { bytes, checkMs, floorMs, ratio: checkMs / floorMs, mbps: bytes / 1e6 / (checkMs / 1000), runs: a.length };
}

const seeds = readdirSync('test/fixtures/seeds').filter((f) => f.endsWith('.txt')).map((f) => [f, readFileSync(`test/fixtures/seeds/${f}`, 'utf8')]);
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
// Every text checked twice first: the first sets measured are not measured while the JIT warms up.
for (let k = 0; k < 2; k++) for (const t of [...seeds.map(([, t]) => t), ...[...byShape.values()].flat()]) checkReport(t);

const rows = [];
for (const [name, text] of seeds) rows.push({ input: name, ...timeWithFloor([text], 300) });
const seedSet = { input: 'all seeds', ...timeWithFloor(seeds.map(([, t]) => t), 1000) };
const all = seeds.map(([, t]) => t).join('\n');
for (const mb of [1, 10]) {
  const big = all.repeat(Math.ceil((mb * 1024 * 1024) / Buffer.byteLength(all)));
  rows.push({ input: `${mb} MB of reports`, ...timeWithFloor([big], mb === 1 ? 2000 : 1000) });
}

const corpus = [];
for (const [shape, texts] of [...byShape].sort()) {
  const r = timeWithFloor(texts, 1000);
  corpus.push({ shape, files: texts.length, ...r, perFileMs: r.checkMs / texts.length });
}
// The whole corpus: the sums of the per-shape medians (each measured with its own floor in the same run).
const sum = (k) => corpus.reduce((a, r) => a + r[k], 0);
const allCorpus = { files: sum('files'), bytes: sum('bytes'), checkMs: sum('checkMs'), floorMs: sum('floorMs') };
allCorpus.ratio = allCorpus.checkMs / allCorpus.floorMs;
allCorpus.mbps = allCorpus.bytes / 1e6 / (allCorpus.checkMs / 1000);
allCorpus.perFileMs = allCorpus.checkMs / allCorpus.files;
console.log('\ncheckReport on the converter corpus (per shape: files, KB, MB/s, ms per file, ratio to the number-scan floor)');
for (const r of corpus) console.log(`  ${r.shape.padEnd(20)} ${String(r.files).padStart(3)} ${(r.bytes / 1024).toFixed(0).padStart(5)} KB  ${r.mbps.toFixed(1).padStart(5)} MB/s  ${r.perFileMs.toFixed(2)} ms  ${r.ratio.toFixed(1).padStart(5)}×`);
console.log(`  all                  ${allCorpus.files} ${(allCorpus.bytes / 1024).toFixed(0).padStart(5)} KB  ${allCorpus.mbps.toFixed(1).padStart(5)} MB/s  ${allCorpus.perFileMs.toFixed(2)} ms  ${allCorpus.ratio.toFixed(1).padStart(5)}×`);

console.log(`machine: ${cpus()[0].model}, ${cpus().length} cores, node ${process.version}`);
console.log('| input | bytes | checkReport ms | MB/s | number-scan floor ms | ratio |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of [...rows.slice(0, seeds.length), seedSet, ...rows.slice(seeds.length)]) console.log(`| ${r.input} | ${r.bytes} | ${r.checkMs.toFixed(3)} | ${r.mbps.toFixed(2)} | ${r.floorMs.toFixed(3)} | ${r.ratio.toFixed(1)}× |`);
const ratios = { corpus: allCorpus.ratio, seeds: seedSet.ratio, oneMB: rows.find((r) => r.input === '1 MB of reports').ratio };
console.log(`ratio checkReport / number-scan floor (same run): corpus ${ratios.corpus.toFixed(1)}× (${allCorpus.mbps.toFixed(1)} MB/s), seeds ${ratios.seeds.toFixed(1)}× (${seedSet.mbps.toFixed(1)} MB/s), 1 MB ${ratios.oneMB.toFixed(1)}× (${rows.find((r) => r.input === '1 MB of reports').mbps.toFixed(1)} MB/s)`);
if (scanned < 0) console.log(scanned);
if (process.env.BENCH_CORE_ONLY) process.exit(0);

// LSP: didChange → publishDiagnostics, a typical report, edits one number each time.
const { LspClient } = require('../out/test/support/lsp-client.js');
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

console.log(`LSP didChange → diagnostics (typical report, 200 edits): p50 ${lsp.p50.toFixed(2)} ms, p95 ${lsp.p95.toFixed(2)} ms`);
writeFileSync('bench/results.json', JSON.stringify({ machine: { cpu: cpus()[0].model, cores: cpus().length, node: process.version }, ratios, rows, seeds: seedSet, corpus, allCorpus, lsp }, null, 2));

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
