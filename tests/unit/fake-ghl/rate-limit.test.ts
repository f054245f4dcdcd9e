import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DAILY_LIMIT,
  type FakeGhl,
  SAMPLE,
  SECOND,
  startFakeGhl,
  UNKNOWN_TOKEN,
} from '../../fake-ghl/index';
import { RateLimiter } from '../../fake-ghl/rate-limit';
import { callApi } from './helpers';

describe('RateLimiter (fixed window per token, daily count per location)', () => {
  const setting = { max: 2, intervalMs: 1000 };
  let now = 0;
  const limiter = new RateLimiter(() => now);
  beforeEach(() => {
    now = 10_000;
    limiter.clear();
  });

  it('allows max requests per window, then refuses until the window ends', () => {
    expect(limiter.take('token', 'location', setting).allowed).toBe(true);
    now += 400;
    expect(limiter.take('token', 'location', setting).allowed).toBe(true);
    now += 100;
    const refused = limiter.take('token', 'location', setting);
    expect(refused.allowed).toBe(false);
    expect(refused.headers['X-RateLimit-Remaining']).toBe('0');
    expect(refused.retryAfterSeconds).toBe(1);

    // The window opened at the first request (10,000 ms) and lasts 1,000 ms.
    now = 10_999;
    expect(limiter.take('token', 'location', setting).allowed).toBe(false);
    now = 11_000;
    const fresh = limiter.take('token', 'location', setting);
    expect(fresh.allowed).toBe(true);
    expect(fresh.headers['X-RateLimit-Remaining']).toBe('1');
  });

  it('opens the next window at the first request after the previous one ended, not on a fixed grid', () => {
    limiter.take('token', 'location', setting);
    now = 15_500;
    limiter.take('token', 'location', setting);
    now = 16_400;
    limiter.take('token', 'location', setting);
    // A window opened at 15,500 holds all three (refused); a grid of whole seconds would have
    // started a new window at 16,000 and allowed it.
    expect(limiter.take('token', 'location', setting).allowed).toBe(false);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const slow = { max: 1, intervalMs: 10_000 };
    limiter.take('token', 'location', slow);
    now += 1_200;
    expect(limiter.take('token', 'location', slow).retryAfterSeconds).toBe(9);
  });

  it('keeps one burst budget per token but one daily count per location', () => {
    limiter.take('token A', 'location', setting);
    limiter.take('token A', 'location', setting);
    const otherToken = limiter.take('token B', 'location', setting);

    expect(otherToken.allowed).toBe(true);
    expect(otherToken.headers['X-RateLimit-Remaining']).toBe('1');
    expect(otherToken.headers['X-RateLimit-Daily-Remaining']).toBe(String(DAILY_LIMIT - 3));
  });
});

describe('rate limits over HTTP', () => {
  let fake: FakeGhl;
  beforeAll(async () => {
    fake = await startFakeGhl();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const contactPath = `/contacts/${SAMPLE.contacts.ada.id}`;

  it('sends the X-RateLimit headers on every answer, errors included, with 100 per 10 s by default', async () => {
    const answers = [
      await callApi(fake, 'GET', contactPath),
      await callApi(fake, 'GET', contactPath, { token: UNKNOWN_TOKEN }),
      await callApi(fake, 'GET', contactPath, { version: 'wrong' }),
    ];

    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 400]);
    for (const answer of answers) {
      expect(answer.headers.get('x-ratelimit-max')).toBe('100');
      expect(answer.headers.get('x-ratelimit-interval-milliseconds')).toBe('10000');
      expect(answer.headers.get('x-ratelimit-limit-daily')).toBe('200000');
      expect(answer.headers.get('x-ratelimit-daily-remaining')).toMatch(/^\d+$/);
    }
    expect(answers[0]?.headers.get('x-ratelimit-remaining')).toBe('99');
  });

  it('answers 429 over the limit, without Retry-After unless switched on, and changes nothing', async () => {
    fake.setSwitches({ rateLimit: { max: 2, intervalMs: 60_000 } });

    const remaining = [];
    for (let index = 0; index < 2; index++) {
      remaining.push(
        (await callApi(fake, 'GET', contactPath)).headers.get('x-ratelimit-remaining'),
      );
    }
    const limited = await callApi(fake, 'POST', `${contactPath}/tags`, {
      body: { tags: ['too-many'] },
    });

    expect(remaining).toEqual(['1', '0']);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ statusCode: 429, message: 'Too many requests' });
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(fake.state.getContact(SAMPLE.contacts.ada.id)?.tags).not.toContain('too-many');
    expect(fake.requests.at(-1)).toMatchObject({ status: 429, applied: false });

    fake.setSwitches({ retryAfterHeader: true });
    const withHeader = await callApi(fake, 'GET', contactPath);
    // setSwitches without rateLimit keeps the window: still limited, now with a whole-second wait.
    expect(withHeader.status).toBe(429);
    expect(Number(withHeader.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
  });

  it("limits each token on its own: one token's 429 leaves another's budget", async () => {
    fake.setSwitches({ rateLimit: { max: 1, intervalMs: 60_000 } });

    await callApi(fake, 'GET', contactPath);
    const sameToken = await callApi(fake, 'GET', contactPath);
    const otherToken = await callApi(fake, 'GET', `/contacts/${SECOND.contacts.marcus.id}`, {
      token: SECOND.token,
    });

    expect(sameToken.status).toBe(429);
    expect(otherToken.status).toBe(200);
  });

  it('starts fresh windows when the limit is changed, and on reset', async () => {
    fake.setSwitches({ rateLimit: { max: 1, intervalMs: 60_000 } });
    await callApi(fake, 'GET', contactPath);
    expect((await callApi(fake, 'GET', contactPath)).status).toBe(429);

    fake.setSwitches({ rateLimit: { max: 1, intervalMs: 60_000 } });
    expect((await callApi(fake, 'GET', contactPath)).status).toBe(200);

    fake.reset();
    expect((await callApi(fake, 'GET', contactPath)).headers.get('x-ratelimit-remaining')).toBe(
      '99',
    );
  });
});
