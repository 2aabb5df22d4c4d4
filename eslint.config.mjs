// Lint: the usual recommended rules, and the layer rules of AGENTS.md as `no-restricted-imports`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The core runs anywhere (server, CLI, tests, a browser): no editor, no LSP runtime, no Node built-ins. */
const coreRestrictions = {
  paths: ['fs', 'path', 'os', 'url', 'util', 'crypto', 'child_process', 'worker_threads', 'stream', 'buffer', 'events', 'process', 'zlib', 'http', 'https', 'net', 'readline'].map((name) => ({
    name,
    message: 'The core is pure: no Node built-ins (the server and CLI do the I/O).',
  })),
  patterns: [
    { group: ['vscode', 'vscode-*', 'vscode-languageserver*', 'vscode-languageclient*'], message: 'The core never imports the editor or the LSP runtime: the server maps core results to LSP types.' },
    { group: ['node:*'], message: 'The core is pure: no Node built-ins (the server and CLI do the I/O).' },
  ],
};

const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextDecoder', 'TextEncoder', 'fetch', 'performance', 'AbortController',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone',
    '__dirname', '__filename'].map((g) => [g, 'readonly']),
);

/** Rules read the Report (model.ts), analysis/ and labels.ts, never how the parser built it. */
const parseInternals = {
  group: ['**/parse/layout', '**/parse/layout/**', '**/parse/read', '**/parse/read/**', '**/parse/grid', '**/parse/grid.*', '**/parse/cells', '**/parse/tables'],
  message: 'Rules must not depend on the parser’s internals: use the Report (model.ts), core/analysis or core/labels.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/e2e/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: NODE_GLOBALS } },
  // Functions this script hands to the browser page (page.evaluate): they run there, not in Node.
  { files: ['scripts/corpus/chromium.mjs'], languageOptions: { globals: { document: 'readonly', navigator: 'readonly' } } },
  { files: ['server/src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreRestrictions] } },
  {
    files: ['server/src/core/rules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: coreRestrictions.paths, patterns: [...coreRestrictions.patterns, parseInternals] }] },
  },
);
