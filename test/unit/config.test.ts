/** The config file loader: JSONC, the schema, messages that name the key and the line, the upward search. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigResolver, configProblemMessage, loadConfigFile, parseConfigText, parseJsonc } from '../../server/src/config';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/settings';

describe('config file', () => {
  it('JSONC: comments, trailing commas, BOM; keys keep their place', () => {
    const text = '\ufeff// top\n{ /* a */ "rules": { "blank-cell": "off", }, "format": "2021", }';
    const r = parseJsonc(text);
    deepStrictEqual(r.value, { rules: { 'blank-cell': 'off' }, format: '2021' });
    const at = r.keys.get('rules\u0000blank-cell')!;
    strictEqual(text.slice(at.start, at.end), '"blank-cell"');
  });
  it('a valid file gives only what it says', () => {
    deepStrictEqual(parseConfigText('{"rules": {"narrative-mismatch": "off"}}'), { settings: { rules: { 'narrative-mismatch': 'off' } }, problems: [] });
    deepStrictEqual(parseConfigText('{"$schema": "./schemas/settings.schema.json", "format": "2019"}').settings, { format: '2019' });
    deepStrictEqual(parseConfigText('{}').settings, {});
    deepStrictEqual(parseConfigText('{"copiedShare": 0.4}').settings, { copiedShare: 0.4 });
    ok(/0\.1 到 1/.test(parseConfigText('{"copiedShare": 2}').problems[0].message));
  });
  it('problems name the key and where it is', () => {
    const text = '{\n  "rules": {\n    "blank-cel": "off",\n    "bad-cell": "loud"\n  },\n  "format": 2021,\n  "run": "onSave",\n  "colour": 1\n}';
    const { settings, problems } = parseConfigText(text);
    deepStrictEqual(settings, {});
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p]));
    deepStrictEqual(Object.keys(byKey).sort(), ['bad-cell', 'blank-cel', 'colour', 'format', 'run'].map((k) => (k.includes('cel') ? `rules.${k}` : k)).sort());
    strictEqual(byKey['rules.blank-cel'].line, 2);
    strictEqual(byKey['rules.blank-cel'].column, 4);
    ok(byKey['rules.blank-cel'].message.includes('blank-cel'));
    ok(byKey['rules.bad-cell'].message.includes('off、hint'));
    ok(byKey.run.message.includes('xxgk-report.run'), byKey.run.message);
    ok(byKey.colour.message.includes('colour'));
    strictEqual(configProblemMessage('/x/.xxgk-report.json', byKey['rules.blank-cel']), '/x/.xxgk-report.json:3:5：配置键“rules.blank-cel”：没有代码为“blank-cel”的规则');
  });
  it('syntax errors give the line and column', () => {
    for (const [text, line] of [['{"rules": {', 0], ['{\n "a": 1\n "b": 2}', 2], ['[1,2]', 0], ['', 0], ['{"a": "x\n"}', 0], ['{} extra', 0], ['/* open', 0]] as const) {
      const { problems } = parseConfigText(text);
      strictEqual(problems.length, 1, text);
      strictEqual(problems[0].line, line, text);
      strictEqual(problems[0].key, '');
    }
  });
  it('a missing file named by --config is a problem', () => {
    const c = loadConfigFile('/nonexistent/.xxgk-report.json');
    strictEqual(c.problems[0].message, '配置文件不存在');
  });
  it('the nearest file wins, .json before .jsonc in one folder; the search is cached per folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-config-'));
    mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
    writeFileSync(join(dir, '.xxgk-report.json'), '{"format": "2019"}');
    writeFileSync(join(dir, 'a', 'b', '.xxgk-report.jsonc'), '{"format": "2021"}');
    const resolver = new ConfigResolver();
    strictEqual(resolver.forFile(join(dir, 'a', 'r.txt'))?.settings.format, '2019');
    strictEqual(resolver.forFile(join(dir, 'a', 'b', 'c', 'r.txt'))?.settings.format, '2021');
    writeFileSync(join(dir, 'a', 'b', '.xxgk-report.json'), '{"format": "auto"}');
    strictEqual(resolver.forFile(join(dir, 'a', 'b', 'r.txt'))?.settings.format, '2021', 'cached until cleared');
    resolver.clear();
    strictEqual(resolver.forFile(join(dir, 'a', 'b', 'r.txt'))?.settings.format, 'auto');
  });
  it('editor settings override the file only where they say something', () => {
    const editor = { ...DEFAULT_SETTINGS, rules: { 'blank-cell': 'error' as const } };
    const merged = mergeSettings(editor, { format: '2021', rules: { 'blank-cell': 'off', 'variant-char': 'off' } });
    strictEqual(merged.format, '2021');
    deepStrictEqual(merged.rules, { 'blank-cell': 'error', 'variant-char': 'off' });
    strictEqual(mergeSettings({ ...editor, format: '2019' }, { format: '2021' }).format, '2019');
  });
});
