/** The bundled server over stdio with real JSON-RPC: what an editor sees. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { LspClient, applyLspEdits } from '../support/lsp-client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, editLine, lineOf, readSeed, seedNames } from '../support/fixtures';
import { balancedData, renderReport } from '../support/generate';

type Action = { title: string; kind: string; isPreferred?: boolean; edit?: { documentChanges: Array<{ edits: Parameters<typeof applyLspEdits>[1] }> } };

describe('language server over stdio', () => {
  const client = new LspClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('publishes each seed’s findings with code, href, source', async () => {
    for (const name of seedNames()) {
      const p = await client.open(`file:///seeds/${name}`, readSeed(name));
      ok(p.diagnostics.every((d) => d.source === 'xxgk-report' && typeof d.code === 'string' && d.codeDescription?.href.endsWith(`${d.code}.md`)));
      ok(p.diagnostics.every((d) => d.severity !== 1), name);
      if (name.startsWith('shunhe')) deepStrictEqual(p.diagnostics.map((d) => d.code), ['narrative-mismatch', 'narrative-mismatch']);
    }
  });

  it('cross-year findings are live once the same body\'s report of the year before is known', async () => {
    const current = readFileSync(join(ROOT, 'test', 'corpus', 'text', 'heyang-ecology-environment-2022', 'chromium-innertext.txt'), 'utf8');
    const before = current.replace(/20(2\d)/g, (_, y: string) => `20${Number(y) - 1}`);
    const alone = await client.open('file:///work/heyang-2022-alone.txt', current.replace('河阳市', '洛阳市'));
    ok(alone.diagnostics.every((d) => d.code !== 'copied-from-prior-year'));
    await client.open('file:///work/heyang-2021.txt', before);
    const p = await client.open('file:///work/heyang-2022.txt', current);
    const copied = p.diagnostics.filter((d) => d.code === 'copied-from-prior-year');
    deepStrictEqual(copied.map((d) => d.severity), [3, 3]);
    ok(/2021年度报告/.test(String(copied[0].message)), String(copied[0].message));
    // The same section of last year's report, as a related place in that document.
    deepStrictEqual(copied[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [['file:///work/heyang-2021.txt', before.split('\n').indexOf('一、总体情况')]]);
  });

  const shunhe = readSeed('shunhe-district-2020.txt');
  const n = lineOf(shunhe, '(七) 总计');
  const damaged = editLine(shunhe, n, (l) => l.replace('总计\t25', '总计\t26'));
  const uri = 'file:///work/damaged.txt';

  it('a damaged total: diagnostic, quick fix titled with the action, applying it re-checks clean', async () => {
    const p = await client.open(uri, damaged);
    const d = p.diagnostics.find((x) => x.code === 'total-mismatch')!;
    ok(d, JSON.stringify(p.diagnostics));
    strictEqual(d.range.start.line, n);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as Action[];
    const fix = actions.find((a) => a.isPreferred)!;
    strictEqual(fix.title, '将（七）总计·自然人改为 25');
    ok(actions.some((a) => a.title.startsWith('在此处忽略')));
    ok(actions.some((a) => a.title.startsWith('在工作区设置中关闭规则')));
    const fixed = applyLspEdits(damaged, fix.edit!.documentChanges[0].edits);
    strictEqual(fixed, shunhe);
    const next = client.nextDiagnostics(uri, 2);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    ok((await next).diagnostics.every((x) => x.code !== 'total-mismatch' && x.code !== 'balance-mismatch'));
  });

  it('source.fixAll returns edits that leave no arithmetic error and change nothing else', async () => {
    const data = balancedData('2021', 77);
    const good = renderReport(data, 'cells');
    data.applications['3.7'][0] += 3;
    data.review[4] += 1;
    const bad = renderReport(data, 'cells');
    const u = 'file:///work/fixall.txt';
    await client.open(u, bad);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.xxgk-report'] } })) as Action[];
    strictEqual(actions.length, 1);
    strictEqual(applyLspEdits(bad, actions[0].edit!.documentChanges[0].edits), good);
  });

  it('incremental edits: only the last version’s diagnostics remain after a burst', async () => {
    const u = 'file:///work/burst.txt';
    await client.open(u, shunhe);
    let text = shunhe;
    for (let v = 2; v <= 60; v++) {
      const line = n;
      const value = v === 60 ? '26' : String(25 + (v % 2));
      const parts = text.split('\n')[line].split('\t');
      const start = parts[0].length + parts[1].length + 2; // the （七）总计·自然人 cell
      const old = parts[2];
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: v },
        contentChanges: [{ range: { start: { line, character: start }, end: { line, character: start + old.length } }, text: value }],
      });
      text = editLine(text, line, (l) => l.slice(0, start) + value + l.slice(start + old.length));
    }
    const last = await client.nextDiagnostics(u, 60);
    ok(last.diagnostics.some((d) => d.code === 'total-mismatch'));
    await new Promise((r) => setTimeout(r, 200));
    strictEqual(client.diagnostics.get(u)!.version, 60);
  });

  it('document symbols: the six sections (duplicates included) with tables inside', async () => {
    const u = 'file:///seeds/zhoukou.txt';
    await client.open(u, readSeed('zhoukou-demo-zone-2020.txt'));
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })) as Array<{ name: string; children: Array<{ name: string }> }>;
    const sections = symbols.filter((s) => /^[一二三四五六]、/.test(s.name)).map((s) => s.name.slice(0, 1));
    deepStrictEqual(sections, ['一', '二', '二', '三', '四', '五', '六']);
    ok(symbols.find((s) => s.name.startsWith('三、'))!.children.some((c) => c.name === '收到和处理政府信息公开申请情况表'));
    const folds = (await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: u } })) as unknown[];
    ok(folds.length >= 9);
  });

  it('a prose number: hover names the table cell it is compared with, go to definition jumps there', async () => {
    const u = 'file:///seeds/shunhe-prose.txt';
    await client.open(u, shunhe);
    const lines = shunhe.split('\n');
    const line = lines.findIndex((l) => l.includes('同意公开答复'));
    const character = lines[line].indexOf('12', lines[line].indexOf('同意公开答复'));
    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line, character } })) as { contents: { value: string } } | null;
    ok(hover && hover.contents.value.includes('✗') && hover.contents.value.includes('（一）予以公开·总计 = 14'), JSON.stringify(hover));
    const defs = (await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: u }, position: { line, character } })) as Array<{ uri: string; range: { start: { line: number; character: number } } }>;
    strictEqual(defs.length, 1);
    const target = lines[defs[0].range.start.line];
    ok(/予以公开/.test(target), target);
    strictEqual(target.slice(defs[0].range.start.character).match(/^\d+/)?.[0], '14');
  });

  it('hover on a total shows the identity with the numbers', async () => {
    const u = 'file:///seeds/shunhe.txt';
    await client.open(u, shunhe);
    const character = shunhe.split('\n')[n].indexOf('25');
    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: n, character } })) as { contents: { value: string } };
    ok(hover.contents.value.includes('（七）总计 · 自然人'), hover.contents.value);
    ok(hover.contents.value.includes('一(23) + 二(2) = （七）(25) + 四(0) ✓'), hover.contents.value);
    const lenses = (await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: u } })) as Array<{ command: { title: string } }>;
    ok(lenses.some((l) => l.command.title === '勾稽关系：平衡'));
  });

  it('formatting: tab rows, every number kept, idempotent', async () => {
    const data = balancedData('2019', 5);
    const spaced = renderReport(data, 'spaced');
    const u = 'file:///work/format.txt';
    await client.open(u, spaced);
    const edits = (await client.conn.sendRequest('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: false } })) as Parameters<typeof applyLspEdits>[1];
    ok(edits.length > 0);
    const once = applyLspEdits(spaced, edits);
    // Fields are padded by display width before their tab (CJK = 2): the numbers are the same.
    ok(once.replace(/ +\t/g, '\t').includes('（七）总计\t' + data.applications['3.7'].join('\t')));
    const next = client.nextDiagnostics(u, 2);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: once }] });
    deepStrictEqual((await next).diagnostics, []);
    const again = (await client.conn.sendRequest('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: false } })) as unknown[];
    deepStrictEqual(again, []);
  });

  it('a configuration change turning total-mismatch off removes those diagnostics', async () => {
    client.settings = { rules: { 'total-mismatch': 'off' } };
    const next = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const p = await next;
    ok(p.diagnostics.every((d) => d.code !== 'total-mismatch'));
    client.settings = {};
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('a 5 MB document gets one note, quickly, and the server keeps answering', async () => {
    const big = readSeed('nanzhao-county-2020.txt').repeat(Math.ceil(5_000_000 / 8000));
    const started = Date.now();
    const p = await client.open('file:///work/big.txt', big);
    strictEqual(p.diagnostics.length, 1);
    ok(Date.now() - started < 5000);
    const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///work/big.txt' } });
    ok(Array.isArray(symbols));
  });
});
