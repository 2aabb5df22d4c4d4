/**
 * Huge and hostile input. Complexity per stage: line split O(n); cells per line O(line); heading,
 * anchor and format detection one pass O(n); row collection O(cells); each rule one pass over its
 * table or the text O(n); outline with pointers O(headings + sub-headings). Nothing is quadratic.
 */
import { ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { checkReport, fixAll, outline, parseReport } from '../../server/src/core/index';
import { readSeed } from '../support/fixtures';

function timed<T>(fn: () => T, limitMs: number): T {
  const t0 = Date.now();
  const r = fn();
  ok(Date.now() - t0 < limitMs, `took ${Date.now() - t0} ms`);
  return r;
}

describe('hostile input', () => {
  it('a 20 MB single line', () => {
    const r = timed(() => checkReport('政'.repeat(20 * 1024 * 1024 / 3)), 10000);
    ok(r.diagnostics.some((d) => d.code === 'missing-section'));
  });
  it('table shapes at their worst: a 60,000-cell PDF line, a 5,000-column rule, a 20,000-row raw HTML table', () => {
    const seed = readSeed('shunhe-district-2020.txt');
    const at = seed.indexOf('（本列数据');
    const pdfLine = '一、本年新收政府信息公开申请数量' + '   0 0'.repeat(30000);
    const spaced = Array.from({ length: 6 }, () => '二、上年结转政府信息公开申请数量   0 0 0 0 0 0 0').join('\n');
    timed(() => checkReport(seed.slice(0, at) + '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n' + spaced + '\n' + pdfLine + '\n'), 5000);
    const rule = '  ' + Array.from({ length: 5000 }, () => '---').join(' ');
    const wide = Array.from({ length: 50 }, () => '  ' + '一、本年新收'.padEnd(20) + ' 0 '.repeat(5000)).join('\n');
    timed(() => checkReport(seed.slice(0, at) + '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n' + rule + '\n' + wide + '\n' + rule + '\n'), 5000);
    const html = '<table>' + Array.from({ length: 20000 }, (_, i) => `<tr><td rowspan="3">${i % 2 ? '（三）不予公开' : '1.属于国家秘密'}</td><td colspan="2">0</td></tr>`).join('\n') + '</table>';
    timed(() => checkReport(seed.slice(0, at) + '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n' + html + '\n'), 8000);
  });
  it('200,000 empty lines', () => {
    const r = timed(() => checkReport('\n'.repeat(200000)), 5000);
    strictEqual(r.title, null);
  });
  it('a table with 100,000 rows', () => {
    const head = readSeed('shunhe-district-2020.txt').split('\n').slice(0, 52).join('\n');
    const rows = Array.from({ length: 100000 }, (_, i) => `\t\t${(i % 8) + 1}.属于国家秘密\t0\t0\t0\t0\t0\t0\t0`).join('\n');
    const r = timed(() => checkReport(head + '\n' + rows), 15000);
    ok(r.diagnostics.length > 0);
  });
  it('10,000 section headings', () => {
    const text = Array.from({ length: 10000 }, (_, i) => `${'一二三四五六'[i % 6]}、${['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'][i % 6]}\n（一）小标题${i}`).join('\n');
    const report = timed(() => parseReport(text), 5000);
    strictEqual(report.headings.length, 10000);
    timed(() => outline(report), 5000);
    timed(() => checkReport(text), 10000);
  });
  it('NUL bytes and lone surrogates', () => {
    const text = readSeed('weibin-district-office-2019.txt').replace('总体情况', '总体\u0000情况\ud800').replace('规章\t0', '规章\t\udc00');
    const r = checkReport(text);
    ok(Array.isArray(r.diagnostics));
  });
  it('CRLF, CR-only and a BOM', () => {
    const seed = readSeed('zhoukou-demo-zone-2020.txt');
    for (const text of [seed.replace(/\n/g, '\r\n'), seed.replace(/\n/g, '\r'), '\ufeff' + seed]) {
      const r = checkReport(text);
      strictEqual(r.diagnostics.map((d) => d.code).join(), 'duplicate-section,label-variant');
    }
    const crlf = seed.replace(/\n/g, '\r\n').replace('2.其他法律法规禁止公开', '2.其他法律法规禁止公开');
    ok(!fixAll(crlf).text.replace(/\r\n/g, '').includes('\n'), 'fix-all keeps CRLF');
  });
});
