// Generates, from the zod settings schema: schemas/settings.schema.json (the workspace config file
// .xxgk-report.json) and the `contributes.configuration` properties of package.json. `--check`
// fails when the committed copies differ (run by the tests), so they never drift.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { buildSync } from 'esbuild';

const out = 'out/gen-schema.cjs';
buildSync({ entryPoints: ['scripts/schema-entry.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
const { schema } = await import('../' + out);
const check = process.argv.includes('--check');

const schemaText = JSON.stringify(schema, null, 2) + '\n';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const properties = {};
for (const [key, prop] of Object.entries(schema.properties)) {
  const { description, ...rest } = prop;
  properties[`xxgk-report.${key}`] = { ...rest, scope: 'resource', description: `%config.${key}%` };
}
const wanted = { ...pkg, contributes: { ...pkg.contributes, configuration: { ...pkg.contributes.configuration, properties } } };
const pkgText = JSON.stringify(wanted, null, 2) + '\n';
if (check) {
  let drift = false;
  try { drift = readFileSync('schemas/settings.schema.json', 'utf8') !== schemaText; } catch { drift = true; }
  drift ||= readFileSync('package.json', 'utf8') !== pkgText;
  if (drift) { console.error('settings schema drifted: run npm run schema'); process.exit(1); }
} else {
  mkdirSync('schemas', { recursive: true });
  writeFileSync('schemas/settings.schema.json', schemaText);
  writeFileSync('package.json', pkgText);
}
