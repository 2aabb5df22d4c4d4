// Bundles the extension client, the language server, the CLI and the core library (CommonJS, Node 20).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, minify: !watch, logLevel: 'warning' };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' },
];
const { existsSync } = await import('node:fs');
for (const e of entries) {
  if (!existsSync(e.entryPoints[0])) continue;
  const options = { ...common, ...e };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
