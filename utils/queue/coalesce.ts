import type { TagOp } from '../api/client';
import type { QueueEntry } from '../storage/schemas';
import { sameTag } from '../tags/rules';

export interface NewChange {
  locationId: string;
  op: TagOp;
  tags: string[];
  contactIds: string[];
  jobId?: string;
  contactName?: string;
}

export interface Coalesced {
  /** The queue after earlier waiting changes gave way to the new one. */
  entries: QueueEntry[];
  /** Earlier entries emptied by the new change (to be logged as cancelled). */
  replaced: QueueEntry[];
  /** What is left of the new change to send (no tags: nothing to send). */
  change: NewChange;
}

/**
 * Changes of the same tag on the same contact coalesce while neither is in flight:
 * the later one wins. A later change that only undoes a waiting one, on a tag whose
 * server state already matches, sends nothing at all (adding then removing a new tag
 * within the undo window reaches no automation).
 */
export function coalesce(
  entries: readonly QueueEntry[],
  change: NewChange,
  serverTags: readonly string[] | undefined,
): Coalesced {
  const [contactId, ...others] = change.contactIds;
  if (contactId === undefined || others.length > 0 || change.jobId) {
    return { entries: [...entries], replaced: [], change };
  }
  let tags = [...change.tags];
  const replaced: QueueEntry[] = [];
  const next: QueueEntry[] = [];
  for (const entry of entries) {
    const waitingForSameContact =
      entry.inFlightSince === undefined &&
      entry.jobId === undefined &&
      entry.locationId === change.locationId &&
      entry.contactIds.length === 1 &&
      entry.contactIds[0] === contactId;
    if (!waitingForSameContact) {
      next.push(entry);
      continue;
    }
    const overlap = entry.tags.filter((tag) => tags.some((wanted) => sameTag(wanted, tag)));
    if (overlap.length === 0) {
      next.push(entry);
      continue;
    }
    if (entry.op === change.op) {
      // Already waiting to be sent: the new change need not repeat it.
      tags = tags.filter((tag) => !overlap.some((pending) => sameTag(pending, tag)));
      next.push(entry);
      continue;
    }
    const kept = entry.tags.filter((tag) => !overlap.includes(tag));
    if (kept.length > 0) next.push({ ...entry, tags: kept });
    else replaced.push(entry);
    if (serverTags) {
      tags = tags.filter((tag) => {
        const onServer = serverTags.some((known) => sameTag(known, tag));
        const wasUndone = overlap.some((pending) => sameTag(pending, tag));
        return !(wasUndone && onServer === (change.op === 'add'));
      });
    }
  }
  return { entries: next, replaced, change: { ...change, tags } };
}
