// Lists every message passed to t(…) / l10n.t(…) in the sources: the keys the English bundle must have.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function l10nKeys(dirs = ['server/src', 'client/src']) {
  const keys = new Set();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/\b(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1].replace(/\\'/g, "'"));
      }
    }
  };
  for (const d of dirs) walk(d);
  return [...keys].sort();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.en.json', 'utf8'));
  const missing = l10nKeys().filter((k) => !(k in bundle));
  for (const k of missing) console.log(JSON.stringify(k));
  process.exitCode = missing.length ? 1 : 0;
}
