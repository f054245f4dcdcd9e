import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '@/utils/queue/limiter';
import { createManualClock } from '../support/manual-clock';

function headers(values: Record<string, string | number>) {
  return new Headers(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
}

/** Starts `count` acquisitions and records when each one is let through. */
function acquireMany(
  limiter: ReturnType<typeof createRateLimiter>,
  count: number,
  now: () => number,
) {
  const passedAt: number[] = [];
  const all = Array.from({ length: count }, () =>
    limiter.acquire().then(() => passedAt.push(now())),
  );
  return { passedAt, all: Promise.all(all) };
}

describe('rate limiter', () => {
  it('lets the announced burst through at once, then waits for the window to roll', async () => {
    const { clock, advance } = createManualClock();
    const limiter = createRateLimiter(clock);
    const start = clock.now();
    limiter.observe(
      200,
      headers({ 'X-RateLimit-Max': 10, 'X-RateLimit-Interval-Milliseconds': 2000 }),
    );
    const run = acquireMany(limiter, 25, clock.now);
    await advance(0);
    expect(run.passedAt).toHaveLength(10);
    await advance(1999);
    expect(run.passedAt).toHaveLength(10);
    await advance(200);
    expect(run.passedAt).toHaveLength(20);
    await advance(2100);
    await run.all;
    expect(run.passedAt).toHaveLength(25);
    // Never more than 10 within any 2-second span.
    for (let i = 10; i < run.passedAt.length; i++) {
      expect((run.passedAt[i] ?? 0) - (run.passedAt[i - 10] ?? 0)).toBeGreaterThanOrEqual(2000);
    }
    expect((run.passedAt[24] ?? 0) - start).toBeLessThan(4400);
  });

  it('believes the server when others spend the same budget', async () => {
    const { clock, advance } = createManualClock();
    const limiter = createRateLimiter(clock);
    await limiter.acquire();
    // Ours is the only call we made, yet only 1 of 10 remains: 8 were spent by someone else.
    limiter.observe(
      200,
      headers({
        'X-RateLimit-Max': 10,
        'X-RateLimit-Remaining': 1,
        'X-RateLimit-Interval-Milliseconds': 1000,
      }),
    );
    const run = acquireMany(limiter, 3, clock.now);
    await advance(0);
    expect(run.passedAt).toHaveLength(1);
    await advance(1100);
    await run.all;
    expect(run.passedAt).toHaveLength(3);
  });

  it('pauses for Retry-After on a 429, and for the window without it', async () => {
    const { clock, advance } = createManualClock();
    const limiter = createRateLimiter(clock);
    limiter.observe(429, headers({ 'Retry-After': 3, 'X-RateLimit-Interval-Milliseconds': 10000 }));
    const first = acquireMany(limiter, 1, clock.now);
    await advance(2900);
    expect(first.passedAt).toHaveLength(0);
    await advance(200);
    expect(first.passedAt).toHaveLength(1);

    limiter.observe(429, headers({ 'X-RateLimit-Interval-Milliseconds': 5000 }));
    const second = acquireMany(limiter, 1, clock.now);
    await advance(4900);
    expect(second.passedAt).toHaveLength(0);
    await advance(200);
    expect(second.passedAt).toHaveLength(1);
  });

  it('ignores junk in the headers', async () => {
    const { clock, advance } = createManualClock();
    const limiter = createRateLimiter(clock);
    limiter.observe(
      200,
      headers({
        'X-RateLimit-Max': 'lots',
        'X-RateLimit-Remaining': '-4',
        'X-RateLimit-Interval-Milliseconds': '0',
      }),
    );
    const run = acquireMany(limiter, 100, clock.now);
    await advance(0);
    expect(run.passedAt).toHaveLength(100);
  });

  it('serves callers in arrival order', async () => {
    const { clock, advance } = createManualClock();
    const limiter = createRateLimiter(clock);
    limiter.observe(
      200,
      headers({ 'X-RateLimit-Max': 1, 'X-RateLimit-Interval-Milliseconds': 1000 }),
    );
    const order: string[] = [];
    await limiter.acquire();
    const first = limiter.acquire().then(() => order.push('first'));
    const second = limiter.acquire().then(() => order.push('second'));
    await advance(1100);
    expect(order).toEqual(['first']);
    await advance(1100);
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });
});
