// For each document: Chromium (playwright-core) → clipboard text after select-all + copy, body.innerText, and an A4 PDF.
// Usage: node scripts/corpus/chromium.mjs [doc …]   (default: every doc listed in test/corpus/docs.txt)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { chromium } = require('playwright-core');
const corpus = join(root, 'test/corpus');
const docs = process.argv.slice(2).length ? process.argv.slice(2)
  : readFileSync(join(corpus, 'docs.txt'), 'utf8').split('\n').filter(Boolean);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext();
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'file://' }).catch(() => {});
await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
let clipboardFailures = 0;
mkdirSync(join(corpus, 'files'), { recursive: true });
for (const doc of docs) {
  const dir = join(corpus, 'text', doc);
  mkdirSync(dir, { recursive: true });
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(corpus, 'html', doc + '.html')).href);
  await page.waitForLoadState('load');
  // Clipboard: select all, copy, read the clipboard back.
  await page.evaluate(() => navigator.clipboard.writeText('\u0000EMPTY\u0000'));
  await page.click('body', { position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  let clip = await page.evaluate(() => navigator.clipboard.readText());
  let how = 'keyboard Control+A, Control+C';
  if (clip === '\u0000EMPTY\u0000') {
    // Keyboard copy did not reach the clipboard: use the editing commands the page itself offers.
    await page.evaluate(() => { document.execCommand('selectAll'); document.execCommand('copy'); });
    clip = await page.evaluate(() => navigator.clipboard.readText());
    how = "execCommand('selectAll'), execCommand('copy')";
  }
  if (clip === '\u0000EMPTY\u0000' || !clip) {
    clipboardFailures++;
    console.error(`${doc}: clipboard copy FAILED, chromium-copy not written`);
  } else {
    writeFileSync(join(dir, 'chromium-copy.txt'), clip);
  }
  const inner = await page.evaluate(() => document.body.innerText);
  writeFileSync(join(dir, 'chromium-innertext.txt'), inner);
  await page.pdf({ path: join(corpus, 'files', doc + '.pdf'), format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' } });
  await page.close();
  console.log(`${doc}: copy (${how}) ${clip.length} chars, innerText ${inner.length} chars, pdf`);
}
await browser.close();
if (clipboardFailures) console.error(`clipboard failures: ${clipboardFailures}`);
