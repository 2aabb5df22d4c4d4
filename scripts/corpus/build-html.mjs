// Writes test/corpus/html/<doc>.html and test/corpus/truth/<doc>.json from documents.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocuments } from './documents.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'test/corpus');
mkdirSync(join(out, 'html'), { recursive: true });
mkdirSync(join(out, 'truth'), { recursive: true });
const docs = buildDocuments(root);
const compact = (k, v) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? JSON.stringify(v) : v);
for (const { doc, html, truth } of docs) {
  writeFileSync(join(out, 'html', doc + '.html'), html);
  const json = JSON.stringify(truth, compact, 2).replace(/"(\[[-0-9.,]*\])"/g, '$1');
  writeFileSync(join(out, 'truth', doc + '.json'), json + '\n');
}
writeFileSync(join(out, 'docs.txt'), docs.map((d) => d.doc).join('\n') + '\n');
console.log(`${docs.length} documents written to ${out}`);
