/**
 * Cross-year: 二、上年结转 (year Y) = 四、结转下年度 (year Y−1) of the same body; 2021 format:
 * 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y). Needs two reports, so it runs over a set.
 */
import { t } from '../i18n';
import type { Report } from '../model';
import { cellValue } from '../analysis/arithmetic';
import type { RuleFinding } from './rule';

export const carryOverRule = {
  code: 'carry-over-mismatch' as const,
  defaultSeverity: 'warning' as const,
  description: '与上一年度报告衔接不上（上年结转数应等于上年报告的结转下年度数）',
};

/** Findings for `current`, given the same body's report of the year before. */
export function checkCarryOver(current: Report, previous: Report): RuleFinding[] {
  const out: RuleFinding[] = [];
  const row2 = current.applications?.rows.get('2');
  const row4 = previous.applications?.rows.get('4');
  if (row2 && row4) {
    for (const c of [6]) {
      const a = cellValue(row2.cells[c]);
      const b = cellValue(row4.cells[c]);
      if (a && b && a.cmp(b) !== 0 && row2.cells[c]) {
        out.push({ message: t('二、上年结转·总计 为 {0}，但{1}年度报告的四、结转下年度继续办理·总计为 {2}', a.toString(), previous.year ?? '', b.toString()), span: row2.cells[c]!.span });
      }
    }
  }
  if (current.format === '2021' && previous.format === '2021' && current.disclosure && previous.disclosure) {
    for (const label of ['规章', '行政规范性文件']) {
      const cur = current.disclosure.blocks[0].rows.find((r) => r.id === label);
      const prev = previous.disclosure.blocks[0].rows.find((r) => r.id === label);
      if (!cur || !prev) continue;
      const [made, repealed, valid] = cur.cells.map(cellValue);
      const before = cellValue(prev.cells[2]);
      if (made && repealed && valid && before && before.add(made).sub(repealed).cmp(valid) !== 0 && cur.cells[2]) {
        out.push({ message: t('{0}·现行有效件数 为 {1}，但上年 {2} + 本年制发 {3} − 本年废止 {4} = {5}', label, valid.toString(), before.toString(), made.toString(), repealed.toString(), before.add(made).sub(repealed).toString()), span: cur.cells[2]!.span });
      }
    }
  }
  return out;
}

/** Each report with the same body's report of the year before, where the set has it. */
export function previousYearPairs(reports: Report[]): Map<Report, Report> {
  const byKey = new Map<string, Report>();
  for (const r of reports) if (r.body && r.year) byKey.set(`${r.body}|${r.year}`, r);
  const out = new Map<Report, Report>();
  for (const r of reports) {
    if (!r.body || !r.year) continue;
    const prev = byKey.get(`${r.body}|${r.year - 1}`);
    if (prev) out.set(r, prev);
  }
  return out;
}
