/**
 * Formatting (textDocument/formatting → formatTablesWithNotes) never changes a number or what the
 * checker reads, over every text of the converter corpus, the seeds and damaged copies of them
 * (a cell blanked, a label glued to its first value, TABs deleted or doubled, NBSP inserted, a label
 * wrapped, a number changed…). After the formatting edits are applied:
 *   (a) the multiset of numbers in the text (digit runs, full-width digits folded) is the same;
 *   (b) what is read is the same: tablesJson and every cell's reading (kind, value, unit), cell by cell;
 *   (c) the findings (code and message) are the same, apart from the layout-only ones (label wording,
 *       variant characters, whose context is the layout);
 *   (d) formatting twice equals formatting once;
 *   (e) the edits do not overlap.
 * A table that cannot be rewritten safely is left as it is and named in `skipped`.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatTablesWithNotes } from '../../server/src/core/features/format-tables';
import { applyEdits, parseReport, runRules, tablesJson } from '../../server/src/core/index';
import type { Report, TextEdit } from '../../server/src/core/index';
import type { Cell } from '../../server/src/core/model';
import { ROOT, editLine, lineOf, readSeed, seedNames } from '../support/fixtures';

const CORPUS = join(ROOT, 'test', 'corpus', 'text');

function corpusTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const doc of readdirSync(CORPUS).sort()) {
    for (const f of readdirSync(join(CORPUS, doc)).sort()) out.push([`${doc}/${f}`, readFileSync(join(CORPUS, doc, f), 'utf8')]);
  }
  return out;
}

/** Digit runs, full-width digits folded, as a sorted list (a multiset). */
function numbers(s: string): string[] {
  return (s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).match(/\d+/g) ?? []).sort();
}

/** What the checker reads from each cell of each table: kind, value, unit, note. Spans are ignored. */
function readings(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  const cell = (c: Cell | null) => (c ? `${c.kind}:${c.value?.toString() ?? ''}:${c.unit ?? ''}:${c.note ?? ''}:${c.placeholder ? 'p' : ''}` : 'null');
  const a = report.applications;
  if (a) for (const [id, row] of a.rows) row.cells.forEach((c, i) => (out[`三/${id}/${i}`] = cell(c)));
  const r = report.review;
  if (r) for (const [g, cells] of Object.entries(r.groups)) cells.forEach((c, i) => (out[`四/${g}/${i}`] = cell(c)));
  const d = report.disclosure;
  if (d) d.blocks.forEach((b) => b.rows.forEach((row) => row.cells.forEach((c, i) => (out[`二/${b.item}/${row.id}/${i}`] = cell(c)))));
  if (d) d.blocks.forEach((b) => (out[`二/${b.item}/unit`] = b.amountUnit));
  return out;
}

/** Codes whose findings are about the layout itself (label wording, a variant character and its context). */
const LAYOUT_CODES = new Set(['label-variant', 'variant-char']);

function findings(report: Report): string[] {
  return runRules(report).filter((f) => !LAYOUT_CODES.has(f.code)).map((f) => `${f.code}: ${f.message}`).sort();
}

/** tablesJson flattened to one entry per cell (`review/suitDirect/4`), so a change names its cell. */
function jsonCells(report: Report): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [table, rows] of Object.entries(tablesJson(report))) {
    for (const [row, values] of Object.entries(rows ?? {})) values.forEach((v, i) => (out[`${table}/${row}/${i}`] = v));
  }
  return out;
}

function diffKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${k}: ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])}`);
}

interface Stats {
  texts: number;
  edits: number;
  /** Texts that formatting changed (the ones (a)–(d) are really checked on). */
  changed: number;
  skipped: Map<string, number>;
  /** Texts where a rewrite was tried and refused (it would have changed what is read). */
  refused: string[];
}
const stats: Stats = { texts: 0, edits: 0, changed: 0, skipped: new Map(), refused: [] };

/** Formats `text` once and checks (a)–(e); returns the formatted text. */
function checkFormatting(name: string, text: string): string {
  const before = parseReport(text);
  const result = formatTablesWithNotes(before);
  const edits: TextEdit[] = result.edits;
  // (e) the edits do not overlap, and every one of them is applied.
  const sorted = [...edits].sort((x, y) => x.span.start - y.span.start);
  for (let i = 1; i < sorted.length; i++) ok(sorted[i].span.start >= sorted[i - 1].span.end, `${name}: overlapping formatting edits`);
  const { text: once, applied } = applyEdits(text, edits);
  strictEqual(applied.length, edits.length, `${name}: an edit was not applied`);
  stats.texts++;
  stats.edits += edits.length;
  for (const s of result.skipped) {
    const why = s.replace(/第 \d+ 行/g, '第 N 行').replace(/“[^”]*”/g, '“…”');
    stats.skipped.set(why, (stats.skipped.get(why) ?? 0) + 1);
    if (s.endsWith('：行无法对齐')) stats.refused.push(`${name}: ${s}`);
  }
  if (once === text) return once;
  stats.changed++;
  const after = parseReport(once);
  // (a) every number is kept.
  deepStrictEqual(numbers(once), numbers(text), `${name}: formatting changes the numbers of the text`);
  // (b) what is read is the same.
  deepStrictEqual(diffKeys(jsonCells(before), jsonCells(after)), [], `${name}: formatting changes tablesJson`);
  deepStrictEqual(diffKeys(readings(before), readings(after)), [], `${name}: formatting changes what is read`);
  // (c) the same findings, layout-only ones aside.
  deepStrictEqual(findings(after), findings(before), `${name}: formatting changes the findings`);
  // (d) idempotent.
  const twice = applyEdits(once, formatTablesWithNotes(after).edits).text;
  ok(twice === once, `${name}: formatting twice differs from formatting once`);
  return once;
}

// ---------------------------------------------------------------------------------------------
// Damaged copies.

type Rand = () => number;

/** A seeded LCG, so each fast-check case names its damage by one integer. */
function rng(seed: number): Rand {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const pick = <T>(r: Rand, xs: T[]): T => xs[Math.floor(r() * xs.length)];
const LABEL_THEN_VALUE = /([\u3400-\u9fff）)”])([\t \u00a0]+)(?=[0-9０-９])/;

/** One damage to one line of a table (or any line, when the text has no table). */
const DAMAGES: Record<string, (lines: string[], i: number, r: Rand) => void> = {
  blankCell: (lines, i, r) => {
    const runs = [...lines[i].matchAll(/(?<=^|\t)[ \u00a0]*[0-9０-９][0-9０-９.,]*[ \u00a0]*(?=\t|$)/g)];
    if (runs.length) {
      const m = pick(r, runs);
      lines[i] = lines[i].slice(0, m.index) + lines[i].slice(m.index! + m[0].length);
    } else if (/^[\t \u00a0]*[0-9０-９]+[\t \u00a0]*$/.test(lines[i])) lines[i] = lines[i].replace(/[0-9０-９]+/, '');
  },
  glueLabel: (lines, i) => {
    lines[i] = lines[i].replace(LABEL_THEN_VALUE, '$1');
  },
  deleteTab: (lines, i, r) => {
    const tabs = [...lines[i].matchAll(/\t/g)];
    if (tabs.length) {
      const k = pick(r, tabs).index!;
      lines[i] = lines[i].slice(0, k) + lines[i].slice(k + 1);
    }
  },
  duplicateTab: (lines, i, r) => {
    const tabs = [...lines[i].matchAll(/\t/g)];
    if (tabs.length) {
      const k = pick(r, tabs).index!;
      lines[i] = lines[i].slice(0, k) + '\t' + lines[i].slice(k);
    }
  },
  tabToSpaces: (lines, i, r) => {
    lines[i] = lines[i].replace('\t', ' '.repeat(1 + Math.floor(r() * 4)));
  },
  insertNbsp: (lines, i, r) => {
    const k = Math.floor(r() * (lines[i].length + 1));
    lines[i] = lines[i].slice(0, k) + '\u00a0' + lines[i].slice(k);
  },
  wrapLabel: (lines, i, r) => {
    const m = /[\u3400-\u9fff]{4,}/.exec(lines[i]);
    if (m) {
      const k = m.index + 2 + Math.floor(r() * (m[0].length - 3));
      lines.splice(i, 1, lines[i].slice(0, k), lines[i].slice(k));
    }
  },
  changeNumber: (lines, i, r) => {
    lines[i] = lines[i].replace(/\d+/, (d) => String(Number(d) + 1 + Math.floor(r() * 9)));
  },
  fullWidth: (lines, i) => {
    lines[i] = lines[i].replace(/\d/, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  },
  deleteLine: (lines, i) => {
    lines.splice(i, 1);
  },
  duplicateLine: (lines, i) => {
    lines.splice(i, 0, lines[i]);
  },
  emptyLine: (lines, i) => {
    lines.splice(i, 0, '');
  },
};
const DAMAGE_NAMES = Object.keys(DAMAGES);

/** Applies `count` damages, each to a line of a table region (the lines formatting rewrites). */
function damage(text: string, seed: number, count: number): string {
  const r = rng(seed);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < count; n++) {
    const report = parseReport(lines.join('\n'));
    const tableLines = report.tableRanges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k));
    const i = tableLines.length ? pick(r, tableLines) : Math.floor(r() * lines.length);
    if (i >= lines.length) continue;
    DAMAGES[pick(r, DAMAGE_NAMES)](lines, i, r);
  }
  return lines.join(eol);
}

// ---------------------------------------------------------------------------------------------

const corpus = corpusTexts();
const seeds = seedNames().map((n): [string, string] => [`seeds/${n}`, readSeed(n)]);

describe('formatting keeps every number and every reading', () => {
  it('the two failures of the fault campaign', () => {
    // 1. 表四 of a 2019-format report with blank cells: rewritten as padded TAB rows it was no longer
    //    read as TAB rows (a padded field ends in spaces before its TAB) and the blanks were lost.
    const changfeng = readFileSync(join(CORPUS, 'changfeng-natural-resources-2020', 'libreoffice-txt.txt'), 'utf8');
    checkFormatting('changfeng/libreoffice-txt', changfeng);
    const weibin = readSeed('weibin-district-office-2019.txt');
    const row = lineOf(weibin, '0\t1\t0\t1\t2\t0');
    checkFormatting('weibin, a blank cell in 表四', editLine(weibin, row, (l) => l.replace(/^0\t1/, '0\t')));
    checkFormatting('weibin, first cell of 表四 blank', editLine(weibin, row, (l) => l.replace(/^0/, ' ')));
    // 2. `行政事业性收费\t4\t1`: the 4 of `（单位：万元，保留4位小数）` in the header went with it.
    const shunhe = readSeed('shunhe-district-2020.txt');
    const formatted = checkFormatting('shunhe', shunhe);
    ok(formatted.includes('保留4位小数'), 'the header keeps 保留4位小数');
    checkFormatting('shunhe, glued', shunhe.replace('行政事业性收费\t4\t1', '行政事业性收费4\t1'));
  });

  it('a table in markup (HTML), or whose rewrite would drop a number, is left alone and named; page marks are kept', () => {
    const html = readFileSync(join(CORPUS, 'songling-district-2021-wrapped-cells', 'pandoc-gfm.txt'), 'utf8');
    const r = formatTablesWithNotes(parseReport(html));
    ok(r.skipped.length >= 1, JSON.stringify(r.skipped));
    checkFormatting('songling/pandoc-gfm', html);
    // A page number of PDF text inside the table is kept, before the row that followed it.
    const shunhe = readSeed('shunhe-district-2020.txt');
    const paged = editLine(shunhe, lineOf(shunhe, '不予处理'), (l) => `- 7 -\n${l}`);
    const p = formatTablesWithNotes(parseReport(paged));
    deepStrictEqual(p.skipped, []);
    ok(/\n- 7 -\n[^\n]*信访举报投诉类申请/.test(checkFormatting('shunhe, page mark', paged)));
    // Words with digits inside the table that belong to no cell: rewriting would drop them.
    const noted = editLine(shunhe, lineOf(shunhe, '不予处理'), (l) => `注：数据截至12月31日\n${l}`);
    const n = formatTablesWithNotes(parseReport(noted));
    ok(n.skipped.some((s) => s.startsWith('收到和处理政府信息公开申请情况表未改写：') && s.includes('12月31日')), JSON.stringify(n.skipped));
    checkFormatting('shunhe, a note inside 表三', noted);
  });

  it('every corpus text and seed', () => {
    for (const [name, text] of [...corpus, ...seeds]) checkFormatting(name, text);
  });

  it('damaged copies of the corpus texts and seeds (property)', () => {
    const texts = [...corpus, ...seeds];
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), (i, seed, count) => {
        const [name, text] = texts[i];
        checkFormatting(`${name} damaged ×${count} (seed ${seed})`, damage(text, seed, count));
      }),
      { numRuns: 400, seed: 20260517 },
    );
  });

  it('covers what it claims to', () => {
    // Printed for the record; the floor keeps the property from passing by formatting nothing.
    console.log(`format-preserves: ${stats.texts} texts, ${stats.changed} changed by formatting, ${stats.edits} edits applied`);
    for (const [why, n] of [...stats.skipped].sort((a, b) => b[1] - a[1])) console.log(`  skipped ×${n}: ${why}`);
    for (const r of stats.refused.slice(0, 10)) console.log(`  refused: ${r}`);
    ok(stats.edits >= 400, `only ${stats.edits} edits`);
  });
});
