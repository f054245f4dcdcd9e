import type { StorageArea } from '@/utils/storage/versioned-store';

/** An in-memory stand-in for `chrome.storage.local` that stores copies, as the real one does. */
export function createMemoryArea(initial: Record<string, unknown> = {}) {
  const items = new Map<string, string>(
    Object.entries(initial).map(([key, value]) => [key, JSON.stringify(value)]),
  );
  const writes: string[] = [];
  const area: StorageArea = {
    async get(key) {
      const stored = items.get(key);
      return stored === undefined ? {} : { [key]: JSON.parse(stored) };
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) {
        items.set(key, JSON.stringify(value));
        writes.push(key);
      }
    },
  };
  return {
    area,
    /** Every key written, in order, one entry per write. */
    writes,
    raw: (key: string) => (items.has(key) ? JSON.parse(items.get(key) ?? '') : undefined),
  };
}
