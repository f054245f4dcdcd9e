/**
 * Beside the matrix: the editor and the in-page popup opened on contacts during a 429 storm
 * (SPEC.md "Rate limits": a 429 is retried quietly and never shown as a failure). Opening an
 * editor asks `contact.view`, which reads the contact from HighLevel; that read competes
 * with the changes for the same token's budget.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContactView } from '@/utils/messages/protocol';
import { type FakeGhl, SAMPLE, startFakeGhl } from '../../fake-ghl';
import { activity, LOCATION, okValue } from './paths';
import { createWorld } from './world';

let fake: FakeGhl;
beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe.each(['editor', 'in-page popup'] as const)('%s opened during a 429 storm', (path) => {
  it('never shows the 429, and shows the contact once the storm has passed', async () => {
    const world = createWorld(fake, LOCATION);
    const worker = world.startWorker();
    okValue(
      await worker.ask({ type: 'connections.save', locationId: LOCATION, token: SAMPLE.token }),
      'connections.save',
    );
    const targets = fake.state.addContacts(LOCATION, 6);
    const tag = 'Reliability check';
    fake.setSwitches({ rateLimit: { max: 2, intervalMs: 300 }, retryAfterHeader: true });
    const ask = (message: Record<string, unknown>, contactId: string) =>
      path === 'editor' ? worker.ask(message) : worker.askFromPage(message, contactId);

    const shown = new Set<string>();
    const views = async () => {
      const queue = await worker.services.stores.queue.read();
      const found: ContactView[] = [];
      for (const id of targets)
        found.push(await worker.services.contacts.view(LOCATION, id, queue));
      for (const view of found) if (view.problem) shown.add(view.problem);
      return found;
    };
    // Each editor opens on its contact (contact.view reads it), then the user adds a tag.
    for (const id of targets) {
      okValue(await ask({ type: 'contact.view', locationId: LOCATION, contactId: id }, id), 'view');
    }
    for (const id of targets) {
      okValue(
        await ask(
          { type: 'tags.change', locationId: LOCATION, contactId: id, op: 'add', tags: [tag] },
          id,
        ),
        'tags.change',
      );
    }
    await world.runUntil(
      async () =>
        (await worker.services.changes.queue.entries()).length === 0 &&
        (await activity(worker)).filter((item) => item.state === 'done').length === targets.length,
      'the changes to land',
      { realPauseMs: 10, probe: async () => void (await views()) },
    );
    // Once the storm is over (HighLevel's window is 300 ms), every editor becomes whole.
    const whole = async () =>
      (await views()).every(
        (view) =>
          view.loaded &&
          !view.problem &&
          view.chips.some((chip) => chip.tag === tag && chip.state === 'saved'),
      );
    await world.runUntil(whole, 'every editor to show its contact', {
      stepMs: 1_000,
      realPauseMs: 20,
    });
    const after = await views();

    expect([...shown].filter((text) => /slow down/i.test(text))).toEqual([]);
    expect(
      after.map((view) => ({
        contactId: view.contactId,
        loaded: view.loaded,
        problem: view.problem,
        tagged: view.chips.some((chip) => chip.tag === tag && chip.state === 'saved'),
      })),
    ).toEqual(
      targets.map((contactId) => ({ contactId, loaded: true, problem: undefined, tagged: true })),
    );
    worker.kill();
  }, 30_000);
});
