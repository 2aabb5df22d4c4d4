/**
 * For text whose cell order is a PDF's reading order (pdftotext without layout): the order can
 * be wrong while every row still gets its count of numbers. There the table's own identities are
 * the only evidence that the numbers sit where the text puts them; a reading that breaks them is
 * not trusted (the text cannot tell a wrong table from a misread one).
 */
import { Decimal, sumDecimals } from '../../text';
import type { Cell } from '../../model';

function value(c: Cell | null): Decimal | null {
  if (!c) return null;
  if (c.kind === 'blank') return new Decimal(0n, 0);
  return c.kind === 'number' && c.value ? c.value : null;
}

function equal(parts: Array<Cell | null>, total: Cell | null): boolean {
  const vs = parts.map(value);
  const t = value(total);
  if (!t || vs.some((v) => !v)) return true; // nothing to compare
  return sumDecimals(vs as Decimal[]).cmp(t) === 0;
}

/** 表三: row totals, （七）总计 = the result rows, 一 + 二 = （七） + 四. */
export function applicationsHold(rows: Map<string, Array<Cell | null>>, resultIds: string[]): boolean {
  for (const cells of rows.values()) if (cells.length === 7 && !equal(cells.slice(0, 6), cells[6])) return false;
  const t37 = rows.get('3.7');
  if (t37) {
    const results = resultIds.filter((id) => rows.has(id)).map((id) => rows.get(id)!);
    for (let c = 0; c < 7; c++) if (results.length && !equal(results.map((r) => r[c]), t37[c])) return false;
    const r1 = rows.get('1');
    const r2 = rows.get('2');
    const r4 = rows.get('4');
    if (r1 && r2 && r4) {
      for (let c = 0; c < 7; c++) {
        const l = [value(r1[c]), value(r2[c])];
        const r = [value(t37[c]), value(r4[c])];
        if (l.every(Boolean) && r.every(Boolean) && sumDecimals(l as Decimal[]).cmp(sumDecimals(r as Decimal[])) !== 0) return false;
      }
    }
  }
  return true;
}

/** 表四: each group's 总计 = its four results. */
export function reviewHolds(cells: Array<Cell | null>): boolean {
  for (let g = 0; g < 3; g++) if (!equal(cells.slice(g * 5, g * 5 + 4), cells[g * 5 + 4])) return false;
  return true;
}

/** PDF text without layout: page breaks (form feeds) or prose hard-wrapped mid-sentence. */
export function looksLikePdfText(text: string, lines: Array<{ text: string }>): boolean {
  if (text.includes('\f')) return true;
  let wrapped = 0;
  for (let i = 0; i + 1 < lines.length && wrapped < 5; i++) {
    const a = lines[i].text;
    const b = lines[i + 1].text;
    if (a.length >= 24 && /[\u4e00-\u9fff，、]$/.test(a) && /^[\u4e00-\u9fff，、。；0-9]/.test(b) && b.length >= 2 && !/\t/.test(a)) wrapped++;
  }
  return wrapped >= 5;
}
