/** Hover, inlay hints and code lens: what a number is, and whether each table balances. */
import { t } from '../i18n';
import type { Report } from '../model';
import { ProseClaim, proseClaims } from '../analysis/prose-claims';
import type { Cell } from '../model';
import { Arithmetic, Identity, computeArithmetic, sides } from '../analysis/arithmetic';
import { tableCells } from '../analysis/table-cells';
import { DISCLOSURE_BLOCKS } from '../format/official';
import type { Span } from '../text';

function formula(id: Identity): string {
  const s = sides(id);
  if (!s) return '';
  const part = (refs: Identity['lhs']) => refs.map((r) => `${r.short}(${r.value?.toString() ?? '?'})`).join(' + ');
  const ok = s[0].cmp(s[1]) === 0;
  return `${part(id.lhs)} = ${part(id.rhs)} ${ok ? '✓' : `✗（${s[0].toString()} ≠ ${s[1].toString()}）`}`;
}

/** A term's name without the identity's subject: `（七）总计·自然人` under subject `自然人` is `（七）总计`. */
function termName(id: Identity, name: string): string {
  const parts = name.split('·');
  if (parts.length < 2) return name;
  const rest = parts.filter((p) => p !== id.subject && !id.subject.endsWith(p));
  return rest.length && rest.length < parts.length ? rest.join('·') : name;
}

/**
 * An identity spelled out with names, the single-cell side first when there is one:
 * `（七）总计·自然人 26 ≠ （一）予以公开 7 + （二）部分公开 3 = 25（其余 18 项为 0）`.
 */
export function namedFormula(id: Identity): string {
  const s = sides(id);
  const val = (r: Identity['lhs'][number]) => r.value?.toString() ?? '?';
  const side = (refs: Identity['lhs'], total: string | undefined, single: boolean): string => {
    if (single) return `${refs[0].name} ${val(refs[0])}`;
    // Long sums name only their non-zero terms; short ones name every term.
    const shown = refs.length > 3 ? refs.filter((r) => !r.value || r.value.units !== 0n) : refs;
    const zeros = refs.length - shown.length;
    const terms = (shown.length ? shown : refs.slice(0, 1)).map((r) => `${termName(id, r.name)} ${val(r)}`).join(' + ');
    const rest = zeros && shown.length ? t('（其余 {0} 项为 0）', zeros) : '';
    return `${terms}${total !== undefined && shown.length > 1 ? ` = ${total}` : ''}${rest}`;
  };
  const ok = s ? s[0].cmp(s[1]) === 0 : undefined;
  const rel = ok === undefined ? '?' : ok ? '=' : '≠';
  const [l, r] = [id.lhs, id.rhs];
  if (r.length === 1 && l.length > 1) return `${side(r, undefined, true)} ${rel} ${side(l, s?.[0].toString(), false)}`;
  if (l.length === 1 && r.length > 1) return `${side(l, undefined, true)} ${rel} ${side(r, s?.[1].toString(), false)}`;
  return `${id.subject}：${side(l, s?.[0].toString(), false)} ${rel} ${side(r, s?.[1].toString(), false)}`;
}

export interface HoverInfo {
  span: Span;
  markdown: string;
}

const within = (span: Span, offset: number) => span.start <= offset && offset <= span.end && span.end > span.start;

/** The prose number at an offset and the table sum it is compared with. */
function claimAt(report: Report, offset: number): ProseClaim | undefined {
  return proseClaims(report).find((c) => within(c.span, offset));
}

/** Go to definition on a prose number: the table cells it was compared with. */
export function definitionAt(report: Report, offset: number): Span[] {
  return claimAt(report, offset)?.table.cells.map((c) => c.span) ?? [];
}

export function hoverAt(report: Report, offset: number, arithmetic: Arithmetic = computeArithmetic(report)): HoverInfo | undefined {
  const placed = tableCells(report).find((p) => within(p.cell.span, offset));
  if (!placed) {
    const claim = claimAt(report, offset);
    if (!claim) return undefined;
    const mark = claim.agrees ? '✓' : '✗';
    return { span: claim.span, markdown: `${mark} ${t('正文 {0} 对照表格：{1} = {2}', claim.said.toString(), claim.table.name, claim.table.value.toString())}` };
  }
  const { cell } = placed;
  const value = cell.kind === 'number' ? cell.value!.toString() : cell.kind === 'blank' ? t('空白，按 0 计算') : t('无法读取');
  const lines = [`**${placed.row} · ${placed.column}** = ${value}${cell.unit ? ` ${cell.unit}` : ''}`];
  if (cell.note) lines.push(t('注：{0}', cell.note));
  for (const id of arithmetic.identities) {
    if (![...id.lhs, ...id.rhs].some((r) => r.cell === cell)) continue;
    // A sound identity in its compact form; a broken one spelled out with row and column names.
    if (arithmetic.violated.includes(id)) lines.push('', `✗ ${namedFormula(id)}`);
    else lines.push('', id.kind === 'T3-balance' ? '`' + formula(id) + '`' : `✓ ${namedFormula(id)}`);
  }
  const repair = arithmetic.repairs.find((r) => r.ref.cell === cell);
  if (repair) lines.push('', t('建议改为 {0}', repair.value.toString()));
  return { span: cell.span, markdown: lines.join('\n') };
}

export interface InlayHint {
  offset: number;
  label: string;
}

/** The column name after each number (`auto`: only in one-cell-per-line tables, where it is not visible). */
export function inlayHints(report: Report, mode: 'auto' | 'on' | 'off'): InlayHint[] {
  if (mode === 'off') return [];
  const out: InlayHint[] = [];
  const perLine = new Map<number, number>();
  const cells = tableCells(report);
  for (const p of cells) perLine.set(p.cell.line, (perLine.get(p.cell.line) ?? 0) + 1);
  for (const p of cells) {
    if (mode === 'auto' && (perLine.get(p.cell.line) ?? 0) > 1) continue;
    if (p.cell.span.end === p.cell.span.start && p.cell.kind === 'blank') continue;
    out.push({ offset: p.cell.span.end, label: ` ${p.column}` });
  }
  return out;
}

export interface TableLens {
  line: number;
  title: string;
  problems: number;
  /** `reveal`: jump to `target` (the first cell to correct); `tableView`: open the table view. */
  action: 'reveal' | 'tableView';
  /** Offset the reveal lens jumps to. */
  target?: number;
}

/** The cell to look at first in a broken identity: the culprit fix-all would change, else its total. */
function firstBroken(arithmetic: Arithmetic, ids: Identity[]): number | undefined {
  const cells = new Set(ids.flatMap((id) => [...id.lhs, ...id.rhs]));
  const repair = arithmetic.repairs.find((r) => cells.has(r.ref) && r.ref.cell);
  const cell = repair?.ref.cell ?? ids.find((id) => id.total.cell)?.total.cell ?? ids.flatMap((id) => [...id.lhs, ...id.rhs]).find((r) => r.cell)?.cell;
  return cell?.span.start;
}

/**
 * Above each table: its balance (clickable: jumps to the first cell to correct) and a lens that opens the
 * table view. The 二 table has no identity of its own: its lens says how many of its rows were read.
 */
export function tableLenses(report: Report, arithmetic: Arithmetic = computeArithmetic(report)): TableLens[] {
  const out: TableLens[] = [];
  const lens = (line: number, kind: (id: Identity) => boolean) => {
    const ids = arithmetic.violated.filter(kind);
    const checked = arithmetic.identities.some(kind);
    const n = ids.length;
    const title = !checked ? t('勾稽关系：无可核对的等式') : n ? t('勾稽关系：{0} 处不平衡', n) : t('勾稽关系：平衡');
    out.push({ line, problems: n, title, action: n ? 'reveal' : 'tableView', target: n ? firstBroken(arithmetic, ids) : undefined });
  };
  const d = report.disclosure;
  if (d) {
    const expected = DISCLOSURE_BLOCKS[report.format].reduce((a, b) => a + b.rows.length, 0);
    const read = d.blocks.reduce((a, b) => a + b.rows.filter((r) => r.cells.every((c) => c !== null)).length, 0);
    out.push({ line: d.startLine, problems: 0, title: read === expected ? t('主动公开情况表：{0} 行全部读出', read) : t('主动公开情况表：读出 {0} / {1} 行', read, expected), action: 'tableView' });
  }
  if (report.applications) lens(report.applications.startLine, (id) => id.kind !== 'T4-total');
  if (report.review) lens(report.review.startLine, (id) => id.kind === 'T4-total');
  for (const line of [d?.startLine, report.applications?.startLine, report.review?.startLine]) {
    if (line !== undefined) out.push({ line, problems: 0, title: t('表格视图'), action: 'tableView' });
  }
  return out;
}

export type { Cell };
