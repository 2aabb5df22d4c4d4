/**
 * The fault campaign of issue #17, small: the bundled server under typing bursts in real reports and a 1 MB
 * report, random edits, formatting of the corpus and damaged copies, 20 MB pastes, requests before
 * initialize and right after didOpen. One test per class; a failure names the class, the request and the
 * numbers. The campaign itself lives in test/support/campaign-run.ts; a larger run, any seed:
 * `node scripts/fault-campaign.mjs --seed 1 --edits 2000`. XXGK_CAMPAIGN_SEED picks the seed here (default 1),
 * XXGK_CAMPAIGN_DUMP=dir writes the text behind each failure there.
 */
import { ok } from 'node:assert';
import { before, describe, it } from 'node:test';
import { CampaignResult, ClassResult, SMALL, formatCampaign, runCampaign } from '../support/campaign-run';

const seed = Number(process.env.XXGK_CAMPAIGN_SEED ?? 1);

describe(`fault campaign (seed ${seed}, small)`, () => {
  let result: CampaignResult;
  before(async () => {
    result = await runCampaign({ ...SMALL, seed, dump: process.env.XXGK_CAMPAIGN_DUMP });
    console.log(formatCampaign(result));
  });

  const verdict = (id: number): ClassResult => {
    const c = result.classes.find((x) => x.id === id);
    ok(c, `class ${id} did not run`);
    return c;
  };
  const assertClass = (id: number) => {
    const c = verdict(id);
    ok(c.failures.length === 0, `seed ${seed}: ${c.failures.length} failure line(s) in class ${id} (${c.name}):\n${c.failures.join('\n')}`);
  };

  it('1 waits: no request waits > 1 s, diagnostics ≤ 1 s after the last key, one check shared (real reports and 1 MB)', () => assertClass(1));
  it('2 outline: every symbol inside its parent, names matching the version they answer', () => assertClass(2));
  it('3 differential: published diagnostics = fresh didOpen = core checkReport', () => assertClass(3));
  it('4 formatting keeps every number and every table reading', () => assertClass(4));
  it('5 memory: peak RSS bounded while pasting 20 MB, one note for a too-large document', () => assertClass(5));
  it('6 protocol: ServerNotInitialized before initialize', () => assertClass(6));
  it('7 first views: documentSymbol right after didOpen is the report’s outline', () => assertClass(7));
});
