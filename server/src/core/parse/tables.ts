/** The three tables of sections 二, 三 and 四, read by their labels in either format. */
import {
  APPLICATION_GROUP_SIGNATURES,
  APPLICATION_ROWS,
  DISCLOSURE_BLOCKS,
  FormatId,
  REVIEW_GROUPS,
} from '../format/official';
import type { ApplicationsTable, DisclosureBlock, DisclosureTable, ReviewTable, TableProblem } from '../model';
import { Line, labelKey } from '../text';
import { alignValues, collectRows, LabelMatch } from './align';
import { Cell, splitLineCells } from './cells';

/** Strips one leading ordinal (`七总计` → `总计`, `3危及…` → `危及…`). */
export function labelBody(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]|\d{1,2})(?=.)/, '');
}

/** A text cell that is prose, not a label: tables end there once their last row is read. */
function isProse(cell: Cell): boolean {
  return cell.raw.length > 60 || /[。；]/.test(cell.raw);
}

export function regionCells(lines: Line[], from: number, to: number): Cell[] {
  const cells: Cell[] = [];
  for (let i = from; i < to; i++) for (const c of splitLineCells(lines[i])) cells.push(c);
  return cells;
}

function spanOf(lines: Line[], from: number, to: number) {
  return { start: lines[from].start, end: lines[Math.max(from, to - 1)].end };
}

export function parseApplications(lines: Line[], from: number, to: number, format: FormatId): ApplicationsTable {
  const defs = APPLICATION_ROWS[format];
  const problems: TableProblem[] = [];
  const bodies = defs.map((d) => labelBody(labelKey(d.label)));
  const match = (cell: Cell, seen: ReadonlySet<string>): LabelMatch => {
    if (isProse(cell)) return seen.has('4') ? { type: 'end' } : null;
    const key = labelKey(cell.raw);
    if (!key) return null;
    const body = labelBody(key);
    if (APPLICATION_GROUP_SIGNATURES.some((g) => key.endsWith(g) || body === g || key === g)) return { type: 'group' };
    if (body === '其他处理' || key.endsWith('其他处理')) {
      return format === '2021' ? { type: 'group' } : { type: 'row', id: '3.6', columns: 7 };
    }
    if (body === '总计' || key.includes('七总计')) {
      return seen.has('3.1') || seen.has('1') || key.includes('七') ? { type: 'row', id: '3.7', columns: 7 } : null;
    }
    if (body === '其他') {
      return format === '2021' && (seen.has('3.6.1') || seen.has('3.6.2')) ? { type: 'row', id: '3.6.3', columns: 7 } : null;
    }
    for (const d of defs) if (d.signatures.some((s) => key.includes(s))) return { type: 'row', id: d.id, columns: 7 };
    if (body.length >= 4) {
      const hits = defs.filter((_, i) => bodies[i].startsWith(body));
      if (hits.length === 1) return { type: 'row', id: hits[0].id, columns: 7 };
    }
    return null;
  };
  const cells = regionCells(lines, from, to);
  const rows = collectRows(cells, match, problems, (seen) => seen.has('4'));
  const last = Math.max(from, ...[...rows.values()].flatMap((r) => r.cells.filter((c): c is Cell => !!c).map((c) => c.line)));
  return { kind: 'applications', startLine: from, endLine: Math.min(to - 1, Math.max(last, from)), span: spanOf(lines, from, Math.min(to, last + 1)), problems, rows };
}

export function parseReview(lines: Line[], from: number, to: number): ReviewTable {
  const problems: TableProblem[] = [];
  const cells = regionCells(lines, from, to);
  // The 15 numbers follow the header rows; the header holds no numbers.
  let firstValue = cells.findIndex((c) => c.kind === 'number' || c.kind === 'bad' || (c.kind === 'blank' && c.placeholder));
  if (firstValue < 0) {
    // No number at all (an unfilled table): the empty cells after the header are its row.
    let lastText = -1;
    cells.forEach((c, i) => { if (c.kind === 'text' && !isProse(c)) lastText = i; });
    if (lastText >= 0 && lastText + 1 < cells.length) firstValue = lastText + 1;
  }
  const seq: Cell[] = [];
  if (firstValue >= 0) {
    for (let i = firstValue; i < cells.length; i++) {
      if (cells[i].kind === 'text') {
        if (isProse(cells[i])) break;
        continue;
      }
      seq.push(cells[i]);
    }
  }
  const aligned = alignValues(seq, 15, undefined);
  if (firstValue >= 0 && aligned.ambiguous) {
    problems.push({ kind: 'unaligned-row', span: cells[firstValue].span, count: seq.filter((c) => c.kind !== 'blank' || c.placeholder).length, expected: 15 });
  }
  if (aligned.excess.length) {
    const a = aligned.excess[0].span.start;
    const b = aligned.excess[aligned.excess.length - 1].span.end;
    problems.push({ kind: 'extra-values', span: { start: a, end: b }, count: aligned.excess.length });
  }
  const groups = {} as ReviewTable['groups'];
  REVIEW_GROUPS.forEach((g, i) => (groups[g] = firstValue >= 0 ? aligned.cells.slice(i * 5, i * 5 + 5) : [null, null, null, null, null]));
  const used = aligned.cells.filter((c): c is Cell => !!c);
  const last = used.length ? used[used.length - 1].line : from;
  return { kind: 'review', startLine: from, endLine: Math.max(from, last), span: spanOf(lines, from, last + 1), problems, groups };
}

export function parseDisclosure(lines: Line[], from: number, to: number, format: FormatId): DisclosureTable {
  const problems: TableProblem[] = [];
  const defs = DISCLOSURE_BLOCKS[format];
  const blocks: DisclosureBlock[] = defs.map((d) => ({ item: d.item, amountUnit: '万元', rows: [] }));
  const cells = regionCells(lines, from, to);
  let currentBlock = -1;
  const rowBlock = new Map<string, number>();
  const labels: Array<{ key: string; id: string; block: number }> = [];
  defs.forEach((d, b) =>
    d.rows.forEach((r) => {
      labels.push({ key: labelKey(r.label), id: r.label, block: b });
      for (const v of r.variants) labels.push({ key: labelKey(v), id: r.label, block: b });
    }),
  );
  // Longer labels first, so 行政规范性文件 is not read as 规范性文件.
  labels.sort((a, b) => b.key.length - a.key.length);
  const match = (cell: Cell): LabelMatch => {
    if (isProse(cell)) return { type: 'end' };
    const key = labelKey(cell.raw);
    const item = /第二十条第([一二三四五六七八九十]+)项/.exec(key);
    if (item) {
      currentBlock = defs.findIndex((d) => d.item === item[1]);
      if (currentBlock >= 0) blocks[currentBlock].labelCell = cell;
      return { type: 'group' };
    }
    if (currentBlock >= 0 && defs[currentBlock].amountColumns.length && /元/.test(key)) {
      blocks[currentBlock].amountUnit = /万元/.test(key) ? '万元' : '元';
    }
    const hit = labels.find((l) => key === l.key || (key.startsWith(l.key) && key.length <= l.key.length + 4));
    if (!hit) return null;
    rowBlock.set(hit.id, hit.block);
    return { type: 'row', id: hit.id, columns: defs[hit.block].columns.length };
  };
  const rows = collectRows(cells, match, problems);
  for (const row of rows.values()) blocks[rowBlock.get(row.id)!].rows.push(row);
  const used = [...rows.values()].flatMap((r) => r.cells.filter((c): c is Cell => !!c).map((c) => c.line));
  const last = used.length ? Math.max(...used) : from;
  return { kind: 'disclosure', startLine: from, endLine: last, span: spanOf(lines, from, last + 1), problems, blocks };
}
