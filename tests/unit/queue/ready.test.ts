import { describe, expect, it } from 'vitest';
import { nextWakeAt, readyEntries } from '@/utils/queue/ready';
import type { QueueEntry } from '@/utils/storage/schemas';

const NOW = 10_000;
const A = 'locationAAAAAAAAAAAA';

function entry(id: string, contactIds: string[], extra: Partial<QueueEntry> = {}): QueueEntry {
  return {
    id,
    locationId: A,
    op: 'add',
    tags: ['vip'],
    contactIds,
    createdAt: 0,
    sendAfter: 0,
    retryAt: 0,
    attempts: 0,
    ...extra,
  };
}

const ids = (entries: QueueEntry[]) => entries.map((e) => e.id);

describe('readyEntries', () => {
  it('keeps a change back until its undo window and retry time have passed', () => {
    const entries = [
      entry('undo-open', ['c1'], { sendAfter: NOW + 1 }),
      entry('retry-later', ['c2'], { retryAt: NOW + 1 }),
      entry('due', ['c3'], { sendAfter: NOW, retryAt: NOW }),
    ];
    expect(ids(readyEntries(entries, NOW, new Set()))).toEqual(['due']);
  });

  it('sends one contact’s changes in order: a later one waits for every earlier one', () => {
    const entries = [
      entry('first', ['c1'], { sendAfter: NOW + 5 }),
      entry('second', ['c1']),
      entry('other-contact', ['c2']),
    ];
    expect(ids(readyEntries(entries, NOW, new Set()))).toEqual(['other-contact']);
  });

  it('orders a bulk chunk and single changes that share a contact', () => {
    const entries = [
      entry('bulk', ['c1', 'c2', 'c3'], { jobId: 'job' }),
      entry('single-on-c2', ['c2']),
      entry('single-on-c9', ['c9']),
    ];
    expect(ids(readyEntries(entries, NOW, new Set()))).toEqual(['bulk', 'single-on-c9']);
    const inFlight = [{ ...entries[0], inFlightSince: NOW } as QueueEntry, ...entries.slice(1)];
    expect(ids(readyEntries(inFlight, NOW, new Set()))).toEqual(['single-on-c9']);
  });

  it('holds every change of a location whose token was refused', () => {
    const B = 'locationBBBBBBBBBBBB';
    const entries = [entry('held', ['c1']), entry('free', ['c2'], { locationId: B })];
    expect(ids(readyEntries(entries, NOW, new Set([A])))).toEqual(['free']);
  });
});

describe('nextWakeAt', () => {
  it('is the soonest due time of what is neither in flight nor held', () => {
    const entries = [
      entry('in-flight', ['c1'], { sendAfter: NOW - 100, inFlightSince: NOW }),
      entry('late-retry', ['c2'], { sendAfter: NOW + 10, retryAt: NOW + 500 }),
      entry('undo', ['c3'], { sendAfter: NOW + 300 }),
    ];
    expect(nextWakeAt(entries, new Set())).toBe(NOW + 300);
    expect(nextWakeAt(entries, new Set([A]))).toBeUndefined();
    expect(nextWakeAt([], new Set())).toBeUndefined();
  });
});
