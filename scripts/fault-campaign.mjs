// The seeded fault campaign of issue #17 against the bundled server (dist/server.js) over stdio: typing bursts
// in real reports and a ~1 MB report with every request an editor sends, outline ranges, server vs core
// diagnostics, formatting integrity, memory under 20 MB pastes, the protocol before initialize, first views.
// The campaign is test/support/campaign-run.ts (compiled to out/ by `tsc -p tsconfig.test.json`);
// test/lsp/load.test.ts runs a small one in `npm test`.
//
//   npm run build && npx tsc -p tsconfig.test.json
//   node scripts/fault-campaign.mjs --seed 1 --edits 2000          # large (defaults: --size large)
//   node scripts/fault-campaign.mjs --seed 7 --size small --class 1,2
//   options: --seed N (default: random, printed)  --size small|large  --edits N  --big-mb N  --paste-mb N
//            --mutations N  --format-texts N  --typed N  --class 1,2,…  --json FILE  --dump DIR (the text behind
//            each failure)  --wait-ms N  --diag-ms N  --rss-mb N
// XXGK_CAMPAIGN_DIST=dir runs it against another build's server.js and core.js (e.g. an older commit's).
// Exit status 1 when any class fails.
import { writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

const compiled = new URL('../out/test/support/campaign-run.js', import.meta.url);
if (!existsSync(compiled)) {
  console.error('out/test/support/campaign-run.js is missing: run `npm run build && npx tsc -p tsconfig.test.json` first');
  process.exit(2);
}
const { runCampaign, formatCampaign, SMALL, LARGE } = require(compiled.pathname);

const args = process.argv.slice(2);
const flags = new Map();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (!a.startsWith('--')) {
    console.error(`unexpected argument ${a}`);
    process.exit(2);
  }
  const [k, inline] = a.slice(2).split('=', 2);
  flags.set(k, inline ?? args[++i]);
}
const num = (k, d) => {
  if (!flags.has(k)) return d;
  const v = Number(flags.get(k));
  if (!Number.isFinite(v)) {
    console.error(`--${k} takes a number`);
    process.exit(2);
  }
  return v;
};
const size = flags.get('size') ?? 'large';
if (size !== 'small' && size !== 'large') {
  console.error('--size is small or large');
  process.exit(2);
}
const base = size === 'small' ? SMALL : LARGE;
const seed = num('seed', Math.floor(Math.random() * 2 ** 31));
const options = {
  ...base,
  seed,
  edits: num('edits', base.edits),
  bigBytes: Math.round(num('big-mb', base.bigBytes / 1048576) * 1048576),
  pasteMB: num('paste-mb', base.pasteMB),
  mutations: num('mutations', base.mutations),
  formatTexts: num('format-texts', base.formatTexts),
  typedReports: num('typed', base.typedReports),
  waitTargetMs: num('wait-ms', base.waitTargetMs),
  diagTargetMs: num('diag-ms', base.diagTargetMs),
  rssTargetMB: num('rss-mb', base.rssTargetMB),
  dump: flags.get('dump'),
  classes: flags.has('class') ? String(flags.get('class')).split(',').map(Number) : [],
  log: (line) => console.error(`[campaign ${((performance.now()) / 1000).toFixed(1)} s] ${line}`),
};
console.log(`fault campaign: seed ${seed} (${size})`);
const result = await runCampaign(options);
console.log(formatCampaign(result));
if (flags.has('json')) writeFileSync(flags.get('json'), JSON.stringify(result, null, 2));
process.exitCode = result.classes.some((c) => c.failures.length) ? 1 : 0;
