/**
 * One long run of whitespace (spaces, tabs, NBSP, U+3000, U+FEFF) in a prose line must not make any regex
 * quadratic: a 200,000-character run in section 三 is checked in under a second. Each check runs in a
 * worker that is stopped at the deadline, so a regression fails fast instead of stalling the suite.
 */
import { ok } from 'node:assert';
import { join } from 'node:path';
import { it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { readSeed } from '../support/fixtures';

const CORE = join(__dirname, '..', '..', 'server', 'src', 'core', 'index.js');
const RUN = ' \t\u00a0\u3000\ufeff'.repeat(40_000); // 200,000 characters of every kind of whitespace
const DEADLINE_MS = 1000;

/** Milliseconds checkReport takes on `text`, or Infinity when it is still running at the deadline. */
function timeCheck(text: string): Promise<number> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { checkReport } = require(workerData.core);
     checkReport('warm-up');
     parentPort.postMessage('ready');
     const t0 = performance.now();
     checkReport(workerData.text);
     parentPort.postMessage(performance.now() - t0);`,
    { eval: true, workerData: { core: CORE, text } },
  );
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    worker.on('error', reject);
    worker.on('message', (m) => {
      if (m === 'ready') {
        timer = setTimeout(() => {
          void worker.terminate();
          resolve(Infinity);
        }, DEADLINE_MS);
        return;
      }
      clearTimeout(timer);
      void worker.terminate();
      resolve(m as number);
    });
  });
}

/** The shunhe seed with one prose line added at the top of section 三. */
function withProse(line: string): string {
  const lines = readSeed('shunhe-district-2020.txt').split('\n');
  const h = lines.findIndex((l) => /^三、/.test(l));
  lines.splice(h + 1, 0, line);
  return lines.join('\n');
}

// Where narrative-mismatch's and year-mismatch's patterns meet whitespace: between a keyword and its
// number, between the number and 件, inside the gap a claim allows.
const INSIDE_CLAUSES = [
  `本年度共收到${RUN}申请23件，已答复申请23件。`,
  `同意部分公开${RUN}3件；行政复议${RUN}0件。`,
  `本年度结转下年度${RUN}0件，办结申请23${RUN}件。`,
  `上年结转${RUN}0件，2020年${RUN}受理申请23件。`,
];

for (const [i, line] of INSIDE_CLAUSES.entries()) {
  it(`a 200,000-character whitespace run inside a prose clause in section 三 (${i + 1}) checks in under 1 s`, async () => {
    const ms = await timeCheck(withProse(line));
    ok(ms < DEADLINE_MS, `took ${ms} ms`);
  });
}

// The run at the start of a sentence (after 。) is matched by prose.ts's YEAR_LEAD, whose leading
// `[\s…]*(ordinal)?[\s…]*` was quadratic when the ordinal is absent.
it('a 200,000-character whitespace run starting a sentence in section 三 checks in under 1 s', async () => {
  const ms = await timeCheck(withProse(`本年度共收到申请23件。${RUN}已答复申请23件。`));
  ok(ms < DEADLINE_MS, `took ${ms} ms`);
});
