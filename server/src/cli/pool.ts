/**
 * Checking many files on all cores with node's own worker_threads (no dependency: a pool this small —
 * batches out, outcomes back — does not earn one). Outcomes are returned in job order, so the output is
 * identical to a sequential run; `jobs <= 1` runs in this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Job, Outcome, checkOne } from './check-one';

const WORKER_TAG = 'xxgk-report-check-worker';
/** Jobs per message: few enough to balance the tail, enough to keep messaging cheap. */
const BATCH = 8;
/** Below this many files a worker's start-up costs more than it saves. */
export const MIN_FILES_PER_WORKER = 16;

/** Workers for a batch of `files`: bounded by the cores (and by `requested` when given). */
export function workerCount(files: number, requested?: number): number {
  const cores = Math.max(1, availableParallelism());
  const wanted = requested ?? cores;
  return Math.max(1, Math.min(wanted, requested ? files : Math.floor(files / MIN_FILES_PER_WORKER), 64));
}

/**
 * Runs the jobs; `script` is the module that calls `serveJobs()` when `isCheckWorker()` (the CLI entry).
 * `progress` is told how many are done.
 */
export async function runJobs(jobs: Job[], workers: number, script: string, progress?: (done: number) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(jobs.length);
  if (workers <= 1 || jobs.length <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      outcomes[i] = await safeCheck(jobs[i]);
      progress?.(i + 1);
    }
    return outcomes;
  }
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    let live = 0;
    let failed = false;
    const pool: Worker[] = [];
    const feed = (w: Worker) => {
      if (next >= jobs.length) {
        void w.terminate();
        return;
      }
      const batch = jobs.slice(next, next + BATCH);
      next += batch.length;
      w.postMessage(batch);
    };
    for (let k = 0; k < Math.min(workers, Math.ceil(jobs.length / BATCH)); k++) {
      const w = new Worker(script, { workerData: { tag: WORKER_TAG } });
      pool.push(w);
      live++;
      w.on('message', (batch: Outcome[]) => {
        for (const o of batch) outcomes[o.index] = o;
        done += batch.length;
        progress?.(done);
        feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        for (const p of pool) void p.terminate();
        reject(e);
      });
      w.on('exit', () => {
        if (--live === 0 && !failed) resolve();
      });
      feed(w);
    }
  });
  return outcomes;
}

/** A file that makes the checker (or an importer) throw is one error line, never the end of the whole batch. */
async function safeCheck(job: Job): Promise<Outcome> {
  try {
    return await checkOne(job);
  } catch (e) {
    return { index: job.index, notes: [], errors: [`${job.path}：${e instanceof Error ? e.message : String(e)}`] };
  }
}

/** In a worker started by runJobs: answer each batch of jobs with its outcomes. */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as { tag?: string } | null)?.tag === WORKER_TAG;
}

export function serveJobs(): void {
  // One batch at a time, one file after another (a PDF import is asynchronous): bounded memory per worker.
  let queue = Promise.resolve();
  parentPort!.on('message', (batch: Job[]) => {
    queue = queue.then(async () => {
      const out: Outcome[] = [];
      for (const job of batch) out.push(await safeCheck(job));
      parentPort!.postMessage(out);
    });
  });
}
