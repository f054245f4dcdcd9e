import type { CallGate } from '../api/client';
import { readRateLimitHeaders } from '../api/rate-limit-headers';

/** HighLevel's announced burst limit, used until the first answer says otherwise. */
export const DEFAULT_BURST = { max: 100, intervalMs: 10_000 };

/**
 * Slack added to every wait: our clock stamps a call when it leaves, the server when it
 * arrives, and its window may start a little later than ours.
 */
const WINDOW_MARGIN_MS = 60;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RateLimiter extends CallGate {
  /** Stop sending for this long (a 429, with or without Retry-After). */
  pause(ms: number): void;
}

/**
 * One limiter per token, shared by every path (editor, quick tags, bulk). It keeps its own
 * calls of the current window and also believes the server's `X-RateLimit-Remaining`,
 * because other clients of the same token spend the same budget.
 */
export function createRateLimiter(clock: Clock = realClock): RateLimiter {
  let max = DEFAULT_BURST.max;
  let intervalMs = DEFAULT_BURST.intervalMs;
  /** When each call of the current window left (or, for others' spending, was noticed). */
  let sent: number[] = [];
  let pausedUntil = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function forgetOld(now: number) {
    const windowStart = now - intervalMs;
    if (sent.length > 0 && (sent[0] ?? now) <= windowStart) {
      sent = sent.filter((at) => at > windowStart);
    }
  }

  /** Milliseconds until a call may leave, 0 when it may leave now. */
  function waitNeeded(now: number): number {
    forgetOld(now);
    const pause = Math.max(0, pausedUntil - now);
    if (sent.length < max) return pause;
    const oldest = sent[sent.length - max] ?? now;
    return Math.max(pause, oldest + intervalMs + WINDOW_MARGIN_MS - now);
  }

  async function takeSlot() {
    for (;;) {
      const wait = waitNeeded(clock.now());
      if (wait <= 0) break;
      await clock.sleep(wait);
    }
    sent.push(clock.now());
  }

  function pause(ms: number) {
    pausedUntil = Math.max(pausedUntil, clock.now() + Math.max(ms, 0));
  }

  return {
    pause,

    acquire() {
      // Callers take slots in arrival order, so a long bulk job cannot starve a single change.
      const turn = queue.then(takeSlot);
      queue = turn.catch(() => undefined);
      return turn;
    },

    observe(status, headers) {
      const now = clock.now();
      const announced = readRateLimitHeaders(headers, now);
      if (announced.max) max = announced.max;
      if (announced.intervalMs) intervalMs = announced.intervalMs;
      if (status === 429) pause(announced.retryAfterMs ?? intervalMs);
      const { remaining } = announced;
      if (remaining === undefined) return;
      forgetOld(now);
      // Calls still in flight are in `sent` but not yet counted by the server, so only a
      // server count above ours means somebody else is spending the budget. Their calls are
      // stamped now (when they were made is unknown), which errs on the safe side.
      const spentByOthers = max - remaining - sent.length;
      for (let i = 0; i < spentByOthers; i++) sent.push(now);
    },
  };
}
