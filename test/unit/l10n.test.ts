/** Every message the sources pass to t(…) has its English translation, with the same placeholders. */
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/fixtures';

it('the English bundle covers every message', async () => {
  const { l10nKeys } = await import(pathToFileURL(join(ROOT, 'scripts', 'l10n-keys.mjs')).href);
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.en.json'), 'utf8'));
  const keys: string[] = l10nKeys([join(ROOT, 'server/src'), join(ROOT, 'client/src')]);
  deepStrictEqual(keys.filter((k) => !(k in bundle)), []);
  const holes = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();
  deepStrictEqual(keys.filter((k) => holes(k).join() !== holes(bundle[k]).join()), []);
});
