/** 500 edits within one second: the server keeps answering, only the last version's diagnostics remain, memory stays bounded. */
import { ok, strictEqual } from 'node:assert';
import { after, before, it } from 'node:test';
import { LspClient } from '../support/lsp-client';
import { readSeed } from '../support/fixtures';

const client = new LspClient();
before(() => client.initialize());
after(() => client.stop());

it('a burst of 500 edits in one second', async () => {
  const uri = 'file:///work/burst500.txt';
  const base = readSeed('shunhe-district-2020.txt');
  await client.open(uri, base);
  const rss = (): Promise<number> => client.conn.sendRequest('xxgk-report/memory');
  const before = await rss();
  const started = Date.now();
  for (let v = 2; v <= 501; v++) {
    // Alternate between a balanced and an unbalanced （七）总计, ending unbalanced.
    const text = base.replace('(七) 总计\t25', `(七) 总计\t${v === 501 ? 27 : 25 + (v % 2)}`);
    void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    if (v % 50 === 0) await new Promise((r) => setTimeout(r, 80));
  }
  ok(Date.now() - started < 1500);
  const last = await client.nextDiagnostics(uri, 501, 10000);
  ok(last.diagnostics.some((d) => String(d.message).includes('为 27')));
  const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  ok(Array.isArray(symbols) && symbols.length > 0);
  await new Promise((r) => setTimeout(r, 300));
  strictEqual(client.diagnostics.get(uri)!.version, 501);
  const grown = (await rss()) - before;
  ok(grown < 150 * 1024 * 1024, `rss grew by ${grown}`);
});
