// Writes test/corpus/read-floor.json: for each corpus text, how many truth cells dist/core.js reads
// right. The corpus test fails when a file reads fewer; rerun this after the reader improves.
// Usage: npm run build && node scripts/corpus/floor.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { checkReport } = require('../../dist/core.js');
const corpus = 'test/corpus';
const floor = {};
for (const doc of readdirSync(join(corpus, 'truth')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort()) {
  const truth = JSON.parse(readFileSync(join(corpus, 'truth', `${doc}.json`), 'utf8'));
  for (const file of readdirSync(join(corpus, 'text', doc)).filter((f) => f.endsWith('.txt')).sort()) {
    const result = checkReport(readFileSync(join(corpus, 'text', doc, file), 'utf8'));
    let right = 0;
    for (const [table, rows] of Object.entries(truth.tables ?? {})) {
      for (const [row, want] of Object.entries(rows)) want.forEach((w, c) => { if (result.tables[table]?.[row]?.[c] === w) right++; });
    }
    floor[`${doc}/${file.slice(0, -4)}`] = right;
  }
}
writeFileSync(join(corpus, 'read-floor.json'), JSON.stringify(floor, null, 1) + '\n');
console.log(`${Object.keys(floor).length} files, ${Object.values(floor).reduce((a, b) => a + b, 0)} cells read right`);
