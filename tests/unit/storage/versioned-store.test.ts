import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineVersionedStore } from '@/utils/storage/versioned-store';
import { createMemoryArea } from '../support/memory-area';

const v2Schema = z.object({ tags: z.array(z.string()), undoSeconds: z.number() });

function settingsStore(area: ReturnType<typeof createMemoryArea>['area']) {
  return defineVersionedStore(area, {
    key: 'settings',
    version: 2,
    schema: v2Schema,
    initial: () => ({ tags: [], undoSeconds: 3 }),
    // Version 1 kept the undo window in milliseconds under another name.
    migrations: {
      1: (data) => {
        const old = data as { tags: string[]; undoMs: number };
        return { tags: old.tags, undoSeconds: old.undoMs / 1000 };
      },
    },
  });
}

describe('versioned store', () => {
  it('starts from the initial value and writes data with its version', async () => {
    const memory = createMemoryArea();
    const store = settingsStore(memory.area);
    expect(await store.read()).toEqual({ tags: [], undoSeconds: 3 });
    await store.update(() => ({ tags: ['vip'], undoSeconds: 5 }));
    expect(memory.raw('settings')).toEqual({ v: 2, data: { tags: ['vip'], undoSeconds: 5 } });
  });

  it('migrates an older format on read, so an update mid-job loses nothing', async () => {
    const memory = createMemoryArea({ settings: { v: 1, data: { tags: ['a'], undoMs: 7000 } } });
    expect(await settingsStore(memory.area).read()).toEqual({ tags: ['a'], undoSeconds: 7 });
  });

  it('keeps an unreadable value aside instead of silently dropping it', async () => {
    const corrupt = { v: 2, data: { tags: 'not a list' } };
    const memory = createMemoryArea({ settings: corrupt });
    expect(await settingsStore(memory.area).read()).toEqual({ tags: [], undoSeconds: 3 });
    expect(memory.raw('settings.unreadable')).toEqual(corrupt);
  });

  it('serialises concurrent updates so none is lost', async () => {
    const memory = createMemoryArea();
    const store = settingsStore(memory.area);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.update((value) => ({ ...value, tags: [...value.tags, `t${i}`] })),
      ),
    );
    expect((await settingsStore(memory.area).read()).tags).toHaveLength(50);
  });

  it('is read back by a fresh instance (a restarted worker) as written', async () => {
    const memory = createMemoryArea();
    await settingsStore(memory.area).update((value) => ({ ...value, undoSeconds: 9 }));
    expect((await settingsStore(memory.area).read()).undoSeconds).toBe(9);
  });

  it('writes nothing when an update gives back the value it was given', async () => {
    const memory = createMemoryArea();
    const store = settingsStore(memory.area);
    await store.update((value) => ({ ...value, undoSeconds: 4 }));
    expect(memory.writes).toEqual(['settings']);
    expect(await store.update((value) => value)).toEqual({ tags: [], undoSeconds: 4 });
    expect(memory.writes).toEqual(['settings']);
  });
});
