/** Hover, inlay hints and code lens: what a number is, and whether each table balances. */
import { t } from '../i18n';
import type { Report } from '../model';
import type { Cell } from '../parse/cells';
import { Arithmetic, Identity, computeArithmetic, sides } from '../rules/arithmetic';
import { tableCells } from '../rules/table-cells';
import type { Span } from '../text';

function formula(id: Identity): string {
  const s = sides(id);
  if (!s) return '';
  const part = (refs: Identity['lhs']) => refs.map((r) => `${r.short}(${r.value?.toString() ?? '?'})`).join(' + ');
  const ok = s[0].cmp(s[1]) === 0;
  return `${part(id.lhs)} = ${part(id.rhs)} ${ok ? '✓' : `✗（${s[0].toString()} ≠ ${s[1].toString()}）`}`;
}

export interface HoverInfo {
  span: Span;
  markdown: string;
}

export function hoverAt(report: Report, offset: number, arithmetic: Arithmetic = computeArithmetic(report)): HoverInfo | undefined {
  const placed = tableCells(report).find((p) => p.cell.span.start <= offset && offset <= p.cell.span.end && p.cell.span.end > p.cell.span.start);
  if (!placed) return undefined;
  const { cell } = placed;
  const value = cell.kind === 'number' ? cell.value!.toString() : cell.kind === 'blank' ? t('空白，按 0 计算') : t('无法读取');
  const lines = [`**${placed.row} · ${placed.column}** = ${value}${cell.unit ? ` ${cell.unit}` : ''}`];
  if (cell.note) lines.push(t('注：{0}', cell.note));
  for (const id of arithmetic.identities) {
    if ([...id.lhs, ...id.rhs].some((r) => r.cell === cell)) lines.push('', '`' + formula(id) + '`');
  }
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
}

export function tableLenses(report: Report, arithmetic: Arithmetic = computeArithmetic(report)): TableLens[] {
  const out: TableLens[] = [];
  const count = (kind: (id: Identity) => boolean) => arithmetic.violated.filter(kind).length;
  const lens = (line: number, n: number, checked: boolean) =>
    out.push({ line, problems: n, title: !checked ? t('勾稽关系：无可核对的等式') : n ? t('勾稽关系：{0} 处不平衡', n) : t('勾稽关系：平衡') });
  if (report.disclosure) out.push({ line: report.disclosure.startLine, problems: 0, title: t('主动公开情况表：{0} 行', report.disclosure.blocks.reduce((a, b) => a + b.rows.length, 0)) });
  if (report.applications) lens(report.applications.startLine, count((id) => id.kind !== 'T4-total'), arithmetic.identities.some((id) => id.kind !== 'T4-total'));
  if (report.review) lens(report.review.startLine, count((id) => id.kind === 'T4-total'), arithmetic.identities.some((id) => id.kind === 'T4-total'));
  return out;
}

export type { Cell };
