/**
 * Budget 5: bulk, 5,000 contacts in chunks of 50 against the fake limited to 10 calls per 2 s
 * (100 calls in 10 windows: a floor of 20 s), within 1.2x the floor, no 429 shown, no change
 * lost.
 *
 * Through the product, as the toolbar popup drives it: from an extension page, settings
 * (undo window 0, 50 contacts per call) then `bulk.start` for 5,000 fresh contacts, then
 * `bulk.get` every 100 ms until the job reports finished. Measured from just before
 * `bulk.start` to the first answer saying finished (100 ms polling granularity). Checked:
 * the job's summary is "5000 updated, 0 failed" with no failures listed (a 429 the fake sends
 * may be retried quietly, never shown: the count of 429s absorbed is reported), and every
 * contact holds the tag on the fake. RUNS jobs, each with a tag of its own; judged on the
 * median.
 */
import { performance } from 'node:perf_hooks';
import type { Page } from '@playwright/test';
import { ask } from '../e2e/extension-api';
import { type FakeGhl, SAMPLE } from '../fake-ghl';
import type { BudgetRow } from './report';
import { withSession } from './session';
import { round, sleep, summarize } from './stats';

const CONTACTS = 5_000;
const CHUNK = 50;
const RATE = { max: 10, intervalMs: 2_000 };
const FLOOR_S = 20;
const RATIO_LIMIT = 1.2;
const RUNS = 2;
const BULK_PATH = '/contacts/bulk/tags/update/add';

type JobView = {
  id: string;
  finished: boolean;
  done: number;
  failed: number;
  notDone: number;
  text: string;
  failures: { contactId: string; reason: string }[];
};
type Answer<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

async function runJob(page: Page, fake: FakeGhl, ids: string[], tag: string) {
  const firstRequest = fake.requests.length;
  fake.setSwitches({ rateLimit: RATE }); // fresh windows for this job
  const start = performance.now();
  const startedAt = Date.now();
  const started = await ask<Answer<JobView>>(page, {
    type: 'bulk.start',
    locationId: SAMPLE.locationId,
    op: 'add',
    tags: [tag],
    contactIds: ids,
  });
  if (!started.ok) throw new Error(`bulk.start refused: ${started.error.message}`);
  let job = started.value;
  const deadline = Date.now() + 120_000;
  while (!job.finished) {
    if (Date.now() > deadline) throw new Error(`The job did not finish in 120 s: ${job.text}`);
    await sleep(100);
    const answer = await ask<Answer<JobView>>(page, {
      type: 'bulk.get',
      locationId: SAMPLE.locationId,
      jobId: job.id,
    });
    if (!answer.ok) throw new Error(`bulk.get refused: ${answer.error.message}`);
    job = answer.value;
  }
  const seconds = (performance.now() - start) / 1000;
  const calls = fake.requests.slice(firstRequest).filter((request) => request.path === BULK_PATH);
  const arrivals = calls.map((request) => request.at - startedAt);
  const tagged = ids.filter((id) => fake.state.getContact(id)?.tags.includes(tag)).length;
  return {
    seconds: round(seconds, 2),
    text: job.text,
    done: job.done,
    failed: job.failed,
    notDone: job.notDone,
    failuresListed: job.failures.length,
    tagged,
    calls: calls.length,
    applied: calls.filter((request) => request.applied).length,
    absorbed429: calls.filter((request) => request.status === 429).length,
    /** When the first and the last bulk call reached the fake, ms after bulk.start was sent. */
    firstCallMs: Math.min(...arrivals),
    lastCallMs: Math.max(...arrivals),
    sound:
      job.text === `${CONTACTS} updated, 0 failed` &&
      job.failures.length === 0 &&
      tagged === CONTACTS,
  };
}

/** "a" when every run says a, else "a, b". */
const distinct = (texts: string[]) => [...new Set(texts)].join(', ');

export function measureBulk(): Promise<BudgetRow[]> {
  return withSession({ headless: true }, async ({ fake, openExtensionPage }) => {
    const page = await openExtensionPage('options.html');
    const settings = await ask<Answer<unknown>>(page, {
      type: 'settings.update',
      undoWindowSeconds: 0,
      bulkChunkSize: CHUNK,
    });
    if (!settings.ok) throw new Error(`settings.update refused: ${settings.error.message}`);
    const ids = fake.state.addContacts(SAMPLE.locationId, CONTACTS);
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      if (run > 0) await sleep(RATE.intervalMs + 500); // let the previous window lapse
      runs.push(await runJob(page, fake, ids, `bench-bulk-${run + 1}`));
    }
    const seconds = summarize(runs.map((run) => run.seconds));
    const ratio = round(seconds.p50 / FLOOR_S, 2);
    const sound = runs.every((run) => run.sound);
    const absorbed = runs.reduce((sum, run) => sum + run.absorbed429, 0);
    return [
      {
        id: 'bulk',
        budget: `Bulk: ${CONTACTS} contacts, chunks of ${CHUNK}, fake at ${RATE.max} calls per ${RATE.intervalMs / 1000} s (floor ${FLOOR_S} s)`,
        measured:
          `${ratio}× (${runs.map((run) => `${run.seconds} s`).join(', ')}); ` +
          `${distinct(runs.map((run) => `"${run.text}"`))}; ` +
          `${distinct(runs.map((run) => `${run.tagged}/${CONTACTS}`))} tagged; 429s absorbed: ${absorbed}`,
        limit: `≤ ${RATIO_LIMIT}× (${FLOOR_S * RATIO_LIMIT} s), nothing failed or lost`,
        status: ratio <= RATIO_LIMIT && sound ? 'pass' : 'fail',
        details: {
          floorSeconds: FLOOR_S,
          // Fixed windows opened by the first call: the 10th window opens 9 × 2 s after the first.
          fakeMinimumSeconds: ((CONTACTS / CHUNK / RATE.max - 1) * RATE.intervalMs) / 1000,
          ratio,
          seconds,
          runs,
          contractViolations: fake.violations.length,
        },
      },
    ];
  });
}
