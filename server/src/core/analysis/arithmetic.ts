/**
 * The identities of REPORT-FORMAT.md §5 as equations over table cells, and the repair that
 * fix-all applies. Shared by total-mismatch and balance-mismatch; computed once per check.
 *
 * Repair: a single wrong cell breaks every identity it is in and no other, so the cell that lies
 * in the most broken identities and in no sound one is the culprit; its value is the one that
 * makes those identities hold. Ties go to the total cell. Repeat until sound or stuck.
 */
import { applicationRowDefs } from '../model';
import {
  APPLICANT_COLUMNS,
  ApplicationRowDef,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_GROUP_LABELS,
} from '../format/official';
import type { Report } from '../model';
import type { Cell } from '../model';
import { Decimal, sumDecimals } from '../text';

export interface CellRef {
  /** `（七）总计·自然人` */
  name: string;
  /** Short name for identity formulas: `（七）`. */
  short: string;
  cell: Cell | null;
  value: Decimal | null;
  /** A total the format computes from others (the usual thing to correct). */
  isTotal: boolean;
}

export type IdentityKind = 'T3-results' | 'T3-row-total' | 'T3-balance' | 'T4-total';

export interface Identity {
  kind: IdentityKind;
  /** Column or row the identity is about, for messages. */
  subject: string;
  lhs: CellRef[];
  rhs: CellRef[];
  /** The cell a message points at when no culprit is known. */
  total: CellRef;
}

export interface Repair {
  ref: CellRef;
  value: Decimal;
}

export interface Arithmetic {
  identities: Identity[];
  violated: Identity[];
  repairs: Repair[];
  fixes: Map<Identity, Repair[]>;
}

/** A blank's value (Decimals are immutable: one serves every blank). */
const ZERO = new Decimal(0n, 0);

export function cellValue(cell: Cell | null): Decimal | null {
  if (!cell) return null;
  if (cell.kind === 'number') return cell.value ?? null;
  if (cell.kind === 'blank') return ZERO;
  return null;
}

function sum(refs: CellRef[], override?: Map<CellRef, Decimal>): Decimal | null {
  const vals: Decimal[] = [];
  for (const r of refs) {
    const v = override?.get(r) ?? r.value;
    if (!v) return null;
    vals.push(v);
  }
  return sumDecimals(vals);
}

export function sides(id: Identity, override?: Map<CellRef, Decimal>): [Decimal, Decimal] | null {
  const a = sum(id.lhs, override);
  const b = sum(id.rhs, override);
  return a && b ? [a, b] : null;
}

function holds(id: Identity, override?: Map<CellRef, Decimal>): boolean | null {
  const fast = holdsInIntegers(id, override);
  if (fast !== undefined) return fast;
  const s = sides(id, override);
  return s ? s[0].cmp(s[1]) === 0 : null;
}

/**
 * The sum of a side's values (but `except`) in numbers when they are whole counts: null when a value
 * is missing, undefined when one is fractional or large (the exact path decides then).
 */
function sumInIntegers(side: CellRef[], override: Map<CellRef, Decimal>, except?: CellRef): number | null | undefined {
  let s = 0;
  let whole = true;
  for (const r of side) {
    if (r === except) continue;
    const v = override.get(r) ?? r.value;
    if (!v) return null;
    if (!whole || v.scale !== 0) {
      whole = false;
      continue;
    }
    const n = Number(v.units);
    if (n < SMALL && n > -SMALL) s += n;
    else whole = false;
  }
  return whole ? s : undefined;
}

/** Below this a count's sum in doubles is exact (an identity adds a few dozen of them). */
const SMALL = 2 ** 40;

/**
 * `holds` for the usual identity, whose cells are whole counts: added as numbers, exactly, without
 * a Decimal per step. Undefined when a value is fractional or large (the exact path decides then).
 */
function holdsInIntegers(id: Identity, override?: Map<CellRef, Decimal>): boolean | null | undefined {
  let a = 0;
  let b = 0;
  for (const r of id.lhs) {
    const v = override?.get(r) ?? r.value;
    if (!v) return null;
    if (v.scale !== 0) return undefined;
    const n = Number(v.units);
    if (!(n < SMALL && n > -SMALL)) return undefined;
    a += n;
  }
  for (const r of id.rhs) {
    const v = override?.get(r) ?? r.value;
    if (!v) return null;
    if (v.scale !== 0) return undefined;
    const n = Number(v.units);
    if (!(n < SMALL && n > -SMALL)) return undefined;
    b += n;
  }
  return a === b;
}

/** A row's short name for formulas (`（七）`) and its cells' names (`（七）总计·自然人`): the same for every report. */
const REF_NAMES = new WeakMap<ApplicationRowDef, { short: string; names: string[] }>();

function refNames(d: ApplicationRowDef): { short: string; names: string[] } {
  let r = REF_NAMES.get(d);
  if (!r) {
    const short = d.short.replace(/^(（[一二三四五六七]）|[一二三四]、).*$/, '$1').replace('、', '');
    r = { short, names: APPLICANT_COLUMNS.map((col) => `${d.short}·${col}`) };
    REF_NAMES.set(d, r);
  }
  return r;
}

function buildIdentities(report: Report): Identity[] {
  const out: Identity[] = [];
  const apps = report.applications;
  if (apps) {
    const defs = applicationRowDefs(report);
    const refs = new Map<string, CellRef[]>();
    const defOf = new Map<string, ApplicationRowDef>();
    for (const d of defs) {
      if (!defOf.has(d.id)) defOf.set(d.id, d);
      const row = apps.rows.get(d.id);
      if (!row) continue;
      const { short, names } = refNames(d);
      refs.set(
        d.id,
        row.cells.map((cell, c) => ({
          name: names[c] ?? `${d.short}·${APPLICANT_COLUMNS[c]}`,
          short,
          cell,
          value: cellValue(cell),
          isTotal: d.id === '3.7' || c === 6,
        })),
      );
    }
    refs.forEach((row, id) => {
      const d = defOf.get(id)!;
      out.push({ kind: 'T3-row-total', subject: d.short, lhs: row.slice(0, 6), rhs: [row[6]], total: row[6] });
    });
    // A result row the reader did not find (a label it could not recognise) has unknown numbers:
    // （七）总计 is then not checked against the rows (the missing row is reported on its own).
    const complete = defs.every((d) => !d.result || refs.has(d.id));
    const results = defs.filter((d) => d.result && refs.has(d.id)).map((d) => refs.get(d.id)!);
    const t37 = refs.get('3.7');
    if (t37 && results.length && complete) {
      for (let c = 0; c < 7; c++) {
        out.push({ kind: 'T3-results', subject: APPLICANT_COLUMNS[c], lhs: results.map((r) => r[c]), rhs: [t37[c]], total: t37[c] });
      }
    }
    const r1 = refs.get('1');
    const r2 = refs.get('2');
    const r4 = refs.get('4');
    if (r1 && r2 && r4 && t37) {
      for (let c = 0; c < 7; c++) {
        out.push({ kind: 'T3-balance', subject: APPLICANT_COLUMNS[c], lhs: [r1[c], r2[c]], rhs: [t37[c], r4[c]], total: r4[c] });
      }
    }
  }
  const review = report.review;
  if (review) {
    for (const g of REVIEW_GROUPS) {
      const cells = review.groups[g];
      if (cells.every((c) => c === null)) continue;
      const refs: CellRef[] = cells.map((cell, c) => ({
        name: `${REVIEW_GROUP_LABELS[g]}·${REVIEW_COLUMNS[c]}`,
        short: REVIEW_COLUMNS[c],
        cell,
        value: cellValue(cell),
        isTotal: c === 4,
      }));
      out.push({ kind: 'T4-total', subject: REVIEW_GROUP_LABELS[g], lhs: refs.slice(0, 4), rhs: [refs[4]], total: refs[4] });
    }
  }
  return out;
}

/** The value `ref` must take for `id` to hold, given the other cells. */
function required(id: Identity, ref: CellRef, override: Map<CellRef, Decimal>): Decimal | null {
  // Whole counts: the same difference in numbers (what the Decimals give: scale 0, exact).
  const inLhs = id.lhs.includes(ref);
  const sameSide = sumInIntegers(inLhs ? id.lhs : id.rhs, override, ref);
  const otherSide = sumInIntegers(inLhs ? id.rhs : id.lhs, override);
  if (sameSide === null || otherSide === null) return null;
  if (sameSide !== undefined && otherSide !== undefined) return Decimal.fromInt(otherSide - sameSide);
  const others = (side: CellRef[]) => sum(side.filter((r) => r !== ref), override);
  const inL = id.lhs.includes(ref);
  const same = others(inL ? id.lhs : id.rhs);
  const other = sum(inL ? id.rhs : id.lhs, override);
  if (!same || !other) return null;
  return other.sub(same);
}

export function computeArithmetic(report: Report): Arithmetic {
  const identities = buildIdentities(report);
  const violated = identities.filter((id) => holds(id) === false);
  // A sound table (the usual case) needs no repair search.
  if (!violated.length) return { identities, violated, repairs: [], fixes: new Map() };
  const override = new Map<CellRef, Decimal>();
  const repairs: Repair[] = [];
  for (let round = 0; round < 50; round++) {
    // Each identity's state once per round (sound, broken or unknown).
    const state = identities.map((id) => holds(id, override));
    const broken = identities.filter((_, i) => state[i] === false);
    if (!broken.length) break;
    const sound = new Set<CellRef>();
    identities.forEach((id, i) => {
      if (state[i] !== true) return;
      for (const r of id.lhs) sound.add(r);
      for (const r of id.rhs) sound.add(r);
    });
    let best: { ref: CellRef; value: Decimal; score: number } | undefined;
    let tie = false;
    const candidates = new Set<CellRef>();
    for (const id of broken) {
      for (const r of id.lhs) if (r.cell && !sound.has(r)) candidates.add(r);
      for (const r of id.rhs) if (r.cell && !sound.has(r)) candidates.add(r);
    }
    for (const ref of candidates) {
      const mine = broken.filter((id) => id.lhs.includes(ref) || id.rhs.includes(ref));
      const values = mine.map((id) => required(id, ref, override));
      const v = values[0];
      if (!v || values.some((x) => !x || x.cmp(v) !== 0) || v.isNegative()) continue;
      const score = mine.length * 2 + (ref.isTotal ? 1 : 0);
      if (!best || score > best.score) {
        best = { ref, value: v, score };
        tie = false;
      } else if (score === best.score) tie = true;
    }
    if (!best || tie) break;
    override.set(best.ref, best.value);
    repairs.push({ ref: best.ref, value: best.value });
  }
  // A broken identity gets the repairs in its cells as its fix, when they make it hold.
  const fixes = new Map<Identity, Repair[]>();
  for (const id of violated) {
    if (holds(id, override) !== true) continue;
    const cells = new Set(identityCells(id));
    fixes.set(id, repairs.filter((r) => cells.has(r.ref)));
  }
  return { identities, violated, repairs, fixes };
}

function identityCells(id: Identity): CellRef[] {
  return [...id.lhs, ...id.rhs];
}
