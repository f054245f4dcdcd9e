import { ApiError, failureClass } from '../api/errors';
import type { QueueEntry } from '../storage/schemas';
import type { VersionedStore } from '../storage/versioned-store';
import { backoffMs } from './backoff';
import { coalesce, type NewChange } from './coalesce';
import type { Clock } from './limiter';
import { nextWakeAt, readyEntries } from './ready';

/** Calls in flight at once, across contacts (one contact's changes still go one by one). */
const MAX_IN_FLIGHT = 4;

export type Settlement =
  | { state: 'done'; result: unknown }
  | { state: 'failed'; reason: string; error?: ApiError }
  | { state: 'cancelled'; reason: string };

export interface ChangeQueueDeps {
  store: VersionedStore<QueueEntry[]>;
  clock: Clock;
  newId(): string;
  /** Makes the API call for an entry; throws ApiError on failure. */
  send(entry: QueueEntry): Promise<unknown>;
  /** Locations whose token HighLevel refused: their changes wait. */
  heldLocations(): Promise<ReadonlySet<string>>;
  /** The contact's tags as the server last said, for coalescing. */
  serverTags(contactId: string): Promise<readonly string[] | undefined>;
  /**
   * HighLevel refused the call (401/403). Either the connection is broken (hold the
   * location until the user fixes it) or, when the token still works there, the call named
   * something outside the location: then the change alone fails, for the reason given.
   */
  onRefused(
    locationId: string,
    error: ApiError,
  ): Promise<{ held: true } | { held: false; reason: string }>;
  onSettled(entry: QueueEntry, settlement: Settlement): Promise<void>;
  /** The queue changed (entries added, sent, retried, removed). */
  onChange(): void;
  /** Wake the queue at this time (undefined: nothing scheduled). */
  wakeAt(at: number | undefined): void;
}

export type ChangeQueue = ReturnType<typeof createChangeQueue>;

/**
 * The persisted change queue (SPEC.md "Undo window", "Optimistic and honest",
 * "Nothing lost"). A change is written to storage before anything is sent, waits out its
 * undo window, and is drained by one loop at a time, in order per contact. Transient
 * failures retry with backoff, permanent ones are dropped with the reason, and refused
 * tokens hold the location's changes until the connection is fixed.
 */
export function createChangeQueue(deps: ChangeQueueDeps) {
  const { store, clock } = deps;
  const inFlight = new Map<string, Promise<void>>();
  let draining: Promise<void> | undefined;
  /** Set when drain is asked for while a drain runs: it looks again before it stops. */
  let drainAgain = false;
  let kick: (() => void) | undefined;

  async function submit(change: NewChange, undoWindowMs: number): Promise<QueueEntry | undefined> {
    return (await submitMany([change], undoWindowMs))[0];
  }

  /**
   * Queues changes in one write (a bulk job's chunks), each coalesced with what waits before
   * it; answers the entry made for each (undefined: it only reversed changes not yet sent).
   */
  async function submitMany(
    changes: readonly NewChange[],
    undoWindowMs: number,
  ): Promise<(QueueEntry | undefined)[]> {
    const serverTags = await Promise.all(
      changes.map(({ contactIds }) =>
        contactIds.length === 1 && contactIds[0] !== undefined
          ? deps.serverTags(contactIds[0])
          : undefined,
      ),
    );
    let created: (QueueEntry | undefined)[] = [];
    let replaced: QueueEntry[] = [];
    await store.update((entries) => {
      created = [];
      replaced = [];
      const now = clock.now();
      return changes.reduce((queued, change, index) => {
        const result = coalesce(queued, change, serverTags[index]);
        replaced.push(...result.replaced);
        if (result.change.tags.length === 0) {
          created.push(undefined);
          return result.entries;
        }
        const entry: QueueEntry = {
          id: deps.newId(),
          locationId: change.locationId,
          op: change.op,
          tags: result.change.tags,
          contactIds: change.contactIds,
          jobId: change.jobId,
          contactName: change.contactName,
          createdAt: now,
          sendAfter: now + Math.max(0, undoWindowMs),
          retryAt: now,
          attempts: 0,
        };
        created.push(entry);
        result.entries.push(entry); // A fresh array from coalesce, never the stored one.
        return result.entries;
      }, entries);
    });
    for (const entry of replaced) {
      await deps.onSettled(entry, { state: 'cancelled', reason: 'Reversed before it was sent.' });
    }
    deps.onChange();
    void drain();
    return created;
  }

  /** Cancels a change still inside its undo window. False once it has left (or is gone). */
  async function undo(id: string): Promise<boolean> {
    let undone: QueueEntry | undefined;
    await store.update((entries) => {
      const entry = entries.find((candidate) => candidate.id === id);
      if (!entry || entry.inFlightSince !== undefined || entry.sendAfter <= clock.now()) {
        return entries;
      }
      undone = entry;
      return entries.filter((candidate) => candidate !== entry);
    });
    if (!undone) return false;
    await deps.onSettled(undone, { state: 'cancelled', reason: 'Undone.' });
    deps.onChange();
    void drain();
    return true;
  }

  /** Cancels the waiting (not in-flight) entries that match, e.g. a bulk job's chunks. */
  async function cancelWhere(
    matches: (entry: QueueEntry) => boolean,
    reason: string,
  ): Promise<QueueEntry[]> {
    let cancelled: QueueEntry[] = [];
    await store.update((entries) => {
      cancelled = entries.filter((entry) => entry.inFlightSince === undefined && matches(entry));
      return cancelled.length === 0
        ? entries
        : entries.filter((entry) => !cancelled.includes(entry));
    });
    for (const entry of cancelled) await deps.onSettled(entry, { state: 'cancelled', reason });
    if (cancelled.length > 0) deps.onChange();
    return cancelled;
  }

  /** At worker start: a call that was in flight when the worker died has an unknown outcome; tag calls are idempotent, so it is sent again. */
  async function recover(): Promise<void> {
    await store.update((entries) =>
      entries.some((entry) => entry.inFlightSince !== undefined)
        ? entries.map(({ inFlightSince: _, ...entry }) => entry)
        : entries,
    );
  }

  function drain(): Promise<void> {
    if (draining) {
      drainAgain = true;
      kick?.();
      return draining;
    }
    draining = runDrain().finally(() => {
      draining = undefined;
    });
    return draining;
  }

  async function runDrain(): Promise<void> {
    for (;;) {
      drainAgain = false;
      await startReady();
      if (inFlight.size === 0) {
        if (drainAgain) continue;
        break;
      }
      // Wait for a call to finish, or for new work (a submit, a fixed connection) to arrive.
      await new Promise<void>((resolve) => {
        kick = resolve;
        for (const sending of inFlight.values()) void sending.then(resolve);
      });
      kick = undefined;
    }
    deps.wakeAt(nextWakeAt(await store.read(), await deps.heldLocations()));
  }

  async function startReady(): Promise<void> {
    const free = MAX_IN_FLIGHT - inFlight.size;
    if (free <= 0) return;
    const held = await deps.heldLocations();
    const candidates = readyEntries(await store.read(), clock.now(), held)
      .filter((entry) => !inFlight.has(entry.id))
      .slice(0, free);
    if (candidates.length === 0) return;
    for (const entry of await markInFlight(candidates)) {
      inFlight.set(
        entry.id,
        sendOne(entry).finally(() => inFlight.delete(entry.id)),
      );
    }
  }

  /** Persists "in flight" before the call leaves; only entries still waiting are taken. */
  async function markInFlight(candidates: QueueEntry[]): Promise<QueueEntry[]> {
    const ids = new Set(candidates.map((entry) => entry.id));
    const now = clock.now();
    const taken: QueueEntry[] = [];
    await store.update((entries) =>
      entries.map((entry) => {
        if (!ids.has(entry.id) || entry.inFlightSince !== undefined) return entry;
        const marked = { ...entry, inFlightSince: now };
        taken.push(marked);
        return marked;
      }),
    );
    if (taken.length > 0) deps.onChange();
    return taken;
  }

  async function sendOne(entry: QueueEntry): Promise<void> {
    try {
      const result = await deps.send(entry);
      await remove(entry.id);
      await deps.onSettled(entry, { state: 'done', result });
    } catch (thrown) {
      await handleFailure(entry, thrown);
    } finally {
      deps.onChange();
    }
  }

  async function handleFailure(entry: QueueEntry, thrown: unknown): Promise<void> {
    const error =
      thrown instanceof ApiError
        ? thrown
        : new ApiError('network', 'Something went wrong sending the change; retrying shortly.');
    const failure = failureClass(error.kind);
    if (failure === 'permanent') {
      await remove(entry.id);
      await deps.onSettled(entry, { state: 'failed', reason: error.message, error });
      return;
    }
    if (failure === 'connection') {
      const refusal = await deps.onRefused(entry.locationId, error);
      if (refusal.held) {
        await patch(entry.id, { problem: error.message });
        return;
      }
      await remove(entry.id);
      await deps.onSettled(entry, { state: 'failed', reason: refusal.reason, error });
      return;
    }
    // A 429 is not a failure (SPEC.md "Rate limits"): retried quietly, without backoff growth.
    const rateLimited = error.kind === 'rate-limited';
    const attempts = rateLimited ? entry.attempts : entry.attempts + 1;
    const wait = rateLimited ? (error.details.retryAfterMs ?? 0) : backoffMs(attempts);
    await patch(entry.id, {
      attempts,
      retryAt: clock.now() + wait,
      problem: rateLimited ? undefined : error.message,
    });
  }

  async function patch(id: string, changes: Partial<QueueEntry>): Promise<void> {
    await store.update((entries) =>
      entries.map((entry) =>
        entry.id === id ? { ...entry, ...changes, inFlightSince: undefined } : entry,
      ),
    );
  }

  async function remove(id: string): Promise<void> {
    await store.update((entries) => entries.filter((entry) => entry.id !== id));
  }

  return {
    submit,
    submitMany,
    undo,
    cancelWhere,
    recover,
    drain,
    entries: () => store.read(),
  };
}
