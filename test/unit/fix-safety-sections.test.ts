/**
 * Fix safety for sections, as properties over reports whose six headings are each written in one of
 * many ways (official, dropped, Markdown, bold, indented, typo, other wording, merged, wrong numeral):
 * fix-all never adds an error, never makes two headings share a number, keeps the markup, and a
 * second fix-all changes nothing. Then the individual guarantees, case by case.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NUMERALS, SECTIONS, officialHeading } from '../../server/src/core/format/official';
import { checkReport, fixAll, parseReport } from '../../server/src/core/index';
import { writtenNumeral } from '../../server/src/core/parse/document';
import { balancedData, renderReport } from '../support/generate';

const STYLES = ['keep', 'drop', 'md', 'bold', 'indent', 'typo-del', 'typo-dup', 'punct', 'wording', 'merged', 'wrong-numeral', 'md-typo', 'html'] as const;
type Style = (typeof STYLES)[number];

const OTHER_WORDING: Record<number, string> = {
  1: '总体状况',
  2: '主动公开情况',
  3: '依申请公开政府信息情况',
  4: '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
  5: '政府信息公开工作存在的主要问题及改进情况',
  6: '其他事项',
};

function typo(words: string, k: number, kind: 'del' | 'dup'): string {
  const i = 1 + (k % (words.length - 1));
  return kind === 'del' ? words.slice(0, i) + words.slice(i + 1) : words.slice(0, i) + words[i] + words.slice(i);
}

/** The heading line of section n written in a style (null: the line is dropped). */
function headingLine(n: number, style: Style, k: number): string | null {
  const s = SECTIONS[n - 1];
  const w = s.title;
  const num = s.numeral;
  switch (style) {
    case 'keep': return `${num}、${w}`;
    case 'drop': return null;
    case 'md': return `## ${num}、${w}`;
    case 'bold': return `**${num}、${w}**`;
    case 'indent': return `\u3000\u3000${num}、${w}`;
    case 'typo-del': return `${num}、${typo(w, k, 'del')}`;
    case 'typo-dup': return `${num}、${typo(w, k, 'dup')}`;
    case 'punct': return `${num}.${w}`;
    case 'wording': return `${num}、${OTHER_WORDING[n]}`;
    case 'merged': return n === 6 ? `${num}、无${w}` : `${num}、${w}：详见下文`;
    case 'wrong-numeral': return `${NUMERALS[n % 6]}、${w}`;
    case 'md-typo': return `### ${num}、${typo(w, k, 'del')}`;
    case 'html': return `<p><strong>${num}、${w}</strong></p>`;
  }
}

function mutate(text: string, styles: Style[], k: number): string {
  let out = text;
  SECTIONS.forEach((s, i) => {
    const line = headingLine(s.number, styles[i], k + i);
    out = out.replace(`\n${officialHeading(s)}\n`, line === null ? '\n' : `\n${line}\n`);
  });
  return out;
}

const errors = (text: string) => checkReport(text).diagnostics.filter((d) => d.severity === 'error').length;
/** How many headings repeat a number already seen: by section, and by the numeral written. */
function repeats(text: string): { sections: number; numerals: number } {
  const hs = parseReport(text).headings;
  return { sections: hs.length - new Set(hs.map((h) => h.number)).size, numerals: hs.length - new Set(hs.map(writtenNumeral)).size };
}
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

const bases = [
  renderReport(balancedData('2019', 41), 'tab'),
  renderReport(balancedData('2021', 42), 'tab'),
  renderReport(balancedData('2021', 43), 'pipe'),
  renderReport(balancedData('2019', 44), 'cells'),
];

describe('fix-all on section headings: properties', () => {
  it('never adds an error, never makes two headings share a number, keeps markup, is idempotent', () => {
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(fc.constantFrom(...STYLES), { minLength: 6, maxLength: 6 }), fc.nat({ max: 50 }), (b, styles, k) => {
        const text = mutate(bases[b], styles, k);
        const once = fixAll(text).text;
        const twice = fixAll(once).text;
        const before = repeats(text);
        const after = repeats(once);
        ok(errors(once) <= errors(text), `errors ${errors(text)} → ${errors(once)}: ${styles.join()}`);
        ok(after.sections <= before.sections, `section repeated after fix: ${styles.join()}`);
        ok(after.numerals <= before.numerals, `numeral repeated after fix: ${styles.join()}`);
        strictEqual(count(once, /#/g), count(text, /#/g), 'Markdown # kept');
        strictEqual(count(once, /\*\*/g), count(text, /\*\*/g), 'bold kept');
        strictEqual(count(once, /<\/?strong>/g), count(text, /<\/?strong>/g), 'tags kept');
        strictEqual(twice, once, `not idempotent: ${styles.join()}`);
        return true;
      }),
      { numRuns: 120 },
    );
  });

  it('no missing-section for a section written in any recognised spelling', () => {
    const spelled = STYLES.filter((s) => s !== 'drop');
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(fc.constantFrom(...spelled), { minLength: 6, maxLength: 6 }), fc.nat({ max: 50 }), (b, styles, k) => {
        const text = mutate(bases[b], styles, k);
        const missing = checkReport(text).diagnostics.filter((d) => d.code === 'missing-section');
        deepStrictEqual(missing, [], styles.join());
        return true;
      }),
      { numRuns: 80 },
    );
  });
});

describe('fix safety for sections, case by case', () => {
  const base = bases[1];
  const lines = (text: string) => text.split('\n');
  it('numbering shifted by a missing 一: no renumbering and no inserted 一 as a safe fix', () => {
    // 总体情况 dropped and every later heading numbered one lower.
    let text = base.replace(`\n${officialHeading(SECTIONS[0])}\n`, '\n');
    for (const s of SECTIONS.slice(1)) text = text.replace(`\n${officialHeading(s)}\n`, `\n${NUMERALS[s.number - 2]}、${s.title}\n`);
    const found = checkReport(text).diagnostics;
    const hv = found.filter((d) => d.code === 'heading-variant');
    strictEqual(hv.length, 5);
    const report = parseReport(text);
    strictEqual(report.headings.length, 5);
    strictEqual(fixAll(text).text, text, 'nothing is renumbered or inserted by fix-all');
  });
  it('一、主动公开… beside an existing 二、: the renumbering fix is not preferred', () => {
    const text = base.replace(`\n${officialHeading(SECTIONS[1])}\n`, `\n一、${SECTIONS[1].title}\n`).replace(`\n${officialHeading(SECTIONS[0])}\n`, `\n二、${SECTIONS[0].title}\n`);
    strictEqual(fixAll(text).text, text);
    deepStrictEqual(repeats(fixAll(text).text), repeats(text));
  });
  it('a wrong numeral no other heading uses is renumbered', () => {
    const text = base.replace(`\n${officialHeading(SECTIONS[4])}\n`, `\n七、${SECTIONS[4].title}\n`);
    const fixed = fixAll(text).text;
    ok(lines(fixed).includes(officialHeading(SECTIONS[4])));
    deepStrictEqual(checkReport(fixed).diagnostics, []);
  });
  it('a missing section whose fix inserts a table is a suggestion, not a safe fix', () => {
    const text = base.replace(/\n三、收到和处理政府信息公开申请情况\n[\s\S]*?\n(?=四、)/, '\n');
    const report = parseReport(text);
    ok(!report.applications && !report.headings.some((h) => h.number === 3));
    const r = checkReport(text);
    ok(r.diagnostics.some((d) => d.code === 'missing-section'));
    strictEqual(fixAll(text).text, text);
  });
  it('a missing heading above a table that is there: the heading is inserted above the table, once', () => {
    const text = base.replace(`\n${officialHeading(SECTIONS[2])}\n`, '\n');
    const fixed = fixAll(text).text;
    strictEqual(count(fixed, /三、收到和处理政府信息公开申请情况/g), 1);
    deepStrictEqual(checkReport(fixed).diagnostics, []);
    const l = lines(fixed);
    ok(l[l.indexOf(officialHeading(SECTIONS[2])) + 2].startsWith('（本列数据的勾稽关系'), 'heading right above the table');
  });
  it('五 and 六 both missing at the end: one fix-all inserts both, in order', () => {
    const text = base.split(`\n${officialHeading(SECTIONS[4])}\n`)[0] + '\n';
    const fixed = fixAll(text).text;
    const at5 = fixed.indexOf(officialHeading(SECTIONS[4]));
    const at6 = fixed.indexOf(officialHeading(SECTIONS[5]));
    ok(at5 > 0 && at6 > at5, fixed.slice(-80));
    strictEqual(fixAll(fixed).text, fixed);
    deepStrictEqual(checkReport(fixed).diagnostics.filter((d) => d.severity === 'error'), []);
  });
  it('a section with a typo is never inserted again', () => {
    const text = base.replace(`\n${officialHeading(SECTIONS[3])}\n`, '\n四、政府信息公开行政复议、行政诉诉讼情况\n');
    const fixed = fixAll(text).text;
    strictEqual(count(fixed, /四、政府信息公开行政复议/g), 1);
    deepStrictEqual(checkReport(fixed).diagnostics, []);
  });
});
