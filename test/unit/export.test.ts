/** Table export: the core serializer (CSV/JSON Lines) and `xxgk-report export`, parsed back. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { csvField, exportRows, serializeTables, valueColumns } from '../../server/src/core/export';
import { APPLICATION_ROWS } from '../../server/src/core/format/official';
import { parseReport, runRules } from '../../server/src/core/index';
import { ROOT, SEEDS, readSeed, seedNames } from '../support/fixtures';
import { balancedData, renderReport } from '../support/generate';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
const records = (text: string) => {
  const [header, ...rows] = parseCsv(text.replace(/^\ufeff/, ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};

describe('export serializer (core)', () => {
  it('CSV: BOM, CRLF, Chinese headers; one row per report × table row; values as read', () => {
    const text = serializeTables([{ file: 'zhoukou.txt', report: parseReport(readSeed('zhoukou-demo-zone-2020.txt')) }]);
    ok(text.startsWith('\ufeff文件,机关,年度,格式,表,行,'));
    ok(text.includes('\r\n'));
    const header = parseCsv(text.slice(1))[0];
    deepStrictEqual(header.slice(0, 6), ['文件', '机关', '年度', '格式', '表', '行']);
    deepStrictEqual(header.slice(-3), ['本表读取可靠', '说明', '评估问题']);
    ok(header.includes('行政复议·结果维持') && header.includes('行政诉讼·复议后起诉·总计') && header.includes('自然人') && header.includes('采购总金额（万元）'));
    const rows = records(text);
    const t3 = rows.filter((r) => r.表 === '表三');
    strictEqual(t3.length, APPLICATION_ROWS['2019'].length);
    const first = t3[0];
    deepStrictEqual([first.文件, first.机关, first.年度, first.格式, first.行], ['zhoukou.txt', '周口市城乡一体化示范区', '2020', '2019', '一、本年新收政府信息公开申请数量']);
    deepStrictEqual(['自然人', '商业企业', '总计'].map((c) => first[c]), ['6', '0', '6']);
    strictEqual(first['行政复议·结果维持'], '', 'other tables’ columns are empty');
    ok(t3.some((r) => r.行 === '三、本年度办理结果·（三）不予公开·1.属于国家秘密'));
    const buy = rows.find((r) => r.行 === '第二十条第（九）项·政府集中采购')!;
    deepStrictEqual([buy.采购项目数量, buy['采购总金额（万元）'], buy.本表读取可靠], ['14', '2067.5172', '是']);
    strictEqual(rows.filter((r) => r.表 === '表四').length, 1);
  });
  it('--tables picks tables and their columns only; JSON Lines carries the same rows', () => {
    const report = parseReport(readSeed('shunhe-district-2020.txt'));
    const csv = serializeTables([{ file: 'a', report }], { tables: [4] });
    const header = parseCsv(csv.slice(1))[0];
    deepStrictEqual(header, ['文件', '机关', '年度', '格式', '表', '行', ...valueColumns(4), '本表读取可靠', '说明', '评估问题']);
    strictEqual(valueColumns(4).length, 15);
    const lines = serializeTables([{ file: 'a', report }], { tables: [3], format: 'jsonl' }).trim().split('\n').map((l) => JSON.parse(l));
    strictEqual(lines.length, report.applications!.rowDefs.length);
    deepStrictEqual(Object.keys(lines[0].值), valueColumns(3));
    strictEqual(lines[0].本表读取可靠, true);
  });
  it('every row carries the report\'s findings of what evaluators check (评估问题)', () => {
    const text = readFileSync(join(ROOT, 'test', 'corpus', 'text', 'heyang-ecology-environment-2022', 'chromium-innertext.txt'), 'utf8');
    const late = text.replace('2023年1月18日', '2023年3月12日').replace(/依据《政府信息公开信息处理费管理办法》[^\n]*/, '');
    const rows = records(serializeTables([{ file: 'sound', report: parseReport(text) }, { file: 'late', report: parseReport(late) }]));
    ok(rows.filter((r) => r.文件 === 'sound').every((r) => r.评估问题 === ''));
    ok(rows.filter((r) => r.文件 === 'late').every((r) => r.评估问题 === 'fee-statement-missing late-report'), JSON.stringify(rows.find((r) => r.文件 === 'late')?.评估问题));
    // Turned off in the user's rule levels, a finding is not carried.
    deepStrictEqual([...new Set(exportRows('late', parseReport(late), [4], runRules(parseReport(late), { rules: { 'late-report': 'off' } })).map((r) => r.评估问题))], ['fee-statement-missing']);
  });
  it('a missing table: rows with empty cells, 否 and why; a pre-2019 report says so', () => {
    const rows = exportRows('x', parseReport('某某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n无\n'), [3]);
    ok(rows.length > 10);
    ok(rows.every((r) => !r.本表读取可靠 && r.说明 === '未找到此表' && Object.values(r.值).every((v) => v === null)));
  });
  it('a 2021 report: its own 表二 columns and rows', () => {
    const report = parseReport(renderReport(balancedData('2021', 5), 'tab'));
    const rows = exportRows('g', report, [2]);
    deepStrictEqual(rows.map((r) => r.行), ['第二十条第（一）项·规章', '第二十条第（一）项·行政规范性文件', '第二十条第（五）项·行政许可', '第二十条第（六）项·行政处罚', '第二十条第（六）项·行政强制', '第二十条第（八）项·行政事业性收费']);
    deepStrictEqual(Object.keys(rows[0].值), ['本年制发件数', '本年废止件数', '现行有效件数']);
    ok(rows.every((r) => r.本表读取可靠 && Object.values(r.值).every((v) => typeof v === 'number')));
  });
  it('CSV fields are quoted when needed; text that a spreadsheet would run is kept as text', () => {
    strictEqual(csvField('a,b'), '"a,b"');
    strictEqual(csvField('say "hi"'), '"say ""hi"""');
    const text = serializeTables([{ file: '=cmd|x.txt', report: parseReport(readSeed('shunhe-district-2020.txt')) }], { tables: [4] });
    strictEqual(records(text)[0].文件, "'=cmd|x.txt");
  });
});

describe('xxgk-report export', () => {
  it('a folder of reports into one CSV that parses back, in file order, with every table', () => {
    const r = run(['export', 'test/fixtures/seeds']);
    strictEqual(r.status, 0, r.stderr);
    const rows = records(r.stdout);
    deepStrictEqual([...new Set(rows.map((x) => x.文件))], seedNames().map((n) => `test/fixtures/seeds/${n}`));
    deepStrictEqual([...new Set(rows.map((x) => x.表))], ['表二', '表三', '表四']);
  });
  it('--tables 3 --format jsonl -o file; parallel and sequential give the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-export-'));
    for (let i = 0; i < 40; i++) copyFileSync(join(SEEDS, seedNames()[i % 5]), join(dir, `r${String(i).padStart(2, '0')}.txt`));
    const out = join(dir, 'tables.jsonl');
    const r = run(['export', '--tables', '3', '--format', 'jsonl', '-o', out, dir]);
    strictEqual(r.status, 0, r.stderr);
    strictEqual(r.stdout, '');
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    ok(lines.every((l) => l.表 === '表三'));
    strictEqual(new Set(lines.map((l) => l.文件)).size, 40);
    strictEqual(run(['export', '-j', '1', dir]).stdout, run(['export', '-j', '2', dir]).stdout);
  });
  it('an unreadable file: exit 2, the others exported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-export-'));
    copyFileSync(join(SEEDS, 'shunhe-district-2020.txt'), join(dir, 'a.txt'));
    writeFileSync(join(dir, 'b.txt'), Buffer.from([0, 1, 2]));
    const r = run(['export', '--tables', '4', dir]);
    strictEqual(r.status, 2);
    ok(r.stderr.includes('b.txt'));
    strictEqual(records(r.stdout).length, 1);
  });
});
