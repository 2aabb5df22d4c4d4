/**
 * Property and fuzz tests (fast-check, bounded runs): generated balanced reports in every layout
 * and both formats, one count changed, fix-all, formatting; arbitrary and mutated text.
 */
import { deepStrictEqual, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { APPLICATION_ROWS } from '../../server/src/core/format/official';
import { applyEdits, checkReport, fixAll, formatTables, parseReport, runRules } from '../../server/src/core/index';
import { readSeed, seedNames } from '../support/fixtures';
import { LAYOUTS, balancedData, renderReport } from '../support/generate';

const ARITH = new Set(['total-mismatch', 'balance-mismatch']);
const runs = { numRuns: 40 };
const formatArb = fc.constantFrom('2019' as const, '2021' as const);
const layoutArb = fc.constantFrom(...LAYOUTS);

function rangesInside(text: string, result: ReturnType<typeof checkReport>): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  return result.diagnostics.every((d) => {
    const { start, end } = d.range;
    return start.line < lines.length && end.line < lines.length && start.character <= lines[start.line].length && end.character <= lines[end.line].length;
  });
}

describe('properties of generated reports', () => {
  it('balanced reports have no arithmetic finding, and every range is inside the text', () => {
    fc.assert(
      fc.property(formatArb, layoutArb, fc.integer({ min: 1, max: 1e6 }), (format, layout, seed) => {
        const text = renderReport(balancedData(format, seed), layout);
        const r = checkReport(text);
        return r.diagnostics.every((d) => !ARITH.has(d.code)) && rangesInside(text, r);
      }),
      runs,
    );
  });

  it('one count changed by d ≠ 0 gives an arithmetic finding inside the changed table; fix-all restores it', () => {
    fc.assert(
      fc.property(formatArb, layoutArb, fc.integer({ min: 1, max: 1e6 }), fc.nat(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }), (format, layout, seed, rowPick, col, d) => {
        const data = balancedData(format, seed);
        const ids = APPLICATION_ROWS[format].map((r) => r.id);
        const id = ids[rowPick % ids.length];
        data.applications[id][col] += d;
        const bad = renderReport(data, layout);
        const report = parseReport(bad);
        const found = runRules(report).filter((f) => ARITH.has(f.code));
        if (!found.length) return false;
        const table = report.applications!;
        if (!found.every((f) => f.span.start >= table.span.start && f.span.end <= table.span.end + 1)) return false;
        const fixed = fixAll(bad).text;
        // Only table cells change: every line outside the 三 table is byte for byte the same.
        const [a, b] = [bad.split('\n'), fixed.split('\n')];
        const outside = (i: number) => i < table.startLine || i > table.endLine;
        const untouched = a.length === b.length && a.every((line, i) => !outside(i) || line === b[i]);
        return untouched && checkReport(fixed).diagnostics.every((x) => !ARITH.has(x.code));
      }),
      runs,
    );
  });

  it('formatting keeps every number, twice equals once', () => {
    fc.assert(
      fc.property(formatArb, layoutArb, fc.integer({ min: 1, max: 1e6 }), (format, layout, seed) => {
        const data = balancedData(format, seed);
        const text = renderReport(data, layout);
        const once = applyEdits(text, formatTables(parseReport(text))).text;
        const twice = applyEdits(once, formatTables(parseReport(once))).text;
        deepStrictEqual(checkReport(once).tables, checkReport(text).tables);
        strictEqual(twice, once);
        return true;
      }),
      runs,
    );
  });
});

describe('fuzz: checkReport never throws and keeps ranges inside', () => {
  it('arbitrary Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => rangesInside(s, checkReport(s))), { numRuns: 300 });
  });
  it('random bytes decoded as UTF-8', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
      const s = new TextDecoder().decode(b);
      return rangesInside(s, checkReport(s));
    }), { numRuns: 300 });
  });
  it('mutated seeds: lines deleted, duplicated, shuffled, characters replaced', () => {
    const seeds = seedNames().map(readSeed);
    const mutation = fc.record({
      seed: fc.nat({ max: seeds.length - 1 }),
      ops: fc.array(fc.tuple(fc.constantFrom('delete', 'duplicate', 'swap', 'replace'), fc.nat(), fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(mutation, ({ seed, ops }) => {
        const lines = seeds[seed].split('\n');
        for (const [op, a, b, s] of ops) {
          const i = a % lines.length;
          const j = b % lines.length;
          if (op === 'delete' && lines.length > 1) lines.splice(i, 1);
          else if (op === 'duplicate') lines.splice(i, 0, lines[i]);
          else if (op === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
          else {
            const k = b % (lines[i].length + 1);
            lines[i] = lines[i].slice(0, k) + s + lines[i].slice(k + 1);
          }
        }
        const text = lines.join('\n');
        return rangesInside(text, checkReport(text));
      }),
      { numRuns: 200 },
    );
  });
});
