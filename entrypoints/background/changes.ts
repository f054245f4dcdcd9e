import { ApiError } from '@/utils/api/errors';
import { ProtocolError } from '@/utils/messages/errors';
import type { ActivityItem, PushedEvent } from '@/utils/messages/protocol';
import { type ChangeQueue, createChangeQueue, type Settlement } from '@/utils/queue/change-queue';
import type { NewChange } from '@/utils/queue/coalesce';
import type { Job } from '@/utils/queue/job-format';
import { type JobSummary, jobSummary } from '@/utils/queue/jobs';
import type { Clock } from '@/utils/queue/limiter';
import type { ActivityEntry, QueueEntry } from '@/utils/storage/schemas';
import type { Stores } from '@/utils/storage/stores';
import { newTags } from '@/utils/tags/rules';
import { type Connections, NO_TOKEN_MESSAGE } from './connections';
import type { Contacts } from './contacts';

const NOT_IN_THIS_LOCATION =
  'HighLevel refused this contact for this sub-account: it belongs to another one, or its ID is wrong.';

/** The activity log keeps this many changes (SPEC.md "Activity log"). */
export const ACTIVITY_LIMIT = 200;

export interface ChangesDeps {
  /** A bulk job's chunk settled: the job, not the activity log, records it. */
  onChunkSettled(entry: QueueEntry, settlement: Settlement): Promise<void>;
  stores: Stores;
  clock: Clock;
  connections: Connections;
  contacts: Contacts;
  newId(): string;
  /** Something about changes happened: views, the activity log, waiting counts. */
  onChange(): void;
  onSettled(event: Extract<PushedEvent, { topic: 'settled' }>['change']): void;
  wakeAt(at: number | undefined): void;
}

export type Changes = ReturnType<typeof createChanges>;

/**
 * Tag changes from every path (editor, in-page popup, quick tags, bulk) go through the
 * one persisted queue; this wires it to the API, the caches and the activity log.
 */
export function createChanges(deps: ChangesDeps) {
  const { stores, clock, connections, contacts } = deps;

  const queue: ChangeQueue = createChangeQueue({
    store: stores.queue,
    clock,
    newId: deps.newId,
    send,
    heldLocations: async () => connections.heldLocations(await stores.queue.read()),
    serverTags: (contactId) => contacts.serverTags(contactId),
    onRefused: async (locationId, error) => {
      // A 403 may be about the contact (another sub-account's), not the token: a page could
      // otherwise break a connection by naming someone else's contact.
      if (error.kind === 'other-location' && (await connections.stillWorks(locationId))) {
        return { held: false, reason: NOT_IN_THIS_LOCATION };
      }
      await connections.markRefused(locationId, error);
      return { held: true };
    },
    onSettled: settle,
    onChange: deps.onChange,
    wakeAt: deps.wakeAt,
  });

  async function send(entry: QueueEntry): Promise<unknown> {
    const client = await connections.clientFor(entry.locationId).catch(() => {
      // The token was removed while the change waited: hold it like a refused one.
      throw new ApiError('invalid-token', NO_TOKEN_MESSAGE);
    });
    if (entry.jobId) {
      return client.bulkChangeTags(entry.op, {
        contactIds: entry.contactIds,
        tags: entry.tags,
        locationId: entry.locationId,
      });
    }
    const [contactId] = entry.contactIds;
    if (!contactId) return undefined;
    try {
      const answer = await client.changeTags(entry.op, contactId, entry.tags);
      await contacts.recordAnswer(entry, answer);
    } catch (error) {
      // A 2xx whose body we cannot read was still applied: forget the list, read it again.
      if (!(error instanceof ApiError && error.kind === 'malformed-answer')) throw error;
      await contacts.recordAnswer(entry, undefined);
    }
    return undefined;
  }

  async function settle(entry: QueueEntry, settlement: Settlement): Promise<void> {
    if (entry.jobId) return deps.onChunkSettled(entry, settlement);
    const reason = settlement.state === 'done' ? undefined : settlement.reason;
    const record: ActivityEntry = {
      ...describeEntry(entry),
      at: clock.now(),
      state: settlement.state,
      reason,
    };
    await log(record);
    deps.onSettled({
      id: entry.id,
      locationId: entry.locationId,
      contactId: record.contactId,
      op: entry.op,
      tags: entry.tags,
      state: settlement.state,
      reason,
    });
  }

  async function log(record: ActivityEntry) {
    await stores.activity.update((entries) => [record, ...entries].slice(0, ACTIVITY_LIMIT));
  }

  /** One user action on one contact: checked against the tag rules, then queued. */
  async function change(request: {
    locationId: string;
    contactId: string;
    op: NewChange['op'];
    tags: string[];
  }) {
    const checked = newTags(request.tags, []);
    if (!checked.ok) throw new ProtocolError('refused', checked.reason);
    const { tags } = checked;
    await connections.require(request.locationId);
    const settings = await stores.settings.read();
    const entry = await queue.submit(
      {
        locationId: request.locationId,
        contactIds: [request.contactId],
        op: request.op,
        tags,
        contactName: await contacts.cachedName(request.contactId),
      },
      settings.undoWindowSeconds * 1000,
    );
    if (request.op === 'add') await contacts.noteUsedTags(request.locationId, tags);
    return entry;
  }

  /** Undo, for a caller allowed to act on the change's location (undefined: any). */
  async function undo(changeId: string, callerLocation?: string): Promise<boolean> {
    const entry = (await stores.queue.read()).find((candidate) => candidate.id === changeId);
    if (!entry) return false;
    if (callerLocation !== undefined && entry.locationId !== callerLocation) {
      throw new ProtocolError(
        'forbidden',
        'A page may only act on contacts of its own sub-account.',
      );
    }
    return queue.undo(changeId);
  }

  /** Recent changes: those still pending, then those settled, newest first. */
  async function activity(): Promise<ActivityItem[]> {
    // A change made before its contact's name was known (a menu click) is named from the cache.
    const names = await stores.contacts.read();
    const named = (item: ActivityItem): ActivityItem =>
      item.contactName || !item.contactId
        ? item
        : { ...item, contactName: names[item.contactId]?.name };
    const queue = await stores.queue.read();
    const jobs: ActivityItem[] = (await stores.jobs.read()).flatMap((job) => {
      const summary = jobSummary(job);
      if (summary.finished) return [];
      const problem = queue.find((entry) => entry.jobId === job.id && entry.problem)?.problem;
      return [
        {
          ...describeJob(job, summary),
          at: job.createdAt,
          state: 'pending',
          reason: problem ? `${summary.text}; waiting: ${problem}` : summary.text,
        },
      ];
    });
    const singles = queue.filter((entry) => !entry.jobId);
    const pending: ActivityItem[] = singles.map((entry) => ({
      ...describeEntry(entry),
      at: entry.createdAt,
      state: 'pending',
      reason: entry.problem,
    }));
    const settled = await stores.activity.read();
    return [...pending.reverse(), ...jobs.reverse(), ...settled]
      .slice(0, ACTIVITY_LIMIT)
      .map(named);
  }

  return { queue, change, undo, activity, log };
}

/** What the activity log says of a bulk job, whatever becomes of it. */
export function describeJob(job: Job, summary: JobSummary) {
  return {
    id: job.id,
    locationId: job.locationId,
    contactCount: summary.total,
    op: job.op,
    tags: job.tags,
  };
}

/** What the activity log says of a queued change, whatever becomes of it. */
function describeEntry(entry: QueueEntry) {
  const single = entry.contactIds.length === 1;
  return {
    id: entry.id,
    locationId: entry.locationId,
    contactId: single ? entry.contactIds[0] : undefined,
    contactName: entry.contactName,
    contactCount: single ? undefined : entry.contactIds.length,
    op: entry.op,
    tags: entry.tags,
  };
}
