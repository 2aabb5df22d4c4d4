/**
 * The official texts of the three tables (format/official) as a builder needs them: to tell a whole
 * label from a piece of one, and to name the row a label belongs to. A PDF-to-Markdown converter
 * cuts a label over two pipe rows (`2.其他法律行政法` / `规禁止公开`) or loses it; the pipe builder
 * joins the pieces only when neither is a label and the two together are, and names a row whose
 * label was lost only from the official order of its neighbours (REPORT-FORMAT §6.8).
 */
import { APPLICANT_COLUMNS, APPLICATION_ROWS, DISCLOSURE_BLOCKS, REVIEW_COLUMNS } from '../../format/official';
import type { ApplicationRowDef, FormatId } from '../../format/official';
import { closestLabel, labelKey } from '../../labels';

const FORMATS: FormatId[] = ['2019', '2021'];

/** Row labels of 表二 and 表三 (both formats, with the variants the format data lists). */
const ROWS = new Set<string>();
/** Merged group labels of 表三 and the item labels of 表二: labels that carry no numbers. */
const GROUPS = new Set<string>();
/** Column headers and header words of the three tables. */
const HEADERS = new Set<string>();

for (const f of FORMATS) {
  for (const d of APPLICATION_ROWS[f]) {
    ROWS.add(labelKey(d.label));
    if (d.group) GROUPS.add(labelKey(d.group));
  }
  for (const b of DISCLOSURE_BLOCKS[f]) {
    GROUPS.add(labelKey(`第二十条第（${b.item}）项`));
    for (const c of b.columns) HEADERS.add(labelKey(c));
    for (const r of b.rows) for (const l of [r.label, ...r.variants]) ROWS.add(labelKey(l));
  }
}
for (const h of [
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '法人或其他组织', '信息内容',
  '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', ...APPLICANT_COLUMNS, ...REVIEW_COLUMNS,
]) HEADERS.add(labelKey(h));

const ROW_KEYS = [...ROWS];
const ALL_KEYS = [...new Set([...ROWS, ...GROUPS, ...HEADERS])];

/** Groups that are never a row of their own (（六）其他处理 is the 2019 row 3.6). */
const PURE_GROUPS = new Set([...GROUPS].filter((k) => !ROWS.has(k)));

/** Short keys are compared exactly: one character off is another word there. */
function near(key: string, keys: string[], set: Set<string>): boolean {
  return set.has(key) || (key.length >= 4 && closestLabel(key, keys) >= 0);
}

/** A whole official text of the tables: a row or group label, a column header (OCR slips allowed). */
export function isOfficialText(text: string): boolean {
  const key = labelKey(text);
  return !!key && (ROWS.has(key) || GROUPS.has(key) || HEADERS.has(key) || (key.length >= 4 && closestLabel(key, ALL_KEYS) >= 0));
}

/** A whole official row label (OCR slips allowed). */
export function isRowLabel(text: string): boolean {
  const key = labelKey(text);
  return !!key && near(key, ROW_KEYS, ROWS);
}

/** A group or header text: words a row holds besides (or instead of) its own label. */
export function isGroupOrHeader(text: string): boolean {
  const key = labelKey(text);
  return !!key && (GROUPS.has(key) || HEADERS.has(key));
}

/** A merged group label that is never a row itself (`三、本年度办理结果`, `（三）不予公开`). */
export function isPureGroup(text: string): boolean {
  return PURE_GROUPS.has(labelKey(text));
}

/** Text that opens a label with its ordinal (`2.`, `（三）`, `四、`): not the continuation of another. */
export function startsWithOrdinal(text: string): boolean {
  return /^[\s\u00a0\u3000]*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}[.．、])/.test(text);
}

/** 表三 row keys of both formats, one id each (common rows share theirs). */
const APP_KEYS: string[] = [];
const APP_IDS: string[] = [];
for (const f of FORMATS) {
  for (const d of APPLICATION_ROWS[f]) {
    const key = labelKey(d.label);
    if (!APP_KEYS.includes(key)) { APP_KEYS.push(key); APP_IDS.push(d.id); }
  }
}
const GROUP_KEYS = [...GROUPS].sort((a, b) => b.length - a.length);

/** The 表三 row a label names, or undefined; a group label written in the same cell is passed over. */
export function applicationRowOf(text: string): string | undefined {
  let key = labelKey(text);
  const group = GROUP_KEYS.find((g) => key.startsWith(g) && key.length > g.length);
  if (group) key = key.slice(group.length);
  let i = APP_KEYS.indexOf(key);
  if (i < 0 && key.length >= 4) i = closestLabel(key, APP_KEYS);
  return i >= 0 ? APP_IDS[i] : undefined;
}

/**
 * The `count` official rows strictly between two rows of 表三 (`from` undefined: the table's
 * start), when every format that has that many rows there names the same ones; else undefined.
 */
export function applicationRowsBetween(from: string | undefined, to: string, count: number): ApplicationRowDef[] | undefined {
  let found: ApplicationRowDef[] | undefined;
  for (const f of FORMATS) {
    const defs = APPLICATION_ROWS[f];
    const i = from === undefined ? -1 : defs.findIndex((d) => d.id === from);
    const j = defs.findIndex((d) => d.id === to);
    if ((from !== undefined && i < 0) || j - i - 1 !== count) continue;
    const between = defs.slice(i + 1, j);
    if (found && found.map((d) => d.id).join() !== between.map((d) => d.id).join()) return undefined;
    found = between;
  }
  return found;
}
