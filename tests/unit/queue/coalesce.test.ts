import { describe, expect, it } from 'vitest';
import { coalesce, type NewChange } from '@/utils/queue/coalesce';
import type { QueueEntry } from '@/utils/storage/schemas';

const A = 'locationAAAAAAAAAAAA';

function waiting(
  id: string,
  op: 'add' | 'remove',
  tags: string[],
  extra: Partial<QueueEntry> = {},
): QueueEntry {
  return {
    id,
    locationId: A,
    op,
    tags,
    contactIds: ['c1'],
    createdAt: 0,
    sendAfter: 5,
    retryAt: 0,
    attempts: 0,
    ...extra,
  };
}

function change(op: 'add' | 'remove', tags: string[]): NewChange {
  return { locationId: A, op, tags, contactIds: ['c1'] };
}

describe('coalesce', () => {
  it('adding then removing a new tag within the window sends nothing at all', () => {
    const result = coalesce([waiting('add-x', 'add', ['x'])], change('remove', ['X']), ['other']);
    expect(result.entries).toEqual([]);
    expect(result.replaced.map((e) => e.id)).toEqual(['add-x']);
    expect(result.change.tags).toEqual([]);
  });

  it('keeps the later remove when the server may hold the tag', () => {
    const unknown = coalesce([waiting('add-x', 'add', ['x'])], change('remove', ['x']), undefined);
    expect(unknown.change.tags).toEqual(['x']);
    const held = coalesce([waiting('add-x', 'add', ['x'])], change('remove', ['x']), ['x']);
    expect(held.change.tags).toEqual(['x']);
  });

  it('trims only the overlapping tag from an earlier multi-tag change', () => {
    const result = coalesce([waiting('add-xy', 'add', ['x', 'y'])], change('remove', ['x']), []);
    expect(result.entries).toEqual([waiting('add-xy', 'add', ['y'])]);
    expect(result.replaced).toEqual([]);
    expect(result.change.tags).toEqual([]);
  });

  it('does not repeat a tag already waiting to be added', () => {
    const result = coalesce([waiting('add-x', 'add', ['x'])], change('add', ['x', 'z']), []);
    expect(result.change.tags).toEqual(['z']);
    expect(result.entries).toHaveLength(1);
  });

  it('never touches a change in flight, a bulk chunk, or another contact', () => {
    const untouchable = [
      waiting('in-flight', 'add', ['x'], { inFlightSince: 1 }),
      waiting('bulk', 'add', ['x'], { jobId: 'job', contactIds: ['c1', 'c2'] }),
      waiting('other-contact', 'add', ['x'], { contactIds: ['c2'] }),
    ];
    const result = coalesce(untouchable, change('remove', ['x']), []);
    expect(result.entries).toEqual(untouchable);
    expect(result.change.tags).toEqual(['x']);
  });
});
