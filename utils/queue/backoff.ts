/** Waits between retries of a transient failure: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const BACKOFF = { firstMs: 1_000, maxMs: 5 * 60_000 } as const;

/**
 * `attempts` counts failures so far (1 after the first). Jitter of ±20% keeps many
 * queued changes from retrying in lockstep after an outage.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF.firstMs * 2 ** Math.max(0, attempts - 1), BACKOFF.maxMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}
