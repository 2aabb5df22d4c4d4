/** One row per rule: a sound generated report, one change, the code expected (and no error besides). */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { checkReport, parseReport, runSetRules } from '../../server/src/core/index';
import { balancedData, renderReport } from '../support/generate';

const base2019 = renderReport(balancedData('2019', 21), 'tab');
const base2021 = renderReport(balancedData('2021', 22), 'tab');

interface Case {
  name: string;
  text: string;
  code: string;
  severity?: string;
  message?: RegExp;
}

const cases: Case[] = [
  { name: 'missing section 六', text: base2019.replace('六、其他需要报告的事项', ''), code: 'missing-section', severity: 'error' },
  { name: 'duplicate section 一', text: base2019.replace('（一）主动公开情况', '一、总体情况'), code: 'duplicate-section', severity: 'warning' },
  { name: 'sections out of order', text: base2019.replace(/五、存在的主要问题及改进情况\n(.*)\n\n六、其他需要报告的事项\n无/, '六、其他需要报告的事项\n无\n\n五、存在的主要问题及改进情况\n$1'), code: 'section-order', severity: 'warning' },
  { name: 'heading with 一. instead of 一、', text: base2019.replace('一、总体情况', '一.总体情况'), code: 'heading-variant', severity: 'hint', message: /标点/ },
  { name: 'pre-2019 heading wording', text: base2019.replace('四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'), code: 'heading-variant' },
  { name: 'missing table 四', text: base2019.split('四、政府信息公开行政复议、行政诉讼情况')[0] + '四、政府信息公开行政复议、行政诉讼情况\n本年度无行政复议。\n\n五、存在的主要问题及改进情况\n无\n\n六、其他需要报告的事项\n无\n', code: 'missing-table', severity: 'error' },
  { name: 'missing row 重复申请', text: base2019.replace(/.*2\.重复申请.*\n/, ''), code: 'missing-row', severity: 'warning' },
  { name: 'bad cell l2', text: base2019.replace(/(行政许可\t)\d+/, '$1l2'), code: 'bad-cell', severity: 'error' },
  { name: 'negative count', text: base2021.replace(/(行政许可\t)\d+/, '$1-4'), code: 'bad-cell', message: /不能为负数/ },
  { name: 'blank cells count as 0', text: base2019.replace(/(规章\t)\d+/, '$1/'), code: 'blank-cell', severity: 'information' },
  { name: 'review total off', text: base2019.replace(/\n(\d+\t\d+\t\d+\t\d+\t)(\d+)(\t)/, (_, a, b, c) => `\n${a}${Number(b) + 1}${c}`), code: 'total-mismatch', severity: 'error' },
  { name: 'new disclosures exceed the total (2019)', text: base2019.replace(/规章\t\d+\t\d+\t\d+/, '规章\t9\t9\t3'), code: 'disclosure-inconsistent', severity: 'warning' },
  { name: 'prose contradicts table', text: base2019.replace(/收到政府信息公开申请(\d+)件/, (_, n) => `收到政府信息公开申请${Number(n) + 2}件`), code: 'narrative-mismatch', severity: 'warning' },
  { name: 'another year in the prose', text: base2019.replace('（一）主动公开情况', '2018年，本机关受理申请3件。'), code: 'year-mismatch', severity: 'warning' },
  { name: '2021 report in the 2019 format', text: base2019.replace('2020年政府信息公开', '2022年政府信息公开'), code: 'format-mismatch', severity: 'warning' },
  { name: 'variant character 釆', text: base2019.replace('政府集中采购', '政府集中釆购'), code: 'variant-char', severity: 'warning' },
  { name: 'Kangxi radical from a PDF', text: base2019.replace('总体情况\n', '总体情况\n⼀年来工作平稳。\n'), code: 'variant-char' },
  { name: 'label variant', text: base2019.replace('其他法律行政法规禁止公开', '其他法律法规禁止公开'), code: 'label-variant', severity: 'information' },
];

describe('rules', () => {
  it('the sound bases have no finding', () => {
    deepStrictEqual(checkReport(base2019).diagnostics, []);
    deepStrictEqual(checkReport(base2021).diagnostics, []);
  });
  for (const c of cases) {
    it(`${c.code}: ${c.name}`, () => {
      ok(c.text !== base2019 && c.text !== base2021, 'the change did not apply');
      const found = checkReport(c.text).diagnostics;
      const mine = found.filter((d) => d.code === c.code);
      ok(mine.length > 0, `expected ${c.code}, got ${JSON.stringify(found.map((d) => d.code))}`);
      if (c.severity) strictEqual(mine[0].severity, c.severity);
      if (c.message) ok(c.message.test(mine[0].message), mine[0].message);
    });
  }
  it('carry-over-mismatch: 上年结转 differs from last year’s 结转下年度', () => {
    const y1 = balancedData('2021', 30, 2021);
    const y2 = balancedData('2021', 31, 2022);
    const a = parseReport(renderReport(y1, 'tab'));
    const b = parseReport(renderReport(y2, 'tab'));
    const found = runSetRules([a, b]).get(b) ?? [];
    strictEqual(found.length > 0, y1.applications['4'][6] !== y2.applications['2'][6]);
    ok(found.every((f) => f.code === 'carry-over-mismatch'));
  });
  it('a pre-2019 report gets one information note and nothing else', () => {
    const old = '某某县人民政府2017年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n四、政府信息公开的收费及减免情况\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n六、政府信息公开工作存在的主要问题及改进情况\n七、其他需要报告的事项\n';
    const r = checkReport(old);
    strictEqual(r.format, 'pre-2019');
    deepStrictEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['format-mismatch', 'information']]);
  });
  it('severity settings: off removes a rule, a level overrides it', () => {
    const text = base2019.replace('政府集中采购', '政府集中釆购');
    deepStrictEqual(checkReport(text, { rules: { 'variant-char': 'off' } }).diagnostics, []);
    strictEqual(checkReport(text, { rules: { 'variant-char': 'error' } }).diagnostics[0].severity, 'error');
  });
  it('messages in English when asked', () => {
    const text = base2019.replace('六、其他需要报告的事项', '');
    const en = checkReport(text, { locale: 'en' }).diagnostics[0].message;
    checkReport('', { locale: 'zh-cn' });
    ok(/^Section 六/.test(en), en);
  });
});
