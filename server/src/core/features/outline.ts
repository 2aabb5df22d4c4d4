/** Outline: title, every section heading (duplicates too), sub-headings, tables and row groups. */
import { applicationRowDefs } from '../model';
import type { Report } from '../model';
import type { Span } from '../text';

export type OutlineKind = 'title' | 'section' | 'subsection' | 'table' | 'rowgroup';

export interface OutlineNode {
  name: string;
  kind: OutlineKind;
  /** Everything the node covers. */
  span: Span;
  /** The heading itself. */
  selection: Span;
  children: OutlineNode[];
}

const TABLE_NAMES = { disclosure: '主动公开政府信息情况表', applications: '收到和处理政府信息公开申请情况表', review: '行政复议、行政诉讼情况表' };

function tableNodes(report: Report): OutlineNode[] {
  const out: OutlineNode[] = [];
  const lineSpan = (a: number, b: number): Span => ({ start: report.lines[a].start, end: report.lines[b].end });
  if (report.disclosure) {
    const d = report.disclosure;
    const children = d.blocks.filter((b) => b.labelCell || b.rows.length).map((b) => {
      const cells = [b.labelCell, ...b.rows.flatMap((r) => [...r.labelCells, ...r.cells])].filter((c) => !!c);
      const lines = cells.map((c) => c!.line);
      const span = lineSpan(Math.min(...lines), Math.max(...lines));
      return { name: `第二十条第（${b.item}）项`, kind: 'rowgroup' as const, span, selection: b.labelCell?.span ?? span, children: [] };
    });
    out.push({ name: TABLE_NAMES.disclosure, kind: 'table', span: lineSpan(d.startLine, d.endLine), selection: lineSpan(d.startLine, d.startLine), children });
  }
  if (report.applications) {
    const a = report.applications;
    const groups = new Map<string, number[]>();
    for (const def of applicationRowDefs(report)) {
      const row = a.rows.get(def.id);
      if (!row) continue;
      const group = def.group ?? def.label;
      const lines = [...row.labelCells, ...row.cells].filter((c) => !!c).map((c) => c!.line);
      groups.set(group, [...(groups.get(group) ?? []), ...lines]);
    }
    const children = [...groups].map(([name, lines]) => {
      const span = lineSpan(Math.min(...lines), Math.max(...lines));
      return { name, kind: 'rowgroup' as const, span, selection: { start: span.start, end: report.lines[Math.min(...lines)].end }, children: [] };
    });
    out.push({ name: TABLE_NAMES.applications, kind: 'table', span: lineSpan(a.startLine, a.endLine), selection: lineSpan(a.startLine, a.startLine), children });
  }
  if (report.review) {
    const r = report.review;
    out.push({ name: TABLE_NAMES.review, kind: 'table', span: lineSpan(r.startLine, r.endLine), selection: lineSpan(r.startLine, r.startLine), children: [] });
  }
  return out;
}

/** `一是…`, `二是…`: an enumeration inside a paragraph, not a heading. */
const ENUMERATION = /^[一二三四五六七八九十]+是/;

/** A sub-heading that runs on into its paragraph is named by its first phrase: `（一）加强组织领导。我局…` → `（一）加强组织领导`. */
function headingName(text: string): string {
  const m = /^(.{2,40}?)[。；;：:]/.exec(text);
  return m && m[1].length < text.length - 1 ? m[1] : text.length > 60 ? text.slice(0, 60) + '…' : text;
}

export function outline(report: Report): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const end = report.text.length;
  if (report.title) roots.push({ name: report.title.text, kind: 'title', span: report.title.span, selection: report.title.span, children: [] });
  const hs = report.headings;
  const tables = tableNodes(report).sort((a, b) => a.span.start - b.span.start);
  // Sub-headings and tables are in document order: one pointer each keeps this linear.
  let si = 0;
  let ti = 0;
  hs.forEach((h, i) => {
    const stop = i + 1 < hs.length ? report.lines[hs[i + 1].line].start : end;
    const span = { start: h.span.start, end: Math.max(h.span.end, stop) };
    const children: OutlineNode[] = [];
    let sub: OutlineNode | undefined;
    const items: Array<{ at: number; node: OutlineNode; level: number }> = [];
    while (si < report.subHeadings.length && report.subHeadings[si].span.start < span.end) {
      const s = report.subHeadings[si++];
      if (s.span.start < span.start || ENUMERATION.test(s.text)) continue;
      items.push({ at: s.span.start, node: { name: headingName(s.text), kind: 'subsection', span: s.span, selection: s.span, children: [] }, level: s.level });
    }
    while (ti < tables.length && tables[ti].span.start < span.end) {
      const t = tables[ti++];
      if (t.span.start >= span.start) items.push({ at: t.span.start, node: t, level: 0 });
    }
    items.sort((a, b) => a.at - b.at);
    for (const it of items) {
      if (it.level === 2 && sub) sub.children.push(it.node);
      else {
        children.push(it.node);
        sub = it.level === 1 ? it.node : undefined;
      }
    }
    // A sub-heading's span runs to the next sibling, so folding and breadcrumbs follow the text.
    children.forEach((c, k) => {
      if (c.kind !== 'subsection') return;
      const next = children[k + 1]?.span.start ?? span.end;
      c.span = { start: c.span.start, end: Math.max(c.span.end, next) };
    });
    roots.push({ name: h.text, kind: 'section', span, selection: h.span, children });
  });
  // Tables outside any section (a report with no headings) still show.
  for (const t of tables) if (!hs.some((h, i) => t.span.start >= h.span.start && (i + 1 >= hs.length || t.span.start < report.lines[hs[i + 1].line].start))) roots.push(t);
  for (const r of roots) within(r);
  return roots;
}

/**
 * Every child inside its parent, as editors require of document symbols: a table cut short by a heading
 * typed into it may have read rows past its end; such a part is left out of the child, and a child
 * wholly outside is dropped.
 */
function within(node: OutlineNode): void {
  node.children = node.children.flatMap((c) => {
    const start = Math.max(c.span.start, node.span.start);
    const end = Math.min(c.span.end, node.span.end);
    if (start > end || (start === end && c.span.start !== c.span.end)) return [];
    c.span = { start, end };
    if (c.selection.start < start || c.selection.end > end) c.selection = { start, end: Math.max(start, Math.min(c.selection.end, end)) };
    within(c);
    return [c];
  });
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
}

/** Sections and tables fold; trailing blank lines stay visible. */
export function foldingRanges(report: Report): FoldingRange[] {
  const out: FoldingRange[] = [];
  const trim = (a: number, b: number) => {
    while (b > a && report.lines[b].text.trim() === '') b--;
    if (b > a) out.push({ startLine: a, endLine: b });
  };
  const hs = report.headings;
  hs.forEach((h, i) => trim(h.line, (i + 1 < hs.length ? hs[i + 1].line : report.lines.length) - 1));
  for (const t of [report.disclosure, report.applications, report.review]) if (t) trim(t.startLine, t.endLine);
  return out;
}
