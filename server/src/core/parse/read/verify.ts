/**
 * For text whose cell order is a PDF's reading order (pdftotext without layout): the order can
 * be wrong while every row still gets its count of numbers. Where the text's structure does not
 * fix every value's cell (values on lines of their own, a row spread over several lines), the
 * table's own identities are the only evidence that the numbers sit where the text puts them: a
 * reading that breaks them is not trusted, and the identity it breaks is said (the table then
 * probably holds an error, to be checked by hand). Where the structure does fix every value, the
 * identities never veto the reading: it is read, and a failing identity is the error it is.
 */
import { Decimal, sumDecimals } from '../../text';
import type { Cell, Unbalanced } from '../../model';

function value(c: Cell | null): Decimal | null {
  if (!c) return null;
  if (c.kind === 'blank') return new Decimal(0n, 0);
  return c.kind === 'number' && c.value ? c.value : null;
}

/** Below this a sum of counts in doubles is exact. */
const SMALL = 2 ** 40;

/** A cell's value as a whole number when it is one and small; null without a value; undefined otherwise. */
function whole(c: Cell | null): number | null | undefined {
  if (!c) return null;
  if (c.kind === 'blank') return 0;
  if (c.kind !== 'number' || !c.value) return null;
  if (c.value.scale !== 0) return undefined;
  const n = Number(c.value.units);
  return n < SMALL && n > -SMALL ? n : undefined;
}

function equal(parts: Array<Cell | null>, total: Cell | null): boolean {
  return equalIn(parts, 0, parts.length, total);
}

/** `equal(parts.slice(from, to), total)` without the copy (the table searches call it per reading). */
function equalIn(parts: Array<Cell | null>, from: number, to: number, total: Cell | null): boolean {
  // Whole counts (the usual table) are added as numbers, exactly, without a Decimal per step.
  let sum = 0;
  let exact = true;
  for (let i = from; i < to; i++) {
    const k = whole(parts[i]);
    if (k === null) return true; // nothing to compare
    if (k === undefined) exact = false;
    else sum += k;
  }
  const wholeTotal = whole(total);
  if (wholeTotal === null) return true;
  if (exact && wholeTotal !== undefined) return sum === wholeTotal;
  const vs = parts.slice(from, to).map(value);
  const t = value(total);
  if (!t || vs.some((v) => !v)) return true; // nothing to compare
  return sumDecimals(vs as Decimal[]).cmp(t) === 0;
}

/** 表三: row totals, （七）总计 = the result rows, 一 + 二 = （七） + 四. The first identity that fails, or null. */
export function applicationsFailure(rows: Map<string, Array<Cell | null>>, resultIds: string[]): Unbalanced | null {
  for (const id of rows.keys()) {
    const cells = rows.get(id)!;
    if (cells.length === 7 && !equalIn(cells, 0, 6, cells[6])) return { identity: 'T3-row-total', row: id };
  }
  const t37 = rows.get('3.7');
  if (t37) {
    const results = resultIds.filter((id) => rows.has(id)).map((id) => rows.get(id)!);
    const column: Array<Cell | null> = new Array(results.length);
    for (let c = 0; c < 7 && results.length; c++) {
      for (let k = 0; k < results.length; k++) column[k] = results[k][c];
      if (!equal(column, t37[c])) return { identity: 'T3-results', column: c };
    }
    const r1 = rows.get('1');
    const r2 = rows.get('2');
    const r4 = rows.get('4');
    if (r1 && r2 && r4) {
      for (let c = 0; c < 7; c++) {
        const l = [value(r1[c]), value(r2[c])];
        const r = [value(t37[c]), value(r4[c])];
        if (l.every(Boolean) && r.every(Boolean) && sumDecimals(l as Decimal[]).cmp(sumDecimals(r as Decimal[])) !== 0) return { identity: 'T3-balance', column: c };
      }
    }
  }
  return null;
}

/** 表四: each group's 总计 = its four results. The first group that fails, or null. */
export function reviewFailure(cells: Array<Cell | null>): Unbalanced | null {
  for (let g = 0; g < 3; g++) if (!equalIn(cells, g * 5, g * 5 + 4, cells[g * 5 + 4])) return { identity: 'T4-total', column: g };
  return null;
}

/** `[\u4e00-\u9fff，、]`: a line that stops mid-sentence ends with one. */
const endsMidSentence = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || c === 0xff0c || c === 0x3001;
/** `[\u4e00-\u9fff，、。；0-9]`: the line after it goes on with one. */
const goesOn = (c: number) => endsMidSentence(c) || c === 0x3002 || c === 0xff1b || (c >= 0x30 && c <= 0x39);

/** PDF text without layout: page breaks (form feeds) or prose hard-wrapped mid-sentence. */
export function looksLikePdfText(text: string, lines: Array<{ text: string }>): boolean {
  if (text.includes('\f')) return true;
  let wrapped = 0;
  for (let i = 0; i + 1 < lines.length && wrapped < 5; i++) {
    const a = lines[i].text;
    const b = lines[i + 1].text;
    if (a.length >= 24 && endsMidSentence(a.charCodeAt(a.length - 1)) && b.length >= 2 && goesOn(b.charCodeAt(0)) && !a.includes('\t')) wrapped++;
  }
  return wrapped >= 5;
}
