// The corpus documents: report data, how each one is authored as HTML, and the truth the checker should read.
// Deterministic, plain Node ESM. Truth comes from this data, never from the project's parser.
//
//   import { buildDocuments } from './documents.mjs';
//   for (const { doc, html, truth } of buildDocuments(repoRoot)) …

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { T3_LABELS, t3RowIds, t2Blocks, table2, table3, table4, heading, para, page } from './render.mjs';
import { section1, section2, section3, section4, section5, section6 } from './prose.mjs';

const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

const sum = (a) => a.reduce((x, y) => x + y, 0);
const Z6 = () => [0, 0, 0, 0, 0, 0];

/**
 * Table 3 values from the detail rows. `rows` gives the six applicant columns of 1, 2 and every non-zero 3.x row;
 * 3.7 is the column sum of the 3.x rows, 4 = 1 + 2 − 3.7, 总计 = the sum of the six columns. Everything balances.
 */
function applications(rowIds, rows) {
  const six = {};
  for (const id of rowIds) six[id] = rows[id] ? [...rows[id]] : Z6();
  const results = rowIds.filter((id) => id.startsWith('3.') && id !== '3.7');
  six['3.7'] = Z6().map((_, c) => sum(results.map((id) => six[id][c])));
  six['4'] = Z6().map((_, c) => six['1'][c] + six['2'][c] - six['3.7'][c]);
  if (six['4'].some((v) => v < 0)) throw new Error('negative carry-over: ' + JSON.stringify(rows));
  const out = {};
  for (const id of rowIds) out[id] = [...six[id], sum(six[id])];
  return out;
}

const rv = (four) => [...four, sum(four)];
function review(r = [0, 0, 0, 0], d = [0, 0, 0, 0], a = [0, 0, 0, 0]) {
  return { review: rv(r), suitDirect: rv(d), suitAfterReview: rv(a) };
}

// ------------------------------------------------------------------ synthetic reports
// style keys (see render.mjs): cell 'word'|'p'|'bare'; heading; para; split (merged labels in pieces); brHeaders;
// narrow; blank {a,r,d,total}: how zero cells are written; cells {key: text|[pieces]|null}; thousands; nbspAround;
// padNumbers; labels {official: shown}; chrome (CMS page with breadcrumbs + date).

const REPORTS = [
  {
    doc: 'yunxi-donghu-district-2019', format: '2019', year: 2019, body: '云溪市东湖区人民政府办公室', self: '区政府办公室',
    quirks: 'Word export: <p class=MsoNormal> in every cell, merged labels split into 3-character paragraphs, <br> in header cells (自<br>然<br>人, 本年新<br>制作数量), narrow columns, Word-style headings, <!--[if !supportLists]--> comments',
    style: { cell: 'word', heading: 'word', split: true, brHeaders: true, narrow: true, supportLists: 'comment' },
    t3: { '1': [14, 2, 0, 0, 1, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [8, 1, 0, 0, 0, 0], '3.2': [2, 0, 0, 0, 0, 0], '3.3.4': [1, 0, 0, 0, 0, 0], '3.4.1': [2, 1, 0, 0, 1, 0], '3.5.1': [1, 0, 0, 0, 0, 0] },
    rev: review([1, 0, 0, 0], [0, 0, 1, 0]),
    t2: { 规章: [0, 0, 0], 规范性文件: [6, 6, 41], 行政许可: [112, -3, 1520], 其他对外管理服务事项: [35, 2, 418], 行政处罚: [18, 0, 57], 行政强制: [4, 0, 2], 行政事业性收费: [3, 0], 政府集中采购: [12, 368.2051] },
    purchaseHeader: '采购总金额（单位：万元，保留4位小数）',
  },
  {
    doc: 'changfeng-natural-resources-2020', format: '2019', year: 2020, body: '长丰县自然资源局', self: '我局',
    quirks: 'CMS editor: bare text in cells, &nbsp; padding around numbers, NBSP-only blank cells for zeros, thousands separators (14,205), amount 125000元 in an amount column without unit (= 12.5 万元), heading typo 四、政府信息公开行政复议、行政诉诉讼情况, breadcrumbs and date around the article',
    style: { cell: 'bare', heading: 'strong', nbspAround: true, thousands: true, blank: { a: 'nbsp', r: 'nbsp' }, chrome: '2021-01-26', cells: { 'd:政府集中采购:1': '125000元' } },
    expectedCodes: ['blank-cell'],
    headingText: { 4: '四、政府信息公开行政复议、行政诉诉讼情况' },
    expectedCodesExtra: ['heading-variant'],
    t3: { '1': [46, 5, 0, 0, 2, 1], '2': [3, 0, 0, 0, 0, 0], '3.1': [20, 2, 0, 0, 1, 0], '3.2': [6, 1, 0, 0, 0, 0], '3.3.4': [2, 0, 0, 0, 0, 0], '3.3.7': [1, 0, 0, 0, 0, 0], '3.4.1': [9, 1, 0, 0, 1, 1], '3.4.2': [3, 0, 0, 0, 0, 0], '3.5.1': [4, 0, 0, 0, 0, 0], '3.5.2': [1, 0, 0, 0, 0, 0], '3.6': [1, 0, 0, 0, 0, 0] },
    rev: review([2, 1, 0, 1], [1, 0, 0, 1], [0, 0, 0, 1]),
    t2: { 规章: [0, 0, 0], 规范性文件: [3, 3, 27], 行政许可: [486, 12, 14205], 其他对外管理服务事项: [57, -4, 1022], 行政处罚: [39, 0, 216], 行政强制: [6, 0, 11], 行政事业性收费: [5, -1], 政府集中采购: [1, 12.5] },
  },
  {
    doc: 'moumou-county-market-regulation-2021', format: '2021', year: 2021, body: '某某县市场监督管理局', self: '我局',
    quirks: 'title split over two lines (某某县市场监督管理局2021年 / 政府信息公开工作年度报告), Word export cells, <p>&nbsp;</p><p>7</p> number paragraphs, 22（其中修订16件） in table 2, <strong> headings',
    style: { cell: 'word', heading: 'strong', padNumbers: true, cells: { 'd:行政规范性文件:0': '22（其中修订16件）' } },
    titleLines: ['某某县市场监督管理局2021年', '政府信息公开工作年度报告'],
    t3: { '1': [7, 3, 0, 0, 0, 1], '2': [0, 0, 0, 0, 0, 0], '3.1': [3, 1, 0, 0, 0, 0], '3.2': [1, 1, 0, 0, 0, 0], '3.3.3': [1, 0, 0, 0, 0, 0], '3.4.1': [1, 1, 0, 0, 0, 1], '3.6.1': [1, 0, 0, 0, 0, 0] },
    rev: review([0, 0, 0, 0], [1, 0, 0, 0]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [22, 5, 63], 行政许可: [2381], 行政处罚: [156], 行政强制: [23], 行政事业性收费: [0] },
  },
  {
    doc: 'heyang-ecology-environment-2022', format: '2021', year: 2022, body: '河阳市生态环境局', self: '我局',
    quirks: '2021-format report that keeps the 2019 single row （六）其他处理 (row 3.6), next-year plans (2023年，我局将…) in section 五, <h2> headings, plain <p> cells',
    style: { cell: 'p', heading: 'h2', para: 'indent' },
    row6: 'single', nextYearPlan: true,
    t3: { '1': [18, 6, 1, 2, 1, 0], '2': [2, 1, 0, 0, 0, 0], '3.1': [9, 3, 1, 1, 0, 0], '3.2': [3, 1, 0, 0, 0, 0], '3.3.4': [1, 1, 0, 0, 0, 0], '3.4.1': [3, 1, 0, 1, 1, 0], '3.5.2': [1, 0, 0, 0, 0, 0], '3.6': [2, 0, 0, 0, 0, 0] },
    rev: review([1, 0, 1, 0], [0, 0, 0, 1]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [2, 1, 14], 行政许可: [643], 行政处罚: [87], 行政强制: [12], 行政事业性收费: [0] },
  },
  {
    doc: 'ningyuan-transport-2022', format: '2021', year: 2022, body: '宁远市交通运输局', self: '我局',
    quirks: 'genuinely empty <td></td> for zero cells, full-width digits (１２) in one cell, 10万元 in the 收费金额 cell, headings indented with &emsp;, prose 予以公开及部分公开N件 (= 3.1 + 3.2)',
    style: { cell: 'p', heading: 'emsp', para: 'emsp', blank: { a: 'empty', r: 'empty' }, cells: { 'a:1:0': '１２', 'd:行政事业性收费:0': '10万元' } },
    expectedCodes: ['blank-cell'],
    prose3: 'open+part',
    t3: { '1': [12, 4, 0, 0, 1, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [6, 2, 0, 0, 0, 0], '3.2': [2, 1, 0, 0, 0, 0], '3.4.1': [2, 1, 0, 0, 1, 0], '3.5.1': [2, 0, 0, 0, 0, 0], '3.6.3': [1, 0, 0, 0, 0, 0] },
    rev: review(),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [3, 0, 19], 行政许可: [1836], 行政处罚: [425], 行政强制: [0], 行政事业性收费: [10] },
  },
  {
    doc: 'qingjiang-education-2023', format: '2021', year: 2023, body: '清江县教育局', self: '我局',
    quirks: 'heading wording 五、存在的主要问题及整改措施, prose 收到申请N件 = 新收 + 上年结转, leading TAB before headings, <b> headings, 3笔 in a table-2 cell, NBSP-only blank review cells',
    style: { cell: 'bare', heading: 'tab', blank: { r: 'nbsp' }, cells: { 'd:行政强制:0': '3笔' } },
    expectedCodes: ['heading-variant', 'blank-cell'],
    headingText: { 5: '五、存在的主要问题及整改措施' },
    prose3: 'sum12',
    t3: { '1': [9, 0, 0, 1, 0, 0], '2': [2, 0, 0, 0, 0, 0], '3.1': [5, 0, 0, 1, 0, 0], '3.2': [1, 0, 0, 0, 0, 0], '3.4.1': [2, 0, 0, 0, 0, 0], '3.5.3': [1, 0, 0, 0, 0, 0] },
    rev: review([0, 0, 0, 1]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [4, 2, 30], 行政许可: [95], 行政处罚: [7], 行政强制: [3], 行政事业性收费: [0] },
  },
  {
    doc: 'beilin-district-2024', format: '2021', year: 2024, body: '北林区人民政府', self: '区政府',
    quirks: 'large numbers with thousands separators inside table 3 (1,024), narrow width-styled columns, plain <p> cells, 2-character label pieces, breadcrumbs and date',
    style: { cell: 'p', heading: 'b', narrow: true, thousands: true, split: true, splitN: 2, chrome: '2025-01-20' },
    t3: { '1': [1024, 206, 3, 11, 38, 9], '2': [57, 12, 0, 0, 2, 1], '3.1': [402, 88, 1, 4, 15, 2], '3.2': [131, 30, 0, 2, 6, 1], '3.3.1': [2, 0, 0, 0, 0, 0], '3.3.4': [17, 6, 0, 0, 1, 0], '3.3.5': [9, 1, 0, 0, 0, 0], '3.3.6': [14, 3, 0, 1, 0, 0], '3.3.7': [6, 0, 0, 0, 1, 0], '3.3.8': [11, 2, 0, 0, 0, 0], '3.4.1': [231, 41, 1, 2, 9, 3], '3.4.2': [28, 5, 0, 0, 1, 0], '3.4.3': [19, 4, 0, 1, 0, 1], '3.5.1': [47, 8, 0, 0, 1, 1], '3.5.2': [33, 5, 0, 0, 2, 0], '3.5.3': [4, 0, 0, 0, 0, 0], '3.5.4': [12, 0, 0, 0, 0, 0], '3.5.5': [3, 1, 0, 0, 0, 0], '3.6.1': [21, 4, 0, 1, 1, 0], '3.6.2': [2, 1, 0, 0, 0, 0], '3.6.3': [16, 3, 0, 0, 1, 1] },
    rev: review([12, 3, 4, 5], [6, 1, 2, 7], [2, 0, 1, 3]),
    t2: { 规章: [1, 0, 7], 行政规范性文件: [35, 12, 212], 行政许可: [28417], 行政处罚: [3906], 行政强制: [214], 行政事业性收费: [2067.5172] },
  },
  {
    doc: 'anping-health-commission-2020', format: '2019', year: 2020, body: '安平县卫生健康委员会', self: '我委',
    quirks: 'Word export with <br> headers and split merged labels (2-character pieces), signed 本年增/减 (+5, -267), amount 2067.5172 under a header with its unit, review and litigation cases',
    style: { cell: 'word', heading: 'b', split: true, splitN: 2, brHeaders: true, signed: true },
    t3: { '1': [31, 4, 0, 1, 0, 2], '2': [0, 1, 0, 0, 0, 0], '3.1': [17, 3, 0, 1, 0, 1], '3.2': [5, 0, 0, 0, 0, 0], '3.3.6': [1, 0, 0, 0, 0, 0], '3.4.1': [4, 1, 0, 0, 0, 1], '3.5.1': [2, 0, 0, 0, 0, 0], '3.6': [1, 0, 0, 0, 0, 0] },
    rev: review([1, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0]),
    t2: { 规章: [0, 0, 0], 规范性文件: [4, 4, 33], 行政许可: [1395, -267, 1968], 其他对外管理服务事项: [84, -28, 885], 行政处罚: [172, -32, 85], 行政强制: [1, 5, 0], 行政事业性收费: [4, 1], 政府集中采购: [14, 2067.5172] },
    purchaseHeader: '采购总金额（单位：万元，保留4位小数）',
  },
  {
    doc: 'xiling-town-2021', format: '2021', year: 2021, body: '西岭镇人民政府', self: '我镇',
    quirks: 'CMS text cells with escaped Word list leftovers (&lt;!--[if !supportLists]--&gt; visible in the text), NBSP-only blank cells in tables 2-4, plain paragraphs as headings, no applications at all (all zero)',
    style: { cell: 'bare', heading: 'p', blank: { a: 'nbsp', r: 'nbsp', d: 'nbsp' }, supportLists: 'escaped' },
    expectedCodes: ['blank-cell'],
    t3: {},
    rev: review(),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [0, 0, 2], 行政许可: [41], 行政处罚: [0], 行政强制: [0], 行政事业性收费: [0] },
  },
  // ---------------------------------------------------------------- known errors
  {
    doc: 'linhu-finance-2022-total-short', format: '2021', year: 2022, body: '临湖市财政局', self: '我局',
    quirks: 'KNOWN ERROR: （七）总计 printed 2 smaller than the sum of its rows in 自然人 and 总计, so 1+2 = 3.7+4 fails in those columns; Word cells',
    style: { cell: 'word', heading: 'strong' },
    sound: false, expectedCodes: ['total-mismatch', 'balance-mismatch'], prose3: 'none',
    t3: { '1': [15, 2, 0, 0, 1, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [8, 1, 0, 0, 0, 0], '3.2': [2, 0, 0, 0, 0, 0], '3.4.1': [3, 1, 0, 0, 1, 0], '3.5.1': [2, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['3.7'][0] -= 2; a['3.7'][6] -= 2; },
    rev: review([0, 1, 0, 0]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [5, 1, 40], 行政许可: [0], 行政处罚: [12], 行政强制: [0], 行政事业性收费: [1.2] },
  },
  {
    doc: 'dongshan-county-2020-row-total', format: '2019', year: 2020, body: '东山县人民政府', self: '县政府',
    quirks: 'KNOWN ERROR: row （一）予以公开 总计 off by one (sum of the six columns is 19, printed 20), so （七）总计 also differs from the sum of the 3.x totals; CMS <p> cells',
    style: { cell: 'p', heading: 'h2' },
    sound: false, expectedCodes: ['total-mismatch'],
    t3: { '1': [22, 3, 0, 0, 0, 0], '2': [0, 0, 0, 0, 0, 0], '3.1': [17, 2, 0, 0, 0, 0], '3.2': [2, 0, 0, 0, 0, 0], '3.4.1': [2, 1, 0, 0, 0, 0], '3.5.1': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['3.1'][6] += 1; },
    rev: review(),
    t2: { 规章: [0, 0, 0], 规范性文件: [2, 2, 18], 行政许可: [65, 0, 412], 其他对外管理服务事项: [12, 0, 96], 行政处罚: [21, 1, 64], 行政强制: [2, 0, 3], 行政事业性收费: [2, 0], 政府集中采购: [6, 51.3] },
    purchaseHeader: '采购总金额（单位：万元）',
  },
  {
    doc: 'nanhe-housing-2023-prose', format: '2021', year: 2023, body: '南河市住房和城乡建设局', self: '我局',
    quirks: 'KNOWN WARNING: prose 收到申请N件 is 5 more than 新收 (and equals no other sum of the rows: narrative-mismatch); tables balance; bare cells',
    style: { cell: 'bare', heading: 'b' },
    sound: false, expectedCodes: ['narrative-mismatch'], prose3: 'wrong',
    t3: { '1': [26, 7, 0, 0, 1, 0], '2': [3, 0, 0, 0, 0, 0], '3.1': [12, 3, 0, 0, 1, 0], '3.2': [4, 1, 0, 0, 0, 0], '3.3.4': [1, 0, 0, 0, 0, 0], '3.4.1': [5, 2, 0, 0, 0, 0], '3.5.2': [2, 0, 0, 0, 0, 0], '3.6.1': [1, 0, 0, 0, 0, 0] },
    rev: review([1, 0, 0, 0], [0, 1, 0, 0]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [6, 2, 47], 行政许可: [3311], 行政处罚: [164], 行政强制: [9], 行政事业性收费: [0] },
  },
  {
    doc: 'xihe-district-2021-blank-total', format: '2021', year: 2021, body: '西河区人民政府办公室', self: '区政府办公室',
    quirks: 'KNOWN ERROR: the whole 总计 column of table 3 left blank while the detail columns are filled (blank = 0, so every non-zero row total fails); NBSP blank cells elsewhere; Word cells',
    style: { cell: 'word', heading: 'word', blankTotal: true, blank: { a: 'nbsp', total: 'nbsp' } },
    sound: false, expectedCodes: ['total-mismatch', 'blank-cell'], prose3: 'none',
    t3: { '1': [8, 1, 0, 0, 0, 0], '2': [0, 0, 0, 0, 0, 0], '3.1': [5, 1, 0, 0, 0, 0], '3.2': [1, 0, 0, 0, 0, 0], '3.4.1': [2, 0, 0, 0, 0, 0] },
    tamper: (a) => { for (const id of Object.keys(a)) a[id][6] = 0; },
    rev: review(),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [1, 0, 9], 行政许可: [0], 行政处罚: [0], 行政强制: [0], 行政事业性收费: [0] },
  },  // ---------------------------------------------------------------- sparse tables, wrapped cells, long numbers
  {
    doc: 'fengyang-civil-affairs-2020-sparse-row-total', format: '2019', year: 2020, body: '枫阳县民政局', self: '我局',
    quirks: 'KNOWN ERROR in a sparse table: zeros of tables 2-4 written as NBSP-only Word paragraphs (pdftotext -layout rows keep one or two numbers); row 1.本机关不掌握相关政府信息 总计 printed 3 where its only filled cell is 2, so （七）总计 (10) also differs from the sum of the 3.x totals (11); Word cells and headings',
    style: { cell: 'word', heading: 'word', blank: { a: 'nbsp', r: 'nbsp', d: 'nbsp' } },
    sound: false, expectedCodes: ['total-mismatch', 'blank-cell'],
    t3: { '1': [9, 0, 0, 0, 1, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [4, 0, 0, 0, 0, 0], '3.2': [1, 0, 0, 0, 1, 0], '3.3.4': [1, 0, 0, 0, 0, 0], '3.4.1': [2, 0, 0, 0, 0, 0], '3.5.2': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['3.4.1'][6] += 1; },
    rev: review([1, 0, 0, 0]),
    t2: { 规章: [0, 0, 0], 规范性文件: [2, 2, 15], 行政许可: [23, 0, 186], 其他对外管理服务事项: [0, 0, 0], 行政处罚: [0, 0, 0], 行政强制: [0, 0, 0], 行政事业性收费: [0, 0], 政府集中采购: [3, 28.6] },
    purchaseHeader: '采购总金额（单位：万元）',
  },
  {
    doc: 'lushan-water-resources-2022-sparse-carry', format: '2021', year: 2022, body: '鹿山市水利局', self: '我局',
    quirks: 'KNOWN ERROR in a sparse table: zeros of tables 3 and 4 are genuinely empty <td></td> in bare CMS cells; 四、结转下年度继续办理 printed 2 in 自然人 and 总计 where 1+2−（七） gives 1, so 1+2 = 3.7+4 fails in those two columns while every row total and the （七） sums hold (balance-mismatch only)',
    style: { cell: 'bare', heading: 'b', blank: { a: 'empty', r: 'empty' } },
    sound: false, expectedCodes: ['balance-mismatch', 'blank-cell'],
    t3: { '1': [6, 0, 0, 0, 0, 1], '2': [0, 1, 0, 0, 0, 0], '3.1': [3, 0, 0, 0, 0, 0], '3.2': [0, 1, 0, 0, 0, 0], '3.4.1': [1, 0, 0, 0, 0, 1], '3.5.1': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['4'][0] += 1; a['4'][6] += 1; },
    rev: review(),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [1, 0, 11], 行政许可: [318], 行政处罚: [26], 行政强制: [0], 行政事业性收费: [4.5] },
  },
  {
    doc: 'shiqiao-town-2022-review-total', format: '2021', year: 2022, body: '石桥镇人民政府', self: '我镇',
    quirks: 'KNOWN ERROR in table 4: 行政复议 总计 printed 3 where 结果维持 1 + 尚未审结 1 = 2 (the prose repeats the printed 3); zero review cells are NBSP-only <p>; plain <p> cells, &emsp; headings',
    style: { cell: 'p', heading: 'emsp', para: 'emsp', blank: { r: 'nbsp' } },
    sound: false, expectedCodes: ['total-mismatch', 'blank-cell'],
    t3: { '1': [4, 1, 0, 0, 0, 0], '2': [0, 0, 0, 0, 0, 0], '3.1': [2, 1, 0, 0, 0, 0], '3.4.1': [1, 0, 0, 0, 0, 0], '3.5.2': [1, 0, 0, 0, 0, 0] },
    rev: { review: [1, 0, 0, 1, 3], suitDirect: [0, 0, 0, 1, 1], suitAfterReview: [0, 0, 0, 0, 0] },
    t2: { 规章: [0, 0, 0], 行政规范性文件: [0, 0, 4], 行政许可: [57], 行政处罚: [2], 行政强制: [0], 行政事业性收费: [0] },
  },
  {
    doc: 'songling-district-2021-wrapped-cells', format: '2021', year: 2021, body: '松岭区人民政府办公室', self: '区政府办公室',
    quirks: 'bare CMS cells (no <p>) with <br> inside label and header cells, so each cell wraps onto several lines: 行政规范<br>性文件, 行政<br>许可, 行政<br>处罚, 本年<br>制发件数, 1.属于国家<br>秘密, （一）予以<br>公开, 三、本年度<br>办理结果, 自<br>然<br>人, 结果<br>维持; every zero written as 0',
    style: {
      cell: 'bare', heading: 'b', brHeaders: true,
      heads: { 本年制发件数: '本年<br>制发件数', 本年废止件数: '本年<br>废止件数', 现行有效件数: '现行<br>有效件数', 本年处理决定数量: '本年处理<br>决定数量', '本年收费金额（单位：万元）': '本年收费金额<br>（单位：万元）' },
      labels: {
        行政规范性文件: '行政规范<br>性文件', 行政许可: '行政<br>许可', 行政处罚: '行政<br>处罚', 行政强制: '行政<br>强制', 行政事业性收费: '行政事业<br>性收费',
        '一、本年新收政府信息公开申请数量': '一、本年新收政府<br>信息公开申请数量', '二、上年结转政府信息公开申请数量': '二、上年结转政府<br>信息公开申请数量',
        '三、本年度办理结果': '三、本年度<br>办理结果', '（一）予以公开': '（一）予以<br>公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）': '（二）部分公开<br>（区分处理的，只计这一情形，不计其他情形）',
        '（三）不予公开': '（三）不予<br>公开', '1.属于国家秘密': '1.属于国家<br>秘密', '4.保护第三方合法权益': '4.保护第三方<br>合法权益',
        '（四）无法提供': '（四）无法<br>提供', '1.本机关不掌握相关政府信息': '1.本机关不掌握<br>相关政府信息', '（五）不予处理': '（五）不予<br>处理',
        '（六）其他处理': '（六）其他<br>处理', '四、结转下年度继续办理': '四、结转下年度<br>继续办理',
      },
    },
    t3: { '1': [21, 4, 1, 0, 2, 1], '2': [2, 1, 0, 0, 0, 0], '3.1': [10, 2, 0, 0, 1, 0], '3.2': [3, 1, 0, 0, 0, 0], '3.3.1': [1, 0, 0, 0, 0, 0], '3.3.4': [1, 0, 0, 0, 0, 0], '3.4.1': [4, 1, 1, 0, 1, 1], '3.5.1': [1, 0, 0, 0, 0, 0], '3.6.3': [1, 0, 0, 0, 0, 0] },
    rev: review([1, 0, 0, 1], [0, 1, 0, 0]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [5, 2, 38], 行政许可: [927], 行政处罚: [64], 行政强制: [3], 行政事业性收费: [0] },
  },
  {
    doc: 'taoxi-county-2020-wrapped-total', format: '2019', year: 2020, body: '桃溪县人民政府', self: '县政府',
    quirks: 'KNOWN ERROR in wrapped bare cells: （七）总计 自然人 printed 18 where its rows sum to 17 (its 总计 21 is right), so the （七） row total, the （七） sum and 1+2 = 3.7+4 fail in 自然人; 2019 format with <br> inside bare label and header cells (规范<br>性文件, 行政<br>许可, 本年新<br>制作数量, 上一年<br>项目数量, 1.属于国家<br>秘密, （一）予以<br>公开, 结果<br>维持)',
    style: {
      cell: 'bare', heading: 'p', brHeaders: true,
      heads: { 上一年项目数量: '上一年<br>项目数量', 处理决定数量: '处理决定<br>数量', 对外公开总数量: '对外公开<br>总数量', 采购项目数量: '采购项目<br>数量' },
      labels: {
        规范性文件: '规范<br>性文件', 行政许可: '行政<br>许可', 其他对外管理服务事项: '其他对外管理<br>服务事项', 行政处罚: '行政<br>处罚', 行政强制: '行政<br>强制', 行政事业性收费: '行政事业<br>性收费', 政府集中采购: '政府集中<br>采购',
        '三、本年度办理结果': '三、本年度<br>办理结果', '（一）予以公开': '（一）予以<br>公开', '（三）不予公开': '（三）不予<br>公开', '1.属于国家秘密': '1.属于国家<br>秘密',
        '（四）无法提供': '（四）无法<br>提供', '1.本机关不掌握相关政府信息': '1.本机关不掌握<br>相关政府信息', '（五）不予处理': '（五）不予<br>处理', '1.信访举报投诉类申请': '1.信访举报<br>投诉类申请',
        '四、结转下年度继续办理': '四、结转下年度<br>继续办理',
      },
    },
    sound: false, expectedCodes: ['total-mismatch', 'balance-mismatch'],
    t3: { '1': [17, 3, 0, 1, 0, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [8, 2, 0, 1, 0, 0], '3.2': [2, 0, 0, 0, 0, 0], '3.3.1': [1, 0, 0, 0, 0, 0], '3.4.1': [3, 1, 0, 0, 0, 0], '3.5.1': [2, 0, 0, 0, 0, 0], '3.6': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['3.7'][0] += 1; },
    rev: review([0, 1, 0, 0]),
    t2: { 规章: [0, 0, 0], 规范性文件: [3, 3, 25], 行政许可: [214, 5, 1830], 其他对外管理服务事项: [41, -2, 307], 行政处罚: [33, 0, 129], 行政强制: [5, 0, 4], 行政事业性收费: [3, 0], 政府集中采购: [9, 86.42] },
    purchaseHeader: '采购总金额（单位：万元）',
  },
  {
    doc: 'jinhe-finance-2020-long-amounts', format: '2019', year: 2020, body: '金河市财政局', self: '我局',
    quirks: 'a narrow table (420px wide) with long numbers: 采购总金额 12,345.6789 (万元, unit in the header), counts with thousands separators in tables 2 and 3 (23,587, 1,318), plain <p> cells, <h2> headings; sound',
    style: { cell: 'p', heading: 'h2', narrow: true, thousands: true, tableOpen: '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:420px">' },
    t3: { '1': [1318, 247, 6, 3, 19, 12], '2': [64, 9, 0, 0, 1, 0], '3.1': [596, 118, 3, 1, 8, 5], '3.2': [187, 33, 1, 0, 3, 2], '3.3.4': [21, 4, 0, 0, 0, 0], '3.3.6': [9, 2, 0, 0, 0, 0], '3.4.1': [302, 51, 1, 1, 5, 3], '3.4.2': [41, 6, 0, 0, 1, 0], '3.5.1': [57, 10, 0, 0, 1, 1], '3.5.2': [38, 4, 0, 0, 0, 0], '3.6': [29, 5, 1, 0, 1, 0] },
    rev: review([3, 2, 1, 1], [2, 1, 0, 2], [1, 0, 0, 1]),
    t2: { 规章: [0, 0, 0], 规范性文件: [12, 12, 146], 行政许可: [1306, -15, 23587], 其他对外管理服务事项: [88, 3, 10462], 行政处罚: [214, 6, 1093], 行政强制: [17, 0, 28], 行政事业性收费: [26, -2], 政府集中采购: [1284, 12345.6789] },
    purchaseHeader: '采购总金额（单位：万元，保留4位小数）',
  },
  {
    doc: 'lianhua-township-2021-blank-total-prose', format: '2021', year: 2021, body: '莲花乡人民政府', self: '我乡',
    quirks: 'KNOWN ERROR: the 总计 column of table 3 left blank (NBSP-only <p>) while the detail cells are filled; the prose 予以公开及部分公开N件 gives N = （一）+（二） of the filled cells (6), so it agrees with the report and must not be called a narrative mismatch (forbiddenCodes); NBSP blank cells elsewhere; plain <p> cells',
    style: { cell: 'p', heading: 'strong', para: 'indent', blankTotal: true, blank: { a: 'nbsp', total: 'nbsp', r: 'nbsp' } },
    sound: false, expectedCodes: ['total-mismatch', 'blank-cell'], forbiddenCodes: ['narrative-mismatch'],
    prose3: 'open+part-only', proseBeforeTamper: true,
    t3: { '1': [7, 2, 0, 0, 0, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [3, 1, 0, 0, 0, 0], '3.2': [2, 0, 0, 0, 0, 0], '3.4.1': [1, 1, 0, 0, 0, 0], '3.5.3': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { for (const id of Object.keys(a)) a[id][6] = 0; },
    rev: review(),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [0, 0, 1], 行政许可: [36], 行政处罚: [0], 行政强制: [0], 行政事业性收费: [0] },
  },
  {
    doc: 'baishui-township-2019-sparse', format: '2019', year: 2019, body: '白水乡人民政府', self: '我乡',
    quirks: 'sound sparse report: every zero of tables 2-4 is a genuinely empty <td></td> (plain <p> cells elsewhere), so most rows hold one or two numbers in every shape; plain paragraphs as headings',
    style: { cell: 'p', heading: 'p', blank: { a: 'empty', r: 'empty', d: 'empty' } },
    expectedCodes: ['blank-cell'],
    t3: { '1': [5, 0, 0, 0, 0, 1], '3.1': [2, 0, 0, 0, 0, 1], '3.2': [1, 0, 0, 0, 0, 0], '3.4.1': [1, 0, 0, 0, 0, 0], '3.5.1': [1, 0, 0, 0, 0, 0] },
    rev: review(),
    t2: { 规章: [0, 0, 0], 规范性文件: [0, 0, 3], 行政许可: [12, 0, 37], 其他对外管理服务事项: [0, 0, 0], 行政处罚: [0, 0, 0], 行政强制: [0, 0, 0], 行政事业性收费: [0, 0], 政府集中采购: [0, 0] },
  },
  // ---------------------------------------------------------------- held-out set (written without reading the reader)
  {
    doc: 'hongling-township-2022-sparse-row-total', format: '2021', year: 2022, body: '红岭镇人民政府', self: '我镇',
    quirks: 'KNOWN ERROR in a sparse table: every zero of tables 2-4 is an NBSP-only <p> and every non-zero number of table 3 sits after an NBSP paragraph (<p>&nbsp;</p><p>3</p>); row 2.重复申请 总计 printed 2 where its only filled cell (自然人) is 1, so that row total fails and （七）总计 9 differs from the sum of the 3.x totals (10); 1+2 = 3.7+4 holds; <br> headers, &emsp; headings',
    style: { cell: 'p', heading: 'emsp', para: 'emsp', brHeaders: true, padNumbers: true, blank: { a: 'nbsp', r: 'nbsp', d: 'nbsp' } },
    sound: false, expectedCodes: ['total-mismatch', 'blank-cell'],
    t3: { '1': [7, 0, 0, 0, 0, 1], '2': [1, 0, 0, 0, 0, 0], '3.1': [3, 0, 0, 0, 0, 0], '3.2': [1, 0, 0, 0, 0, 0], '3.3.4': [1, 0, 0, 0, 0, 0], '3.4.1': [1, 0, 0, 0, 0, 1], '3.5.2': [1, 0, 0, 0, 0, 0], '3.6.1': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['3.5.2'][6] += 1; },
    rev: review(),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [0, 0, 3], 行政许可: [28], 行政处罚: [0], 行政强制: [0], 行政事业性收费: [0] },
  },
  {
    doc: 'qinghe-county-2019-results-column', format: '2019', year: 2019, body: '清河县人民政府', self: '县政府',
    quirks: 'KNOWN ERROR with wide numbers in narrow bare cells: （七）总计 商业企业 printed 164 where its 3.x rows sum to 163 (and its 总计 1,370 where they sum to 1,369), while 四、结转 was lowered by one (商业企业 26, 总计 138) so every row total and 1+2 = 3.7+4 still hold: only the （七） column sums fail; thousands separators (1,206, 26,315, 8,642.1573), signed 本年增/减, <br> in bare header and label cells, width-styled narrow columns',
    style: {
      cell: 'bare', heading: 'strong', brHeaders: true, narrow: true, thousands: true, signed: true,
      heads: { 上一年项目数量: '上一年<br>项目数量', 处理决定数量: '处理决定<br>数量', 对外公开总数量: '对外公开<br>总数量' },
      labels: {
        规范性文件: '规范<br>性文件', 其他对外管理服务事项: '其他对外<br>管理服务事项', 行政事业性收费: '行政事业<br>性收费',
        '三、本年度办理结果': '三、本年度<br>办理结果', '（三）不予公开': '（三）不予<br>公开', '（四）无法提供': '（四）无法<br>提供',
        '（五）不予处理': '（五）不予<br>处理', '1.本机关不掌握相关政府信息': '1.本机关不掌握<br>相关政府信息', '四、结转下年度继续办理': '四、结转下年度<br>继续办理',
      },
    },
    sound: false, expectedCodes: ['total-mismatch'],
    t3: { '1': [1206, 184, 7, 12, 35, 9], '2': [48, 6, 0, 0, 1, 0], '3.1': [513, 79, 3, 5, 14, 4], '3.2': [162, 21, 1, 2, 5, 1], '3.3.1': [3, 0, 0, 0, 0, 0], '3.3.4': [26, 4, 0, 0, 1, 0], '3.3.6': [11, 2, 0, 0, 0, 0], '3.4.1': [287, 38, 2, 3, 9, 2], '3.4.2': [36, 5, 0, 0, 1, 0], '3.5.1': [64, 9, 0, 1, 2, 1], '3.5.2': [29, 3, 0, 0, 0, 0], '3.6': [17, 2, 0, 0, 1, 0] },
    tamper: (a) => { a['3.7'][1] += 1; a['3.7'][6] += 1; a['4'][1] -= 1; a['4'][6] -= 1; },
    rev: review([5, 2, 1, 3], [3, 1, 0, 2], [1, 0, 0, 1]),
    t2: { 规章: [0, 0, 0], 规范性文件: [9, 9, 132], 行政许可: [1742, -36, 26315], 其他对外管理服务事项: [215, 8, 4087], 行政处罚: [388, 12, 2964], 行政强制: [46, -3, 127], 行政事业性收费: [31, -2], 政府集中采购: [326, 8642.1573] },
    purchaseHeader: '采购总金额（单位：万元）',
  },
  {
    doc: 'yanbei-district-2023-carry-in', format: '2021', year: 2023, body: '雁北区人民政府办公室', self: '区政府办公室',
    quirks: 'KNOWN ERROR: 二、上年结转 自然人 printed 4 (总计 5) where the rows balance with 3 (4), so 1+2 = 3.7+4 fails in 自然人 and 总计 while every row total and the （七） sums hold (balance-mismatch only); full-width digits in three table-3 cells (３８, ４７, １７); Word export cells with <br> headers and merged labels split into 2-character paragraphs; prose 收到申请N件（含上年结转M件） = 新收 + 上年结转 as printed',
    style: { cell: 'word', heading: 'word', split: true, splitN: 2, brHeaders: true, cells: { 'a:1:0': '３８', 'a:1:6': '４７', 'a:3.1:0': '１７' } },
    sound: false, expectedCodes: ['balance-mismatch'], prose3: 'sum12',
    t3: { '1': [38, 6, 0, 1, 2, 0], '2': [3, 1, 0, 0, 0, 0], '3.1': [17, 3, 0, 1, 1, 0], '3.2': [6, 1, 0, 0, 0, 0], '3.3.3': [1, 0, 0, 0, 0, 0], '3.3.4': [2, 0, 0, 0, 0, 0], '3.4.1': [8, 2, 0, 0, 1, 0], '3.4.3': [1, 0, 0, 0, 0, 0], '3.5.1': [2, 0, 0, 0, 0, 0], '3.6.1': [1, 1, 0, 0, 0, 0], '3.6.3': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['2'][0] += 1; a['2'][6] += 1; },
    rev: review([2, 1, 0, 1], [1, 0, 1, 0]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [3, 1, 26], 行政许可: [1524], 行政处罚: [312], 行政强制: [18], 行政事业性收费: [0] },
  },
  {
    doc: 'jiangkou-public-security-2024-review-total', format: '2021', year: 2024, body: '江口市公安局', self: '我局',
    quirks: 'KNOWN ERROR in table 4: 行政诉讼·未经复议直接起诉 总计 printed 13 where 6+1+2+3 = 12 (the prose repeats the printed 13 + 4 = 17); table 3 balances with 3- and 4-digit numbers (2,318, 1,045, 402) in a 460px table of plain <p> cells with thousands separators, table 2 counts 48,213 and 12,406; <h2> headings, breadcrumbs and date',
    style: { cell: 'p', heading: 'h2', narrow: true, thousands: true, chrome: '2025-01-22', tableOpen: '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:460px">' },
    sound: false, expectedCodes: ['total-mismatch'],
    t3: { '1': [2318, 96, 2, 4, 57, 13], '2': [112, 5, 0, 0, 3, 1], '3.1': [1045, 41, 1, 2, 23, 5], '3.2': [276, 12, 0, 1, 8, 2], '3.3.1': [4, 0, 0, 0, 0, 0], '3.3.2': [7, 0, 0, 0, 0, 0], '3.3.4': [38, 2, 0, 0, 1, 0], '3.3.7': [96, 3, 0, 0, 2, 0], '3.3.8': [41, 1, 0, 0, 0, 1], '3.4.1': [402, 17, 1, 1, 11, 3], '3.4.2': [57, 2, 0, 0, 1, 0], '3.4.3': [23, 1, 0, 0, 0, 0], '3.5.1': [118, 4, 0, 0, 2, 1], '3.5.2': [64, 2, 0, 0, 1, 0], '3.5.4': [9, 0, 0, 0, 0, 0], '3.5.5': [6, 0, 0, 0, 0, 0], '3.6.1': [31, 2, 0, 0, 1, 0], '3.6.3': [12, 1, 0, 0, 1, 0] },
    rev: { review: [14, 3, 2, 5, 24], suitDirect: [6, 1, 2, 3, 13], suitAfterReview: [2, 0, 1, 1, 4] },
    t2: { 规章: [0, 0, 0], 行政规范性文件: [4, 2, 37], 行政许可: [48213], 行政处罚: [12406], 行政强制: [1387], 行政事业性收费: [356.82] },
  },
  {
    doc: 'nanping-town-2020-blank-total-cell', format: '2019', year: 2020, body: '南坪镇人民政府', self: '我镇',
    quirks: 'KNOWN ERROR: one blank 总计 cell — row （一）予以公开 has 自然人 5 and 商业企业 1 but its 总计 is an NBSP-only Word paragraph (blank = 0), so that row total fails and the 3.x totals sum to 9 against （七）总计 15; every other zero written as 0 (the only blank cell of the report); Word cells, <b> headings',
    style: { cell: 'word', heading: 'b', cells: { 'a:3.1:6': '&nbsp;' } },
    sound: false, expectedCodes: ['total-mismatch', 'blank-cell'],
    t3: { '1': [11, 2, 0, 0, 0, 1], '2': [1, 0, 0, 0, 0, 0], '3.1': [5, 1, 0, 0, 0, 0], '3.2': [2, 0, 0, 0, 0, 1], '3.3.4': [1, 0, 0, 0, 0, 0], '3.4.1': [2, 1, 0, 0, 0, 0], '3.5.1': [1, 0, 0, 0, 0, 0], '3.6': [1, 0, 0, 0, 0, 0] },
    tamper: (a) => { a['3.1'][6] = 0; },
    rev: review(),
    t2: { 规章: [0, 0, 0], 规范性文件: [1, 1, 8], 行政许可: [16, 0, 74], 其他对外管理服务事项: [3, 0, 21], 行政处罚: [5, -1, 9], 行政强制: [0, 0, 0], 行政事业性收费: [0, 0], 政府集中采购: [2, 18.75] },
    purchaseHeader: '采购总金额（单位：万元）',
  },
  {
    doc: 'liuxi-housing-2021-prose', format: '2021', year: 2021, body: '柳溪县住房和城乡建设局', self: '我局',
    quirks: 'KNOWN WARNING in a sparse report: prose 收到申请16件 where table 3 has 新收 11 (1+2 = 12, （七） 11: no sum of the rows gives 16, narrative-mismatch); tables balance; zeros of tables 2-4 are genuinely empty <td></td> in bare CMS cells; 行政许可 1,206; TAB before <b> headings',
    style: { cell: 'bare', heading: 'tab', thousands: true, blank: { a: 'empty', r: 'empty', d: 'empty' } },
    sound: false, expectedCodes: ['narrative-mismatch', 'blank-cell'], prose3: 'wrong',
    t3: { '1': [9, 2, 0, 0, 0, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [4, 1, 0, 0, 0, 0], '3.2': [1, 0, 0, 0, 0, 0], '3.4.1': [3, 1, 0, 0, 0, 0], '3.5.1': [1, 0, 0, 0, 0, 0] },
    rev: review([0, 0, 0, 1]),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [2, 0, 15], 行政许可: [1206], 行政处罚: [37], 行政强制: [0], 行政事业性收费: [0] },
  },
  {
    doc: 'dongpo-township-2025-sparse', format: '2021', year: 2025, body: '东坡乡人民政府', self: '我乡',
    quirks: 'sound sparse report: every zero of tables 2-4 an NBSP-only <p>, so most rows of table 3 hold one or two numbers; full-width digits (６ and ７ in row 一); merged labels split into 3-character paragraphs; prose 予以公开及部分公开4件 (= 3.1 + 3.2, agrees); <strong> headings',
    style: { cell: 'p', heading: 'strong', para: 'indent', split: true, blank: { a: 'nbsp', r: 'nbsp', d: 'nbsp' }, cells: { 'a:1:0': '６', 'a:1:6': '７' } },
    expectedCodes: ['blank-cell'], prose3: 'open+part',
    t3: { '1': [6, 0, 0, 0, 0, 1], '3.1': [3, 0, 0, 0, 0, 0], '3.2': [1, 0, 0, 0, 0, 0], '3.4.1': [1, 0, 0, 0, 0, 1], '3.5.3': [1, 0, 0, 0, 0, 0] },
    rev: review(),
    t2: { 规章: [0, 0, 0], 行政规范性文件: [0, 0, 2], 行政许可: [19], 行政处罚: [0], 行政强制: [0], 行政事业性收费: [0] },
  },
  {
    doc: 'meixi-statistics-2020-sparse', format: '2019', year: 2020, body: '梅溪县统计局', self: '我局',
    quirks: 'sound sparse report: every zero of tables 2-4 a genuinely empty <td></td> among Word export cells (narrow widths, <br> headers, merged labels in 3-character paragraphs); signed 本年增/减 (+1), 1,052 and 1,286.4 (万元) in narrow table-2 cells; prose 收到申请N件（含上年结转M件） = 新收 + 上年结转 (agrees)',
    style: { cell: 'word', heading: 'word', narrow: true, brHeaders: true, split: true, signed: true, thousands: true, blank: { a: 'empty', r: 'empty', d: 'empty' } },
    expectedCodes: ['blank-cell'], prose3: 'sum12',
    t3: { '1': [4, 1, 0, 0, 0, 0], '2': [1, 0, 0, 0, 0, 0], '3.1': [2, 0, 0, 0, 0, 0], '3.2': [0, 1, 0, 0, 0, 0], '3.3.6': [1, 0, 0, 0, 0, 0], '3.4.1': [1, 0, 0, 0, 0, 0], '3.6': [1, 0, 0, 0, 0, 0] },
    rev: review([1, 0, 0, 0]),
    t2: { 规章: [0, 0, 0], 规范性文件: [1, 1, 12], 行政许可: [0, 0, 0], 其他对外管理服务事项: [4, 0, 1052], 行政处罚: [6, 1, 14], 行政强制: [0, 0, 0], 行政事业性收费: [0, 0], 政府集中采购: [3, 1286.4] },
    purchaseHeader: '采购总金额（单位：万元）',
  },
];

function buildReport(d, i) {
  const row6 = d.row6 ?? (d.format === '2019' ? 'single' : 'three');
  const ids = t3RowIds(row6);
  const apps = applications(ids, d.t3);
  const untampered = JSON.parse(JSON.stringify(apps));
  d.tamper?.(apps);
  const truth = {
    doc: d.doc, format: d.format, year: d.year,
    title: (d.titleLines ?? [`${d.body}${d.year}年政府信息公开工作年度报告`]).join(''),
    sound: d.sound ?? true,
    expectedCodes: [...(d.expectedCodes ?? []), ...(d.expectedCodesExtra ?? [])],
    ...(d.forbiddenCodes ? { forbiddenCodes: d.forbiddenCodes } : {}),
    quirks: d.quirks,
    tables: { applications: apps, review: d.rev, disclosure: d.t2 },
  };
  // Prose numbers come from the printed table, or (proseBeforeTamper) from the cells as they should have been.
  const proseTables = d.proseBeforeTamper ? { ...truth.tables, applications: untampered } : truth.tables;
  const style = { ...d.style, purchaseHeader: d.purchaseHeader };
  const H = (n) => heading(d.headingText?.[n] ?? HEADINGS[n - 1], style);
  const P = (t) => para(t, style);
  const body = [];
  for (const line of d.titleLines ?? [truth.title]) body.push(`<h1>${line}</h1>`);
  body.push(H(1));
  const s1 = section1(d, i);
  body.push(P(s1[0]));
  for (const p of s1.slice(1)) {
    if (style.supportLists === 'escaped') body.push(P(p.replace(/^(（.）)/, '&lt;!--[if !supportLists]--&gt;$1&lt;!--[endif]--&gt;')));
    else if (style.supportLists === 'comment') body.push(P(p.replace(/^(（.）)/, '<!--[if !supportLists]-->$1<!--[endif]-->')));
    else body.push(P(p));
  }
  body.push(H(2));
  for (const p of section2(d, i)) body.push(P(p));
  body.push(table2(d.format, d.t2, style));
  body.push(H(3));
  for (const p of section3(d, proseTables, i)) body.push(P(p));
  body.push(table3(ids, apps, style));
  body.push(H(4));
  for (const p of section4(d, truth.tables, i)) body.push(P(p));
  body.push(table4(d.rev, style));
  body.push(H(5));
  for (const p of section5(d, i)) body.push(P(p));
  body.push(H(6));
  for (const p of section6(d, i)) body.push(P(p));
  body.push(`<p style="text-align:right">${d.body}</p>`);
  body.push(`<p style="text-align:right">${d.year + 1}年1月${15 + (i % 10)}日</p>`);
  return { doc: d.doc, html: page(truth.title, body.join('\n'), style), truth };
}

// ------------------------------------------------------------------ the five seeds as HTML

const SEEDS = [
  { file: 'zhoukou-demo-zone-2020', year: 2020, style: { cell: 'word', heading: 'b' }, purchaseHeader: '采购总金额(单位:万元,保留4位小数)', labels: { '2.其他法律行政法规禁止公开': '2.其他法律法规禁止公开' }, expectedCodes: ['duplicate-section', 'label-variant'] },
  { file: 'shunhe-district-2020', year: 2020, style: { cell: 'word', heading: 'strong' }, purchaseHeader: '采购总金额（单位：万元，保留4位小数）', expectedCodes: ['narrative-mismatch'] },
  { file: 'weibin-district-office-2019', year: 2019, style: { cell: 'word', heading: 'p' }, purchaseHeader: '采购总金额（单位：万元，保留4位小数）', expectedCodes: [] },
  { file: 'nanzhao-county-2020', year: 2020, style: { cell: 'bare', heading: 'p', thousands: true, brHeaders: true }, purchaseHeader: '采购总金额（单位:万元）', expectedCodes: [] },
  { file: 'yaozhou-district-office-2020', year: 2020, style: { cell: 'p', heading: 'b', brHeaders: true, cells: { 'd:政府集中采购:1': '10万元' } }, t2labels: { 政府集中采购: '政府集中釆购' }, expectedCodes: ['year-mismatch', 'variant-char'] },
];

const isHeading = (l) => /^(?:[一二三四五六七八九十]+、)/.test(l.trim());

function buildSeed(root, s) {
  const text = readFileSync(join(root, 'test/fixtures/seeds', s.file + '.txt'), 'utf8').replace(/^\uFEFF/, '');
  const expected = JSON.parse(readFileSync(join(root, 'test/fixtures/seeds-expected.json'), 'utf8'))[s.file + '.txt'];
  const lines = text.split(/\r?\n/);
  // Prose = every line outside the three tables. Table 2 runs from the first 第二十条第 line to 三、收到…;
  // table 3 from after 三、 to 四、政府信息公开…; table 4 from after 四、 to 五、.
  const idx = (re, from = 0) => lines.findIndex((l, k) => k >= from && re.test(l.trim()));
  const t2Start = idx(/^第二十条第/);
  const h3 = idx(/^三、收到和处理/);
  const h4 = idx(/^四、政府信息公开行政复议/);
  const h5 = idx(/^五、/);
  const style = { ...s.style, purchaseHeader: s.purchaseHeader, labels: { ...(s.labels ?? {}), ...(s.t2labels ?? {}) } };
  const P = (t) => para(t, style);
  const out = [];
  let titleDone = false;
  const titleLines = [];
  const prose = (from, to) => {
    for (let k = from; k < to; k++) {
      const l = lines[k].trim();
      if (!l || l === '\u00a0') continue;
      if (!titleDone) {
        if (isHeading(l)) titleDone = true;
        else { titleLines.push(l); out.push(`<h1>${l}</h1>`); continue; }
      }
      out.push(isHeading(l) ? heading(l, style) : P(l));
    }
  };
  const row6 = 'single';
  const apps = {};
  for (const id of t3RowIds(row6)) apps[id] = expected.applications[id];
  prose(0, t2Start);
  out.push(table2('2019', expected.disclosure, style));
  prose(t2Start, t2Start); // nothing: table 2 replaces lines t2Start..h3
  prose(h3, h3 + 1);
  out.push(table3(t3RowIds(row6), apps, style));
  prose(h4, h4 + 1);
  out.push(table4(expected.review, style));
  prose(h5, lines.length);
  const title = titleLines.join('');
  const truth = {
    doc: s.file, format: '2019', year: s.year, title, sound: true, expectedCodes: s.expectedCodes,
    quirks: `seed ${s.file} (REPORT-FORMAT §7) rebuilt as HTML with its real prose and cell values`,
    tables: { applications: apps, review: expected.review, disclosure: expected.disclosure },
  };
  return { doc: s.file, html: page(title, out.join('\n'), style), truth };
}

// ------------------------------------------------------------------ pre-2019 report and a non-report

function buildPre2019() {
  const title = '宁远市交通运输局2017年政府信息公开工作年度报告';
  const st = { cell: 'p', heading: 'b' };
  const P = (t) => para(t, st);
  const rows = [['指标', '单位', '数量'], ['一、主动公开情况', '', ''], ['（一）主动公开政府信息数', '条', '426'], ['其中：主动公开规范性文件数', '条', '5'],
    ['二、依申请公开情况', '', ''], ['（一）收到申请数', '件', '9'], ['（二）申请办结数', '件', '9'], ['1.按时办结数', '件', '9'],
    ['三、政府信息公开收费及减免情况', '', ''], ['（一）收取费用', '万元', '0'],
    ['四、因政府信息公开申请行政复议、提起行政诉讼情况', '', ''], ['（一）维持具体行政行为数', '件', '0'], ['（二）被依法纠错数', '件', '0']];
  const table = `<table border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse">\n${rows.map((r) => `<tr>${r.map((c) => `<td><p>${c || '&nbsp;'}</p></td>`).join('')}</tr>`).join('\n')}\n</table>`;
  const body = [`<h1>${title}</h1>`,
    heading('一、概述', st),
    P('2017年，宁远市交通运输局按照《中华人民共和国政府信息公开条例》和市政府关于政府信息公开工作的部署，进一步健全工作机制，规范公开程序，拓宽公开渠道，较好地完成了全年政府信息公开工作任务。本报告数据统计期限为2017年1月1日至2017年12月31日。'),
    P('局机关成立了政府信息公开工作领导小组，由局长任组长，分管副局长任副组长，办公室具体负责日常工作。各科室、直属单位确定了兼职信息员，形成了上下联动的工作网络。'),
    heading('二、主动公开政府信息情况', st),
    P('2017年，我局通过门户网站、政务微博、公开栏等渠道主动公开政府信息426条，其中规范性文件5件，交通建设项目、道路运输行政许可、行政处罚等重点领域信息183条。'),
    heading('三、依申请公开政府信息情况', st),
    P('2017年，我局共收到政府信息公开申请9件，均按期答复，其中同意公开7件，同意部分公开1件，信息不存在1件。'),
    table,
    heading('四、政府信息公开的收费及减免情况', st),
    P('2017年，我局未收取政府信息公开检索、复制、邮寄等费用。'),
    heading('五、因政府信息公开申请行政复议、提起行政诉讼的情况', st),
    P('2017年，我局未发生因政府信息公开申请行政复议、提起行政诉讼的情况。'),
    heading('六、存在的主要问题及改进措施', st),
    P('我局政府信息公开工作还存在公开内容不够全面、更新不够及时等问题。2018年，我局将进一步完善政府信息公开制度，加强信息员队伍建设，提升公开工作质量。'),
    heading('七、其他需要报告的事项', st),
    P('无。'),
    `<p style="text-align:right">宁远市交通运输局</p>`, `<p style="text-align:right">2018年3月20日</p>`];
  return {
    doc: 'ningyuan-transport-2017-pre2019', html: page(title, body.join('\n'), st),
    truth: { doc: 'ningyuan-transport-2017-pre2019', format: 'pre-2019', year: 2017, title, sound: true, expectedCodes: [],
      quirks: 'pre-2019 report: old outline 一、概述 … 七、其他需要报告的事项 with a small old-style statistics table; the checker should only note it is pre-2019', tables: {} },
  };
}

function buildNotice() {
  const title = '关于报送2022年度政府信息公开工作年度报告的通知';
  const st = { cell: 'p', heading: 'b' };
  const P = (t) => para(t, st);
  const body = [`<h1>${title}</h1>`,
    P('各乡镇人民政府、街道办事处，县政府各部门、各直属机构：'),
    P('根据《中华人民共和国政府信息公开条例》第四十九条、第五十条规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现就做好2022年度政府信息公开工作年度报告编制和报送工作通知如下：'),
    heading('一、报送内容', st),
    P('各单位要严格按照国办公开办函〔2021〕30号规定的格式编制本单位2022年度政府信息公开工作年度报告，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。'),
    heading('二、报送时间', st),
    P('请各单位于2023年1月20日前将年度报告电子版报送县政务公开办，并于2023年1月31日前在县政府门户网站本单位信息公开专栏公开。'),
    heading('三、工作要求', st),
    P('各单位要高度重视，认真核对统计数据，确保表格数据勾稽关系正确、文字表述与表格数据一致，杜绝出现错别字、数据矛盾等问题。年度报告须经本单位主要负责同志审定后方可公开。'),
    P('联系人：王某某，联系电话：0000-1234567。'),
    P('附件：政府信息公开工作年度报告格式'),
    `<p style="text-align:right">某某县人民政府办公室</p>`, `<p style="text-align:right">2022年12月28日</p>`];
  return {
    doc: 'notice-2022-not-a-report', html: page(title, body.join('\n'), st),
    truth: { doc: 'notice-2022-not-a-report', format: 'none', year: 2022, title, sound: true, expectedCodes: [],
      quirks: 'not a report: a notice whose title contains 年度报告 and which lists 一、二、三 items; no error-level findings expected', tables: {} },
  };
}

/** Every corpus document: { doc, html, truth }. `root` is the repository root (seeds are read from it). */
export function buildDocuments(root) {
  const docs = REPORTS.map((d, i) => buildReport(d, i));
  for (const s of SEEDS) docs.push(buildSeed(root, s));
  docs.push(buildPre2019(), buildNotice());
  return docs;
}

export { T3_LABELS, t2Blocks };
