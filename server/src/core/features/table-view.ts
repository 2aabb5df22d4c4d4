/**
 * The table view (“表格视图”): the three statistical tables of a report as grids in the official layout,
 * merged headers included, each value cell carrying its state, its source span (to reveal it in the text)
 * and, when it lies in a broken identity, that identity spelled out. A pure function of the Report; the
 * webview only draws it.
 *
 * Given last year's report of the same body, each value cell also carries last year's value of the same row
 * and column and the change (本年增/减), and the cells that break a cross-year identity (the carry-over that
 * carry-over-mismatch checks, through its own `checkCarryOver`) carry its message. Rows are matched by their
 * official label, so across the 2019 → 2021 change only the rows and columns both formats name alike compare.
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
import { Arithmetic, Identity, cellValue, computeArithmetic } from '../analysis/arithmetic';
import { checkCarryOver } from '../rules/carry-over-mismatch';
import { Decimal } from '../text';
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
  /**
   * Last year's value of the same row and column (value cells, when last year's report is given): `null`
   * when last year's report has the row and column but its value could not be read (or the row is missing);
   * absent when last year's format has no such row or column. Amounts in this year's unit.
   */
  lastYear?: number | null;
  /** This year's value minus last year's, exact, signed (`+3`, `-2`, `0`), when both are known. */
  change?: string;
  /** The cross-year identities this cell breaks (carry-over-mismatch's messages). */
  crossYear?: string[];
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
  /** How many cells of this table break a cross-year identity (when last year's report is given). */
  crossYear?: number;
}

/** Last year's report the cells are compared with (the server adds its uri). */
export interface LastYearInfo {
  year: number | null;
  format: string;
  /** Cells of this year's tables that break a cross-year identity. */
  broken: number;
}

export interface TableViewModel {
  format: string;
  legacy: boolean;
  year: number | null;
  title: string | null;
  tables: ViewTable[];
  /** Present when last year's report of the same body is given. */
  lastYear?: LastYearInfo;
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

/** What one value cell is compared with: last year's counterpart and the cross-year findings by span. */
interface Compare {
  /** Cross-year messages by the span (`start:end`) of the cell they are about. */
  cross: Map<string, string[]>;
}

/** Last year's counterpart of a cell: `undefined` none in last year's format, `null` there but unread. */
type Counterpart = { value: Decimal | null } | undefined;

/** A value cell with its comparison to last year's counterpart (when one is asked for). */
function compared(view: ViewCell, cell: Cell | null | undefined, value: Decimal | null, last: Counterpart, compare: Compare | undefined): ViewCell {
  if (!compare) return view;
  const out: ViewCell = { ...view };
  const notes: string[] = [];
  if (last) {
    out.lastYear = last.value ? last.value.toNumber() : null;
    if (last.value && value) {
      const d = value.sub(last.value);
      out.change = d.units > 0n ? `+${d.toString()}` : d.toString();
      notes.push(t('上年 {0}，本年增/减 {1}', last.value.toString(), out.change));
    } else notes.push(last.value ? t('上年 {0}', last.value.toString()) : t('上年未能读取'));
  }
  const cross = cell ? compare.cross.get(`${cell.span.start}:${cell.span.end}`) : undefined;
  if (cross?.length) {
    out.crossYear = cross;
    notes.push(...cross);
  }
  if (notes.length) out.title = [out.title, ...notes].filter(Boolean).join('\n');
  return out;
}

function valueCell(cell: Cell | null | undefined, where: string, broken: ReturnType<typeof brokenIndex>, rowMissing = false, last?: Counterpart, compare?: Compare, value?: Decimal | null): ViewCell {
  return compared(plainValueCell(cell, where, broken, rowMissing), cell, rowMissing ? null : (value !== undefined ? value : cellValue(cell ?? null)), last, compare);
}

function plainValueCell(cell: Cell | null | undefined, where: string, broken: ReturnType<typeof brokenIndex>, rowMissing = false): ViewCell {
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

/** An amount cell's value in 万元 (a cell or header in 元 converted exactly), as the export gives it. */
function inWan(cell: Cell | null | undefined, blockUnit: '万元' | '元'): Decimal | null {
  const v = cellValue(cell ?? null);
  if (!v || !cell) return v;
  const unit = cell.unit === '元' || cell.unit === '万元' ? cell.unit : blockUnit;
  return unit === '元' ? v.shift(4) : v;
}

/** 万元 → the unit a block's header gives. */
function fromWan(v: Decimal | null, unit: '万元' | '元'): Decimal | null {
  return v && unit === '元' ? new Decimal(v.units * 10000n, v.scale) : v;
}

function disclosureTable(report: Report, broken: ReturnType<typeof brokenIndex>, previous?: Report, compare?: Compare): ViewTable {
  const defs = DISCLOSURE_BLOCKS[report.format];
  const prevDefs = previous ? DISCLOSURE_BLOCKS[previous.format] : [];
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
    // Last year's block of the same item (第二十条 第几项): the same rows and columns by their official names.
    const pi = prevDefs.findIndex((p) => p.item === def.item);
    const prevDef = pi >= 0 ? prevDefs[pi] : undefined;
    const prevBlock = pi >= 0 ? previous?.disclosure?.blocks[pi] : undefined;
    for (const rowDef of def.rows) {
      const row = block?.rows.find((r) => r.id === rowDef.label);
      const prevHasRow = !!prevDef?.rows.some((r) => r.label === rowDef.label);
      const prevRow = prevHasRow ? prevBlock?.rows.find((r) => r.id === rowDef.label) : undefined;
      const cells = def.columns.map((col, ci) => {
        const amount = def.amountColumns.includes(ci);
        const pci = prevHasRow && prevDef ? prevDef.columns.indexOf(col) : -1;
        let last: Counterpart;
        if (pci >= 0 && prevDef) {
          const pc = prevRow?.cells[pci];
          last = { value: prevDef.amountColumns.includes(pci) ? fromWan(inWan(pc, prevBlock?.amountUnit ?? '万元'), unit) : cellValue(pc ?? null) };
        }
        const value = amount ? fromWan(inWan(row?.cells[ci], unit), unit) : undefined;
        const v = valueCell(row?.cells[ci], `${rowDef.label} · ${col}`, broken, !row, last, compare, value);
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
    ...crossCount(rows, compare),
  };
}

/** The count of cells breaking a cross-year identity, when comparing. */
function crossCount(rows: ViewCell[][], compare: Compare | undefined): { crossYear?: number } {
  return compare ? { crossYear: rows.flat().filter((c) => c.crossYear?.length).length } : {};
}

function applicationsTable(report: Report, arithmetic: Arithmetic, broken: ReturnType<typeof brokenIndex>, previous?: Report, compare?: Compare): ViewTable {
  const a = report.applications;
  const defs = applicationRowDefs(report);
  // Last year's rows by their official label (and the group it sits under): the 2019 and 2021 tables share
  // every row but （六）其他处理, which 2021 splits in three.
  const prevDefs = previous ? applicationRowDefs(previous) : [];
  const prevOf = (def: (typeof defs)[number]) => prevDefs.find((p) => p.label === def.label && (p.group ?? '') === (def.group ?? ''));
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
    const prevDef = prevOf(def);
    const prevRow = prevDef ? previous?.applications?.rows.get(prevDef.id) : undefined;
    const cells = APPLICANT_COLUMNS.map((col, c) => {
      const last: Counterpart = prevDef ? { value: cellValue(prevRow?.cells[c] ?? null) } : undefined;
      const v = valueCell(row?.cells[c], `${def.short} · ${col}`, broken, !row, last, compare);
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
    ...crossCount(rows, compare),
  };
}

function reviewTable(report: Report, arithmetic: Arithmetic, broken: ReturnType<typeof brokenIndex>, previous?: Report, compare?: Compare): ViewTable {
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
      // Both formats have the same 表四.
      const last: Counterpart = previous ? { value: cellValue(previous.review?.groups[g][c] ?? null) } : undefined;
      const v = valueCell(r?.groups[g][c], `${names[g]} · ${col}`, broken, !r, last, compare);
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
    ...crossCount([values], compare),
  };
}

/**
 * The three tables of a report as the table view draws them; given `previous` (last year's report of the same
 * body), each value cell is compared with it and the cross-year identities are checked.
 */
export function tableViewModel(report: Report, arithmetic: Arithmetic = computeArithmetic(report), previous?: Report): TableViewModel {
  const broken = brokenIndex(arithmetic);
  const base = {
    format: report.legacy ? 'pre-2019' : report.format,
    legacy: report.legacy,
    year: report.year ?? null,
    title: report.title?.text ?? null,
  };
  if (report.legacy) return { ...base, tables: [] };
  // A pre-2019 report's tables are not read: nothing to compare with.
  const prev = previous && !previous.legacy ? previous : undefined;
  let compare: Compare | undefined;
  if (prev) {
    const cross = new Map<string, string[]>();
    for (const f of checkCarryOver(report, prev)) {
      const key = `${f.span.start}:${f.span.end}`;
      cross.set(key, [...(cross.get(key) ?? []), f.message]);
    }
    compare = { cross };
  }
  const tables = [disclosureTable(report, broken, prev, compare), applicationsTable(report, arithmetic, broken, prev, compare), reviewTable(report, arithmetic, broken, prev, compare)];
  return {
    ...base,
    tables,
    ...(previous ? { lastYear: { year: previous.year ?? null, format: previous.legacy ? 'pre-2019' : previous.format, broken: tables.reduce((n, tb) => n + (tb.crossYear ?? 0), 0) } } : {}),
  };
}
