/** Code actions as a pure feature: findings + range + `only` → actions (the server only maps them to LSP). */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits, codeActions, FIX_ALL, QUICK_FIX, parseReport, runRules } from '../../server/src/core/index';
import type { CodeAction, Finding, Span, TextEdit } from '../../server/src/core/index';
import { editLine, lineOf, readSeed, seedNames } from '../support/fixtures';

const findingsOf = (text: string) => runRules(parseReport(text));
const apply = (text: string, edits: TextEdit[]) => applyEdits(text, edits).text;
const at = (offset: number): Span => ({ start: offset, end: offset });
const overlapping = (edits: TextEdit[]) => {
  const s = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return s.some((e, i) => i > 0 && (e.span.start < s[i - 1].span.end || (e.span.start === e.span.end && s[i - 1].span.start === s[i - 1].span.end && e.span.start === s[i - 1].span.start)));
};

const shunhe = readSeed('shunhe-district-2020.txt');
const damaged = editLine(shunhe, lineOf(shunhe, '(七) 总计'), (l) => l.replace('总计\t25', '总计\t26'));
/** Two variant characters (safe fixes) and the seed's two prose mismatches (suggestions). */
let nth = 0;
const variants = shunhe.replace(/收/g, (m) => (++nth === 2 || nth === 4 ? '収' : m));

/** A synthetic finding with a fix over `span`. */
function finding(code: Finding['code'], span: Span, newText: string, preferred: boolean, title = `${code} ${span.start}`): Finding {
  return { code, severity: 'warning', message: title, span, fix: { title, edits: [{ span, newText }], preferred } };
}

describe('code actions', () => {
  it('a diagnostic in the range gets its quick fix (preferred when safe), ignore-here and turn-off', () => {
    const findings = findingsOf(damaged);
    const total = findings.find((f) => f.code === 'total-mismatch')!;
    ok(total, JSON.stringify(findings.map((f) => f.code)));
    const actions = codeActions(findings, total.span);
    const fix = actions.find((a) => a.isPreferred)!;
    strictEqual(fix.title, '将（七）总计·自然人改为 25');
    strictEqual(fix.kind, QUICK_FIX);
    ok(fix.findings.includes(total));
    strictEqual(apply(damaged, fix.edits!), shunhe);
    deepStrictEqual(actions.find((a) => a.command?.name === 'ignore')?.command, { name: 'ignore', code: total.code, offset: total.span.start });
    ok(actions.some((a) => a.command?.name === 'disableRule' && a.command.code === 'total-mismatch'));
    // Each distinct action once: the cell breaks two total identities and a balance one, all named by the one fix,
    // and "fix all total-mismatch" would be that same edit: not offered.
    strictEqual(new Set(actions.map((a) => `${a.kind}|${a.title}`)).size, actions.length);
    deepStrictEqual(fix.findings.map((f) => f.code).sort(), ['balance-mismatch', 'total-mismatch', 'total-mismatch']);
    ok(!actions.some((a) => a.title.startsWith('修复本文件中所有')));
  });

  it('nothing in the range: no quick fix (fix-all is not about the range)', () => {
    const findings = findingsOf(damaged);
    const quiet = at(0);
    ok(!findings.some((f) => f.span.start <= 0));
    deepStrictEqual(codeActions(findings, quiet, [QUICK_FIX]), []);
    ok(codeActions(findings, quiet).every((a) => a.kind === FIX_ALL));
  });

  it('"fix all of this rule in the file" beside a safe fix, with every safe fix of that rule', () => {
    const findings = findingsOf(variants);
    const first = findings.find((f) => f.code === 'variant-char')!;
    const actions = codeActions(findings, first.span, [QUICK_FIX]);
    const all = actions.find((a) => a.title === '修复本文件中所有 variant-char 问题（2 处）')!;
    ok(all, actions.map((a) => a.title).join(' / '));
    strictEqual(all.findings.length, 2);
    strictEqual(apply(variants, all.edits!), shunhe);
    // A suggestion gets no "fix all of this rule": its fixes are never applied in bulk.
    const prose = findings.find((f) => f.code === 'narrative-mismatch')!;
    ok(!codeActions(findings, prose.span, [QUICK_FIX]).some((a) => a.title.includes('所有')));
    strictEqual(codeActions(findings, prose.span, [QUICK_FIX]).find((a) => a.edits)?.isPreferred, false);
  });

  it('source.fixAll: only safe fixes, suggestions never', () => {
    const findings = findingsOf(variants);
    const [fixAll, ...rest] = codeActions(findings, at(0), ['source.fixAll']);
    strictEqual(rest.length, 0);
    strictEqual(fixAll.kind, FIX_ALL);
    deepStrictEqual(fixAll.findings.map((f) => f.code), ['variant-char', 'variant-char']);
    // The prose mismatches (suggestions) stay: fix-all removes the variants only.
    strictEqual(apply(variants, fixAll.edits!), shunhe);
  });

  it('source.fixAll: whole fixes that never overlap, identical edits merged', () => {
    const findings: Finding[] = [
      finding('variant-char', { start: 0, end: 4 }, 'abcd', true, 'a'),
      finding('label-variant', { start: 2, end: 6 }, 'xyzw', true, 'b'), // overlaps a: left out
      finding('heading-variant', { start: 10, end: 12 }, 'no', false, 'c'), // a suggestion
      finding('total-mismatch', { start: 20, end: 22 }, '25', true, 'd'),
      finding('balance-mismatch', { start: 20, end: 22 }, '25', true, 'e'), // the same edit as d
      { code: 'missing-section', severity: 'error', message: 'two edits', span: at(30), fix: { title: 'f', preferred: true, edits: [{ span: at(30), newText: 'x' }, { span: { start: 3, end: 5 }, newText: 'y' }] } }, // one edit overlaps a: whole fix left out
      finding('missing-row', at(40), 'p', true, 'g'),
      finding('missing-table', at(40), 'q', true, 'h'), // a second insertion at one point
    ];
    const fixAll = codeActions(findings, at(0), [FIX_ALL])[0];
    deepStrictEqual(fixAll.findings.map((f) => f.fix!.title), ['a', 'd', 'e', 'g']);
    deepStrictEqual(fixAll.edits!.map((e) => `${e.span.start}-${e.span.end}:${e.newText}`), ['0-4:abcd', '20-22:25', '40-40:p']);
    ok(!overlapping(fixAll.edits!));
  });

  it('honours `only`: kinds and their parents', () => {
    const findings = findingsOf(damaged);
    const total = findings.find((f) => f.code === 'total-mismatch')!;
    const kinds = (only?: string[]) => [...new Set(codeActions(findings, total.span, only).map((a: CodeAction) => a.kind))].sort();
    deepStrictEqual(kinds(), [QUICK_FIX, FIX_ALL].sort());
    deepStrictEqual(kinds([QUICK_FIX]), [QUICK_FIX]);
    deepStrictEqual(kinds(['source']), [FIX_ALL]);
    deepStrictEqual(kinds(['source.fixAll']), [FIX_ALL]);
    deepStrictEqual(kinds([FIX_ALL]), [FIX_ALL]);
    deepStrictEqual(kinds(['source.organizeImports']), []);
    deepStrictEqual(kinds(['refactor']), []);
  });

  it('on every seed: fix-all edits never overlap and come from safe fixes only', () => {
    for (const name of seedNames()) {
      const text = readSeed(name);
      for (const t of [text, text.replace(/收/g, '収'), text.replace(/\t(\d+)\t/, (_, n) => `\t${Number(n) + 1}\t`)]) {
        const findings = findingsOf(t);
        const fixAll = codeActions(findings, at(0), [FIX_ALL])[0];
        if (!fixAll) continue;
        ok(!overlapping(fixAll.edits!), name);
        ok(fixAll.findings.every((f) => f.fix?.preferred), name);
        const safe = new Set(findings.filter((f) => f.fix?.preferred).flatMap((f) => f.fix!.edits));
        ok(fixAll.edits!.every((e) => safe.has(e)), name);
      }
    }
  });
});
