/** The TextMate grammar: every pattern compiles, and each scope matches what it should, not more. */
import { ok, strictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/fixtures';

const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'xxgk-report.tmLanguage.json'), 'utf8'));
const re = (name: string) => new RegExp(grammar.repository[name].match);

describe('grammar', () => {
  it('is registered for the language in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    strictEqual(pkg.contributes.grammars[0].scopeName, grammar.scopeName);
    for (const p of grammar.patterns) ok(grammar.repository[p.include.slice(1)], p.include);
  });
  const cases: Array<[string, string, boolean]> = [
    ['section-heading', '三、收到和处理政府信息公开申请情况', true],
    ['section-heading', '六、无其他需要报告的事项', true],
    ['section-heading', '三、本年度办理结果', false],
    ['title', '南召县人民政府2020年政府信息公开工作年度报告', true],
    ['sub-heading', '（一）主动公开情况', true],
    ['table-caption', '第二十条第（一）项', true],
    ['row-label', '(七) 总计', true],
    ['number', '14,205', true],
    ['number', '2067.5172', true],
    ['number', '10万元', true],
    ['number', '2020年', false],
  ];
  for (const [scope, text, matches] of cases) {
    it(`${scope} ${matches ? 'matches' : 'does not match'} ${text}`, () => strictEqual(re(scope).test(text), matches));
  }
});
