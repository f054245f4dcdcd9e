import { describe, expect, it } from 'vitest';
import type { BulkContactOutcome } from '@/utils/api/client';
import { JOB_FORMAT_VERSION, type Job, jobsSchema } from '@/utils/queue/job-format';
import {
  cancelJob,
  createJob,
  failuresOf,
  jobSummary,
  recordChunkFailure,
  recordChunkResult,
  releaseChunk,
  retryFailed,
  takeChunks,
} from '@/utils/queue/jobs';
import { seededRandom } from '../../support/random';

const LOCATION = 'ocQHyuzHvysMo5N5VsXc';
const ID_CHARACTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
// Per-contact error messages of the bulk answer (ghl-api/README.md "Errors").
const INVALID_ID = 'contact id is not a valid firebase id';
const DELETED = 'contact is deleted';
const OTHER_LOCATION = 'contact does not belong to location';

/** Firestore-style contact IDs: 20 characters of [A-Za-z0-9], the same for a given seed. */
function contactIds(count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 20 }, () => random.pick(ID_CHARACTERS)).join(''),
  );
}

/** Frozen all the way down, so any mutation by the code under test throws. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

function newJob(ids: readonly string[], chunkSize = 50): Job {
  return frozen(
    createJob({
      id: 'job-1',
      locationId: LOCATION,
      op: 'add',
      tags: ['VIP', 'newsletter'],
      contactIds: ids,
      chunkSize,
      now: 1_700_000_000_000,
    }),
  );
}

/** The bulk answer's per-contact entries: success unless the test gives an error message. */
function answer(
  ids: readonly string[],
  errors: Readonly<Record<string, string>> = {},
): BulkContactOutcome[] {
  return ids.map((contactId) => {
    const message = errors[contactId];
    return message === undefined
      ? { contactId, ok: true, message: 'Tags updated' }
      : { contactId, ok: false, message };
  });
}

/** Every contact of the job is in exactly one state, and the job holds exactly `ids`. */
function expectEachContactOnce(job: Job, ids: readonly string[]): void {
  const all = [
    ...job.pending,
    ...job.inFlight,
    ...job.done,
    ...job.failed.map((failure) => failure.contactId),
    ...job.notDone,
  ];
  expect(all).toHaveLength(ids.length);
  expect(new Set(all)).toEqual(new Set(ids));
}

function chunkAt(chunks: readonly string[][], index: number): string[] {
  const chunk = chunks[index];
  if (!chunk) throw new Error(`no chunk ${index}`);
  return chunk;
}

describe('createJob', () => {
  it('merges repeated contacts where they first appeared', () => {
    const [a, b, c] = contactIds(3);
    const job = createJob({
      id: 'job-1',
      locationId: LOCATION,
      op: 'remove',
      tags: ['VIP'],
      contactIds: [b, a, b, c, a] as string[],
      chunkSize: 50,
      now: 5,
    });
    expect(job.pending).toEqual([b, a, c]);
    expect(jobSummary(job)).toMatchObject({ total: 3, pending: 3, finished: false });
    expect(job).toMatchObject({ op: 'remove', tags: ['VIP'], createdAt: 5, cancelled: false });
  });

  it('keeps the chunk size within 1..500', () => {
    const ids = contactIds(3);
    expect(newJob(ids, 0).chunkSize).toBe(1);
    expect(newJob(ids, -20).chunkSize).toBe(1);
    expect(newJob(ids, 5_000).chunkSize).toBe(500);
    expect(newJob(ids, 37.8).chunkSize).toBe(37);
    expect(newJob(ids, 500).chunkSize).toBe(500);
  });
});

describe('takeChunks', () => {
  it('cuts 5,000 contacts into 100 chunks of 50, in order, and hands each over once', () => {
    const ids = contactIds(5_000);
    const { job, chunks } = takeChunks(newJob(ids, 50));
    expect(chunks).toHaveLength(100);
    expect(chunks.every((chunk) => chunk.length === 50)).toBe(true);
    expect(chunks.flat()).toEqual(ids);
    expect(jobSummary(job)).toMatchObject({ total: 5_000, pending: 0, inFlight: 5_000 });
    expect(takeChunks(frozen(job)).chunks).toEqual([]);
  });

  it('leaves a short last chunk', () => {
    const { chunks } = takeChunks(newJob(contactIds(120), 50));
    expect(chunks.map((chunk) => chunk.length)).toEqual([50, 50, 20]);
  });

  it('resumes after a restart without losing or repeating a contact', () => {
    const ids = contactIds(400);
    const taken = takeChunks(newJob(ids, 50));
    let job = taken.job;
    const chunks = taken.chunks;
    job = recordChunkResult(job, chunkAt(chunks, 0), answer(chunkAt(chunks, 0)));
    job = recordChunkResult(job, chunkAt(chunks, 1), answer(chunkAt(chunks, 1)));
    // The worker died after persisting the job but before chunks 5-7 reached the queue.
    const queued = chunks.slice(2, 5);
    job = jobsSchema.parse(JSON.parse(JSON.stringify([job])))[0] as Job;
    const queuedIds = new Set(queued.flat());
    job = releaseChunk(
      frozen(job),
      job.inFlight.filter((contactId) => !queuedIds.has(contactId)),
    );
    expect(job.pending).toEqual(chunks.slice(5).flat());

    const retaken = takeChunks(frozen(job));
    job = retaken.job;
    expect(retaken.chunks).toEqual(chunks.slice(5));
    // The queue entry of chunk 3 was cancelled before it left: its contacts come back once.
    job = releaseChunk(frozen(job), chunkAt(queued, 1));
    const again = takeChunks(frozen(job));
    job = again.job;
    expect(again.chunks).toEqual([chunkAt(queued, 1)]);
    const live = [chunkAt(queued, 0), chunkAt(queued, 2), ...retaken.chunks, ...again.chunks];
    expect(new Set(live.flat()).size).toBe(live.flat().length);
    expectEachContactOnce(job, ids);

    for (const chunk of live) job = recordChunkResult(frozen(job), chunk, answer(chunk));
    expect(jobSummary(job)).toMatchObject({ done: 400, pending: 0, inFlight: 0, finished: true });
    expectEachContactOnce(job, ids);
  });
});

describe('releaseChunk', () => {
  it('puts a chunk back behind contacts already waiting, each taken again once', () => {
    const ids = contactIds(4);
    const taken = takeChunks(newJob(ids, 2));
    const [first, second] = taken.chunks as [string[], string[]];
    const [transient, ok] = first as [string, string];
    const recorded = recordChunkResult(
      taken.job,
      first,
      answer(first, { [transient]: 'Internal server error' }),
    );
    const retrying = retryFailed(frozen(recorded)).job;
    const released = releaseChunk(frozen(retrying), second);
    expect(released.pending).toEqual([transient, ...second]);
    expect(released.inFlight).toEqual([]);
    const [third, fourth] = second as [string, string];
    expect(takeChunks(frozen(released)).chunks).toEqual([[transient, third], [fourth]]);
    expect(released.done).toEqual([ok]);
    expectEachContactOnce(released, ids);
  });

  it('ignores contacts that are not in flight', () => {
    const ids = contactIds(2);
    const taken = takeChunks(newJob(ids, 1));
    const done = recordChunkResult(taken.job, chunkAt(taken.chunks, 0), answer(ids));
    expect(releaseChunk(frozen(done), ids)).toEqual({ ...done, inFlight: [], pending: [ids[1]] });
    expect(releaseChunk(frozen(done), contactIds(3, 9))).toBe(done);
  });
});

describe('stored format', () => {
  it('is version 1 and survives JSON and the schema unchanged', () => {
    const ids = contactIds(120);
    const { job: taken, chunks } = takeChunks(newJob(ids, 50));
    const chunk = chunkAt(chunks, 0);
    const [invalid, deleted] = chunk as [string, string];
    const reported = recordChunkResult(
      taken,
      chunk,
      answer(chunk, { [invalid]: INVALID_ID, [deleted]: DELETED }),
    );
    const failedChunk = recordChunkFailure(reported, chunkAt(chunks, 1), 'HighLevel refused it.');
    const cancelled = cancelJob(newJob(contactIds(10, 2)));
    const jobs = [failedChunk, { ...cancelled, id: 'job-2' }];

    expect(JOB_FORMAT_VERSION).toBe(1);
    expect(jobsSchema.parse(JSON.parse(JSON.stringify(jobs)))).toEqual(jobs);
  });

  it('keeps 5,000 contacts compact: IDs in lists, not an object per contact', () => {
    const { job } = takeChunks(newJob(contactIds(5_000), 50));
    // 20 characters, two quotes and a comma per contact, plus a little for the job itself.
    expect(JSON.stringify(job).length).toBeLessThan(5_000 * 23 + 500);
  });
});

describe('recordChunkResult', () => {
  it('decides each contact by its own entry in the answer', () => {
    const { job, chunks } = takeChunks(newJob(contactIds(6), 50));
    const chunk = chunkAt(chunks, 0);
    const [ok1, invalid, deleted, elsewhere, unknown, ok2] = chunk as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const recorded = recordChunkResult(
      job,
      chunk,
      answer(chunk, {
        [invalid]: INVALID_ID,
        [deleted]: DELETED,
        [elsewhere]: OTHER_LOCATION,
        [unknown]: 'Something went wrong',
      }),
    );
    expect(recorded.done).toEqual([ok1, ok2]);
    expect(recorded.failed).toEqual([
      { contactId: invalid, reason: INVALID_ID, retryable: false },
      { contactId: deleted, reason: DELETED, retryable: false },
      { contactId: elsewhere, reason: OTHER_LOCATION, retryable: false },
      { contactId: unknown, reason: 'Something went wrong', retryable: true },
    ]);
    expect(recorded.inFlight).toEqual([]);
  });

  it('fails only the invalid ID, not its chunk', () => {
    const ids = [...contactIds(49), 'not-a-contact-id'];
    const { job, chunks } = takeChunks(newJob(ids, 50));
    const recorded = recordChunkResult(
      job,
      chunkAt(chunks, 0),
      answer(ids, { 'not-a-contact-id': INVALID_ID }),
    );
    expect(jobSummary(recorded)).toMatchObject({ done: 49, failed: 1, retryableFailed: 0 });
    expect(recorded.failed[0]?.contactId).toBe('not-a-contact-id');
  });

  it('fails a contact the answer does not mention, retryably, in plain words', () => {
    const ids = contactIds(3);
    const [first, forgotten, last] = ids as [string, string, string];
    const { job, chunks } = takeChunks(newJob(ids));
    const recorded = recordChunkResult(job, chunkAt(chunks, 0), answer([first, last]));
    expect(recorded.done).toEqual([first, last]);
    expect(recorded.failed).toEqual([
      { contactId: forgotten, reason: expect.stringMatching(/did not mention/), retryable: true },
    ]);
  });

  it('gives an error without a message a reason and lets it be retried', () => {
    const ids = contactIds(1);
    const { job, chunks } = takeChunks(newJob(ids));
    const recorded = recordChunkResult(job, chunkAt(chunks, 0), [
      { contactId: ids[0] as string, ok: false, message: '  ' },
    ]);
    expect(recorded.failed).toEqual([
      { contactId: ids[0], reason: expect.stringMatching(/without saying why/), retryable: true },
    ]);
  });

  it('counts a contact listed twice as done if either entry says so', () => {
    const ids = contactIds(2);
    const [twiceOk, twiceFailed] = ids as [string, string];
    const { job, chunks } = takeChunks(newJob(ids));
    const recorded = recordChunkResult(job, chunkAt(chunks, 0), [
      { contactId: twiceOk, ok: false, message: 'Something went wrong' },
      { contactId: twiceOk, ok: true },
      { contactId: twiceFailed, ok: false, message: DELETED },
      { contactId: twiceFailed, ok: false, message: 'Something went wrong' },
    ]);
    expect(recorded.done).toEqual([twiceOk]);
    expect(recorded.failed).toEqual([
      { contactId: twiceFailed, reason: DELETED, retryable: false },
    ]);
  });

  it('ignores entries for contacts outside the chunk and repeated reports', () => {
    const ids = contactIds(4);
    const { job, chunks } = takeChunks(newJob(ids, 2));
    const [first, second] = chunks as [string[], string[]];
    const recorded = recordChunkResult(
      job,
      first,
      answer([...first, ...second], { [second[0] as string]: DELETED }),
    );
    expect(recorded.done).toEqual(first);
    expect(recorded.inFlight).toEqual(second);
    expect(recorded.failed).toEqual([]);
    expect(
      recordChunkResult(frozen(recorded), first, answer(first, { [first[0] as string]: DELETED })),
    ).toBe(recorded);
  });
});

describe('recordChunkFailure', () => {
  it('fails every contact of the chunk with the reason, retryably', () => {
    const ids = contactIds(6);
    const { job, chunks } = takeChunks(newJob(ids, 3));
    const reason = 'HighLevel refused the change: tags must be an array.';
    const recorded = recordChunkFailure(job, chunkAt(chunks, 1), reason);
    expect(recorded.failed).toEqual(
      chunkAt(chunks, 1).map((contactId) => ({ contactId, reason, retryable: true })),
    );
    expect(recorded.inFlight).toEqual(chunkAt(chunks, 0));
  });
});

describe('retryFailed', () => {
  it('puts back only failures that can succeed on retry', () => {
    const ids = contactIds(5);
    const [ok, invalid, deleted, transient, forgotten] = ids as [
      string,
      string,
      string,
      string,
      string,
    ];
    const { job, chunks } = takeChunks(newJob(ids));
    const recorded = recordChunkResult(
      job,
      chunkAt(chunks, 0),
      answer([ok, invalid, deleted, transient], {
        [invalid]: INVALID_ID,
        [deleted]: DELETED,
        [transient]: 'Internal server error',
      }),
    );
    const { job: retrying, retried } = retryFailed(frozen(recorded));
    expect(retried).toBe(2);
    expect(retrying.pending).toEqual([transient, forgotten]);
    expect(retrying.failed.map((failure) => failure.contactId)).toEqual([invalid, deleted]);
    expect(takeChunks(frozen(retrying)).chunks).toEqual([[transient, forgotten]]);
    expect(retryFailed(frozen(retrying)).retried).toBe(0);
  });
});

describe('cancelJob', () => {
  it('stops taking chunks, marks pending not done, and still records chunks in flight', () => {
    const ids = contactIds(10);
    const first = takeChunks(newJob(ids, 4));
    // Only the first chunk reached the queue; the rest was released back to pending.
    const inFlight = chunkAt(first.chunks, 0);
    const waiting = first.chunks.slice(1).flat();
    let job = releaseChunk(first.job, waiting);
    job = cancelJob(frozen(job));
    expect(job.notDone).toEqual(waiting);
    expect(takeChunks(frozen(job)).chunks).toEqual([]);
    expect(jobSummary(job)).toMatchObject({ cancelled: true, finished: false, inFlight: 4 });

    job = recordChunkResult(
      frozen(job),
      inFlight,
      answer(inFlight, { [inFlight[0] as string]: 'Internal server error' }),
    );
    expect(jobSummary(job)).toMatchObject({
      done: 3,
      failed: 1,
      notDone: 6,
      finished: true,
      cancelled: true,
      text: '3 updated, 1 failed, 6 not done',
    });
    expect(retryFailed(frozen(job)).retried).toBe(0);
  });

  it('sends a chunk released after the cancel to not done, not back to pending', () => {
    const ids = contactIds(4);
    const taken = takeChunks(newJob(ids, 2));
    const job = releaseChunk(cancelJob(taken.job), chunkAt(taken.chunks, 1));
    expect(job.pending).toEqual([]);
    expect(job.notDone).toEqual(chunkAt(taken.chunks, 1));
    expect(job.inFlight).toEqual(chunkAt(taken.chunks, 0));
  });
});

describe('jobSummary and failuresOf', () => {
  it('says "{done} updated, {failed} failed" while not cancelled', () => {
    const ids = contactIds(250);
    const { job, chunks } = takeChunks(newJob(ids, 250));
    const errors = { [ids[7] as string]: DELETED, [ids[90] as string]: OTHER_LOCATION };
    const recorded = recordChunkResult(job, chunkAt(chunks, 0), answer(ids, errors));
    expect(jobSummary(recorded).text).toBe('248 updated, 2 failed');
  });

  it('bounds the failures listed for the panel', () => {
    const ids = contactIds(80);
    const { job, chunks } = takeChunks(newJob(ids, 80));
    const failed = recordChunkFailure(job, chunkAt(chunks, 0), 'HighLevel refused the request.');
    expect(failuresOf(failed, 3).map((failure) => failure.contactId)).toEqual(ids.slice(0, 3));
    expect(failuresOf(failed)).toHaveLength(50);
    expect(failuresOf(failed, 0)).toEqual([]);
  });

  it('250 contacts, 2 unreal, one chunk refused: the numbers, then "Retry failed"', () => {
    const ids = [...contactIds(248), 'aaaaaaaaaaaaaaaaaaaa', 'zzzzzzzzzzzzzzzzzzzz'];
    const unreal = { aaaaaaaaaaaaaaaaaaaa: INVALID_ID, zzzzzzzzzzzzzzzzzzzz: INVALID_ID };
    const taken = takeChunks(newJob(ids, 50));
    expect(taken.chunks).toHaveLength(5);
    let job = taken.job;
    for (const [index, chunk] of taken.chunks.entries()) {
      job =
        index === 2
          ? recordChunkFailure(frozen(job), chunk, 'HighLevel refused the change.')
          : recordChunkResult(frozen(job), chunk, answer(chunk, unreal));
    }
    expect(jobSummary(job)).toEqual({
      total: 250,
      done: 198,
      failed: 52,
      retryableFailed: 50,
      pending: 0,
      inFlight: 0,
      notDone: 0,
      finished: true,
      cancelled: false,
      text: '198 updated, 52 failed',
    });

    const { job: retrying, retried } = retryFailed(frozen(job));
    expect(retried).toBe(50);
    const again = takeChunks(frozen(retrying));
    expect(again.chunks).toEqual([chunkAt(taken.chunks, 2)]);
    job = recordChunkResult(again.job, chunkAt(again.chunks, 0), answer(chunkAt(again.chunks, 0)));
    expect(jobSummary(job)).toMatchObject({ done: 248, failed: 2, finished: true });
    expect(jobSummary(job).text).toBe('248 updated, 2 failed');
    expect(failuresOf(job)).toEqual([
      { contactId: 'aaaaaaaaaaaaaaaaaaaa', reason: INVALID_ID, retryable: false },
      { contactId: 'zzzzzzzzzzzzzzzzzzzz', reason: INVALID_ID, retryable: false },
    ]);
    expectEachContactOnce(job, ids);
  });
});
