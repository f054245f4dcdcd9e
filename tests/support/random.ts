/**
 * A small seeded random source (mulberry32), so a fuzz run can be replayed exactly. Shared by
 * the unit and end-to-end suites. It must stay self-contained (no imports, no outside names):
 * the browser fuzzer ships its source text into the page (see e2e/attacks/fuzz-messages.ts).
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

export type SeededRandom = ReturnType<typeof seededRandom>;
