/**
 * The numbers the prose states about the tables, each with the table sum it is compared with:
 * 收到申请 N 件 = 一 总计, 办结/答复 N 件 = （七）总计, 结转 N 件 = 四 总计, 予以公开/部分公开 N 件,
 * 行政复议/行政诉讼 N 件. Shared by narrative-mismatch, hover and go to definition.
 *
 * Prose also sums rows: `予以公开及部分公开N件` is （一）+（二）. Where the words can naturally mean
 * another sum (`收到申请51件` = 新收 50 + 上年结转 1; `予以公开N件` counting 部分公开 too), a number equal
 * to that sum is no mismatch; a mismatch names the sum it was compared with.
 */
import { REVIEW_GROUPS } from '../format/official';
import { t } from '../i18n';
import type { Cell, Report } from '../model';
import { Decimal, Span, sumDecimals } from '../text';
import { cellValue } from './arithmetic';
import { proseSentences } from './prose';
import { memoOf } from './memo';

/** Rows of the 三 table whose 总计 cells are added, or the review / litigation totals. */
type Target = { kind: 'rows'; ids: string[] } | { kind: 'review' } | { kind: 'suits' };

interface Claim {
  re: RegExp;
  target: Target;
  /** Other sums the words can naturally mean: a number equal to one of them is no mismatch. */
  also?: Target[];
  /** The clause must (not) contain these. */
  requires?: RegExp;
  excludes?: RegExp;
}

const N = '(\\d[\\d,]*)\\s*';
const GAP = '[^，,。；;\\d]';
const rows = (...ids: string[]): Target => ({ kind: 'rows', ids });
const CLAIMS: Claim[] = [
  { re: new RegExp(`(?:同意公开|予以公开|全部公开)(?:答复)?(?:和|及|与|、|或|以及|并)部分公开(?:答复)?${GAP}{0,6}?${N}件`), target: rows('3.1', '3.2') },
  { re: new RegExp(`部分公开(?:答复)?${GAP}{0,6}?${N}件`), target: rows('3.2') },
  { re: new RegExp(`(?:同意公开|予以公开|全部公开)(?:答复)?${GAP}{0,6}?${N}件`), target: rows('3.1'), also: [rows('3.1', '3.2')], excludes: /部分公开|不予公开/ },
  { re: new RegExp(`上一?年度?结转${GAP}{0,10}?${N}件`), target: rows('2') },
  { re: new RegExp(`结转(?:至|到)?(?:下一?年度?|\\d{4}年度?)${GAP}{0,10}?${N}件|${N}件${GAP}{0,8}?结转(?:至|到)?下`), target: rows('4') },
  { re: new RegExp(`(?:收到|受理|新收|接收|接到)${GAP}{0,20}?申请${GAP}{0,6}?${N}[件个条份]|(?:收到|受理|新收|接收|接到)${GAP}{0,12}?${N}[件个条份]${GAP}{0,8}?申请|${N}[件条]依申请公开`), target: rows('1'), also: [rows('1', '2')], excludes: /结转|复议|诉讼/ },
  { re: new RegExp(`(?:办结|答复|办理完毕|处理完毕)${GAP}{0,10}?${N}件`), target: rows('3.7'), requires: /申请/, excludes: /公开答复|予以公开|部分公开|不予|结转|复议|诉讼|收到|受理|新收/ },
  { re: new RegExp(`行政复议(?:案件|申请)?(?:共|共计|合计)?\\s*${N}[件起宗个次]`), target: { kind: 'review' } },
  { re: new RegExp(`行政诉讼(?:案件)?(?:共|共计|合计)?\\s*${N}[件起宗个次]`), target: { kind: 'suits' } },
];

const HAS_DIGIT = /\d/;
/** The count words of every claim: each pattern ends its number with one of them. */
const COUNTED = /[件个条份起宗次]/;
/** Comparisons with last year: their numbers are not this year's. */
const COMPARED = /较|同比|相比|上年同期|去年同期/;
/** One clause of a sentence (a global pattern, its lastIndex reset for each sentence). */
const CLAUSE = /[^，,]+[，,]?/g;

interface TableSum {
  value: Decimal;
  name: string;
  /** The table cells added up (the 总计 cells of the rows, or the review/suit totals). */
  cells: Cell[];
}

/**
 * A row's total as the prose means it: the 总计 cell, or, where that cell was left blank, what the
 * filled cells before it add up to (the blank total is its own finding, not the prose's).
 */
function totalOrParts(cells: Array<Cell | null>, total: number): Decimal | null {
  const cell = cells[total];
  if (cell?.kind !== 'blank') return cellValue(cell);
  const parts = cells.slice(0, total).map(cellValue);
  return parts.some((v) => !v) ? null : sumDecimals(parts as Decimal[]);
}

/** The name of a row's 总计 cell, in the current locale. */
function rowTotalName(id: string): string {
  switch (id) {
    case '1': return t('一、本年新收·总计');
    case '2': return t('二、上年结转·总计');
    case '3.1': return t('（一）予以公开·总计');
    case '3.2': return t('（二）部分公开·总计');
    case '3.7': return t('（七）总计·总计');
    case '4': return t('四、结转下年度继续办理·总计');
    default: return ''; // never: every claim names one of these rows
  }
}

function tableValue(report: Report, target: Target): TableSum | undefined {
  if (target.kind === 'rows') {
    const vals: Decimal[] = [];
    const cells: Cell[] = [];
    for (const id of target.ids) {
      const row = report.applications?.rows.get(id)?.cells;
      const cell = row?.[6] ?? null;
      const v = row ? totalOrParts(row, 6) : null;
      if (!v || !cell) return undefined;
      vals.push(v);
      cells.push(cell);
    }
    return { value: sumDecimals(vals), name: target.ids.map(rowTotalName).join(' + '), cells };
  }
  const r = report.review;
  if (!r) return undefined;
  const groups = target.kind === 'review' ? [REVIEW_GROUPS[0]] : [REVIEW_GROUPS[1], REVIEW_GROUPS[2]];
  const cells = groups.map((g) => r.groups[g][4]);
  const vals = groups.map((g) => totalOrParts(r.groups[g], 4));
  if (vals.some((v) => !v) || cells.some((c) => !c)) return undefined;
  return { value: sumDecimals(vals as Decimal[]), name: target.kind === 'review' ? t('行政复议·总计') : t('行政诉讼·总计'), cells: cells as Cell[] };
}

/** A number the prose states about the tables, with what it was compared with. */
export interface ProseClaim {
  /** The number in the prose. */
  span: Span;
  said: Decimal;
  /** The words around it (`收到政府信息公开申请37件`). */
  words: string;
  /** The table sum it was compared with. */
  table: TableSum;
  /** It agrees with that sum, or with another sum the words can mean. */
  agrees: boolean;
}

/** Every prose number the checker compares with the tables: the rule, hover and go-to-definition share it. */
/** Computed once per parsed report: several rules and features read it. */

export function proseClaims(report: Report): ProseClaim[] {
  const memo = memoOf(report);
  return (memo.claims ??= proseClaimsOf(report));
}

function proseClaimsOf(report: Report): ProseClaim[] {
  const out: ProseClaim[] = [];
  if (!report.applications && !report.review) return out;
  for (const s of proseSentences(report)) {
    // Every claim states a number and counts it (件, 起 …): a sentence without both states none.
    if (s.otherYear || !HAS_DIGIT.test(s.text) || !COUNTED.test(s.text) || COMPARED.test(s.text)) continue;
    const clauses = CLAUSE;
    clauses.lastIndex = 0;
    for (let c = clauses.exec(s.text); c; c = clauses.exec(s.text)) {
      const clause = c[0];
      if (!HAS_DIGIT.test(clause) || !COUNTED.test(clause)) continue;
      for (const claim of CLAIMS) {
        if (claim.requires && !claim.requires.test(clause)) continue;
        // The words matched first (a clause matches few claims), then what they must not contain.
        const m = claim.re.exec(clause);
        if (!m) continue;
        if (claim.excludes && claim.excludes.test(clause.replace(claim.re, ''))) continue;
        const gi = m.slice(1).findIndex((g) => g !== undefined) + 1;
        const said = Decimal.parse(m[gi].replace(/,/g, ''));
        const table = tableValue(report, claim.target);
        if (said && table) {
          const others = (claim.also ?? []).map((a) => tableValue(report, a)).filter((v) => v !== undefined);
          const at = s.start + c.index + m.index + m[0].indexOf(m[gi]);
          const agrees = said.cmp(table.value) === 0 || others.some((o) => said.cmp(o.value) === 0);
          out.push({ span: { start: at, end: at + m[gi].length }, said, words: m[0].trim(), table, agrees });
        }
        break;
      }
    }
  }
  return out;
}
