/**
 * Budget 3: one tag change with the undo window at 0, against the fake with 100 ms latency,
 * at most 1.1x the bare round trip.
 *
 * Both sides start in the same extension page (options.html, which holds the host permission,
 * so no CORS preflight) and end at the same moment: when the fake has applied the request
 * (`fake.waitForRequest` resolves as the answer is written, in this Node process).
 * - change: `chrome.runtime.sendMessage({type: 'tags.change', …})` (the e2e `ask`), i.e. the
 *   message hop, validation, the persisted queue, the limiter and the worker's fetch;
 * - bare: a plain `fetch` of the same API call (POST /contacts/{id}/tags, the same headers)
 *   from that page, its answer read, as the product reads it.
 * Each side pays the same Playwright `evaluate` hop to start. The runs alternate (change, bare)
 * after warm-ups on both (TLS connections, a woken worker), each with a tag of its own on a
 * contact of its own; the budget compares the medians.
 */
import { performance } from 'node:perf_hooks';
import type { Page } from '@playwright/test';
import { ask } from '../e2e/extension-api';
import { type FakeGhl, SAMPLE } from '../fake-ghl';
import type { BudgetRow } from './report';
import { withSession } from './session';
import { round, sleep, summarize } from './stats';

const RUNS = 15;
const WARM_UPS = 3;
const LATENCY_MS = 100;
const RATIO_LIMIT = 1.1;

type Answer = { ok: boolean; error?: { message: string } };

function applied(fake: FakeGhl, contactId: string, tag: string) {
  return fake
    .waitForRequest(
      (request) =>
        request.operationId === 'add-tags' &&
        request.path === `/contacts/${contactId}/tags` &&
        JSON.stringify((request.body as { tags?: unknown }).tags) === JSON.stringify([tag]),
      15_000,
    )
    .then((request) => {
      if (!request.applied) throw new Error(`The fake did not apply ${tag} (${request.status})`);
    });
}

async function timeChange(page: Page, fake: FakeGhl, contactId: string, tag: string) {
  const start = performance.now();
  const done = applied(fake, contactId, tag);
  const answer = ask<Answer>(page, {
    type: 'tags.change',
    locationId: SAMPLE.locationId,
    contactId,
    op: 'add',
    tags: [tag],
  });
  await done;
  const elapsed = performance.now() - start;
  const answered = await answer;
  if (!answered.ok) throw new Error(`tags.change refused: ${answered.error?.message}`);
  return elapsed;
}

async function timeBare(page: Page, fake: FakeGhl, contactId: string, tag: string) {
  const start = performance.now();
  const done = applied(fake, contactId, tag);
  const call = page.evaluate(
    async ({ url, token, tag }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          Version: '2021-07-28',
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ tags: [tag] }),
      });
      await response.text();
      return response.status;
    },
    {
      url: `https://services.leadconnectorhq.com/contacts/${contactId}/tags`,
      token: SAMPLE.token,
      tag,
    },
  );
  await done;
  const elapsed = performance.now() - start;
  const status = await call;
  if (status !== 200 && status !== 201) throw new Error(`The bare call answered ${status}`);
  return elapsed;
}

export function measureTagChange(): Promise<BudgetRow[]> {
  return withSession({ headless: true }, async ({ fake, openExtensionPage }) => {
    const page = await openExtensionPage('options.html');
    const settings = await ask<Answer>(page, { type: 'settings.update', undoWindowSeconds: 0 });
    if (!settings.ok) throw new Error(`settings.update refused: ${settings.error?.message}`);
    const [changeContact, bareContact] = fake.state.addContacts(SAMPLE.locationId, 2) as [
      string,
      string,
    ];
    fake.setSwitches({ latencyMs: LATENCY_MS });

    const change: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < WARM_UPS + RUNS; run++) {
      const changed = await timeChange(page, fake, changeContact, `bench-change-${run}`);
      await sleep(50);
      const fetched = await timeBare(page, fake, bareContact, `bench-bare-${run}`);
      await sleep(50);
      if (run >= WARM_UPS) {
        change.push(changed);
        bare.push(fetched);
      }
    }
    const changeStats = summarize(change);
    const bareStats = summarize(bare);
    const ratio = round(changeStats.p50 / bareStats.p50, 2);
    const calls = fake.requests.filter(
      (request) => request.path === `/contacts/${changeContact}/tags`,
    );
    return [
      {
        id: 'tag-change',
        budget: `One tag change, undo window 0, fake latency ${LATENCY_MS} ms, vs the bare round trip`,
        measured: `${ratio}× (change p50 ${changeStats.p50} / p90 ${changeStats.p90} ms; bare p50 ${bareStats.p50} / p90 ${bareStats.p90} ms; n=${RUNS})`,
        limit: `≤ ${RATIO_LIMIT}×`,
        status: ratio <= RATIO_LIMIT ? 'pass' : 'fail',
        details: {
          latencyMs: LATENCY_MS,
          ratio,
          change: changeStats,
          bare: bareStats,
          overheadMsP50: round(changeStats.p50 - bareStats.p50),
          changeSamples: change.map((ms) => round(ms)),
          bareSamples: bare.map((ms) => round(ms)),
          productCallsForChanges: calls.length,
          contractViolations: fake.violations.length,
        },
      },
    ];
  });
}
