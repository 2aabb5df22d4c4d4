/**
 * The built CLI as a process on the report's own files: Word (.docx), web pages (.html) and PDF, read through
 * the importers. Cells as the truth says, places in the original file, convert round-trips, damaged files,
 * --fix never writing into a document, the worker pool's output identical to a sequential run.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, SEEDS } from '../support/fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
const CORPUS = join(ROOT, 'test', 'corpus');
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-import-'));
const DOC = 'zhoukou-demo-zone-2020';
const files = (doc: string) => ({ docx: join(CORPUS, 'files', `${doc}.docx`), pdf: join(CORPUS, 'files', `${doc}.pdf`), html: join(CORPUS, 'html', `${doc}.html`) });

interface JsonFile {
  path: string;
  source: string;
  warnings?: string[];
  error?: string;
  tables: Record<string, Record<string, Array<number | null>>>;
  diagnostics: Array<{ code: string; message: string; range: { start: { line: number; character: number } }; source?: Record<string, number> }>;
}
const json = (stdout: string): JsonFile[] => JSON.parse(stdout).files;

describe('cli on Word, web pages and PDF', () => {
  it('check some.docx some.pdf page.html: every cell as the truth says, the expected findings, places in the file', () => {
    const f = files(DOC);
    const r = run(['check', '--format', 'json', f.docx, f.pdf, f.html]);
    strictEqual(r.status, 0, r.stderr);
    const truth = JSON.parse(readFileSync(join(CORPUS, 'truth', `${DOC}.json`), 'utf8'));
    const out = json(r.stdout);
    deepStrictEqual(out.map((x) => x.source), ['docx', 'pdf', 'html']);
    for (const file of out) {
      deepStrictEqual(file.warnings, []);
      for (const [table, rows] of Object.entries(truth.tables as Record<string, Record<string, number[]>>)) {
        for (const [row, want] of Object.entries(rows)) deepStrictEqual(file.tables[table][row], want, `${file.source} ${table}.${row}`);
      }
      deepStrictEqual([...new Set(file.diagnostics.map((d) => d.code))].sort(), truth.expectedCodes);
      for (const d of file.diagnostics) {
        ok(d.source, `${file.source}: ${d.code} has no source place`);
        if (file.source === 'pdf') deepStrictEqual(Object.keys(d.source), ['page']);
        else ok(d.source.paragraph !== undefined || (d.source.table !== undefined && d.source.row !== undefined && d.source.cell !== undefined), JSON.stringify(d.source));
      }
    }
    // The label variant is a cell of the second table in Word and on the page (its label cell).
    const label = (file: JsonFile) => file.diagnostics.find((d) => d.code === 'label-variant')!.source;
    deepStrictEqual(label(out[0]), { table: 1, row: 8, cell: 0 });
    deepStrictEqual(label(out[2]), label(out[0]));
    ok(label(out[1])!.page >= 1);
    // The text output says once per file where its text came from.
    const text = run(['check', f.docx, f.pdf]);
    strictEqual(text.stdout.split('\n').filter((l) => l.includes('（来源：Word 文件）')).length, 1, text.stdout);
    strictEqual(text.stdout.split('\n').filter((l) => l.includes('（来源：PDF 文件）')).length, 1, text.stdout);
    ok(run(['check', '--lang', 'en', f.html]).stdout.includes('(from: web page)'));
  });

  it('folders are walked for .docx, .html, .htm and .pdf beside .txt', () => {
    const dir = tmp();
    const f = files('nanzhao-county-2020');
    copyFileSync(f.docx, join(dir, 'a.docx'));
    copyFileSync(f.pdf, join(dir, 'b.pdf'));
    copyFileSync(f.html, join(dir, 'c.htm'));
    copyFileSync(join(SEEDS, 'nanzhao-county-2020.txt'), join(dir, 'd.txt'));
    writeFileSync(join(dir, 'e.md'), '# not read');
    const r = run(['check', '--format', 'json', dir]);
    strictEqual(r.status, 0, r.stderr);
    deepStrictEqual(json(r.stdout).map((x) => [x.path.split(/[\\/]/).pop(), x.source]), [['a.docx', 'docx'], ['b.pdf', 'pdf'], ['c.htm', 'html'], ['d.txt', 'text']]);
    for (const x of json(r.stdout)) deepStrictEqual(x.diagnostics, []);
  });

  it('convert writes the normalized text; checking that .txt gives the same findings', () => {
    const dir = tmp();
    for (const [kind, path] of Object.entries(files('shunhe-district-2020'))) {
      const out = join(dir, `${kind}.txt`);
      const c = run(['convert', path, '-o', out]);
      strictEqual(c.status, 0, c.stderr);
      ok(c.stderr.includes(out));
      const stdout = run(['convert', path]);
      strictEqual(stdout.status, 0);
      strictEqual(stdout.stdout, readFileSync(out, 'utf8'));
      ok(readFileSync(out, 'utf8').includes('\t'), 'tables are TAB rows');
      const a = json(run(['check', '--format', 'json', path]).stdout)[0];
      const b = json(run(['check', '--format', 'json', out]).stdout)[0];
      strictEqual(b.source, 'text');
      deepStrictEqual(b.tables, a.tables);
      deepStrictEqual(b.diagnostics, a.diagnostics.map(({ source: _s, ...d }) => d), kind);
      ok(a.diagnostics.length > 0, kind);
    }
    strictEqual(run(['convert']).status, 2);
    strictEqual(run(['convert', join(CORPUS, 'import', 'corrupt.docx')]).status, 2);
    ok(run(['convert', '--fix', files(DOC).docx]).stderr.includes('--fix'));
  });

  it('a damaged .docx or .pdf: one message naming it, exit 2, an entry with its error; the others still checked', () => {
    const dir = tmp();
    copyFileSync(join(CORPUS, 'import', 'corrupt.docx'), join(dir, 'broken.docx'));
    copyFileSync(join(CORPUS, 'import', 'truncated.pdf'), join(dir, 'broken.pdf'));
    copyFileSync(join(CORPUS, 'import', 'scanned.pdf'), join(dir, 'scan.pdf'));
    copyFileSync(files(DOC).docx, join(dir, 'good.docx'));
    copyFileSync(join(SEEDS, 'weibin-district-office-2019.txt'), join(dir, 'good.txt'));
    const r = run(['check', '--format', 'json', dir]);
    strictEqual(r.status, 2);
    const lines = r.stderr.trim().split('\n');
    strictEqual(lines.length, 3, r.stderr);
    ok(lines[0].includes('broken.docx：') && lines[1].includes('broken.pdf：'), r.stderr);
    ok(lines[2].includes('scan.pdf：') && lines[2].includes('扫描件'), r.stderr);
    const out = json(r.stdout);
    deepStrictEqual(out.map((x) => [x.path.split(/[\\/]/).pop(), x.source, !!x.error]), [
      ['broken.docx', 'docx', true],
      ['broken.pdf', 'pdf', true],
      ['good.docx', 'docx', false],
      ['good.txt', 'text', false],
      ['scan.pdf', 'pdf', true],
    ]);
    deepStrictEqual(Object.keys(out[0]), ['path', 'source', 'error']);
    ok(out[2].diagnostics.some((d) => d.code === 'duplicate-section'));
    // Text output: the same messages, the good files' findings.
    const text = run(['check', dir]);
    strictEqual(text.status, 2);
    ok(text.stdout.includes('good.docx:12:1 warning duplicate-section'), text.stdout);
    ok(/检查了 2 个文件/.test(text.stdout), text.stdout);
  });

  it('--fix never writes into a .docx, .html or .pdf (said once); a .txt beside them is still fixed', () => {
    const dir = tmp();
    const f = files(DOC);
    copyFileSync(f.docx, join(dir, 'report.docx'));
    copyFileSync(f.html, join(dir, 'report.html'));
    copyFileSync(f.pdf, join(dir, 'report.pdf'));
    const seed = readFileSync(join(SEEDS, 'yaozhou-district-office-2020.txt'), 'utf8');
    writeFileSync(join(dir, 'yaozhou.txt'), seed);
    const before = ['report.docx', 'report.html', 'report.pdf'].map((n) => readFileSync(join(dir, n)));
    const r = run(['check', '--fix', dir]);
    ['report.docx', 'report.html', 'report.pdf'].forEach((n, i) => ok(readFileSync(join(dir, n)).equals(before[i]), `${n} changed`));
    strictEqual(r.stderr.split('\n').filter((l) => l.includes('--fix')).length, 1, r.stderr);
    ok(r.stderr.includes('3 个'), r.stderr);
    ok(r.stderr.includes('yaozhou.txt：已修复'), r.stderr);
    ok(readFileSync(join(dir, 'yaozhou.txt'), 'utf8') !== seed);
    strictEqual(r.status, 0, r.stdout);
  });

  it('the worker pool: output and messages identical to a sequential run', () => {
    const dir = tmp();
    for (const doc of ['shunhe-district-2020', 'nanzhao-county-2020', 'dongshan-county-2020-row-total', DOC]) {
      const f = files(doc);
      copyFileSync(f.docx, join(dir, `${doc}.docx`));
      copyFileSync(f.pdf, join(dir, `${doc}.pdf`));
      copyFileSync(f.html, join(dir, `${doc}.html`));
    }
    copyFileSync(join(CORPUS, 'import', 'corrupt.docx'), join(dir, 'corrupt.docx'));
    copyFileSync(join(CORPUS, 'import', 'scanned.pdf'), join(dir, 'scan.pdf'));
    for (const format of ['json', 'text']) {
      const seq = run(['check', '--format', format, '-j', '1', dir]);
      const par = run(['check', '--format', format, '-j', '2', dir]);
      strictEqual(seq.status, 2);
      strictEqual(par.status, seq.status);
      strictEqual(par.stdout, seq.stdout);
      strictEqual(par.stderr, seq.stderr);
    }
  });

  it('help mentions convert and the file types, in both languages', () => {
    const zh = run(['--help']).stdout;
    ok(zh.includes('xxgk-report convert') && zh.includes('.docx'), zh);
    const en = run(['--help', '--lang', 'en']).stdout;
    ok(en.includes('xxgk-report convert') && en.includes('.pdf'), en);
  });
});
