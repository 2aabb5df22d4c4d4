// Scores the project's reader on the converter corpus. A report, not a test: always exits 0.
//
//   npm run build && node scripts/corpus/score.mjs [--verbose] [--shape NAME] [--doc NAME]
//
// For every test/corpus/text/<doc>/<shape>.txt it runs dist/core.js checkReport(text) and compares every truth cell
// (test/corpus/truth/<doc>.json) with the value read:
//   right  = same number;  wrong = a non-null number that differs (the worst outcome);  unread = null or missing.
// For documents with no tables in the truth (pre-2019, not a report) every number the reader offers counts as wrong.
// It also lists error-level diagnostics on documents where no error is expected and expected codes that were not reported.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(root, 'test/corpus');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const argOf = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const onlyShape = argOf('--shape'), onlyDoc = argOf('--doc');

const corePath = join(root, 'dist/core.js');
if (!existsSync(corePath)) {
  console.log('dist/core.js is missing: run `npm run build` first.');
  process.exit(0);
}
const require = createRequire(import.meta.url);
const { checkReport } = require(corePath);

const ERROR_CODES = new Set(['total-mismatch', 'balance-mismatch', 'bad-cell']);
const SHAPES = ['chromium-copy', 'chromium-innertext', 'pdf-layout', 'pdf-plain', 'pdf-raw', 'pandoc-plain', 'pandoc-gfm', 'libreoffice-txt', 'lo-pdf-layout', 'lo-pdf-raw'];

const truths = readdirSync(join(corpus, 'truth')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(corpus, 'truth', f), 'utf8')))
  .filter((t) => !onlyDoc || t.doc === onlyDoc);

const same = (a, b) => typeof a === 'number' && Math.abs(a - b) < 1e-6;

function score(truth, result) {
  const s = { right: 0, wrong: 0, unread: 0, cells: 0, wrongCells: [], unreadTables: new Set() };
  const tables = truth.tables ?? {};
  if (!Object.keys(tables).length) {
    for (const [tname, rows] of Object.entries(result?.tables ?? {})) {
      for (const [row, vals] of Object.entries(rows ?? {})) {
        (vals ?? []).forEach((v, c) => { if (typeof v === 'number') { s.wrong++; s.wrongCells.push(`${tname}.${row}[${c}]=${v} (no table)`); } });
      }
    }
    return s;
  }
  for (const [tname, rows] of Object.entries(tables)) {
    for (const [row, vals] of Object.entries(rows)) {
      vals.forEach((want, c) => {
        s.cells++;
        const got = result?.tables?.[tname]?.[row]?.[c];
        if (got === null || got === undefined) { s.unread++; s.unreadTables.add(tname); }
        else if (same(got, want)) s.right++;
        else { s.wrong++; s.wrongCells.push(`${tname}.${row}[${c}]=${got} (want ${want})`); }
      });
    }
  }
  return s;
}

const results = []; // {doc, shape, s, fmtOk, yearOk, errs:[codes], missing:[codes], crash}
for (const truth of truths) {
  const dir = join(corpus, 'text', truth.doc);
  if (!existsSync(dir)) continue;
  for (const shape of SHAPES) {
    if (onlyShape && shape !== onlyShape) continue;
    const file = join(dir, shape + '.txt');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    let result, crash = null;
    try { result = checkReport(text); } catch (e) { crash = String(e?.stack ?? e).split('\n')[0]; }
    const s = score(truth, result);
    const diags = result?.diagnostics ?? [];
    const codes = new Set(diags.map((d) => d.code));
    const errorsExpected = (truth.expectedCodes ?? []).some((c) => ERROR_CODES.has(c));
    const errs = errorsExpected ? [] : [...new Set(diags.filter((d) => d.severity === 'error').map((d) => d.code))];
    const missing = (truth.expectedCodes ?? []).filter((c) => !codes.has(c));
    const wantFmt = truth.format === 'none' ? null : truth.format;
    const fmtOk = crash ? false : (result?.format ?? null) === wantFmt || (wantFmt === null && !result?.format);
    const yearOk = crash ? false : truth.format === 'none' || result?.year === truth.year;
    results.push({ doc: truth.doc, shape, s, fmtOk, yearOk, errs, missing, crash, nErr: diags.filter((d) => d.severity === 'error').length });
  }
}

const pad = (v, n) => { const t = String(v); const w = [...t].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0); return t + ' '.repeat(Math.max(0, n - w)); };
const lpad = (v, n) => ' '.repeat(Math.max(0, n - String(v).length)) + v;
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : '-');

function summary(rows) {
  const o = { n: rows.length, cells: 0, right: 0, wrong: 0, unread: 0, fmt: 0, year: 0, errDocs: 0, missing: 0, crash: 0 };
  for (const r of rows) {
    o.cells += r.s.cells; o.right += r.s.right; o.wrong += r.s.wrong; o.unread += r.s.unread;
    o.fmt += r.fmtOk ? 1 : 0; o.year += r.yearOk ? 1 : 0; o.errDocs += r.errs.length ? 1 : 0;
    o.missing += r.missing.length; o.crash += r.crash ? 1 : 0;
  }
  return o;
}
const HEAD = `${pad('', 36)}${lpad('files', 6)}${lpad('cells', 7)}${lpad('right', 7)}${lpad('wrong', 7)}${lpad('unread', 7)}${lpad('right%', 8)}${lpad('fmt ok', 8)}${lpad('year ok', 8)}${lpad('err!', 6)}${lpad('miss', 6)}${lpad('crash', 6)}`;
const line = (name, o) => `${pad(name, 36)}${lpad(o.n, 6)}${lpad(o.cells, 7)}${lpad(o.right, 7)}${lpad(o.wrong, 7)}${lpad(o.unread, 7)}${lpad(pct(o.right, o.cells), 8)}${lpad(`${o.fmt}/${o.n}`, 8)}${lpad(`${o.year}/${o.n}`, 8)}${lpad(o.errDocs, 6)}${lpad(o.missing, 6)}${lpad(o.crash, 6)}`;

console.log('Corpus score (dist/core.js checkReport on test/corpus/text/*/*.txt)');
console.log('wrong = a number read that differs from the truth; unread = null/missing; err! = files of documents with no expected error that got error-level diagnostics; miss = expected codes not reported\n');
console.log('Per shape');
console.log(HEAD);
for (const shape of SHAPES) {
  const rows = results.filter((r) => r.shape === shape);
  if (rows.length) console.log(line(shape, summary(rows)));
}
console.log('\nPer document');
console.log(HEAD);
for (const t of truths) {
  const rows = results.filter((r) => r.doc === t.doc);
  if (rows.length) console.log(line(t.doc, summary(rows)));
}

console.log('\nright / wrong / unread per document and shape');
const short = { 'chromium-copy': 'copy', 'chromium-innertext': 'innertext', 'pdf-layout': 'pdf-layout', 'pdf-plain': 'pdf-plain', 'pdf-raw': 'pdf-raw', 'pandoc-plain': 'pd-plain', 'pandoc-gfm': 'pd-gfm', 'libreoffice-txt': 'lo-txt', 'lo-pdf-layout': 'lo-pdf-lay', 'lo-pdf-raw': 'lo-pdf-raw' };
const shapes = SHAPES.filter((s) => !onlyShape || s === onlyShape);
console.log(pad('', 36) + shapes.map((s) => lpad(short[s], 13)).join(''));
for (const t of truths) {
  const cells = shapes.map((sh) => {
    const r = results.find((x) => x.doc === t.doc && x.shape === sh);
    if (!r) return lpad('-', 13);
    if (r.crash) return lpad('CRASH', 13);
    return lpad(`${r.s.right}/${r.s.wrong}/${r.s.unread}`, 13);
  });
  console.log(pad(t.doc, 36) + cells.join(''));
}

const errRows = results.filter((r) => r.errs.length);
console.log(`\nError-level diagnostics on documents where no error is expected: ${errRows.length} files`);
for (const r of errRows) console.log(`  ${pad(r.doc, 36)} ${pad(r.shape, 20)} ${r.errs.join(', ')}`);
const missRows = results.filter((r) => r.missing.length);
console.log(`\nExpected codes not reported: ${missRows.reduce((a, r) => a + r.missing.length, 0)} in ${missRows.length} files`);
for (const t of truths) {
  const rows = missRows.filter((r) => r.doc === t.doc);
  if (!rows.length) continue;
  const byCode = new Map();
  for (const r of rows) for (const c of r.missing) byCode.set(c, [...(byCode.get(c) ?? []), short[r.shape]]);
  console.log(`  ${pad(t.doc, 36)} ${[...byCode].map(([c, s]) => `${c} (${s.length === shapes.length ? 'all shapes' : s.join(' ')})`).join('; ')}`);
}
const crashes = results.filter((r) => r.crash);
if (crashes.length) {
  console.log(`\nCrashes: ${crashes.length}`);
  for (const r of crashes) console.log(`  ${r.doc} ${r.shape}: ${r.crash}`);
}
if (verbose) {
  console.log('\nWrong cells');
  for (const r of results) if (r.s.wrongCells.length) console.log(`  ${r.doc} ${r.shape}: ${r.s.wrongCells.slice(0, 12).join('; ')}${r.s.wrongCells.length > 12 ? ` … (+${r.s.wrongCells.length - 12})` : ''}`);
}
const T = summary(results);
console.log(`\nTOTAL  files ${T.n}  cells ${T.cells}  right ${T.right} (${pct(T.right, T.cells)})  wrong ${T.wrong} (${pct(T.wrong, T.cells)})  unread ${T.unread} (${pct(T.unread, T.cells)})`);
console.log(`       format right ${T.fmt}/${T.n}  year right ${T.year}/${T.n}  files with unexpected errors ${T.errDocs}  expected codes missing ${T.missing}  crashes ${T.crash}`);
process.exit(0);
