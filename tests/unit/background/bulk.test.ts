import { describe, expect, it, vi } from 'vitest';
import { createJob } from '@/utils/queue/jobs';
import { SAMPLE } from '../../fake-ghl';
import { startBackground } from '../support/background';
import { useFakeGhl } from '../support/fake-ghl';
import { createMemoryArea } from '../support/memory-area';

const fake = useFakeGhl();

type JobView = {
  id: string;
  text: string;
  finished: boolean;
  failures: { contactId: string; reason: string; retryable: boolean }[];
  retryableFailed: number;
};

async function connected(memory = createMemoryArea()) {
  const background = startBackground(fake(), memory);
  await background.ask({
    type: 'connections.save',
    locationId: SAMPLE.locationId,
    token: SAMPLE.token,
  });
  await background.ask({ type: 'settings.update', undoWindowSeconds: 0, bulkChunkSize: 50 });
  return background;
}

const bulkCalls = () => fake().requests.filter((r) => r.path === '/contacts/bulk/tags/update/add');

describe('bulk jobs through the change queue', () => {
  it('250 contacts, 2 not real, one chunk failing once: 248 updated, 2 failed and not offered for retry', async () => {
    const background = await connected();
    const real = fake().state.addContacts(SAMPLE.locationId, 248);
    const unreal = ['NoSuchContact0000001', SAMPLE.contacts.deleted.id];
    fake().setSwitches({
      failNext: { count: 1, status: 500, match: (r) => r.path.startsWith('/contacts/bulk') },
    });
    const started = await background.ask({
      type: 'bulk.start',
      locationId: SAMPLE.locationId,
      op: 'add',
      tags: ['webinar'],
      contactIds: [...real.slice(0, 100), ...unreal, ...real.slice(100)],
    });
    expect(started.ok).toBe(true);
    const jobId = (started as { value: JobView }).value.id;
    // Time passes (past the failed chunk's backoff) until the job is finished: the calls to
    // the fake are real, so how many steps that takes depends on the machine.
    await vi.waitFor(
      async () => {
        await background.passTime(5_000);
        expect((await background.services.bulk.get(jobId)).finished).toBe(true);
      },
      { timeout: 4_000, interval: 10 },
    );
    const job = await background.services.bulk.get(jobId);
    expect(job.text).toBe('248 updated, 2 failed');
    expect(job.failures.map((failure) => failure.contactId).sort()).toEqual([...unreal].sort());
    expect(job.failures.every((failure) => !failure.retryable && failure.reason.length > 5)).toBe(
      true,
    );
    expect(job.retryableFailed).toBe(0);
    expect(real.every((id) => fake().state.getContact(id)?.tags.includes('webinar'))).toBe(true);
    expect(bulkCalls().filter((r) => r.applied)).toHaveLength(5);
    expect(bulkCalls().filter((r) => r.status === 500)).toHaveLength(1);
    for (const call of bulkCalls())
      expect((call.body as { contacts: string[] }).contacts.length).toBeLessThanOrEqual(50);
  });

  it('a job cancelled inside its undo window sends nothing and says what was not done', async () => {
    const background = await connected();
    await background.ask({ type: 'settings.update', undoWindowSeconds: 3 });
    const ids = fake().state.addContacts(SAMPLE.locationId, 120);
    const started = (await background.ask({
      type: 'bulk.start',
      locationId: SAMPLE.locationId,
      op: 'add',
      tags: ['x'],
      contactIds: ids,
    })) as { value: JobView };
    const cancelled = await background.ask({
      type: 'bulk.cancel',
      locationId: SAMPLE.locationId,
      jobId: started.value.id,
    });
    expect(cancelled).toMatchObject({
      ok: true,
      value: { finished: true, text: '0 updated, 0 failed, 120 not done' },
    });
    await background.passTime(10_000);
    expect(bulkCalls()).toEqual([]);
    const log = (await background.ask({ type: 'activity.list' })) as {
      value: { items: { state: string; contactCount?: number }[] };
    };
    expect(log.value.items[0]).toMatchObject({ state: 'cancelled', contactCount: 120 });
  });

  it('a worker that died after saving a job, before queueing its chunks, finishes it at the next start', async () => {
    const memory = createMemoryArea();
    const first = await connected(memory);
    const ids = fake().state.addContacts(SAMPLE.locationId, 75);
    // The job was saved with every contact handed over, but no queue entry was written.
    const job = {
      ...createJob({
        id: 'job-1',
        locationId: SAMPLE.locationId,
        op: 'add',
        tags: ['resumed'],
        contactIds: ids,
        chunkSize: 50,
        now: Date.now(),
      }),
    };
    await first.services.stores.jobs.update(() => [{ ...job, pending: [], inFlight: ids }]);

    const restarted = startBackground(fake(), memory);
    await restarted.services.start();
    await restarted.passTime(0);
    expect((await restarted.services.bulk.get('job-1')).text).toBe('75 updated, 0 failed');
    expect(ids.every((id) => fake().state.getContact(id)?.tags.includes('resumed'))).toBe(true);
  });

  it('a content script may only run jobs of its own page’s location', async () => {
    const background = await connected();
    const sender = {
      id: 'ourextensionid',
      url: `https://app.gohighlevel.com/v2/location/${SAMPLE.locationId}/contacts/smart_list/All`,
      tab: { id: 3 },
    };
    const other = await background.services.route(
      {
        type: 'bulk.start',
        locationId: 'Zz7sWq2LmX9dTz4NbV1c',
        op: 'add',
        tags: ['x'],
        contactIds: [SAMPLE.contacts.ada.id],
      },
      sender,
    );
    expect(other).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const junk = await background.ask({
      type: 'bulk.start',
      locationId: SAMPLE.locationId,
      op: 'add',
      tags: ['x'],
      contactIds: ['not-an-id'],
    });
    expect(junk).toMatchObject({
      ok: false,
      error: { kind: 'refused', message: expect.stringContaining('not HighLevel IDs') },
    });
  });

  it('a job for a location without a token is refused as a single change is, and nothing is kept', async () => {
    const background = startBackground(fake());
    const answer = await background.ask({
      type: 'bulk.start',
      locationId: SAMPLE.locationId,
      op: 'add',
      tags: ['x'],
      contactIds: [SAMPLE.contacts.ada.id, SAMPLE.contacts.grace.id],
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        kind: 'no-connection',
        message: 'No token for this sub-account.',
        locationId: SAMPLE.locationId,
      },
    });
    expect(await background.services.stores.jobs.read()).toEqual([]);
    expect(await background.services.changes.queue.entries()).toEqual([]);
  });

  it('a job’s chunks join the queue in one write', async () => {
    const memory = createMemoryArea();
    const background = await connected(memory);
    await background.ask({ type: 'settings.update', undoWindowSeconds: 3 });
    const ids = fake().state.addContacts(SAMPLE.locationId, 500);
    memory.writes.length = 0;
    const started = await background.ask({
      type: 'bulk.start',
      locationId: SAMPLE.locationId,
      op: 'add',
      tags: ['x'],
      contactIds: ids,
    });
    expect(started.ok).toBe(true);
    expect(await background.services.changes.queue.entries()).toHaveLength(10);
    expect(memory.writes.filter((key) => key === 'queue')).toEqual(['queue']);
  });
});
