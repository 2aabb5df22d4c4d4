/** The built CLI as a process: output formats, --fix, exit codes, bad files. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, SEEDS } from '../support/fixtures';
import { balancedData, renderReport } from '../support/generate';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

describe('cli', () => {
  it('text output on the seeds: path:line:col severity code message, exit 0', () => {
    const r = run(['check', 'test/fixtures/seeds']);
    strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    ok(lines.includes('test/fixtures/seeds/shunhe-district-2020.txt:21:46 warning narrative-mismatch 正文“答复申请 23 件”与表格不符：（七）总计·总计为 25'), r.stdout);
    ok(/检查了 5 个文件：0 个错误/.test(lines[lines.length - 1]));
  });
  it('json output follows the contract', () => {
    const r = run(['check', '--format', 'json', join('test', 'fixtures', 'seeds', 'zhoukou-demo-zone-2020.txt')]);
    strictEqual(r.status, 0);
    const j = JSON.parse(r.stdout);
    strictEqual(j.version, 1);
    const f = j.files[0];
    deepStrictEqual(Object.keys(f), ['path', 'source', 'format', 'title', 'year', 'sections', 'tables', 'diagnostics']);
    strictEqual(f.format, '2019');
    strictEqual(f.year, 2020);
    deepStrictEqual(f.sections[0], { number: 1, title: '总体情况', line: 4 });
    deepStrictEqual(f.tables.disclosure['政府集中采购'], [14, 2067.5172]);
    deepStrictEqual(f.tables.applications['1'], [6, 0, 0, 0, 0, 0, 6]);
    deepStrictEqual(f.tables.review.review, [0, 0, 0, 0, 0]);
    deepStrictEqual(Object.keys(f.diagnostics[0]), ['code', 'severity', 'message', 'range']);
    deepStrictEqual(f.diagnostics[0].range, { start: { line: 24, character: 0 }, end: { line: 24, character: 12 } });
  });
  it('sarif output is SARIF 2.1.0 with rule metadata and one result per finding', () => {
    const r = run(['check', '--format', 'sarif', 'test/fixtures/seeds']);
    const s = JSON.parse(r.stdout);
    strictEqual(s.version, '2.1.0');
    const run0 = s.runs[0];
    ok(run0.tool.driver.rules.length >= 17);
    for (const rule of run0.tool.driver.rules) ok(rule.id && rule.shortDescription.text && rule.defaultConfiguration.level);
    strictEqual(run0.results.length, 7);
    for (const res of run0.results) {
      ok(['error', 'warning', 'note'].includes(res.level));
      strictEqual(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      const reg = res.locations[0].physicalLocation.region;
      ok(reg.startLine >= 1 && reg.startColumn >= 1);
    }
  });
  it('exit 1 when errors are found; --fix writes the safe fixes and then exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-'));
    const data = balancedData('2021', 40);
    const good = renderReport(data, 'tab');
    data.applications['3.7'][0] += 2;
    const file = join(dir, 'report.txt');
    writeFileSync(file, renderReport(data, 'tab'));
    strictEqual(run(['check', file]).status, 1);
    const fixed = run(['check', '--fix', file]);
    strictEqual(fixed.status, 0, fixed.stdout);
    strictEqual(readFileSync(file, 'utf8'), good);
  });
  it('exit 2 for a missing file, a binary file and a bad option; other files still checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-'));
    copyFileSync(join(SEEDS, 'weibin-district-office-2019.txt'), join(dir, 'a.txt'));
    writeFileSync(join(dir, 'b.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    const r = run(['check', '--format', 'json', dir, join(dir, 'missing.txt')]);
    strictEqual(r.status, 2);
    ok(r.stderr.includes('missing.txt：文件不存在'), r.stderr);
    ok(r.stderr.includes('b.txt：不是文本文件'), r.stderr);
    strictEqual(JSON.parse(r.stdout).files.length, 1);
    strictEqual(run(['check', '--format', 'xml', dir]).status, 2);
    strictEqual(run(['frobnicate']).status, 2);
  });
  it('a GB18030 file is decoded (and said so)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-'));
    const text = readFileSync(join(SEEDS, 'weibin-district-office-2019.txt'), 'utf8');
    const py = spawnSync('python3', ['-c', `import sys;open(sys.argv[1],'wb').write(open(sys.argv[2],encoding='utf-8').read().encode('gb18030'))`, join(dir, 'gb.txt'), join(SEEDS, 'weibin-district-office-2019.txt')]);
    strictEqual(py.status, 0);
    const r = run(['check', '--format', 'json', join(dir, 'gb.txt')]);
    strictEqual(r.status, 0, r.stderr);
    ok(r.stderr.includes('GB18030'));
    strictEqual(JSON.parse(r.stdout).files[0].title, text.split('\n')[2]);
  });
  it('the library entry dist/core.js exports parseReport and checkReport', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(join(ROOT, 'dist', 'core.js'));
    strictEqual(typeof core.parseReport, 'function');
    strictEqual(core.checkReport(readFileSync(join(SEEDS, 'nanzhao-county-2020.txt'), 'utf8')).diagnostics.length, 0);
  });
});
