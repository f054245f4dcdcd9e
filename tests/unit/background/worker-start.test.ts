import { describe, expect, it, vi } from 'vitest';
import { SAMPLE } from '../../fake-ghl';
import { startBackground } from '../support/background';
import { useFakeGhl } from '../support/fake-ghl';
import { createMemoryArea } from '../support/memory-area';

const fake = useFakeGhl();

describe('a worker start with nothing to do', () => {
  it('writes nothing to storage and tells no panel about a job', async () => {
    const memory = createMemoryArea();
    const first = startBackground(fake(), memory);
    const ask = async (message: Record<string, unknown>) => {
      const answer = await first.ask(message);
      expect(answer, String(message.type)).toMatchObject({ ok: true });
      return (answer as { value: { id?: string; finished?: boolean } }).value;
    };
    await ask({ type: 'connections.save', locationId: SAMPLE.locationId, token: SAMPLE.token });
    await ask({ type: 'settings.update', undoWindowSeconds: 0, bulkChunkSize: 50 });
    await ask({
      type: 'tags.change',
      locationId: SAMPLE.locationId,
      contactId: SAMPLE.contacts.ada.id,
      op: 'add',
      tags: ['single'],
    });
    const ids = fake().state.addContacts(SAMPLE.locationId, 120);
    const finished = await ask({
      type: 'bulk.start',
      locationId: SAMPLE.locationId,
      op: 'add',
      tags: ['bulk'],
      contactIds: ids,
    });
    await first.services.changes.queue.drain();
    expect((await first.services.bulk.get(finished.id ?? '')).finished).toBe(true);
    expect(await first.services.changes.queue.entries()).toEqual([]);
    expect(memory.raw('jobs').data).toHaveLength(1);

    memory.writes.length = 0;
    const restarted = startBackground(fake(), memory);
    const published = vi.spyOn(restarted.services.hub, 'publish');
    await restarted.services.start();
    await restarted.passTime(0);

    expect(memory.writes).toEqual([]);
    expect(published.mock.calls.filter(([event]) => event.topic === 'job')).toEqual([]);
  });
});
