import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeGhl, SAMPLE, startFakeGhl } from '../../fake-ghl/index';
import { callApi, contactTagsPath, tagsOf } from './helpers';

let fake: FakeGhl;
const ada = SAMPLE.contacts.ada;
const addPath = contactTagsPath(ada.id);

beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** Waits (by polling the log, not by sleeping a guess) until the fake has received n requests. */
async function receivedRequests(count: number): Promise<void> {
  await vi.waitFor(() => expect(fake.requests.length).toBeGreaterThanOrEqual(count), {
    timeout: 5000,
    interval: 5,
  });
}

describe('failNext', () => {
  it('fails the next count requests with the status and a JSON body, changes nothing, then turns off', async () => {
    fake.setSwitches({ failNext: { count: 2, status: 503 } });

    const first = await callApi(fake, 'POST', addPath, { body: { tags: ['retry-me'] } });
    expect(fake.switches.failNext?.count).toBe(1);
    const second = await callApi(fake, 'GET', `/contacts/${ada.id}`);
    const third = await callApi(fake, 'POST', addPath, { body: { tags: ['retry-me'] } });

    expect(first).toMatchObject({
      status: 503,
      body: { statusCode: 503, message: 'Service unavailable' },
    });
    expect(first.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect(second.status).toBe(503);
    expect(third.status).toBe(201);
    expect(fake.switches.failNext).toBeNull();
    expect(fake.requests.map((request) => request.applied)).toEqual([false, false, true]);
  });

  it('answers 500 with "Internal server error"', async () => {
    fake.setSwitches({ failNext: { count: 1, status: 500 } });

    const result = await callApi(fake, 'POST', addPath, { body: { tags: ['x'] } });

    expect(result.body).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });

  it('answers with the message it is given, an array as a 422 has', async () => {
    fake.setSwitches({ failNext: { count: 1, status: 422, message: ['<b>first</b>', 'second'] } });

    const result = await callApi(fake, 'POST', addPath, { body: { tags: ['x'] } });

    expect(result.body).toEqual({ statusCode: 422, message: ['<b>first</b>', 'second'] });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });

  it('only counts the requests its matcher accepts', async () => {
    fake.setSwitches({
      failNext: { count: 1, status: 500, match: (request) => request.method === 'POST' },
    });

    const read = await callApi(fake, 'GET', `/contacts/${ada.id}`);
    const write = await callApi(fake, 'POST', addPath, { body: { tags: ['x'] } });

    expect([read.status, write.status]).toEqual([200, 500]);
  });

  it('is not used up by a request that breaks the contract', async () => {
    fake.setSwitches({ failNext: { count: 1, status: 500 } });

    const malformed = await callApi(fake, 'POST', addPath, { body: { tag: 'x' } });

    expect(malformed.status).toBe(400);
    expect(fake.switches.failNext?.count).toBe(1);
  });

  it('does not count down the object the test passed in', () => {
    const failNext = { count: 3, status: 500 };
    fake.setSwitches({ failNext });
    fake.setSwitches({ latencyMs: 0 });

    expect(failNext.count).toBe(3);
    expect(fake.switches.failNext).toMatchObject({ count: 3, status: 500 });
    // The view is a frozen snapshot: nothing a test does to it reaches the fake.
    expect(Object.isFrozen(fake.switches.failNext)).toBe(true);
    expect(Object.isFrozen(fake.switches.rateLimit)).toBe(true);
  });
});

describe('hangNext', () => {
  it('never answers, records the request as hung, and changes nothing', async () => {
    fake.setSwitches({ hangNext: { count: 1 } });
    const abort = new AbortController();

    const call = callApi(fake, 'POST', addPath, { body: { tags: ['lost'] }, signal: abort.signal });
    const hung = await fake.waitForRequest((request) => request.outcome === 'hung');
    abort.abort();

    await expect(call).rejects.toThrow();
    expect(hung).toMatchObject({ status: 0, applied: false, operationId: 'add-tags' });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
    expect(fake.switches.hangNext).toBeNull();
    // The next request is answered normally.
    expect((await callApi(fake, 'POST', addPath, { body: { tags: ['kept'] } })).status).toBe(201);
  });

  it('leaves a hung request to be dropped by reset, so the next test starts clean', async () => {
    fake.setSwitches({ hangNext: { count: 1 } });

    const call = callApi(fake, 'GET', `/contacts/${ada.id}`);
    await fake.waitForRequest((request) => request.outcome === 'hung');
    fake.reset();

    await expect(call).rejects.toThrow();
  });
});

describe('latency', () => {
  it('delays every answer by at least latencyMs', async () => {
    fake.setSwitches({ latencyMs: 150 });

    const started = performance.now();
    const result = await callApi(fake, 'GET', `/contacts/${ada.id}`);

    expect(result.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  // Latencies here are generous so a slow machine still aborts or looks well before the answer.
  it('applies a change only when its answer is written', async () => {
    fake.setSwitches({ latencyMs: 800 });

    const call = callApi(fake, 'POST', addPath, { body: { tags: ['on-delivery'] } });
    await receivedRequests(1);
    expect(fake.requests[0]?.outcome).toBe('pending');
    expect(tagsOf(fake, ada.id)).not.toContain('on-delivery');

    expect((await call).status).toBe(201);
    expect(tagsOf(fake, ada.id)).toContain('on-delivery');
    expect(fake.requests[0]).toMatchObject({ outcome: 'answered', applied: true });
  });

  it('applies nothing when the client aborts during the latency', async () => {
    fake.setSwitches({ latencyMs: 800 });
    const abort = new AbortController();

    const call = callApi(fake, 'POST', addPath, {
      body: { tags: ['aborted'] },
      signal: abort.signal,
    });
    await receivedRequests(1);
    abort.abort();
    await expect(call).rejects.toThrow();
    const gone = await fake.waitForRequest((request) => request.operationId === 'add-tags');

    expect(gone).toMatchObject({ outcome: 'client-gone', applied: false, status: 0 });
    // A later request, answered after the aborted one's latency would have run out, sees no change.
    const later = await callApi(fake, 'GET', `/contacts/${ada.id}`);
    expect(later.body).toMatchObject({ contact: { tags: ada.tags } });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });
});

describe('waitForRequest', () => {
  it('resolves with a request already settled, and with one settling later', async () => {
    await callApi(fake, 'GET', `/contacts/${ada.id}`);
    const earlier = await fake.waitForRequest((request) => request.operationId === 'get-contact');
    expect(earlier.status).toBe(200);

    fake.setSwitches({ latencyMs: 100 });
    const waiting = fake.waitForRequest((request) => request.operationId === 'add-tags');
    void callApi(fake, 'POST', addPath, { body: { tags: ['awaited'] } });

    expect(await waiting).toMatchObject({ status: 201, applied: true });
    expect(tagsOf(fake, ada.id)).toContain('awaited');
  });

  it('rejects after its timeout, naming what it saw', async () => {
    await callApi(fake, 'GET', `/contacts/${ada.id}`);

    await expect(fake.waitForRequest((request) => request.method === 'DELETE', 50)).rejects.toThrow(
      /no matching request settled within 50 ms; seen: GET \/contacts\/\w+ → 200 answered/,
    );
  });
});
