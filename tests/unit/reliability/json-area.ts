import type { StorageArea } from '@/utils/storage/versioned-store';

/** A promise that never settles: what a stopped worker's pending work amounts to. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

export type JsonArea = ReturnType<typeof createJsonArea>;

/**
 * `chrome.storage.local` as JSON text per key (what Chrome keeps: values survive only as
 * JSON), shared by the workers of one run. Each worker gets its own view: once the worker
 * is stopped its reads and writes never complete, as nothing runs in a killed worker.
 */
export function createJsonArea(json?: string) {
  const items = new Map<string, string>();
  if (json !== undefined) {
    for (const [key, value] of Object.entries(JSON.parse(json) as Record<string, unknown>)) {
      items.set(key, JSON.stringify(value));
    }
  }

  function view(alive: () => boolean): StorageArea {
    return {
      async get(key) {
        if (!alive()) return never();
        const stored = items.get(key);
        return stored === undefined ? {} : { [key]: JSON.parse(stored) };
      },
      async set(values) {
        if (!alive()) return never();
        for (const [key, value] of Object.entries(values)) items.set(key, JSON.stringify(value));
      },
    };
  }

  return {
    view,
    keys: () => [...items.keys()],
    /** The stored value of a key, as `{v, data}` for a versioned store. */
    raw: (key: string): unknown => {
      const stored = items.get(key);
      return stored === undefined ? undefined : JSON.parse(stored);
    },
    /** The whole area as one JSON text, as an extension update would find it. */
    dump: (): string =>
      JSON.stringify(
        Object.fromEntries([...items].map(([key, value]) => [key, JSON.parse(value)])),
      ),
  };
}

/** The data of a versioned store's key (`{v, data}`), or undefined. */
export function storedData<T>(area: JsonArea, key: string): T | undefined {
  const envelope = area.raw(key) as { v?: number; data?: T } | undefined;
  return envelope?.data;
}
