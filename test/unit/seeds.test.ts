/** The five real seeds: the findings of REPORT-FORMAT.md §7 and every table value, cell by cell. */
import { deepStrictEqual, strictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport } from '../../server/src/core/index';
import { ROOT, readSeed, seedNames } from '../support/fixtures';

const expectedFindings: Record<string, Array<[string, number]>> = {
  'zhoukou-demo-zone-2020.txt': [['duplicate-section', 24], ['label-variant', 56]],
  'shunhe-district-2020.txt': [['narrative-mismatch', 20], ['narrative-mismatch', 20]],
  'weibin-district-office-2019.txt': [],
  'nanzhao-county-2020.txt': [],
  'yaozhou-district-office-2020.txt': [['year-mismatch', 10], ['variant-char', 86], ['heading-variant', 412]],
};

const expectedTables = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'seeds-expected.json'), 'utf8'));

describe('seeds', () => {
  it('are the five seeds', () => deepStrictEqual(seedNames(), Object.keys(expectedFindings).sort()));
  for (const name of seedNames()) {
    describe(name, () => {
      const result = checkReport(readSeed(name));
      it('has exactly the findings of spec §7', () => {
        deepStrictEqual(result.diagnostics.map((d) => [d.code, d.range.start.line]), expectedFindings[name]);
      });
      it('has no error', () => strictEqual(result.diagnostics.filter((d) => d.severity === 'error').length, 0));
      it('is read as a 2019-format report with six sections', () => {
        strictEqual(result.format, '2019');
        deepStrictEqual([...new Set(result.sections.map((s) => s.number))], [1, 2, 3, 4, 5, 6]);
      });
      it('reads every table cell', () => deepStrictEqual(result.tables, expectedTables[name]));
    });
  }
  it('names the numbers in messages', () => {
    const shunhe = checkReport(readSeed('shunhe-district-2020.txt'));
    strictEqual(shunhe.diagnostics[0].message, '正文“答复申请 23 件”与表格不符：（七）总计·总计为 25');
    strictEqual(shunhe.diagnostics[1].message, '正文“同意公开答复 12 件”与表格不符：（一）予以公开·总计为 14');
  });
  it('reads 14,205 as 14205 and 10万元 as 10', () => {
    strictEqual(checkReport(readSeed('nanzhao-county-2020.txt')).tables.disclosure!['行政许可'][2], 14205);
    deepStrictEqual(checkReport(readSeed('yaozhou-district-office-2020.txt')).tables.disclosure!['政府集中采购'], [1, 10]);
  });
});
