/**
 * Renders report data as text in every layout of REPORT-FORMAT.md §6, both formats. The tests
 * parse what this writes and compare cell by cell; the property tests feed it random data.
 */
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  DISCLOSURE_BLOCKS,
  FormatId,
  REVIEW_COLUMNS,
  SECTIONS,
  officialHeading,
} from '../../server/src/core/format/official';

export type Layout = 'tab' | 'cells' | 'spaced' | 'pipe' | 'html';
export const LAYOUTS: Layout[] = ['tab', 'cells', 'spaced', 'pipe', 'html'];

export interface ReportData {
  format: FormatId;
  year: number;
  body: string;
  disclosure: Record<string, string[]>;
  applications: Record<string, number[]>;
  review: number[];
}

/** A tiny deterministic PRNG so fixtures are reproducible from a seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Balanced data: every identity of §5 holds. */
export function balancedData(format: FormatId, seed: number, year = format === '2021' ? 2022 : 2020): ReportData {
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  const rows = APPLICATION_ROWS[format];
  const applications: Record<string, number[]> = {};
  const withTotal = (six: number[]) => [...six, six.reduce((a, b) => a + b, 0)];
  const results = rows.filter((d) => d.result);
  for (const d of results) applications[d.id] = withTotal(Array.from({ length: 6 }, (_, c) => (r() < 0.4 ? int(c === 0 ? 30 : 3) : 0)));
  const t37 = Array.from({ length: 7 }, (_, c) => results.reduce((a, d) => a + applications[d.id][c], 0));
  applications['3.7'] = t37;
  const row2 = withTotal(Array.from({ length: 6 }, (_, c) => int(Math.min(2, t37[c]))));
  const row4 = withTotal(Array.from({ length: 6 }, () => (r() < 0.3 ? int(3) : 0)));
  applications['2'] = row2;
  applications['4'] = row4;
  applications['1'] = t37.map((v, c) => v + row4[c] - row2[c]);
  const review: number[] = [];
  for (let g = 0; g < 3; g++) {
    const four = Array.from({ length: 4 }, () => (r() < 0.3 ? int(4) : 0));
    review.push(...four, four.reduce((a, b) => a + b, 0));
  }
  const disclosure: Record<string, string[]> = {};
  for (const b of DISCLOSURE_BLOCKS[format]) {
    for (const row of b.rows) {
      disclosure[row.label] = b.columns.map((_, c) => {
        if (b.amountColumns.includes(c)) return `${int(5000)}.${String(int(9999)).padStart(4, '0')}`;
        if (b.signedColumns.includes(c)) return String(int(40) - 20);
        return String(int(format === '2019' && b.item === '一' && c === 2 ? 400 : 200) + (c === 2 ? 200 : 0));
      });
      if (format === '2019' && b.item === '一') disclosure[row.label][1] = disclosure[row.label][0];
      if (b.signedColumns.length) disclosure[row.label][0] = String(int(100) + 20);
    }
  }
  return { format, year, body: '某某市某某区人民政府', disclosure, applications, review };
}

/** One table row as cells: group cells (merged labels) first, then the label, then the values. */
interface RowCells {
  groups: string[];
  label: string;
  values: string[];
}

function disclosureRows(d: ReportData): Array<RowCells | string[]> {
  const out: Array<RowCells | string[]> = [];
  for (const b of DISCLOSURE_BLOCKS[d.format]) {
    out.push([`第二十条第（${b.item}）项`]);
    out.push(['信息内容', ...b.columns.map((c, i) => (b.amountColumns.includes(i) && !c.includes('单位') ? `${c}（单位：万元）` : c))]);
    for (const row of b.rows) out.push({ groups: [], label: row.label, values: d.disclosure[row.label] });
  }
  return out;
}

function applicationRows(d: ReportData): RowCells[] {
  const seen = new Set<string>();
  return APPLICATION_ROWS[d.format].map((def) => {
    const groups: string[] = [];
    if (def.group && !seen.has(def.group)) {
      if (def.group !== '三、本年度办理结果' && !seen.has('三、本年度办理结果')) groups.push('三、本年度办理结果');
      groups.push(def.group);
      seen.add(def.group);
      seen.add('三、本年度办理结果');
    }
    return { groups, label: def.label, values: d.applications[def.id].map(String) };
  });
}

const APP_HEADER = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'];
const REVIEW_HEADER_1 = ['行政复议', '行政诉讼'];
const REVIEW_HEADER_2 = ['未经复议直接起诉', '复议后起诉'];
const FIVE = [...REVIEW_COLUMNS];

function renderTab(d: ReportData, html: boolean): string[][] {
  const pad = html ? (s: string) => ` ${s} ` : (s: string) => s;
  const lines: string[] = [];
  for (const r of disclosureRows(d)) {
    if (Array.isArray(r)) lines.push(r.map(pad).join('\t') + (r.length === 1 ? '\t\t\t' : ''));
    else lines.push([r.label, ...r.values].map(pad).join('\t'));
  }
  const apps: string[] = [APP_HEADER.join('\t\t'), `\t\t${APPLICANT_COLUMNS[0]}\t法人或其他组织\t\t\t\t\t总计`, `\t\t\t${APPLICANT_COLUMNS.slice(1, 6).join('\t')}\t`];
  applicationRows(d).forEach((r, i) => {
    // Rows under a merged label lose their leading empty cells now and then (§6).
    const lead = r.groups.length ? r.groups : i % 3 === 0 ? [] : ['', ''];
    apps.push([...lead, r.label, ...r.values].map((c) => (c ? pad(c) : c)).join('\t') + (i % 2 ? '\t' : ''));
  });
  const review = [
    `${REVIEW_HEADER_1[0]}\t\t\t\t\t${REVIEW_HEADER_1[1]}`,
    `${FIVE.join('\t')}\t${REVIEW_HEADER_2[0]}\t\t\t\t\t${REVIEW_HEADER_2[1]}`,
    `\t\t\t\t\t${FIVE.join('\t')}\t${FIVE.join('\t')}`,
    d.review.map(String).map(pad).join('\t'),
  ];
  return [lines, apps, review];
}

function breakHeader(s: string): string {
  if (s === '自然人') return '自\n然\n人';
  if (s === '总计') return '总\n计';
  if (s.startsWith('本年新')) return s.replace('本年新', '本年新\n');
  if (s === '商业企业') return '商业 企业';
  if (s === '结果维持') return '结果\n维持';
  return s;
}

function renderCells(d: ReportData): string[][] {
  const cell = (s: string) => `\t${breakHeader(s)}`;
  const lines: string[] = [];
  for (const r of disclosureRows(d)) {
    if (Array.isArray(r)) lines.push(...r.map(cell), '');
    else lines.push(cell(r.label), ...r.values.map(cell), '');
  }
  const apps = [...APP_HEADER.map(cell), '', '\t', cell('自然人'), cell('法人或其他组织'), cell('总计'), '', '\t', '\t', ...APPLICANT_COLUMNS.slice(1, 6).map(cell), '\t', ''];
  applicationRows(d).forEach((r, i) => {
    apps.push(...(r.groups.length ? r.groups.map(cell) : i > 1 ? ['\t'] : []), cell(r.label), ...r.values.map((v, c) => cell(c === 3 ? `${v}\u00a0` : v)), '');
  });
  const review = [cell(REVIEW_HEADER_1[0]), cell(REVIEW_HEADER_1[1]), '', ...FIVE.map(cell), ...REVIEW_HEADER_2.map(cell), '', '\t', '\t', '\t', '\t', '\t', ...FIVE.map(cell), ...FIVE.map(cell), '', ...d.review.map(String).map(cell), ''];
  return [lines, apps, review];
}

/** PDF text: columns padded with spaces, long labels wrapped, a page mark inside a table. */
function renderSpaced(d: ReportData): string[][] {
  const width = (s: string) => [...s].reduce((a, c) => a + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const padTo = (s: string, w: number) => s + ' '.repeat(Math.max(2, w - width(s)));
  const row = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : padTo(c, i === 0 ? 36 : 10))).join('');
  const lines: string[] = [];
  for (const r of disclosureRows(d)) lines.push(Array.isArray(r) ? row(r) : row([r.label, ...r.values]));
  const apps = [
    '（本列数据的勾稽关系为：第一项加第二项之和，',
    '等于第三项加第四项之和）                          申请人情况',
    `                                    ${APPLICANT_COLUMNS[0]}    法人或其他组织                                      总计`,
    `                                              ${APPLICANT_COLUMNS.slice(1, 6).join('    ')}`,
  ];
  applicationRows(d).forEach((r, i) => {
    const label = r.label;
    if (width(label) > 30) {
      // The label wraps: the first part carries the numbers, the rest goes on the next line.
      const cut = 14;
      apps.push(row([label.slice(0, cut), ...r.values]));
      apps.push(label.slice(cut));
    } else apps.push(row([label, ...r.values]));
    if (i === 11) apps.push('', '— 4 —', '');
  });
  const review = [
    '        行政复议                                  行政诉讼',
    `                                           未经复议直接起诉                          复议后起诉`,
    `${FIVE.join('  ')}  ${FIVE.join('  ')}  ${FIVE.join('  ')}`,
    d.review.map((v) => padTo(String(v), 6)).join(''),
  ];
  return [lines, apps, review];
}

function renderPipe(d: ReportData): string[][] {
  const p = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines: string[] = [];
  for (const r of disclosureRows(d)) {
    if (Array.isArray(r)) {
      lines.push(p(r));
      if (r[0] === '信息内容') lines.push(p(r.map(() => '---')));
    } else lines.push(p([r.label, ...r.values]));
  }
  const apps = [p([APP_HEADER[0], '', ...APPLICANT_COLUMNS]), p(Array(9).fill('---'))];
  applicationRows(d).forEach((r) => apps.push(p([r.groups[r.groups.length - 1] ?? '', r.label, ...r.values])));
  const review = [
    p(['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', '']),
    p(Array(15).fill('---')),
    p(['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']),
    p([...FIVE, ...FIVE, ...FIVE]),
    p(d.review.map(String)),
  ];
  return [lines, apps, review];
}

export interface RenderOptions {
  eol?: string;
  bom?: boolean;
}

/** The whole report text in a layout: title, six sections with prose, the three tables. */
export function renderReport(d: ReportData, layout: Layout, options: RenderOptions = {}): string {
  const [disc, apps, review] =
    layout === 'tab' || layout === 'html' ? renderTab(d, layout === 'html') : layout === 'cells' ? renderCells(d) : layout === 'spaced' ? renderSpaced(d) : renderPipe(d);
  const total = (id: string) => d.applications[id][6];
  const lines = [
    `${d.body}${d.year}年政府信息公开工作年度报告`,
    '',
    officialHeading(SECTIONS[0]),
    `${d.year}年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请${total('1')}件，办结申请${total('3.7')}件。`,
    '（一）主动公开情况',
    '全年主动公开政府信息1200条。',
    '',
    officialHeading(SECTIONS[1]),
    ...disc,
    '',
    officialHeading(SECTIONS[2]),
    ...apps,
    '',
    officialHeading(SECTIONS[3]),
    ...review,
    '',
    officialHeading(SECTIONS[4]),
    '一是公开内容不够全面；二是队伍建设有待加强。',
    '',
    officialHeading(SECTIONS[5]),
    d.format === '2021' ? '本年度未收取信息处理费。' : '无',
    '',
  ];
  const text = lines.join('\n').replace(/\n/g, options.eol ?? '\n');
  return (options.bom ? '\ufeff' : '') + text;
}

/** The JSON `tables` the checker should read back from `renderReport(d, …)`. */
export function expectedTables(d: ReportData) {
  const applications: Record<string, number[]> = {};
  for (const def of APPLICATION_ROWS[d.format]) applications[def.id] = d.applications[def.id];
  const disclosure: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(d.disclosure)) disclosure[k] = v.map(Number);
  return {
    applications,
    review: { review: d.review.slice(0, 5), suitDirect: d.review.slice(5, 10), suitAfterReview: d.review.slice(10, 15) },
    disclosure,
  };
}
