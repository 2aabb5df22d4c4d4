#!/usr/bin/env node
// Runs the in-editor suite (test/e2e/suite, the extensionTestsPath module) in a real VS Code:
// code-server 4.100.3's Node extension host, its workbench loaded by headless Debian Chromium.
// Installs code-server on first use (Debian packages and the npm registry only, cached).
// Exit: 0 suite passed · 1 a test failed · 2 infrastructure (install, server, browser, timeout).
// Options: --tests <compiled index.js> (default out/test/e2e/suite/index.js), --timeout <s>, --verbose
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const testsPath = path.resolve(opt('tests', path.join(root, 'out/test/e2e/suite/index.js')));
const timeoutMs = Number(opt('timeout', '600')) * 1000;
const verbose = args.includes('--verbose');
const cacheDir = process.env.XXGK_E2E_CACHE || path.join(os.homedir(), '.cache', 'xxgk-report-e2e');
const codeServer = path.join(cacheDir, 'code-server', 'node_modules', 'code-server');
const shotsDir = path.join(root, 'test', 'e2e', 'screenshots');

const t0 = Date.now();
const log = (...a) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

// 1. code-server, installed once per machine (the marker file makes this seconds on a rerun).
const setup = spawnSync('bash', [path.join(root, 'scripts', 'setup-code-server.sh'), path.join(cacheDir, 'code-server')], { stdio: 'inherit' });
if (setup.status !== 0) {
  log('installing code-server failed');
  process.exit(2);
}
const { chromium } = await import('playwright-core');

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-e2e-'));
const folder = path.join(runDir, 'workspace');
fs.cpSync(path.join(root, 'test', 'e2e', 'workspace'), folder, { recursive: true });
const userData = path.join(runDir, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.mkdirSync(path.join(runDir, 'tmp'));
fs.mkdirSync(shotsDir, { recursive: true });
fs.writeFileSync(path.join(runDir, 'config.yaml'), 'auth: none\ncert: false\n');
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'git.enabled': false, 'security.workspace.trust.enabled': false }),
);

const port = await new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
  s.on('error', reject);
});
const host = `127.0.0.1:${port}`;

let server;
let browser;
let ending = false;
async function end(code, why) {
  if (ending) return;
  ending = true;
  log(`${why} → exit ${code}`);
  try {
    await browser?.close();
  } catch {
    // already gone
  }
  if (server && server.exitCode === null) {
    // code-server starts an extension host and a pty host: end its whole process group.
    const kill = (sig) => {
      try {
        process.kill(-server.pid, sig);
      } catch {
        // gone
      }
    };
    kill('SIGTERM');
    await new Promise((r) => {
      const t = setTimeout(() => {
        kill('SIGKILL');
        r();
      }, 5000);
      server.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  process.exit(code);
}
const timer = setTimeout(() => end(2, `timed out after ${timeoutMs / 1000}s`), timeoutMs);
process.on('SIGINT', () => end(130, 'interrupted'));
process.on('SIGTERM', () => end(143, 'terminated'));
process.on('uncaughtException', (e) => {
  console.error(e);
  end(2, 'runner error');
});
process.on('unhandledRejection', (e) => {
  console.error(e);
  end(2, 'runner error');
});

// 2. The server, in its own process group, with no extension gallery (unreachable here).
const serverLog = fs.createWriteStream(path.join(runDir, 'code-server.log'));
server = spawn(
  process.execPath,
  [path.join(codeServer, 'out/node/entry.js'), '--config', path.join(runDir, 'config.yaml'), '--auth', 'none', '--bind-addr', host, '--user-data-dir', userData, '--extensions-dir', path.join(runDir, 'extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', TMPDIR: path.join(runDir, 'tmp'), XXGK_E2E_SCREENSHOTS: '1' } },
);
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);
if (verbose) server.stderr.pipe(process.stderr);
server.on('exit', (code) => end(2, `code-server exited early (${code})`));
let healthy = false;
for (let i = 0; i < 600 && !healthy; i++) {
  try {
    healthy = (await fetch(`http://${host}/healthz`)).ok;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
if (!healthy) await end(2, 'code-server did not answer /healthz');
log(`code-server on http://${host}`);

// 3. Chromium, headless, no background networking (the machine's network is closed).
browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  env: { ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'xdg') },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
page.on('crash', () => end(2, 'page crashed'));

// The workbench reports the suite through these two hooks; register them before loading it.
await page.exposeFunction('codeAutomationLog', async (type, logArgs) => {
  const text = format(...(logArgs ?? []));
  (type === 'error' ? console.error : console.log)(text);
  const m = /E2E_SCREENSHOT_REQUEST (\S+)/.exec(text);
  if (m) {
    // Squiggles and panels need a moment to paint after the command that opened them.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(shotsDir, `${m[1]}.png`) });
    log(`screenshot test/e2e/screenshots/${m[1]}.png`);
    fs.writeFileSync(path.join(folder, `.e2e-screenshot-${m[1]}`), 'done\n');
  }
  // What the extension API cannot see: the workbench's DOM, webviews (nested frames) included.
  // `E2E_UI_REQUEST <name> count|click|text <css selector>`: the answer goes to .e2e-ui-<name> as JSON.
  const ui = /E2E_UI_REQUEST (\S+) (count|click|text) (.+)$/.exec(text);
  if (ui) {
    const [, name, action, selector] = ui;
    let answer;
    try {
      await page.waitForTimeout(500);
      const frames = page.frames();
      const counts = await Promise.all(frames.map((f) => f.locator(selector).count().catch(() => 0)));
      const total = counts.reduce((a, b) => a + b, 0);
      if (action === 'count') answer = { count: total };
      else if (action === 'text') {
        const texts = [];
        for (let i = 0; i < frames.length; i++) if (counts[i]) texts.push(...(await frames[i].locator(selector).allInnerTexts()));
        answer = { count: total, texts };
      } else {
        const i = counts.findIndex((c) => c > 0);
        if (i >= 0) await frames[i].locator(selector).first().click();
        answer = { count: total, clicked: i >= 0 };
      }
    } catch (e) {
      answer = { error: String(e) };
    }
    log(`ui ${name} ${action} ${selector} → ${JSON.stringify(answer).slice(0, 200)}`);
    fs.writeFileSync(path.join(folder, `.e2e-ui-${name}`), JSON.stringify(answer));
  }
});
await page.exposeFunction('codeAutomationExit', async (code) => {
  clearTimeout(timer);
  await end(code === 0 ? 0 : 1, `suite finished with code ${code}`);
});

const remote = (p) => `vscode-remote://${host}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
const payload = [
  ['extensionDevelopmentPath', remote(root)],
  ['extensionTestsPath', remote(testsPath)],
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
];
await page.goto(`http://${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
log('workbench loaded; running the suite');
