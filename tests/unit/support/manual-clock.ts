import type { Clock } from '@/utils/queue/limiter';

/**
 * A clock that moves only when told to. Sleepers wake when `advance` passes their time,
 * so time-based logic is tested without real waiting.
 */
export function createManualClock(start = 1_000_000) {
  let now = start;
  let sleepers: { until: number; wake: () => void }[] = [];

  const clock: Clock = {
    now: () => now,
    sleep(ms) {
      return new Promise((resolve) => {
        sleepers.push({ until: now + ms, wake: resolve });
      });
    },
  };

  /** Moves time forward and lets every sleeper due by then (and what it starts) run. */
  async function advance(ms: number) {
    const target = now + ms;
    for (;;) {
      await flush();
      const due = sleepers
        .filter((sleeper) => sleeper.until <= target)
        .sort((a, b) => a.until - b.until)[0];
      if (!due) break;
      now = Math.max(now, due.until);
      sleepers = sleepers.filter((sleeper) => sleeper !== due);
      due.wake();
    }
    now = target;
    await flush();
  }

  return { clock, advance, sleeping: () => sleepers.length };
}

/** Lets every pending promise callback run (a macrotask turn comes after all microtasks). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
