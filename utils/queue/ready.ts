import type { QueueEntry } from '../storage/schemas';

/**
 * Which entries may leave now, in queue order. An entry waits for its undo window and its
 * retry time, for a refused connection to be fixed, and for every earlier entry that
 * touches one of its contacts (so changes of a contact reach HighLevel in the order made,
 * and a bulk job and a single change on the same contact end as the user did last).
 */
export function readyEntries(
  entries: readonly QueueEntry[],
  now: number,
  heldLocations: ReadonlySet<string>,
): QueueEntry[] {
  const busyContacts = new Set<string>();
  const ready: QueueEntry[] = [];
  for (const entry of entries) {
    const free = entry.contactIds.every((id) => !busyContacts.has(id));
    if (
      free &&
      entry.inFlightSince === undefined &&
      entry.sendAfter <= now &&
      entry.retryAt <= now &&
      !heldLocations.has(entry.locationId)
    ) {
      ready.push(entry);
    }
    for (const id of entry.contactIds) busyContacts.add(id);
  }
  return ready;
}

/** When the queue next has something to do on its own (undefined: nothing, or all held). */
export function nextWakeAt(
  entries: readonly QueueEntry[],
  heldLocations: ReadonlySet<string>,
): number | undefined {
  let soonest: number | undefined;
  for (const entry of entries) {
    if (entry.inFlightSince !== undefined || heldLocations.has(entry.locationId)) continue;
    const at = Math.max(entry.sendAfter, entry.retryAt);
    if (soonest === undefined || at < soonest) soonest = at;
  }
  return soonest;
}
