/** Each output formatter on one fixed result. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { formatCsv } from '../../server/src/cli/format-csv';
import { formatJson } from '../../server/src/cli/format-json';
import { formatSarif, sarifLog } from '../../server/src/cli/format-sarif';
import { formatText } from '../../server/src/cli/format-text';
import type { FileResult } from '../../server/src/core/index';
import { RULE_INFO } from '../../server/src/core/index';
import { VERSION } from '../../server/src/version';

const result: FileResult = {
  path: 'dir\\报告, "一".txt',
  format: '2021',
  title: null,
  year: 2021,
  sections: [],
  tables: {},
  diagnostics: [
    { code: 'total-mismatch', severity: 'error', message: '合计不符', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } } },
    { code: 'blank-cell', severity: 'information', message: '空白按 0', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } } },
  ],
};

describe('formatters', () => {
  it('text: 1-based positions, a summary; colour only when asked', () => {
    const text = formatText([result]);
    deepStrictEqual(text.split('\n'), ['dir\\报告, "一".txt:5:3 error total-mismatch 合计不符', 'dir\\报告, "一".txt:10:1 information blank-cell 空白按 0', '检查了 1 个文件：1 个错误，0 个警告，1 个提示']);
    ok(formatText([result], { color: true }).includes('\x1b[31merror\x1b[0m'));
  });
  it('json: version 1 and the files', () => {
    deepStrictEqual(JSON.parse(formatJson([result])), { version: 1, files: [result] });
  });
  it('csv: BOM, header, one quoted row per finding', () => {
    const csv = formatCsv([result]);
    deepStrictEqual(csv.split('\r\n'), ['\ufeff文件,行,列,级别,代码,消息', '"dir\\报告, ""一"".txt",5,3,error,total-mismatch,合计不符', '"dir\\报告, ""一"".txt",10,1,information,blank-cell,空白按 0']);
  });
  it('sarif: 2.1.0, the version, every rule with helpUri to its page, results pointing at rules', () => {
    const log = JSON.parse(formatSarif([result]));
    strictEqual(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    strictEqual(driver.version, VERSION);
    strictEqual(driver.rules.length, RULE_INFO.length);
    for (const r of driver.rules) strictEqual(r.helpUri, `https://github.com/xxgk-report/xxgk-report/blob/main/docs/rules/${r.id}.md`);
    // Rules off by default are listed disabled; the others by their default level.
    deepStrictEqual(driver.rules.find((r: { id: string }) => r.id === 'thin-section').defaultConfiguration, { enabled: false, level: 'note' });
    deepStrictEqual(driver.rules.find((r: { id: string }) => r.id === 'late-report').defaultConfiguration, { level: 'warning' });
    const [a, b] = log.runs[0].results;
    strictEqual(driver.rules[a.ruleIndex].id, 'total-mismatch');
    strictEqual(b.level, 'note');
    strictEqual(a.locations[0].physicalLocation.artifactLocation.uri, 'dir/报告, "一".txt');
    deepStrictEqual(a.locations[0].physicalLocation.region, { startLine: 5, startColumn: 3, endLine: 5, endColumn: 6 });
    deepStrictEqual(sarifLog([]), JSON.parse(formatSarif([])));
  });
});
