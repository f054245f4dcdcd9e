import type { Chip, ContactView } from '../messages/protocol';
import type { CachedContact, QueueEntry } from '../storage/schemas';
import { sameTag } from '../tags/rules';

/**
 * What the editors show for one contact: the server's list as last known, with the
 * contact's waiting and in-flight changes replayed on top, in order (SPEC.md "Optimistic
 * and honest"). Bulk chunks touching the contact count too.
 */
export function buildContactView(
  ids: { locationId: string; contactId: string },
  cached: CachedContact | undefined,
  queue: readonly QueueEntry[],
  problems: { problem?: string; connectionRefused?: string } = {},
): ContactView {
  const chips: Chip[] = (cached?.tags ?? []).map((tag) => ({ tag, state: 'saved' }));
  const pending: ContactView['pending'] = [];
  for (const entry of queue) {
    // Only the location's own changes: a page never sees another sub-account's.
    if (entry.locationId !== ids.locationId || !entry.contactIds.includes(ids.contactId)) continue;
    for (const tag of entry.tags) replay(chips, entry.op, tag);
    if (entry.jobId === undefined) {
      pending.push({
        id: entry.id,
        op: entry.op,
        tags: entry.tags,
        undoUntil: entry.sendAfter,
        problem: entry.problem,
      });
    }
  }
  return {
    ...ids,
    name: cached?.name,
    chips,
    pending,
    loaded: cached !== undefined,
    ...problems,
  };
}

function replay(chips: Chip[], op: QueueEntry['op'], tag: string) {
  const index = chips.findIndex((chip) => sameTag(chip.tag, tag));
  const existing = chips[index];
  if (op === 'remove') {
    if (existing) chips[index] = { ...existing, state: 'removing' };
    return;
  }
  if (!existing) chips.push({ tag, state: 'adding' });
  else if (existing.state === 'removing') chips[index] = { ...existing, state: 'adding' };
}
