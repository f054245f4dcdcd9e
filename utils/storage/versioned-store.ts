import type { z } from '../zod';

/** The slice of `chrome.storage.local` a store needs; the fake browser and tests provide it too. */
export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** What is written under the key: the data and the version of its format. */
interface Envelope {
  v: number;
  data: unknown;
}

export interface VersionedStoreDefinition<S extends z.ZodType> {
  key: string;
  version: number;
  schema: S;
  initial: () => z.infer<S>;
  /** migrations[n] turns data of version n into version n + 1. */
  migrations?: Record<number, (data: unknown) => unknown>;
}

export interface VersionedStore<T> {
  readonly key: string;
  read(): Promise<T>;
  /**
   * Read-modify-write, serialised with every other update of this store. A change that
   * returns the value it was given writes nothing.
   */
  update(change: (current: T) => T): Promise<T>;
}

/**
 * A value in extension storage that carries the version of its format and is migrated
 * when an update meets an older one, so an update mid-job loses nothing (SPEC.md,
 * "Stored formats carry a version"). Only the background writes stores, so an in-memory
 * chain is enough to serialise updates.
 */
export function defineVersionedStore<S extends z.ZodType>(
  area: StorageArea,
  definition: VersionedStoreDefinition<S>,
): VersionedStore<z.infer<S>> {
  type T = z.infer<S>;
  const { key, version, schema, initial, migrations = {} } = definition;
  let pending: Promise<unknown> = Promise.resolve();
  /** The last value read or written: only this store writes the key, so it stays true. */
  let cached: T | undefined;

  function upgrade(envelope: Envelope): T | undefined {
    let { v, data } = envelope;
    while (v < version) {
      const migrate = migrations[v];
      if (!migrate) return undefined;
      data = migrate(data);
      v += 1;
    }
    if (v !== version) return undefined;
    const parsed = schema.safeParse(data);
    return parsed.success ? (parsed.data as T) : undefined;
  }

  async function read(): Promise<T> {
    if (cached !== undefined) return cached;
    cached = await readStored();
    return cached;
  }

  async function readStored(): Promise<T> {
    const stored = (await area.get(key))[key];
    if (stored === undefined) return initial();
    const value = isEnvelope(stored) ? upgrade(stored) : undefined;
    if (value !== undefined) return value;
    // Unreadable (corrupt, or written by a newer version): keep a copy rather than lose it.
    await area.set({ [`${key}.unreadable`]: stored });
    return initial();
  }

  async function store(value: T): Promise<void> {
    await area.set({ [key]: { v: version, data: value } satisfies Envelope });
    cached = value;
  }

  function serialised<R>(step: () => Promise<R>): Promise<R> {
    const result = pending.then(step);
    pending = result.catch(() => undefined);
    return result;
  }

  return {
    key,
    read,
    update: (change) =>
      serialised(async () => {
        const current = await read();
        const next = change(current);
        // The same value back means nothing changed: nothing is written.
        if (next !== current) await store(next);
        return next;
      }),
  };
}

function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { v?: unknown }).v === 'number' &&
    'data' in value
  );
}
