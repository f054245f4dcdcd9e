/**
 * A bulk job's state transitions (SPEC.md "Bulk", "Nothing lost"). Pure: every function
 * returns a new job (or the same one when nothing changes) and never touches the one given.
 * The background persists the result and talks to the change queue.
 */

import type { BulkContactOutcome, TagOp } from '../api/client';
import { serverMessageOf } from '../api/errors';
import { BULK_CHUNK } from '../storage/schemas';
import type { Job, JobFailure } from './job-format';

/** Per-contact messages saying the contact itself is unfit, so a retry cannot succeed. */
const UNFIT_CONTACT: readonly RegExp[] = [
  /not a valid .*\bid\b/i,
  /invalid .*\bid\b/i,
  /deleted/i,
  /not found/i,
  /does not exist/i,
  /not belong to/i,
];

const MISSING_FROM_ANSWER =
  "HighLevel's answer did not mention this contact, so it may not have been changed.";
const ERROR_WITHOUT_MESSAGE = 'HighLevel refused this contact without saying why.';

/** Enough rows for the panel; the summary carries the full count. */
const FAILURES_SHOWN = 50;

/** Above this many contacts a bulk change is confirmed first (SPEC.md "Bulk"). */
export const CONFIRM_ABOVE = 25;

/** Contacts one job may hold (a whole smart list of a busy sub-account). */
export const MAX_JOB_CONTACTS = 10_000;

export function tooManyContacts(count: number): string {
  return `At most ${MAX_JOB_CONTACTS.toLocaleString('en')} contacts at once: this has ${count.toLocaleString('en')}. Tag them in parts.`;
}

export interface NewJob {
  id: string;
  locationId: string;
  op: TagOp;
  tags: readonly string[];
  contactIds: readonly string[];
  chunkSize: number;
  now: number;
}

export interface JobSummary {
  total: number;
  done: number;
  failed: number;
  retryableFailed: number;
  pending: number;
  inFlight: number;
  notDone: number;
  /** Nothing waits to be taken and nothing is out with the queue. */
  finished: boolean;
  cancelled: boolean;
  /** "{done} updated, {failed} failed", plus ", {notDone} not done" once cancelled. */
  text: string;
}

export function createJob(input: NewJob): Job {
  return {
    id: input.id,
    locationId: input.locationId,
    op: input.op,
    tags: [...input.tags],
    createdAt: input.now,
    chunkSize: clampChunkSize(input.chunkSize),
    // A Set keeps first insertion order, so repeats merge where they first appeared.
    pending: [...new Set(input.contactIds)],
    inFlight: [],
    done: [],
    failed: [],
    notDone: [],
    cancelled: false,
  };
}

/**
 * Cuts every pending contact into chunks for the change queue and marks them in flight.
 * A cancelled job yields none: cancelling empties pending and nothing refills it.
 */
export function takeChunks(job: Job): { job: Job; chunks: string[][] } {
  if (job.pending.length === 0) return { job, chunks: [] };
  const chunks: string[][] = [];
  for (let start = 0; start < job.pending.length; start += job.chunkSize) {
    chunks.push(job.pending.slice(start, start + job.chunkSize));
  }
  return {
    job: { ...job, pending: [], inFlight: [...job.inFlight, ...job.pending] },
    chunks,
  };
}

/**
 * Settles a chunk from the bulk answer's per-contact `responses`. Only contacts of the
 * chunk still in flight are decided, so a repeated report changes nothing; entries for
 * contacts outside the chunk are ignored (their own chunk's answer decides them). A
 * contact listed twice is done if any entry says success (the tag was applied, and
 * applying it again changes nothing), else it fails with its first error.
 */
export function recordChunkResult(
  job: Job,
  chunk: readonly string[],
  outcomes: readonly BulkContactOutcome[],
): Job {
  const { ofChunk, others } = splitInFlight(job, chunk);
  if (ofChunk.length === 0) return job;
  const outcomeOf = outcomeByContact(outcomes);
  const done: string[] = [];
  const failed: JobFailure[] = [];
  for (const contactId of ofChunk) {
    const outcome = outcomeOf.get(contactId);
    if (outcome?.ok) done.push(contactId);
    else if (outcome) failed.push(contactFailure(contactId, outcome.message));
    else failed.push({ contactId, reason: MISSING_FROM_ANSWER, retryable: true });
  }
  return {
    ...job,
    inFlight: others,
    done: [...job.done, ...done],
    failed: [...job.failed, ...failed],
  };
}

/**
 * The queue gave up on the whole chunk (a 400/404/422). Its contacts fail retryable: the
 * call's refusal says nothing about any one contact, and "Retry failed" should retry them.
 */
export function recordChunkFailure(job: Job, chunk: readonly string[], reason: string): Job {
  const { ofChunk, others } = splitInFlight(job, chunk);
  if (ofChunk.length === 0) return job;
  const failed = ofChunk.map((contactId) => ({ contactId, reason, retryable: true }));
  return { ...job, inFlight: others, failed: [...job.failed, ...failed] };
}

/**
 * The chunk never left (its queue entry was cancelled, or was lost before it was queued):
 * its contacts go back to pending, or to "not done" once the job is cancelled.
 */
export function releaseChunk(job: Job, chunk: readonly string[]): Job {
  const { ofChunk, others } = splitInFlight(job, chunk);
  if (ofChunk.length === 0) return job;
  return job.cancelled
    ? { ...job, inFlight: others, notDone: [...job.notDone, ...ofChunk] }
    : { ...job, inFlight: others, pending: [...job.pending, ...ofChunk] };
}

/** Retryable failures go back to pending; a cancelled job takes no more chunks, so it retries none. */
export function retryFailed(job: Job): { job: Job; retried: number } {
  if (job.cancelled) return { job, retried: 0 };
  const retried = job.failed.filter((failure) => failure.retryable);
  if (retried.length === 0) return { job, retried: 0 };
  return {
    job: {
      ...job,
      pending: [...job.pending, ...retried.map((failure) => failure.contactId)],
      failed: job.failed.filter((failure) => !failure.retryable),
    },
    retried: retried.length,
  };
}

/** Pending contacts become "not done"; chunks in flight still report (what was applied stays). */
export function cancelJob(job: Job): Job {
  if (job.cancelled) return job;
  return { ...job, cancelled: true, pending: [], notDone: [...job.notDone, ...job.pending] };
}

export function jobSummary(job: Job): JobSummary {
  const done = job.done.length;
  const failed = job.failed.length;
  const pending = job.pending.length;
  const inFlight = job.inFlight.length;
  const notDone = job.notDone.length;
  const text = `${done} updated, ${failed} failed${job.cancelled ? `, ${notDone} not done` : ''}`;
  return {
    total: done + failed + pending + inFlight + notDone,
    done,
    failed,
    retryableFailed: job.failed.filter((failure) => failure.retryable).length,
    pending,
    inFlight,
    notDone,
    finished: pending === 0 && inFlight === 0,
    cancelled: job.cancelled,
    text,
  };
}

/** The first failures in the order they happened, with reasons, at most `limit` of them. */
export function failuresOf(job: Job, limit = FAILURES_SHOWN): JobFailure[] {
  return job.failed.slice(0, Math.max(0, limit));
}

function clampChunkSize(size: number): number {
  if (Number.isNaN(size)) return BULK_CHUNK.default;
  return Math.min(BULK_CHUNK.max, Math.max(BULK_CHUNK.min, Math.floor(size)));
}

/** The chunk's contacts still in flight (in job order), and every other contact in flight. */
function splitInFlight(job: Job, chunk: readonly string[]) {
  const chunkIds = new Set(chunk);
  const ofChunk: string[] = [];
  const others: string[] = [];
  for (const contactId of job.inFlight) {
    if (chunkIds.has(contactId)) ofChunk.push(contactId);
    else others.push(contactId);
  }
  return { ofChunk, others };
}

function outcomeByContact(
  outcomes: readonly BulkContactOutcome[],
): Map<string, BulkContactOutcome> {
  const byContact = new Map<string, BulkContactOutcome>();
  for (const outcome of outcomes) {
    const known = byContact.get(outcome.contactId);
    if (!known || (!known.ok && outcome.ok)) byContact.set(outcome.contactId, outcome);
  }
  return byContact;
}

function contactFailure(contactId: string, message: string | undefined): JobFailure {
  // Reduced like every server message: trimmed, bounded, plain text.
  const reason = serverMessageOf({ message });
  if (!reason) return { contactId, reason: ERROR_WITHOUT_MESSAGE, retryable: true };
  return { contactId, reason, retryable: !UNFIT_CONTACT.some((pattern) => pattern.test(reason)) };
}
