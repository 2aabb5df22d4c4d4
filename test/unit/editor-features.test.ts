/**
 * The editor's pure features: rule pages in step with the registry, content detection, the table view's
 * model, formatting notes and alignment, the new-report text, the outline without `一是` sentences.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { RULE_INFO, applyEdits, checkReport, outline, parseReport, tablesJson } from '../../server/src/core/index';
import { isReportFile, looksLikeReportText } from '../../server/src/core/features/detect';
import { alignTabRows, displayWidth, formatTablesWithNotes } from '../../server/src/core/features/format-tables';
import { formatForYear, newReportText } from '../../server/src/core/features/new-report';
import { tableViewModel } from '../../server/src/core/features/table-view';
import { hoverAt, tableLenses } from '../../server/src/core/features/tables-info';
import { ROOT } from '../support/fixtures';

const E2E = join(ROOT, 'test', 'e2e', 'workspace');
const damaged = () => readFileSync(join(E2E, '顺河区2020年度报告-damaged.txt'), 'utf8');

describe('rule pages', () => {
  it('docs/rules is what scripts/rule-docs.mjs writes from the registry (run it after changing a rule)', async () => {
    const { pages } = await import(pathToFileURL(join(ROOT, 'scripts', 'rule-docs.mjs')).href);
    const expected: Array<[string, string]> = pages(RULE_INFO);
    strictEqual(expected.length, RULE_INFO.length + 1);
    for (const [rel, text] of expected) strictEqual(readFileSync(join(ROOT, rel), 'utf8'), text, `${rel} is out of date: node scripts/rule-docs.mjs`);
  });
});

describe('content detection', () => {
  const cases: Array<[string, string, boolean]> = [
    ['title on line 1', '南召县人民政府2020年政府信息公开工作年度报告\n一、总体情况', true],
    ['a 正文 line, blank lines, a title over three lines', '正文\n\n  某某县交通运输局\n2020年政府信息公开\n工作年度报告\n', true],
    ['breadcrumb and metadata first', '首页 > 政务公开 > 年报\n索引号：123\n发布日期：2021-01-20\n\n某某局2020年度政府信息公开工作年度报告', true],
    ['政务公开 wording', '某某市人民政府办公室2022年政务公开工作年度报告', true],
    ['a meeting note that mentions the report in a sentence', '会议纪要\n关于编制政府信息公开工作年度报告的通知。请各单位于3月1日前报送。', false],
    ['a meeting note', '会议纪要\n时间：3月1日\n内容：讨论年度工作', false],
    ['a title below line 30 is not looked for', '\n'.repeat(40) + '某某局2020年政府信息公开工作年度报告', false],
  ];
  for (const [name, text, want] of cases) it(name, () => strictEqual(looksLikeReportText(text), want));
  it('a file is a report by its name or its head', () => {
    ok(isReportFile('某某局2020年度报告.txt', ''));
    ok(isReportFile('a.xxgk.txt', ''));
    ok(!isReportFile('会议纪要.txt', '会议纪要\n一、总体情况'));
  });
});

describe('table view model', () => {
  it('draws the three tables with full-width rows, marks the culprit red with its identities and repair', () => {
    const report = parseReport(damaged());
    const m = tableViewModel(report);
    deepStrictEqual(m.tables.map((t) => [t.id, t.status]), [['disclosure', 'read'], ['applications', 'read'], ['review', 'read']]);
    const width = (row: Array<{ colspan?: number }>) => row.reduce((a, c) => a + (c.colspan ?? 1), 0);
    // Every row of 四 spans its 15 columns except the third header row (under the row-spanned 行政复议 columns).
    deepStrictEqual(m.tables[2].rows.map(width), [15, 15, 10, 15]);
    const cells = m.tables[1].rows.flat();
    const broken = cells.filter((c) => c.state === 'broken');
    strictEqual(broken.length, 1);
    strictEqual(broken[0].text, '26');
    strictEqual(broken[0].fix, '25');
    ok(broken[0].title!.includes('（七）总计·自然人 26 ≠ （一）予以公开 14 + （二）部分公开 3 + （六）其他处理 8 = 25'), broken[0].title);
    strictEqual(report.text.slice(broken[0].span![0], broken[0].span![1]), '26');
    ok(cells.some((c) => c.state === 'involved'));
    strictEqual(m.tables[1].broken, 3);
  });
  it('a report without tables: each table missing, every value cell marked missing', () => {
    const m = tableViewModel(parseReport('某某局2021年政府信息公开工作年度报告\n一、总体情况\n'));
    deepStrictEqual(m.tables.map((t) => t.status), ['missing', 'missing', 'missing']);
    ok(m.tables[1].rows.flat().filter((c) => !c.header).every((c) => c.state === 'missing'));
  });
});

describe('hover and lenses', () => {
  it('a broken identity is spelled out with row and column names; the lens jumps to the culprit', () => {
    const report = parseReport(damaged());
    const lens = tableLenses(report).find((l) => l.problems > 0)!;
    strictEqual(lens.action, 'reveal');
    strictEqual(report.text.slice(lens.target!, lens.target! + 2), '26');
    const hover = hoverAt(report, lens.target!)!.markdown;
    ok(hover.includes('✗ （七）总计·自然人 26 ≠ '), hover);
    ok(hover.includes('建议改为 25'), hover);
    ok(tableLenses(report).some((l) => l.action === 'tableView' && l.title === '表格视图'));
  });
});

describe('formatting', () => {
  it('pads by display width (CJK = 2) so the tabs after the fields land on the same stop', () => {
    strictEqual(displayWidth('规章a'), 5);
    deepStrictEqual(alignTabRows(['信息内容\t本年制发件数', '规章\t0', '\t合并表头']), ['信息内容\t本年制发件数', '规章    \t0', '\t合并表头']);
  });
  it('says which labels it renamed, keeps every number, and is idempotent', () => {
    const text = readFileSync(join(E2E, '周口示范区2020年度报告.txt'), 'utf8');
    const r = formatTablesWithNotes(parseReport(text));
    ok(r.changed.some((c) => c.includes('2.其他法律法规禁止公开') && c.includes('2.其他法律行政法规禁止公开')), r.changed.join('\n'));
    const once = applyEdits(text, r.edits).text;
    deepStrictEqual(tablesJson(parseReport(once)), tablesJson(parseReport(text)));
    strictEqual(formatTablesWithNotes(parseReport(once)).edits.length, 0);
  });
  it('a table it cannot rewrite is named with the reason', () => {
    const text = damaged().replace(/(\(一\) 予以公开[^\n]*)/, '$1\t99\t98');
    ok(text !== damaged());
    const r = formatTablesWithNotes(parseReport(text));
    ok(r.skipped.some((s) => s.startsWith('收到和处理政府信息公开申请情况表未改写：')), JSON.stringify(r));
  });
});

describe('new report', () => {
  it('the format follows the year; zeros in every cell, so a fresh template has no blank-cell notes, only the sections left to write', () => {
    strictEqual(formatForYear(2020), '2019');
    strictEqual(formatForYear(2021), '2021');
    for (const [format, year] of [['2019', 2020], ['2021', 2024]] as const) {
      const text = newReportText(format, year, '某某县人民政府办公室');
      ok(text.startsWith(`某某县人民政府办公室${year}年政府信息公开工作年度报告`));
      const result = checkReport(text);
      strictEqual(result.format, format);
      // The sections a person has to write (一, 五, and 六 where the format asks for nothing there) say so.
      deepStrictEqual(result.diagnostics.filter((d) => d.code !== 'empty-section').map((d) => d.code), []);
      deepStrictEqual(result.diagnostics.map((d) => /“(.)、/.exec(d.message)?.[1]), format === '2019' ? ['一', '五', '六'] : ['一', '五']);
    }
  });
});

describe('outline', () => {
  it('lists （一） sub-headings but not 一是 sentences', () => {
    const text = '某某局2021年政府信息公开工作年度报告\n一、总体情况\n（一）加强组织领导。我局高度重视。\n一是健全机制，明确责任分工。\n二是加强培训。\n二、主动公开政府信息情况\n';
    const names = outline(parseReport(text)).flatMap((n) => n.children.map((c) => c.name));
    ok(names.includes('（一）加强组织领导'), names.join());
    ok(!names.some((n) => n.startsWith('一是') || n.startsWith('二是')), names.join());
  });
});
