/**
 * Keeps the `max` most recently used entries of a record whose values carry `usedAt`,
 * so caches stay well under `storage.local`'s quota.
 */
export function keepRecent<T extends { usedAt: number }>(
  record: Record<string, T>,
  max: number,
): Record<string, T> {
  const keys = Object.keys(record);
  if (keys.length <= max) return record;
  const newestFirst = keys.sort((a, b) => (record[b]?.usedAt ?? 0) - (record[a]?.usedAt ?? 0));
  return Object.fromEntries(
    newestFirst.slice(0, max).flatMap((key) => {
      const value = record[key];
      return value ? [[key, value] as const] : [];
    }),
  );
}
