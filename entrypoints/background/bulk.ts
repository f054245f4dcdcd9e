import type { BulkContactOutcome, TagOp } from '@/utils/api/client';
import { isHighLevelId } from '@/utils/detect/ids';
import { ProtocolError } from '@/utils/messages/errors';
import type { JobView } from '@/utils/messages/protocol';
import type { ChangeQueue, Settlement } from '@/utils/queue/change-queue';
import type { Job } from '@/utils/queue/job-format';
import {
  cancelJob,
  createJob,
  failuresOf,
  jobSummary,
  MAX_JOB_CONTACTS,
  recordChunkFailure,
  recordChunkResult,
  releaseChunk,
  retryFailed,
  takeChunks,
  tooManyContacts,
} from '@/utils/queue/jobs';
import type { Clock } from '@/utils/queue/limiter';
import type { QueueEntry } from '@/utils/storage/schemas';
import type { Stores } from '@/utils/storage/stores';
import { newTags } from '@/utils/tags/rules';
import type { Connections } from './connections';

/** Finished jobs kept for their summary; the oldest go first. */
const KEPT_JOBS = 20;

export interface BulkDeps {
  stores: Stores;
  clock: Clock;
  newId(): string;
  /** A job is refused, as a single change is, for a location without a token. */
  connections: Pick<Connections, 'require'>;
  queue(): ChangeQueue;
  /** A job changed: open panels hear about it. */
  onJobChange(job: JobView): void;
  /** A job finished (or was cancelled and settled): it joins the activity log. */
  onJobFinished(job: Job): Promise<void>;
}

export type Bulk = ReturnType<typeof createBulk>;

/**
 * Bulk jobs (SPEC.md "Bulk"): persisted with per-contact state before the first call, cut
 * into chunks that go through the one change queue (its undo window, limiter, retries and
 * held connections), and folded back contact by contact from HighLevel's `responses`.
 */
export function createBulk(deps: BulkDeps) {
  const { stores, clock } = deps;

  /** Changes one job; a change that leaves it as it was writes nothing and tells no one. */
  async function update(jobId: string, change: (job: Job) => Job): Promise<Job | undefined> {
    let before: Job | undefined;
    let updated: Job | undefined;
    await stores.jobs.update((jobs) => {
      const index = jobs.findIndex((job) => job.id === jobId);
      before = jobs[index];
      if (!before) return jobs;
      updated = change(before);
      return updated === before ? jobs : jobs.with(index, updated);
    });
    if (!updated || !before) return undefined;
    if (updated === before) return updated;
    deps.onJobChange(view(updated, await queueState(updated.id)));
    if (!jobSummary(before).finished && jobSummary(updated).finished)
      await deps.onJobFinished(updated);
    return updated;
  }

  /** Hands the job's pending contacts to the queue, a chunk per entry, in one write. */
  async function submitChunks(jobId: string) {
    let chunks: string[][] = [];
    const job = await update(jobId, (current) => {
      const taken = takeChunks(current);
      chunks = taken.chunks;
      return taken.job;
    });
    if (!job || chunks.length === 0) return;
    const undoMs = (await stores.settings.read()).undoWindowSeconds * 1000;
    await deps.queue().submitMany(
      chunks.map((contactIds) => ({
        locationId: job.locationId,
        op: job.op,
        tags: job.tags,
        contactIds,
        jobId,
      })),
      undoMs,
    );
  }

  /** What the job's chunks in the queue say: the undo window, and any problem being retried. */
  async function queueState(jobId: string): Promise<{ undoUntil?: number; problem?: string }> {
    const chunks = (await stores.queue.read()).filter((entry) => entry.jobId === jobId);
    const ends = chunks
      .filter((entry) => entry.inFlightSince === undefined)
      .map((entry) => entry.sendAfter)
      .filter((end) => end > clock.now());
    return {
      undoUntil: ends.length > 0 ? Math.max(...ends) : undefined,
      problem: chunks.find((entry) => entry.problem)?.problem,
    };
  }

  async function start(request: {
    locationId: string;
    op: TagOp;
    tags: string[];
    contactIds: string[];
  }) {
    const checked = newTags(request.tags, []);
    if (!checked.ok) throw new ProtocolError('refused', checked.reason);
    const { tags } = checked;
    if (tags.length === 0) throw new ProtocolError('refused', 'Choose at least one tag.');
    const malformed = request.contactIds.filter((id) => !isHighLevelId(id)).length;
    if (malformed > 0) {
      throw new ProtocolError(
        'refused',
        `${malformed} of the contact IDs are not HighLevel IDs (20 letters and digits).`,
      );
    }
    const { contactIds } = request;
    if (contactIds.length === 0) throw new ProtocolError('refused', 'No contacts to tag.');
    if (contactIds.length > MAX_JOB_CONTACTS) {
      throw new ProtocolError('refused', tooManyContacts(contactIds.length));
    }
    await deps.connections.require(request.locationId);
    const settings = await stores.settings.read();
    const job = createJob({
      id: deps.newId(),
      locationId: request.locationId,
      op: request.op,
      tags,
      contactIds,
      chunkSize: settings.bulkChunkSize,
      now: clock.now(),
    });
    // Persisted before anything is sent; finished jobs beyond the last few are forgotten.
    await stores.jobs.update((jobs) => {
      const finished = jobs.filter((kept) => jobSummary(kept).finished);
      const dropped = new Set(
        finished.slice(0, Math.max(0, finished.length - KEPT_JOBS)).map((kept) => kept.id),
      );
      return [...jobs.filter((kept) => !dropped.has(kept.id)), job];
    });
    await submitChunks(job.id);
    return get(job.id);
  }

  async function find(jobId: string, locationId?: string): Promise<Job> {
    const job = (await stores.jobs.read()).find((candidate) => candidate.id === jobId);
    if (!job || (locationId !== undefined && job.locationId !== locationId)) {
      throw new ProtocolError('refused', 'That bulk job is no longer known.');
    }
    return job;
  }

  async function get(jobId: string, locationId?: string): Promise<JobView> {
    const job = await find(jobId, locationId);
    return view(job, await queueState(job.id));
  }

  /** The queue settled one of a job's chunks. */
  async function onChunkSettled(entry: QueueEntry, settlement: Settlement) {
    if (!entry.jobId) return;
    const chunk = entry.contactIds;
    await update(entry.jobId, (job) => {
      if (settlement.state === 'done')
        return recordChunkResult(job, chunk, settlement.result as BulkContactOutcome[]);
      if (settlement.state === 'failed') return recordChunkFailure(job, chunk, settlement.reason);
      return releaseChunk(job, chunk);
    });
  }

  async function cancel(jobId: string, locationId?: string) {
    await find(jobId, locationId);
    await update(jobId, cancelJob);
    // Chunks still waiting are taken back (they come back here as cancelled: not done).
    await deps.queue().cancelWhere((entry) => entry.jobId === jobId, 'The bulk job was cancelled.');
    return get(jobId);
  }

  async function retry(jobId: string, locationId?: string) {
    await find(jobId, locationId);
    await update(jobId, (job) => retryFailed(job).job);
    await submitChunks(jobId);
    return get(jobId);
  }

  /**
   * At every worker start: contacts handed to the queue by a worker that died before the
   * queue had them are taken back, and every unfinished job's pending contacts handed over.
   */
  async function resume() {
    const queued = new Set<string>();
    for (const entry of await stores.queue.read()) {
      if (entry.jobId) for (const id of entry.contactIds) queued.add(`${entry.jobId}/${id}`);
    }
    for (const job of await stores.jobs.read()) {
      const lost = job.inFlight.filter((id) => !queued.has(`${job.id}/${id}`));
      const current =
        lost.length > 0 ? await update(job.id, (kept) => releaseChunk(kept, lost)) : job;
      // A finished job, or one whose contacts are all with the queue, has nothing to hand over.
      if (current && !current.cancelled && current.pending.length > 0) await submitChunks(job.id);
    }
  }

  return { start, get, cancel, retry, resume, onChunkSettled };
}

function view(job: Job, queued: { undoUntil?: number; problem?: string }): JobView {
  const summary = jobSummary(job);
  return {
    id: job.id,
    locationId: job.locationId,
    op: job.op,
    tags: job.tags,
    total: summary.total,
    done: summary.done,
    failed: summary.failed,
    retryableFailed: summary.retryableFailed,
    pending: summary.pending + summary.inFlight,
    notDone: summary.notDone,
    finished: summary.finished,
    cancelled: summary.cancelled,
    text: summary.text,
    failures: failuresOf(job),
    undoUntil: queued.undoUntil,
    problem: summary.finished ? undefined : queued.problem,
  };
}
