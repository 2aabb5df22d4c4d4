/** Damaged reports: each injected error gives exactly the expected code at the expected line. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { checkReport, fixAll } from '../../server/src/core/index';
import { editLine, lineOf, readSeed } from '../support/fixtures';
import { balancedData, renderReport } from '../support/generate';

const codesAt = (text: string) => checkReport(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.range.start.line}`);
const arithmetic = (text: string) => checkReport(text).diagnostics.filter((d) => d.code === 'total-mismatch' || d.code === 'balance-mismatch');

describe('damaged seeds', () => {
  const shunhe = readSeed('shunhe-district-2020.txt');
  it('a total off by one: （七）总计·自然人 25 → 26', () => {
    const n = lineOf(shunhe, '(七) 总计');
    const text = editLine(shunhe, n, (l) => l.replace('总计\t25', '总计\t26'));
    const found = arithmetic(text);
    ok(found.length >= 1);
    ok(found.every((d) => d.range.start.line === n), JSON.stringify(found));
    ok(found.some((d) => d.message === '（七）总计·自然人 为 26，但各项之和为 25'), JSON.stringify(found.map((d) => d.message)));
    const fixed = fixAll(text).text;
    strictEqual(fixed, shunhe);
  });
  it('a row total off by one: 一、本年新收·总计 23 → 22', () => {
    const n = lineOf(shunhe, '一、本年新收');
    const text = editLine(shunhe, n, (l) => l.replace(/23\t$/, '22\t'));
    deepStrictEqual([...new Set(codesAt(text))].sort(), [`balance-mismatch@${n}`, `total-mismatch@${n}`]);
    strictEqual(fixAll(text).text, shunhe);
  });
  it('a review total off by one', () => {
    const n = lineOf(shunhe, '0\t0\t0\t0\t0\t7');
    const text = editLine(shunhe, n, (l) => l.replace('2\t11', '2\t12'));
    deepStrictEqual(codesAt(text), [`total-mismatch@${n}`]);
    strictEqual(fixAll(text).text, shunhe);
  });
  it('a section removed', () => {
    const zhoukou = readSeed('weibin-district-office-2019.txt');
    const n = lineOf(zhoukou, '五、存在的主要问题');
    const text = editLine(zhoukou, n, () => '');
    const found = checkReport(text).diagnostics.filter((d) => d.code === 'missing-section');
    strictEqual(found.length, 1);
    strictEqual(found[0].message, '缺少第五部分“五、存在的主要问题及改进情况”');
    const fixed = fixAll(text).text;
    deepStrictEqual(checkReport(fixed).diagnostics.filter((d) => d.severity === 'error'), []);
    ok(fixed.includes('五、存在的主要问题及改进情况'));
  });
  it('a section repeated', () => {
    const weibin = readSeed('weibin-district-office-2019.txt');
    const n = lineOf(weibin, '五、存在的主要问题');
    const text = weibin + '\n五、存在的主要问题及改进情况\n无\n';
    const found = checkReport(text).diagnostics.filter((d) => d.code === 'duplicate-section' || d.code === 'section-order');
    deepStrictEqual(found.map((d) => d.code), ['duplicate-section']);
    ok(found[0].range.start.line > n);
  });
  it('a letter O in a number', () => {
    const weibin = readSeed('weibin-district-office-2019.txt');
    const n = lineOf(weibin, '一、本年新收');
    const text = editLine(weibin, n, (l) => l.replace('\t4', '\tO'));
    const bad = checkReport(text).diagnostics.filter((d) => d.code === 'bad-cell');
    strictEqual(bad.length, 1);
    strictEqual(bad[0].range.start.line, n);
    strictEqual(checkReport(text).tables.applications!['1'][6], null);
  });
  it('1O reads as a damaged number, not a label', () => {
    const weibin = readSeed('weibin-district-office-2019.txt');
    const n = lineOf(weibin, '(七) 总计');
    const text = editLine(weibin, n, (l) => l.replace('总计\t3', '总计\t1O'));
    deepStrictEqual(codesAt(text), [`bad-cell@${n}`]);
  });
});

describe('damaged generated reports, every layout', () => {
  for (const layout of ['tab', 'cells', 'spaced', 'pipe', 'html'] as const) {
    for (const format of ['2019', '2021'] as const) {
      it(`${format} ${layout}: （七）总计·自然人 + 1 is found on its line and fixed`, () => {
        const data = balancedData(format, 11);
        const good = renderReport(data, layout);
        data.applications['3.7'][0] += 1;
        const bad = renderReport(data, layout);
        const found = arithmetic(bad);
        ok(found.length > 0, 'no arithmetic finding');
        const fixed = fixAll(bad).text;
        deepStrictEqual(arithmetic(fixed), []);
        strictEqual(fixed, good);
      });
    }
  }
});
