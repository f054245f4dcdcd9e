/**
 * HighLevel's rate limits as the fake enforces them: a burst limit per token (a fixed window
 * that opens with the first request after the previous window ended) and a daily count per
 * location (shared by every token of the location, as the vendor documents for PITs). The daily
 * limit is only reported, never enforced: no test makes 200,000 calls.
 */
import type { RateLimitSetting } from './types';

export const DAILY_LIMIT = 200_000;

export interface RateLimitVerdict {
  allowed: boolean;
  /** The `X-RateLimit-*` headers every API answer carries. */
  headers: Record<string, string>;
  /** Whole seconds, rounded up, until the current window ends (at least 1). */
  retryAfterSeconds: number;
}

interface BurstWindow {
  startedAt: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, BurstWindow>();
  private readonly dailyCounts = new Map<string, number>();

  /** `now` is injectable so the window logic can be tested without waiting. */
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Counts one request against `burstKey` (the token) and `dailyKey` (the location) and says
   * whether it may be served. Refused requests count too: the real gateway counts what it sees.
   */
  take(burstKey: string, dailyKey: string, setting: RateLimitSetting): RateLimitVerdict {
    const now = this.now();
    let window = this.windows.get(burstKey);
    if (!window || now >= window.startedAt + setting.intervalMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(burstKey, window);
    }
    window.count += 1;
    const daily = (this.dailyCounts.get(dailyKey) ?? 0) + 1;
    this.dailyCounts.set(dailyKey, daily);

    const millisecondsLeft = window.startedAt + setting.intervalMs - now;
    return {
      allowed: window.count <= setting.max,
      retryAfterSeconds: Math.max(1, Math.ceil(millisecondsLeft / 1000)),
      headers: {
        'X-RateLimit-Max': String(setting.max),
        'X-RateLimit-Remaining': String(Math.max(0, setting.max - window.count)),
        'X-RateLimit-Interval-Milliseconds': String(setting.intervalMs),
        'X-RateLimit-Limit-Daily': String(DAILY_LIMIT),
        'X-RateLimit-Daily-Remaining': String(Math.max(0, DAILY_LIMIT - daily)),
      },
    };
  }

  /** Seconds until `burstKey`'s window ends, for a 429 that `failNext` produced. */
  retryAfterSeconds(burstKey: string, setting: RateLimitSetting): number {
    const window = this.windows.get(burstKey);
    if (!window) return 1;
    return Math.max(1, Math.ceil((window.startedAt + setting.intervalMs - this.now()) / 1000));
  }

  /** Forgets every window (on reset, and when the limit setting changes). */
  clear(): void {
    this.windows.clear();
    this.dailyCounts.clear();
  }
}
