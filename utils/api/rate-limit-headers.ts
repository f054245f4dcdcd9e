/** Reading HighLevel's rate-limit headers (ghl-api/README.md, "Rate limits"). */

export interface RateLimitHeaders {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  /** From `Retry-After` (undocumented, honoured when present): seconds or an HTTP date. */
  retryAfterMs?: number;
}

export function readRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitHeaders {
  const max = nonNegativeInt(headers.get('X-RateLimit-Max'));
  const intervalMs = nonNegativeInt(headers.get('X-RateLimit-Interval-Milliseconds'));
  return {
    max: max === 0 ? undefined : max,
    remaining: nonNegativeInt(headers.get('X-RateLimit-Remaining')),
    intervalMs: intervalMs === 0 ? undefined : intervalMs,
    retryAfterMs: retryAfter(headers.get('Retry-After'), now),
  };
}

function retryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function nonNegativeInt(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}
