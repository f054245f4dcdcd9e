import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_LIMIT } from '@/entrypoints/background/changes';
import { SAMPLE } from '../../fake-ghl';
import { startBackground } from '../support/background';
import { useFakeGhl } from '../support/fake-ghl';

const fake = useFakeGhl();

const ada = SAMPLE.contacts.ada.id;
/** Grace, whom no earlier test here reads: a read an earlier test left in the air is not hers. */
const grace = SAMPLE.contacts.grace.id;
const graceReads = () =>
  fake().requests.filter((r) => r.operationId === 'get-contact' && r.path.endsWith(grace)).length;

async function connected() {
  const background = startBackground(fake());
  const saved = await background.ask({
    type: 'connections.save',
    locationId: SAMPLE.locationId,
    token: SAMPLE.token,
  });
  expect(saved.ok).toBe(true);
  return background;
}

function answerValue<T>(answer: { ok: boolean; value?: unknown }): T {
  expect(answer.ok).toBe(true);
  return answer.value as T;
}

describe('background services against the fake HighLevel', () => {
  it('a view shows the server’s tags with the pending change replayed on top, then the server’s answer', async () => {
    const background = await connected();
    await background.services.contacts.refresh(SAMPLE.locationId, ada);
    const change = answerValue<{ view: { chips: { tag: string; state: string }[] } }>(
      await background.ask({
        type: 'tags.change',
        locationId: SAMPLE.locationId,
        contactId: ada,
        op: 'add',
        tags: ['  Spring   promo '],
      }),
    );
    expect(change.view.chips.at(-1)).toEqual({ tag: 'Spring promo', state: 'adding' });
    await background.passTime(3_000);
    const view = answerValue<{ chips: { tag: string; state: string }[] }>(
      await background.ask({ type: 'contact.view', locationId: SAMPLE.locationId, contactId: ada }),
    );
    expect(view.chips.map((chip) => chip.tag)).toEqual(fake().state.getContact(ada)?.tags);
    expect(view.chips.every((chip) => chip.state === 'saved')).toBe(true);
  });

  it('two editors opening on the same contact at once share one read', async () => {
    const background = await connected();
    await Promise.all([
      background.services.contacts.refresh(SAMPLE.locationId, grace),
      background.services.contacts.refresh(SAMPLE.locationId, grace),
    ]);
    expect(graceReads()).toBe(1);
    // Once answered, the next read goes to HighLevel again.
    await background.services.contacts.refresh(SAMPLE.locationId, grace);
    expect(graceReads()).toBe(2);
  });

  it('asking for a contact while its failed read waits out a backoff starts no second retry chain', async () => {
    const background = await connected();
    fake().setSwitches({
      failNext: { count: 1, status: 503, match: (r) => r.path.endsWith(grace) },
    });
    await background.services.contacts.refresh(SAMPLE.locationId, grace);
    expect(graceReads()).toBe(1);
    // Editors open and close on Grace during the backoff.
    for (let i = 0; i < 3; i++)
      await background.services.contacts.refresh(SAMPLE.locationId, grace);
    expect(graceReads()).toBe(1);
    await vi.waitFor(async () => {
      await background.passTime(10_000);
      expect(graceReads()).toBe(2);
    });
    await background.passTime(600_000);
    expect(graceReads()).toBe(2);
    expect(await background.services.contacts.cachedName(grace)).toBe('Grace Hopper');
  });

  it('refuses bad tags in words and queues nothing', async () => {
    const background = await connected();
    for (const tags of [[''], ['a,b'], ['x'.repeat(101)], ['ok', '   ']]) {
      const answer = await background.ask({
        type: 'tags.change',
        locationId: SAMPLE.locationId,
        contactId: ada,
        op: 'add',
        tags,
      });
      expect(answer).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    expect(await background.services.changes.queue.entries()).toEqual([]);
  });

  it('without a token for the location, says so and queues nothing', async () => {
    const background = startBackground(fake());
    const answer = await background.ask({
      type: 'tags.change',
      locationId: SAMPLE.locationId,
      contactId: ada,
      op: 'add',
      tags: ['x'],
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        kind: 'no-connection',
        message: 'No token for this sub-account.',
        locationId: SAMPLE.locationId,
      },
    });
  });

  it('the activity log lists pending, done, failed and cancelled changes with reasons, newest first, at most 200', async () => {
    const background = await connected();
    const submit = (contactId: string, tag: string) =>
      background.ask({
        type: 'tags.change',
        locationId: SAMPLE.locationId,
        contactId,
        op: 'add',
        tags: [tag],
      });
    await submit(ada, 'will-land');
    await submit(SAMPLE.contacts.deleted.id, 'will-fail');
    const undone = answerValue<{ changeId: string }>(
      await submit(SAMPLE.contacts.grace.id, 'will-be-undone'),
    );
    await background.ask({ type: 'change.undo', changeId: undone.changeId });
    await submit(SAMPLE.contacts.alan.id, 'still-waiting');
    await background.passTime(3_000);
    await submit(SAMPLE.contacts.alan.id, 'later');

    type Item = { tags: string[]; state: string; reason?: string };
    const { items } = answerValue<{ items: Item[] }>(
      await background.ask({ type: 'activity.list' }),
    );
    const byTag = (tag: string) => items.find((item) => item.tags.includes(tag));
    expect(byTag('will-land')?.state).toBe('done');
    expect(byTag('will-fail')).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('deleted'),
    });
    expect(byTag('will-be-undone')).toMatchObject({ state: 'cancelled', reason: 'Undone.' });
    expect(byTag('later')?.state).toBe('pending');
    expect(items[0]?.tags).toEqual(['later']);

    for (let i = 0; i < ACTIVITY_LIMIT + 5; i++) {
      const change = answerValue<{ changeId: string }>(await submit(ada, `bulk-${i}`));
      await background.ask({ type: 'change.undo', changeId: change.changeId });
    }
    const full = answerValue<{ items: Item[] }>(await background.ask({ type: 'activity.list' }));
    expect(full.items).toHaveLength(ACTIVITY_LIMIT);
  });

  it('caches location tags and answers from the cache while it refreshes', async () => {
    const background = await connected();
    const first = answerValue<{ tags: string[] }>(
      await background.ask({ type: 'location.tags', locationId: SAMPLE.locationId }),
    );
    expect(first.tags).toContain('VIP-Client');
    const calls = fake().requests.filter((r) => r.operationId === 'get-location-tags').length;
    await background.ask({ type: 'location.tags', locationId: SAMPLE.locationId });
    expect(fake().requests.filter((r) => r.operationId === 'get-location-tags')).toHaveLength(
      calls,
    );
  });
});
