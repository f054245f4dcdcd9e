import { describe, expect, it } from 'vitest';
import { ApiError } from '@/utils/api/errors';
import { createChangeQueue, type Settlement } from '@/utils/queue/change-queue';
import { type QueueEntry, queueSchema } from '@/utils/storage/schemas';
import { defineVersionedStore } from '@/utils/storage/versioned-store';
import { createManualClock, flush } from '../support/manual-clock';
import { createMemoryArea } from '../support/memory-area';

const A = 'locationAAAAAAAAAAAA';
const UNDO_MS = 3000;

type Reply = () => Promise<unknown>;

/** A queue over in-memory storage whose calls the test answers one by one. */
function setup(memory = createMemoryArea(), tokenStillWorks = false) {
  const { clock, advance } = createManualClock();
  const store = defineVersionedStore(memory.area, {
    key: 'queue',
    version: 1,
    schema: queueSchema,
    initial: () => [] as QueueEntry[],
  });
  const calls: { entry: QueueEntry; storedBeforeCall: boolean; answer: (reply: Reply) => void }[] =
    [];
  const settled: { entry: QueueEntry; settlement: Settlement }[] = [];
  const refused: string[] = [];
  const held = new Set<string>();
  let nextId = 0;
  const queue = createChangeQueue({
    store,
    clock,
    newId: () => `change-${++nextId}`,
    async send(entry) {
      const stored = (memory.raw('queue')?.data ?? []) as QueueEntry[];
      const storedBeforeCall = stored.some(
        (e) => e.id === entry.id && e.inFlightSince !== undefined,
      );
      const reply = await new Promise<Reply>((resolve) =>
        calls.push({ entry, storedBeforeCall, answer: resolve }),
      );
      return reply();
    },
    heldLocations: async () => held,
    serverTags: async () => [],
    async onRefused(locationId) {
      if (tokenStillWorks)
        return { held: false as const, reason: 'Not a contact of this sub-account.' };
      refused.push(locationId);
      held.add(locationId);
      return { held: true as const };
    },
    async onSettled(entry, settlement) {
      settled.push({ entry, settlement });
    },
    onChange: () => undefined,
    wakeAt: () => undefined,
  });
  /** Waits out the window and lets the queue send what is due. */
  async function tick(ms: number) {
    await advance(ms);
    void queue.drain();
    await flush();
  }
  const ok: Reply = async () => 'ok';
  const fail =
    (error: ApiError): Reply =>
    async () => {
      throw error;
    };
  return { queue, store, memory, calls, settled, refused, held, tick, ok, fail, clock };
}

const addVip = (contactId = 'c1') => ({
  locationId: A,
  op: 'add' as const,
  tags: ['vip'],
  contactIds: [contactId],
});

describe('change queue', () => {
  it('persists a change before anything is sent, and sends it after the undo window', async () => {
    const t = setup();
    const entry = await t.queue.submit(addVip(), UNDO_MS);
    expect(t.memory.raw('queue').data.map((e: QueueEntry) => e.id)).toEqual([entry?.id]);
    await t.tick(UNDO_MS - 1);
    expect(t.calls).toHaveLength(0);
    await t.tick(1);
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]?.storedBeforeCall).toBe(true);
    t.calls[0]?.answer(t.ok);
    await flush();
    expect(t.settled.map((s) => s.settlement.state)).toEqual(['done']);
    expect(await t.queue.entries()).toEqual([]);
  });

  it('undo inside the window cancels the change unsent; after it, undo is refused', async () => {
    const t = setup();
    const first = await t.queue.submit(addVip('c1'), UNDO_MS);
    expect(await t.queue.undo(first?.id ?? '')).toBe(true);
    await t.tick(UNDO_MS * 2);
    expect(t.calls).toHaveLength(0);
    expect(t.settled[0]?.settlement).toMatchObject({ state: 'cancelled' });

    const second = await t.queue.submit(addVip('c2'), UNDO_MS);
    await t.tick(UNDO_MS);
    expect(await t.queue.undo(second?.id ?? '')).toBe(false);
    expect(t.calls).toHaveLength(1);
  });

  it('with a window of 0 the change leaves at once', async () => {
    const t = setup();
    await t.queue.submit(addVip(), 0);
    await flush();
    expect(t.calls).toHaveLength(1);
  });

  it('runs one drain at a time: concurrent drains never send an entry twice', async () => {
    const t = setup();
    await t.queue.submit(addVip('c1'), 0);
    await Promise.all(
      [t.queue.drain(), t.queue.drain(), t.queue.drain()].map((p) => Promise.race([p, flush()])),
    );
    await flush();
    expect(t.calls).toHaveLength(1);
  });

  it('sends one contact’s changes in the order made, the next only after the previous answered', async () => {
    const t = setup();
    await t.queue.submit({ ...addVip(), tags: ['a'] }, 0);
    await t.queue.submit({ ...addVip(), tags: ['b'], op: 'remove' }, 0);
    await flush();
    expect(t.calls.map((c) => c.entry.tags)).toEqual([['a']]);
    t.calls[0]?.answer(t.ok);
    await flush();
    expect(t.calls.map((c) => c.entry.tags)).toEqual([['a'], ['b']]);
  });

  it('retries network failures, timeouts and 5xx with growing waits, then succeeds', async () => {
    const t = setup();
    await t.queue.submit(addVip(), 0);
    await flush();
    t.calls[0]?.answer(t.fail(new ApiError('server', 'HighLevel had a problem.')));
    await flush();
    const [waiting] = await t.queue.entries();
    expect(waiting?.attempts).toBe(1);
    expect(waiting?.problem).toBe('HighLevel had a problem.');
    await t.tick(1300); // first backoff is 1 s ± 20%
    expect(t.calls).toHaveLength(2);
    t.calls[1]?.answer(t.fail(new ApiError('timeout', 'No answer in time.')));
    await flush();
    await t.tick(900);
    expect(t.calls).toHaveLength(2); // second backoff is at least 1.6 s
    await t.tick(1700);
    expect(t.calls).toHaveLength(3);
    t.calls[2]?.answer(t.ok);
    await flush();
    expect(t.settled.map((s) => s.settlement.state)).toEqual(['done']);
  });

  it('retries a 429 quietly: no failure, no backoff growth, Retry-After honoured', async () => {
    const t = setup();
    await t.queue.submit(addVip(), 0);
    await flush();
    t.calls[0]?.answer(
      t.fail(new ApiError('rate-limited', 'slow down', { status: 429, retryAfterMs: 2000 })),
    );
    await flush();
    const [waiting] = await t.queue.entries();
    expect(waiting).toMatchObject({ attempts: 0, problem: undefined });
    await t.tick(1999);
    expect(t.calls).toHaveLength(1);
    await t.tick(1);
    expect(t.calls).toHaveLength(2);
    expect(t.settled).toEqual([]);
  });

  it('drops a permanent failure with the reason, and goes on with the rest', async () => {
    const t = setup();
    await t.queue.submit(addVip('c1'), 0);
    await t.queue.submit(addVip('c2'), 0);
    await flush();
    t.calls[0]?.answer(t.fail(new ApiError('not-found', 'Contact not found.', { status: 404 })));
    t.calls[1]?.answer(t.ok);
    await flush();
    expect(t.settled.map((s) => [s.entry.contactIds[0], s.settlement.state])).toEqual([
      ['c1', 'failed'],
      ['c2', 'done'],
    ]);
    expect(t.settled[0]?.settlement).toMatchObject({ reason: 'Contact not found.' });
  });

  it('holds a refused token’s changes until the connection is fixed, losing none', async () => {
    const t = setup();
    await t.queue.submit(addVip('c1'), 0);
    await flush();
    t.calls[0]?.answer(t.fail(new ApiError('invalid-token', 'Token refused.', { status: 401 })));
    await flush();
    await t.queue.submit(addVip('c2'), 0);
    await t.tick(60_000);
    expect(t.refused).toEqual([A]);
    expect(t.calls).toHaveLength(1);
    expect((await t.queue.entries()).map((e) => e.contactIds[0])).toEqual(['c1', 'c2']);

    t.held.clear(); // the user replaced the token
    await t.tick(0);
    expect(t.calls.map((c) => c.entry.contactIds[0])).toEqual(['c1', 'c1', 'c2']);
  });

  it('a 403 about the contact, not the token, fails that change alone and holds nothing', async () => {
    const t = setup(createMemoryArea(), true);
    await t.queue.submit(addVip('c1'), 0);
    await flush();
    t.calls[0]?.answer(t.fail(new ApiError('other-location', 'Token refused.', { status: 403 })));
    await flush();
    await t.queue.submit(addVip('c2'), 0);
    await flush();
    expect(t.settled[0]?.settlement).toMatchObject({
      state: 'failed',
      reason: 'Not a contact of this sub-account.',
    });
    expect(t.refused).toEqual([]);
    expect(t.calls.map((c) => c.entry.contactIds[0])).toEqual(['c1', 'c2']);
  });

  it('resends after a restart what a stopped worker left in flight', async () => {
    const first = setup();
    await first.queue.submit(addVip(), 0);
    await flush();
    expect(first.calls).toHaveLength(1); // in flight when the worker dies: never answered

    const restarted = setup(first.memory);
    await restarted.queue.recover();
    await restarted.tick(0);
    expect(restarted.calls.map((c) => c.entry.tags)).toEqual([['vip']]);
    restarted.calls[0]?.answer(restarted.ok);
    await flush();
    expect(await restarted.queue.entries()).toEqual([]);
  });

  it('coalesces a reversal inside the window: nothing is sent and the first is logged cancelled', async () => {
    const t = setup();
    await t.queue.submit(addVip(), UNDO_MS);
    const reversal = await t.queue.submit({ ...addVip(), op: 'remove' }, UNDO_MS);
    expect(reversal).toBeUndefined();
    await t.tick(UNDO_MS * 2);
    expect(t.calls).toHaveLength(0);
    expect(t.settled.map((s) => s.settlement.state)).toEqual(['cancelled']);
  });

  it('queues many changes (a bulk job’s chunks) in one write, each coalesced with those before it', async () => {
    const t = setup();
    await t.queue.submit(addVip('c1'), UNDO_MS);
    t.memory.writes.length = 0;
    const chunk = (contactIds: string[]) => ({ ...addVip(), contactIds, jobId: 'job-1' });
    const created = await t.queue.submitMany(
      [chunk(['c2', 'c3']), chunk(['c4', 'c5']), { ...addVip('c1'), op: 'remove' as const }],
      UNDO_MS,
    );
    expect(t.memory.writes).toEqual(['queue']);
    expect(created.map((entry) => entry?.contactIds)).toEqual([
      ['c2', 'c3'],
      ['c4', 'c5'],
      undefined,
    ]);
    expect((await t.queue.entries()).map((entry) => entry.contactIds)).toEqual([
      ['c2', 'c3'],
      ['c4', 'c5'],
    ]);
    expect(t.settled.map((s) => [s.entry.contactIds, s.settlement.state])).toEqual([
      [['c1'], 'cancelled'],
    ]);
    await t.tick(UNDO_MS);
    expect(t.calls.map((call) => call.entry.contactIds)).toEqual([
      ['c2', 'c3'],
      ['c4', 'c5'],
    ]);
  });
});
