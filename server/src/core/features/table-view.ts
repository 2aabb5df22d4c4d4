/**
 * The table view (“表格视图”): the three statistical tables of a report as grids in the official layout,
 * merged headers included, each value cell carrying its state, its source span (to reveal it in the text)
 * and, when it lies in a broken identity, that identity spelled out. A pure function of the Report; the
 * webview only draws it.
 */
import {
  APPLICANT_COLUMNS,
  DISCLOSURE_BLOCKS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
} from '../format/official';
import { t } from '../i18n';
import { applicationRowDefs } from '../model';
import type { Report, TableProblem, TableRow } from '../model';
import type { Cell } from '../model';
import { Arithmetic, Identity, computeArithmetic } from '../analysis/arithmetic';
import { namedFormula } from './tables-info';

/**
 * `broken`: in a broken identity and in no sound one (where the error must be); `involved`: in a broken
 * identity but also in a sound one (probably right, shown for context).
 */
export type ViewCellState = 'ok' | 'blank' | 'placeholder' | 'unread' | 'bad' | 'missing' | 'broken' | 'involved';

export interface ViewCell {
  text: string;
  /** A header or label cell (drawn as `th`). */
  header?: boolean;
  rowspan?: number;
  colspan?: number;
  /** Value cells only. */
  state?: ViewCellState;
  /** Source offsets of the cell (value cells) or of the row label: clicking reveals them. */
  span?: [number, number];
  /** What to show on hover: the row and column, then every broken identity the cell is in. */
  title?: string;
  /** The value fix-all would write, when this cell is the culprit. */
  fix?: string;
}

export interface ViewTable {
  id: 'disclosure' | 'applications' | 'review';
  /** Section number the table belongs to (二, 三, 四). */
  section: string;
  title: string;
  /** `missing`: no table found; `partial`: found, some cells could not be read. */
  status: 'read' | 'partial' | 'missing';
  /** How many identities of this table do not hold. */
  broken: number;
  /** Why cells are unread, in words (one line per problem). */
  notes: string[];
  /** Layout the text used (`tab`, `paragraph`, `pdf`…), for the caption. */
  layout?: string;
  /** Start of the table region in the text. */
  span?: [number, number];
  rows: ViewCell[][];
}

export interface TableViewModel {
  format: string;
  legacy: boolean;
  year: number | null;
  title: string | null;
  tables: ViewTable[];
}

const TABLE_TITLES = {
  disclosure: '主动公开政府信息情况',
  applications: '收到和处理政府信息公开申请情况',
  review: '政府信息公开行政复议、行政诉讼情况',
};

const h = (text: string, rowspan = 1, colspan = 1): ViewCell => ({ text, header: true, ...(rowspan > 1 ? { rowspan } : {}), ...(colspan > 1 ? { colspan } : {}) });

/** Broken identities each cell lies in, the cells some sound identity vouches for, and the repairs. */
function brokenIndex(arithmetic: Arithmetic): { byCell: Map<Cell, Identity[]>; sound: Set<Cell>; repairs: Map<Cell, string> } {
  const byCell = new Map<Cell, Identity[]>();
  const violated = new Set(arithmetic.violated);
  const sound = new Set<Cell>();
  for (const id of arithmetic.identities) {
    for (const r of [...id.lhs, ...id.rhs]) {
      if (!r.cell) continue;
      if (!violated.has(id)) {
        // Only an identity that can be evaluated vouches for its cells.
        if (id.lhs.every((x) => x.value) && id.rhs.every((x) => x.value)) sound.add(r.cell);
        continue;
      }
      const list = byCell.get(r.cell) ?? [];
      list.push(id);
      byCell.set(r.cell, list);
    }
  }
  const repairs = new Map<Cell, string>();
  for (const r of arithmetic.repairs) if (r.ref.cell) repairs.set(r.ref.cell, r.value.toString());
  return { byCell, sound, repairs };
}

function valueCell(cell: Cell | null | undefined, where: string, broken: ReturnType<typeof brokenIndex>, rowMissing = false): ViewCell {
  if (rowMissing) return { text: '', state: 'missing', title: t('{0}：报告中没有这一行', where) };
  if (!cell) return { text: '?', state: 'unread', title: t('{0}：未能可靠读取（表格无法对齐）', where) };
  const span: [number, number] = [cell.span.start, cell.span.end];
  const ids = broken.byCell.get(cell);
  if (ids?.length) {
    const fix = broken.repairs.get(cell);
    const lines = [where, ...ids.map((id) => namedFormula(id))];
    if (fix !== undefined) lines.push(t('建议改为 {0}', fix));
    const state = fix !== undefined || !broken.sound.has(cell) ? 'broken' : 'involved';
    return { text: cell.raw, state, span, title: lines.join('\n'), ...(fix !== undefined ? { fix } : {}) };
  }
  if (cell.kind === 'blank') return cell.placeholder ? { text: cell.raw, state: 'placeholder', span, title: t('{0}：“{1}”按 0 计算', where, cell.raw) } : { text: '', state: 'blank', span, title: t('{0}：空白，按 0 计算', where) };
  if (cell.kind === 'number') return { text: cell.raw, state: 'ok', span, title: where + (cell.note ? `\n${t('注：{0}', cell.note)}` : '') };
  return { text: cell.raw, state: 'bad', span, title: t('{0}：“{1}”不是可读的数字', where, cell.raw) };
}

function labelSpan(row: TableRow | undefined): [number, number] | undefined {
  const c = row?.labelCells[0];
  return c ? [c.span.start, c.span.end] : undefined;
}

function problemNotes(problems: TableProblem[]): string[] {
  const notes: string[] = [];
  for (const p of problems) {
    const why = p.reason === 'glued' ? t('数字与行名连在一起') : p.reason === 'interleaved' ? t('各列数字交错') : p.reason === 'pdf-order' ? t('PDF 提取的文字顺序错乱') : undefined;
    const what = p.kind === 'duplicate-row' ? t('行重复') : p.kind === 'extra-values' ? t('多出的数字') : t('行无法对齐');
    notes.push([p.rowId ? `${p.rowId}：` : '', what, why ? `（${why}）` : ''].join(''));
  }
  return notes;
}

function disclosureTable(report: Report, broken: ReturnType<typeof brokenIndex>): ViewTable {
  const defs = DISCLOSURE_BLOCKS[report.format];
  const width = 1 + Math.max(...defs.map((d) => d.columns.length));
  const d = report.disclosure;
  const rows: ViewCell[][] = [];
  let unread = false;
  defs.forEach((def, i) => {
    const block = d?.blocks[i];
    rows.push([h(`第二十条第（${def.item}）项`, 1, width)]);
    const unit = block?.amountUnit ?? '万元';
    const columns = def.columns.map((c, ci) => (def.amountColumns.includes(ci) && !c.includes('单位') ? `${c}（单位：${unit}）` : c));
    rows.push([h('信息内容'), ...columns.map((c, ci) => h(c, 1, ci === columns.length - 1 ? width - columns.length : 1))]);
    for (const rowDef of def.rows) {
      const row = block?.rows.find((r) => r.id === rowDef.label);
      const cells = def.columns.map((col, ci) => {
        const v = valueCell(row?.cells[ci], `${rowDef.label} · ${col}`, broken, !row);
        if (v.state === 'unread') unread = true;
        return ci === def.columns.length - 1 && width - def.columns.length > 1 ? { ...v, colspan: width - def.columns.length } : v;
      });
      rows.push([{ ...h(rowDef.label), span: labelSpan(row) }, ...cells]);
    }
  });
  return {
    id: 'disclosure',
    section: '二',
    title: TABLE_TITLES.disclosure,
    status: !d ? 'missing' : unread || d.problems.length ? 'partial' : 'read',
    broken: 0,
    notes: d ? problemNotes(d.problems) : [],
    layout: d?.layout,
    span: d ? [d.span.start, d.span.end] : undefined,
    rows,
  };
}

function applicationsTable(report: Report, arithmetic: Arithmetic, broken: ReturnType<typeof brokenIndex>): ViewTable {
  const a = report.applications;
  const defs = applicationRowDefs(report);
  const rows: ViewCell[][] = [
    [h('本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和', 3, 3), h('申请人情况', 1, 7)],
    [h(APPLICANT_COLUMNS[0], 2), h('法人或其他组织', 1, 5), h(APPLICANT_COLUMNS[6], 2)],
    APPLICANT_COLUMNS.slice(1, 6).map((c) => h(c)),
  ];
  const resultRows = defs.filter((d) => d.id.startsWith('3.'));
  const groupSize = new Map<string, number>();
  for (const d of resultRows) if (d.group && d.group !== '三、本年度办理结果') groupSize.set(d.group, (groupSize.get(d.group) ?? 0) + 1);
  const seen = new Set<string>();
  let unread = false;
  for (const def of defs) {
    const row = a?.rows.get(def.id);
    const labels: ViewCell[] = [];
    if (!def.id.startsWith('3.')) labels.push({ ...h(def.label, 1, 3), span: labelSpan(row) });
    else {
      if (def === resultRows[0]) labels.push(h('三、本年度办理结果', resultRows.length));
      const sub = def.group && def.group !== '三、本年度办理结果' ? def.group : undefined;
      if (sub) {
        if (!seen.has(sub)) labels.push(h(sub, groupSize.get(sub)));
        seen.add(sub);
        labels.push({ ...h(def.label), span: labelSpan(row) });
      } else labels.push({ ...h(def.label, 1, 2), span: labelSpan(row) });
    }
    const cells = APPLICANT_COLUMNS.map((col, c) => {
      const v = valueCell(row?.cells[c], `${def.short} · ${col}`, broken, !row);
      if (v.state === 'unread') unread = true;
      return v;
    });
    rows.push([...labels, ...cells]);
  }
  return {
    id: 'applications',
    section: '三',
    title: TABLE_TITLES.applications,
    status: !a ? 'missing' : unread || a.problems.length ? 'partial' : 'read',
    broken: arithmetic.violated.filter((id) => id.kind !== 'T4-total').length,
    notes: a ? problemNotes(a.problems) : [],
    layout: a?.layout,
    span: a ? [a.span.start, a.span.end] : undefined,
    rows,
  };
}

function reviewTable(report: Report, arithmetic: Arithmetic, broken: ReturnType<typeof brokenIndex>): ViewTable {
  const r = report.review;
  const rows: ViewCell[][] = [
    [h('行政复议', 1, 5), h('行政诉讼', 1, 10)],
    [...REVIEW_COLUMNS.map((c) => h(c, 2)), h('未经复议直接起诉', 1, 5), h('复议后起诉', 1, 5)],
    [...REVIEW_COLUMNS.map((c) => h(c)), ...REVIEW_COLUMNS.map((c) => h(c))],
  ];
  const names = { review: '行政复议', suitDirect: '行政诉讼·未经复议直接起诉', suitAfterReview: '行政诉讼·复议后起诉' };
  let unread = false;
  const values: ViewCell[] = [];
  for (const g of REVIEW_GROUPS) {
    REVIEW_COLUMNS.forEach((col, c) => {
      const v = valueCell(r?.groups[g][c], `${names[g]} · ${col}`, broken, !r);
      if (v.state === 'unread') unread = true;
      values.push(v);
    });
  }
  rows.push(values);
  return {
    id: 'review',
    section: '四',
    title: TABLE_TITLES.review,
    status: !r ? 'missing' : unread || r.problems.length ? 'partial' : 'read',
    broken: arithmetic.violated.filter((id) => id.kind === 'T4-total').length,
    notes: r ? problemNotes(r.problems) : [],
    layout: r?.layout,
    span: r ? [r.span.start, r.span.end] : undefined,
    rows,
  };
}

/** The three tables of a report as the table view draws them. */
export function tableViewModel(report: Report, arithmetic: Arithmetic = computeArithmetic(report)): TableViewModel {
  const broken = brokenIndex(arithmetic);
  return {
    format: report.legacy ? 'pre-2019' : report.format,
    legacy: report.legacy,
    year: report.year ?? null,
    title: report.title?.text ?? null,
    tables: report.legacy ? [] : [disclosureTable(report, broken), applicationsTable(report, arithmetic, broken), reviewTable(report, arithmetic, broken)],
  };
}
