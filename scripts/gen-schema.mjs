// Generates, from the zod settings schemas (server/src/settings.ts): schemas/settings.schema.json (the
// config file .xxgk-report.json / .xxgk-report.jsonc: rule levels and format only) and the
// `contributes.configuration` properties of package.json (every editor setting). Each setting's one
// description is package.nls.json's `config.<key>`: package.json points at it, the schema copies it.
// `--check` fails when the committed copies differ (run by the tests), so they never drift.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { buildSync } from 'esbuild';

const out = 'out/gen-schema.cjs';
buildSync({ entryPoints: ['scripts/schema-entry.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
const { schema, fileSchema, rules } = await import('../' + out);
/** The rules object lists every code with its description and default level (completion and hover in settings.json). */
function describeRules(prop) {
  const levels = prop.additionalProperties;
  return { ...prop, properties: Object.fromEntries(rules.map((r) => [r.code, { ...levels, description: `${r.description}（默认 ${r.defaultSeverity}）` }])) };
}
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
const check = process.argv.includes('--check');

const described = { ...fileSchema, title: '.xxgk-report.json', properties: {} };
for (const [key, prop] of Object.entries(fileSchema.properties)) {
  const description = key === '$schema' ? 'JSON schema of this file' : nls[`config.${key}`];
  if (!description) throw new Error(`package.nls.json has no config.${key}`);
  described.properties[key] = { ...(key === 'rules' ? describeRules(prop) : prop), description };
}
const schemaText = JSON.stringify(described, null, 2) + '\n';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const properties = {};
for (const [key, prop] of Object.entries(schema.properties)) {
  const { description, ...rest } = prop;
  // The message language is one per window: the server applies it to its whole process.
  const scope = key === 'language' ? 'window' : 'resource';
  properties[`xxgk-report.${key}`] = { ...(key === 'rules' ? describeRules(rest) : rest), scope, description: `%config.${key}%` };
}
const wanted = { ...pkg, contributes: { ...pkg.contributes, configuration: { ...pkg.contributes.configuration, properties } } };
const pkgText = JSON.stringify(wanted, null, 2) + '\n';
if (check) {
  let drift;
  try { drift = readFileSync('schemas/settings.schema.json', 'utf8') !== schemaText; } catch { drift = true; }
  drift ||= readFileSync('package.json', 'utf8') !== pkgText;
  if (drift) { console.error('settings schema drifted: run npm run schema'); process.exit(1); }
} else {
  mkdirSync('schemas', { recursive: true });
  writeFileSync('schemas/settings.schema.json', schemaText);
  writeFileSync('package.json', pkgText);
}
