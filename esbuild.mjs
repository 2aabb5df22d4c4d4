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
// pdfjs-dist (≈2 MB) is never in the bundles every process loads: the PDF importer's
// `import('pdfjs-dist/legacy/build/pdf.mjs')` is redirected to the separate ESM bundle
// dist/pdfjs.mjs, loaded only when a PDF is imported. It also installs pdfjs's in-thread worker.
const lazyPdfjs = {
  name: 'lazy-pdfjs',
  setup(build) {
    build.onResolve({ filter: /^pdfjs-dist\// }, () => ({ path: './pdfjs.mjs', external: true }));
  },
};
// The pdfjs bundle also reads the packed CMaps of the Chinese character collections (Adobe-GB1 for
// simplified, Adobe-CNS1 for traditional: UniGB-UCS2-H, GBK-EUC-H, Adobe-GB1-UCS2 …), copied beside it
// to dist/pdfjs-cmaps/: pdf.js needs them for CJK fonts a PDF uses without embedding them (STSong-Light …),
// and reads one only when a PDF asks for it. Japanese and Korean collections are not shipped.
const CMAP_DIR = 'pdfjs-cmaps';
const CHINESE_CMAP = /^(?:Adobe-(?:GB1|CNS1)-|GB|UniGB-|UniCNS-|B5|CNS|ETen|ETHK|HK).*\.bcmap$/;
const pdfjsEntry = {
  stdin: {
    contents: [
      "import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';",
      "import { readFile } from 'node:fs/promises';",
      'globalThis.pdfjsWorker ??= worker;',
      "export * from 'pdfjs-dist/legacy/build/pdf.mjs';",
      '/** The packed CMap `name` (UniGB-UCS2-H …) shipped beside this bundle. */',
      'export async function readCMap(name) {',
      "  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`no CMap ${name}`);",
      `  const bytes = await readFile(new URL(\`./${CMAP_DIR}/\${name}.bcmap\`, import.meta.url));`,
      '  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);',
      '}',
      '',
    ].join('\n'),
    resolveDir: '.',
    sourcefile: 'pdfjs-entry.mjs',
  },
  outfile: 'dist/pdfjs.mjs',
  format: 'esm',
  external: ['@napi-rs/canvas'],
};
// A missing entry is an error, never a bundle silently left out (or an old one left in dist/).
const { existsSync } = await import('node:fs');
const missing = entries.map((e) => e.entryPoints[0]).filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`esbuild.mjs: missing entry point${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  process.exit(1);
}
if (!watch) {
  await esbuild.build({ ...common, ...pdfjsEntry });
  const { cpSync, mkdirSync, readdirSync, rmSync } = await import('node:fs');
  const from = 'node_modules/pdfjs-dist/cmaps';
  rmSync(`dist/${CMAP_DIR}`, { recursive: true, force: true });
  mkdirSync(`dist/${CMAP_DIR}`, { recursive: true });
  for (const f of readdirSync(from).filter((n) => CHINESE_CMAP.test(n))) cpSync(`${from}/${f}`, `dist/${CMAP_DIR}/${f}`);
}
for (const e of entries) {
  const options = { ...common, ...e, plugins: [lazyPdfjs] };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
