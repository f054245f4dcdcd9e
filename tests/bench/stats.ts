/** Order statistics for repeated measurements (shared, noisy machines: never a single run). */

/** The p-th percentile (0..100) by linear interpolation between closest ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p90: round(percentile(samples, 90)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

/** Milliseconds to one decimal place, or as given by `digits`. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "p50 12.3 ms, p90 15.0 ms (n=15)" */
export function formatSummary(summary: Summary, unit = 'ms'): string {
  return `p50 ${summary.p50} ${unit}, p90 ${summary.p90} ${unit} (n=${summary.n})`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
