/**
 * The document around the tables (parse/document.ts and the section rules): headings through markup
 * and typos, titles over several lines, pre-2019 outlines, documents that are not reports, prose sums
 * and plans. Every text here is written for the test; the tables come from the generator.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { SECTIONS, officialHeading } from '../../server/src/core/format/official';
import { checkReport, fixAll, parseReport } from '../../server/src/core/index';
import { balancedData, renderReport } from '../support/generate';

const OFFICIAL = SECTIONS.map(officialHeading);
const data2021 = balancedData('2021', 7);
const base = renderReport(data2021, 'tab');
const base2019 = renderReport(balancedData('2019', 8), 'tab');

function codes(text: string): string[] {
  return checkReport(text).diagnostics.map((d) => d.code);
}

/** The report with one official heading line replaced. */
function withHeading(n: number, line: string, text = base): string {
  const official = OFFICIAL[n - 1];
  ok(text.includes(`\n${official}\n`), `no ${official}`);
  return text.replace(`\n${official}\n`, `\n${line}\n`);
}

describe('headings with markup and leading space', () => {
  const cases: Array<[number, string, string]> = [
    [1, '## 一、总体情况', '一、总体情况'],
    [2, '### 二、主动公开政府信息情况', '二、主动公开政府信息情况'],
    [2, '**二、主动公开政府信息情况**', '二、主动公开政府信息情况'],
    [3, '> 三、收到和处理政府信息公开申请情况', '三、收到和处理政府信息公开申请情况'],
    [4, '\t四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议、行政诉讼情况'],
    [5, '\u00a0\u00a0五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况'],
    [6, '\u3000\u3000六、其他需要报告的事项', '六、其他需要报告的事项'],
    [1, '<!--[if !supportLists]-->一、<!--[endif]-->总体情况', '一、<!--[endif]-->总体情况'],
    [5, '<p><strong>五、存在的主要问题及改进情况</strong></p>', '五、存在的主要问题及改进情况'],
    [6, '<b>六、其他需要报告的事项</b>', '六、其他需要报告的事项'],
    [1, '# **一、总体情况** #', '一、总体情况'],
    [5, '- 五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况'],
  ];
  for (const [n, line, words] of cases) {
    it(JSON.stringify(line), () => {
      const text = withHeading(n, line);
      const report = parseReport(text);
      const h = report.headings.find((x) => x.number === n);
      ok(h, 'heading not found');
      strictEqual(text.slice(h.span.start, h.span.end), words);
      if (!words.includes('<')) {
        strictEqual(h.text, words);
        strictEqual(h.variant, undefined);
      }
      deepStrictEqual(codes(text), []);
    });
  }
  it('a typo under markup: the fix replaces the words and keeps the markup', () => {
    const text = withHeading(4, '## **四、政府信息公开行政复议、行政诉诉讼情况**');
    const found = checkReport(text).diagnostics;
    deepStrictEqual(found.map((d) => [d.code, d.severity]), [['heading-variant', 'hint']]);
    const fixed = fixAll(text).text;
    ok(fixed.includes(`\n## **${OFFICIAL[3]}**\n`), 'markup kept around the official heading');
    deepStrictEqual(codes(fixed), []);
  });
  it('a merged 无 under markup: 无 goes below, the markup stays on the heading line', () => {
    const text = withHeading(6, '**六、无其他需要报告的事项**', base2019).replace(`**六、无其他需要报告的事项**\n无\n`, '**六、无其他需要报告的事项**\n');
    deepStrictEqual(codes(text), ['heading-variant']);
    const fixed = fixAll(text).text;
    ok(fixed.includes(`**${OFFICIAL[5]}**\n无`), fixed.slice(-60));
    deepStrictEqual(codes(fixed), []);
  });
  it('Word markup inside the heading: found, no fix that could delete it', () => {
    const text = withHeading(5, '<!--[if !supportLists]-->五.<!--[endif]-->存在的主要问题及整改措施');
    const hv = checkReport(text).diagnostics.filter((d) => d.code === 'heading-variant');
    strictEqual(hv.length, 1);
    strictEqual(fixAll(text).text, text);
  });
});

describe('headings with typos and other wordings', () => {
  const cases: Array<[number, string]> = [
    [4, '四、政府信息公开行政复议、行政诉诉讼情况'],
    [3, '三、收到和处理政府信息公开申情况'],
    [3, '三.収到和处理政府信息公开申请情况'],
    [5, '五、存在的主要问题及整改措施'],
    [5, '五、政府信息公开工作存在的主要问题及改进情况'],
    [2, '二、主动公开政府信息清况'],
    [1, '一、总体状况'],
    [6, '六、其他需要报告的事'],
    [4, '四、政府信息公开行政复议和行政诉讼情况'],
  ];
  for (const [n, line] of cases) {
    it(line, () => {
      const text = withHeading(n, line);
      const report = parseReport(text);
      const h = report.headings.find((x) => x.number === n);
      ok(h && h.text === line, 'heading not found');
      const found = checkReport(text).diagnostics;
      ok(!found.some((d) => d.code === 'missing-section'), JSON.stringify(found));
      const hv = found.filter((d) => d.code === 'heading-variant');
      strictEqual(hv.length, 1);
      strictEqual(hv[0].severity, 'hint');
      const fixed = fixAll(text).text;
      ok(fixed.includes(`\n${OFFICIAL[n - 1]}\n`), 'the fix writes the official heading');
    });
  }
  it('a heading in a wording nobody listed is found where its section belongs', () => {
    const text = withHeading(5, '五、工作中的不足和下一步打算');
    const found = codes(text);
    ok(!found.includes('missing-section'), found.join());
    strictEqual(parseReport(text).headings.find((h) => h.number === 5)?.text, '五、工作中的不足和下一步打算');
  });
  const notHeadings = [
    '三、本年度办理结果',
    '一、本年新收政府信息公开申请数量',
    '四、结转下年度继续办理',
    '二、上年结转政府信息公开申请数量',
    '一是加强组织领导，压实工作责任。',
    '三、全年共受理申请12件，均已按时答复。',
    '二、进一步规范依申请公开工作。明年将加强培训。',
  ];
  for (const line of notHeadings) {
    it(`not a heading: ${line}`, () => {
      const text = base.replace('全年主动公开政府信息1200条。', line);
      const report = parseReport(text);
      const at = text.split('\n').indexOf(line);
      ok(at > 0);
      ok(!report.headings.some((h) => h.line === at), 'read as a heading');
      deepStrictEqual(report.headings.map((h) => h.number), [1, 2, 3, 4, 5, 6]);
    });
  }
  it('table rows under a missing heading are not taken for it', () => {
    // Section 四's heading gone: `四、结转下年度继续办理` (a row of 表三) must not become section 四.
    const text = base.replace(`\n${OFFICIAL[3]}\n`, '\n');
    const report = parseReport(text);
    ok(!report.headings.some((h) => h.number === 4));
    ok(codes(text).includes('missing-section'));
  });
});

describe('title and year', () => {
  const heading = '\n一、总体情况\n本年度工作平稳。\n二、主动公开政府信息情况\n略。\n';
  const cases: Array<[string, string, number | null, string | undefined]> = [
    ['某某县市场监督管理局2021年\n政府信息公开工作年度报告', '某某县市场监督管理局2021年政府信息公开工作年度报告', 2021, '某某县市场监督管理局'],
    ['XX区人民政府\n2022年政府信息公开工作年度报告', 'XX区人民政府2022年政府信息公开工作年度报告', 2022, 'XX区人民政府'],
    ['某某市交通运输局\n\n2023年度政府信息公开工作年度报告', '某某市交通运输局2023年度政府信息公开工作年度报告', 2023, '某某市交通运输局'],
    ['正文\n某某镇人民政府2020年政府信息公开工作年度报告', '某某镇人民政府2020年政府信息公开工作年度报告', 2020, '某某镇人民政府'],
    ['首页 > 政务公开 > 政府信息公开年报\n某某区教育局\n2024年政府信息公开工作年度报告\n发布时间：2025-01-20', '某某区教育局2024年政府信息公开工作年度报告', 2024, '某某区教育局'],
    ['# 某某县卫生健康委员会2021年政府信息公开工作年度报告', '某某县卫生健康委员会2021年政府信息公开工作年度报告', 2021, '某某县卫生健康委员会'],
    ['**某某街道办事处**\n**2022年度政府信息公开工作年度报告**', '某某街道办事处2022年度政府信息公开工作年度报告', 2022, '某某街道办事处'],
    ['某某县人民政府办公室2022年\n政府信息公开工作\n年度报告', '某某县人民政府办公室2022年政府信息公开工作年度报告', 2022, '某某县人民政府办公室'],
    ['某某区财政局二〇二一年政府信息公开工作年度报告', '某某区财政局二〇二一年政府信息公开工作年度报告', 2021, '某某区财政局'],
    ['2023年1月15日\n某某乡2022年政府信息公开工作年度报告', '某某乡2022年政府信息公开工作年度报告', 2022, '某某乡'],
  ];
  for (const [top, title, year, body] of cases) {
    it(JSON.stringify(top), () => {
      const report = parseReport(top + '\n' + heading);
      strictEqual(report.title?.text, title);
      strictEqual(report.year ?? null, year);
      strictEqual(report.body, body);
      const r = checkReport(top + '\n' + heading);
      strictEqual(r.title, title);
      strictEqual(r.year, year);
    });
  }
  it('PDF text order: the first heading above the title', () => {
    const report = parseReport('一、总体情况\n\n某某县林业局2021年\n政府信息公开工作年度报告\n\n2021年，我局工作平稳。\n二、主动公开政府信息情况\n略。\n');
    strictEqual(report.title?.text, '某某县林业局2021年政府信息公开工作年度报告');
    strictEqual(report.year, 2021);
  });
  it('the title span covers the joined lines exactly', () => {
    const text = 'XX区人民政府\n2022年政府信息公开工作年度报告' + heading;
    const report = parseReport(text);
    strictEqual(text.slice(report.title!.span.start, report.title!.span.end), 'XX区人民政府\n2022年政府信息公开工作年度报告');
    strictEqual(report.title!.line, 0);
  });
});

describe('pre-2019 reports', () => {
  const outline = (title: string, extra = '') =>
    `${title}\n\n一、概述\n本年度，我局认真贯彻落实《条例》。\n二、主动公开政府信息情况\n全年主动公开信息300条。\n三、依申请公开政府信息情况\n全年收到申请5件。\n${extra}四、政府信息公开的收费及减免情况\n本年度未收取费用。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n六、存在的主要问题及改进措施\n队伍建设有待加强。\n七、其他需要报告的事项\n无。\n`;
  const cases: Array<[string, string]> = [
    ['2017 title', outline('某某县交通运输局2017年政府信息公开工作年度报告')],
    ['2018 title over two lines', outline('某某县交通运输局\n2018年政府信息公开工作年度报告')],
    ['no year in the title', outline('某某县交通运输局政府信息公开工作年度报告')],
    ['with an old-style table', outline('某某县交通运输局2018年政府信息公开工作年度报告', '指标\t单位\t数量\n收到申请数\t件\t5\n')],
    ['with Markdown headings', outline('# 某某县交通运输局2016年政府信息公开工作年度报告').replace(/\n([一二三四五六七]、)/g, '\n## $1')],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const r = checkReport(text);
      strictEqual(r.format, 'pre-2019');
      deepStrictEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['format-mismatch', 'information']]);
      strictEqual(fixAll(text).text, text);
    });
  }
  it('a 2020 report that mentions 收费及减免 in its prose is not legacy', () => {
    const text = base2019.replace('全年主动公开政府信息1200条。', '全年主动公开政府信息1200条，政府信息公开的收费及减免情况按规定执行。\n（二）收费及减免情况\n本年度未收取任何费用。');
    const r = checkReport(text);
    strictEqual(r.format, '2019');
    deepStrictEqual(r.diagnostics, []);
  });
});

describe('documents that are not reports', () => {
  const cases: Array<[string, string]> = [
    ['a notice about the reports', '某某市人民政府办公室\n关于报送2022年度政府信息公开工作年度报告的通知\n\n各县区人民政府，市直各部门：\n根据《中华人民共和国政府信息公开条例》规定，请各单位于2023年1月31日前报送本单位2022年度政府信息公开工作年度报告。\n一、报送内容\n年度报告全文及统计表。\n二、报送方式\n通过电子邮件报送。\n\n某某市人民政府办公室\n2023年1月5日\n'],
    ['a meeting note', '会议纪要\n时间：2022年3月1日\n地点：三楼会议室\n会议研究了政府信息公开工作，听取了总体情况汇报。\n一、会议要求各科室按时完成信息公开年度报告。\n二、会议明确了分工。\n'],
    ['an empty file', ''],
    ['one heading only', '某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const found = checkReport(text).diagnostics;
      ok(found.length <= 1, JSON.stringify(found));
      ok(found.every((d) => d.severity === 'information' && d.code === 'missing-section'), JSON.stringify(found));
      strictEqual(fixAll(text).text, text);
    });
  }
  it('a notice quoting the 表三 header: the anchor alone is no table, one note from the section rules', () => {
    // The table rules (missing-row) still see an empty 表三 here; runRules skipping them for a
    // non-report, as it does for a pre-2019 one, is for check.ts.
    const text = '关于做好2023年度政府信息公开工作年度报告编制工作的通知\n各单位：\n请按规定格式编制年度报告。\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n请认真核对表格数据勾稽关系，确保正确。\n某某办公室\n';
    const found = checkReport(text).diagnostics.filter((d) => d.code !== 'missing-row');
    deepStrictEqual(found.map((d) => [d.code, d.severity]), [['missing-section', 'information']]);
  });
  it('two headings make it a report again: the missing sections are errors', () => {
    const text = '某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n二、主动公开政府信息情况\n略。\n';
    strictEqual(checkReport(text).diagnostics.filter((d) => d.code === 'missing-section' && d.severity === 'error').length, 4);
  });
});

describe('prose sums and plans', () => {
  const total = (id: string) => data2021.applications[id][6];
  const withProse = (sentence: string) => base.replace('全年主动公开政府信息1200条。', sentence);
  const narrative = (text: string) => checkReport(text).diagnostics.filter((d) => d.code === 'narrative-mismatch');
  it('予以公开及部分公开 N 件 is （一）+（二）: no warning when equal', () => {
    deepStrictEqual(narrative(withProse(`全年予以公开及部分公开${total('3.1') + total('3.2')}件。`)), []);
    deepStrictEqual(narrative(withProse(`其中同意公开和部分公开${total('3.1') + total('3.2')}件。`)), []);
  });
  it('予以公开及部分公开 N 件 off: the message names the sum', () => {
    const n = total('3.1') + total('3.2') + 3;
    const found = narrative(withProse(`全年予以公开及部分公开${n}件。`));
    strictEqual(found.length, 1);
    ok(/（一）予以公开·总计 \+ （二）部分公开·总计为 \d+/.test(found[0].message), found[0].message);
  });
  it('收到申请 N 件 = 新收 + 上年结转 is no warning', () => {
    ok(total('2') > 0, 'the generated data has a carry-over');
    const text = base.replace(/全年共收到政府信息公开申请\d+件/, `全年共收到政府信息公开申请${total('1') + total('2')}件`);
    ok(text !== base);
    deepStrictEqual(narrative(text), []);
  });
  it('收到申请 N 件 equal to neither sum is a warning naming 一、本年新收', () => {
    const text = base.replace(/全年共收到政府信息公开申请\d+件/, `全年共收到政府信息公开申请${total('1') + total('2') + 5}件`);
    const found = narrative(text);
    strictEqual(found.length, 1);
    ok(found[0].message.includes('一、本年新收·总计'), found[0].message);
  });
  it('next year’s plans in section 五 are not a year-mismatch', () => {
    const text = base.replace('一是公开内容不够全面；二是队伍建设有待加强。', '一是公开内容不够全面。2023年，我局将进一步加强培训。\n下一步，2023年，我局计划完善平台。');
    deepStrictEqual(codes(text), []);
  });
  it('a plan for next year in sections 一–四 is fine too; a past year is not', () => {
    deepStrictEqual(codes(withProse('2023年，我区将继续深化政务公开。')), []);
    deepStrictEqual(codes(withProse('2021年，我区受理申请3件。')), ['year-mismatch']);
    deepStrictEqual(codes(withProse('2023年，我区受理申请3件。')), ['year-mismatch']);
  });
  it('a plan in section 五 whose heading has a typo is still not read as this year’s work', () => {
    const text = withHeading(5, '五、存在的主要问题及改进情祝').replace('一是公开内容不够全面；二是队伍建设有待加强。', '2023年，我局将加强培训，力争受理申请办结率100%。');
    deepStrictEqual(codes(text), ['heading-variant']);
  });
});

describe('headings whose numeral was Word list numbering (lost in the copy)', () => {
  const numbered = renderReport(balancedData('2021', 31), 'tab');
  const bare = numbered
    .split('\n')
    .map((l) => (SECTIONS.some((s) => l === officialHeading(s)) ? l.replace(/^[一二三四五六]、/, '') : l))
    .join('\n');
  it('the six sections are found by their official words, the tables read, one hint each', () => {
    const r = checkReport(bare);
    deepStrictEqual(r.sections.map((s) => `${s.number}${s.title}`), SECTIONS.map((s) => `${s.number}${s.title}`));
    deepStrictEqual(r.tables, checkReport(numbered).tables);
    deepStrictEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
    const hints = r.diagnostics.filter((d) => d.code === 'heading-variant');
    strictEqual(hints.length, 6);
    ok(hints.every((d) => /没有序号/.test(d.message)), hints[0].message);
  });
  it('fix-all does not write the numerals (a suggestion: the Word original numbers them)', () => {
    strictEqual(fixAll(bare).text, bare);
  });
  it('one bare line such as 总体情况 in a notice makes no outline', () => {
    const r = checkReport('关于报送2022年度政府信息公开工作年度报告的通知\n各单位：\n总体情况\n请于1月31日前报送。');
    deepStrictEqual(r.sections, []);
    ok(r.diagnostics.length <= 1);
  });
});
