/**
 * The fix-safety contract, over every text of the converter corpus, the seeds and damaged copies
 * of them: a single quick fix or fix-all never (a) deletes a digit without writing digits back,
 * (b) raises the number of errors, (c) creates a duplicate section, (d) changes a cell that lies in
 * a sound identity; fix-all is idempotent and its edits never overlap.
 */
import { deepStrictEqual, ok } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits, computeArithmetic, fixAll, parseReport, runRules } from '../../server/src/core/index';
import type { Finding } from '../../server/src/core/index';
import { ROOT, readSeed, seedNames } from '../support/fixtures';

const CORPUS = join(ROOT, 'test', 'corpus', 'text');

function corpusTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const doc of readdirSync(CORPUS).sort()) {
    for (const f of readdirSync(join(CORPUS, doc)).sort()) out.push([`${doc}/${f}`, readFileSync(join(CORPUS, doc, f), 'utf8')]);
  }
  return out;
}

const errors = (text: string) => runRules(parseReport(text)).filter((f) => f.severity === 'error').length;
const duplicateSections = (text: string) => {
  const n = parseReport(text).headings.map((h) => h.number);
  return n.length - new Set(n).size;
};
const digits = (s: string) => s.replace(/[^0-9０-９]/g, '');

/** Spans of the cells that lie in an identity that holds. */
function soundCellSpans(text: string): Array<{ start: number; end: number }> {
  const { identities, violated } = computeArithmetic(parseReport(text));
  const bad = new Set(violated);
  const out: Array<{ start: number; end: number }> = [];
  for (const id of identities) if (!bad.has(id)) for (const r of [...id.lhs, ...id.rhs]) if (r.cell) out.push(r.cell.span);
  return out;
}

function checkFix(name: string, text: string, f: Finding): void {
  const fix = f.fix!;
  for (const e of fix.edits) {
    const old = text.slice(e.span.start, e.span.end);
    ok(!digits(old) || digits(e.newText), `${name}: ${f.code} fix deletes digits “${old}”`);
  }
  if (f.code === 'total-mismatch' || f.code === 'balance-mismatch') {
    const sound = soundCellSpans(text);
    for (const e of fix.edits) {
      ok(!sound.some((s) => s.start < Math.max(e.span.end, e.span.start + 1) && e.span.start < s.end), `${name}: ${f.code} fix changes a cell in a sound identity`);
    }
  }
  const after = applyEdits(text, fix.edits).text;
  if (fix.preferred) ok(errors(after) <= errors(text), `${name}: ${f.code} fix “${fix.title}” adds an error`);
  ok(duplicateSections(after) <= duplicateSections(text), `${name}: ${f.code} fix creates a duplicate section`);
}

function checkText(name: string, text: string): void {
  const findings = runRules(parseReport(text));
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.fix) continue;
    const key = JSON.stringify(f.fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    checkFix(name, text, f);
  }
  const once = fixAll(text).text;
  ok(errors(once) <= errors(text), `${name}: fix-all adds an error`);
  ok(duplicateSections(once) <= duplicateSections(text), `${name}: fix-all creates a duplicate section`);
  deepStrictEqual(fixAll(once).text === once, true, `${name}: fix-all is not idempotent`);
}

/** Damaged copies: one number changed, one line deleted, or a label's digits glued on. */
function damage(text: string, r: () => number): string {
  const lines = text.split('\n');
  const pick = Math.floor(r() * lines.length);
  const kind = Math.floor(r() * 3);
  if (kind === 0) lines[pick] = lines[pick].replace(/\d+/, (d) => String(Number(d) + 1 + Math.floor(r() * 5)));
  else if (kind === 1) lines.splice(pick, 1);
  else lines[pick] = lines[pick].replace(/[\t ]+(?=\d)/, '');
  return lines.join('\n');
}

describe('fix safety', () => {
  it('every fix on every corpus text and seed', () => {
    for (const [name, text] of corpusTexts()) checkText(name, text);
    for (const name of seedNames()) checkText(name, readSeed(name));
  });
  it('every fix on damaged corpus texts and seeds (property)', () => {
    const texts = [...corpusTexts().filter((_, i) => i % 3 === 0).map(([, t]) => t), ...seedNames().map(readSeed)];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (i, seed) => {
        let s = seed;
        const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
        checkText(`#${i}/${seed}`, damage(texts[i], r));
      }),
      { numRuns: 120, seed: 20261123 },
    );
  });
  it('fix-all edits never overlap', () => {
    for (const [name, text] of corpusTexts().filter((_, i) => i % 2 === 0)) {
      const edits = runRules(parseReport(text)).filter((f) => f.fix?.preferred).flatMap((f) => f.fix!.edits);
      const { applied } = applyEdits(text, edits);
      const sorted = [...applied].sort((a, b) => a.span.start - b.span.start);
      for (let i = 1; i < sorted.length; i++) ok(sorted[i].span.start >= sorted[i - 1].span.end, `${name}: overlapping fix-all edits`);
    }
  });
});
