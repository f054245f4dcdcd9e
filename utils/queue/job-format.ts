import { BULK_CHUNK, tagOpSchema } from '../storage/schemas';
import { z } from '../zod';

/** The version the jobs store is written with; a change of the shape below needs a migration. */
export const JOB_FORMAT_VERSION = 1;

export const jobFailureSchema = z.object({
  contactId: z.string(),
  /** The server's words, or ours in plain words when it gave none. */
  reason: z.string(),
  /** False when the contact itself is unfit (invalid ID, deleted, another location). */
  retryable: z.boolean(),
});
export type JobFailure = z.infer<typeof jobFailureSchema>;

/**
 * A bulk job (SPEC.md "Bulk"). Every contact is in exactly one of `pending`, `inFlight`,
 * `done`, `failed` and `notDone`: lists of IDs rather than an object per contact, so
 * 5,000 contacts stay small in `chrome.storage.local`. The schema is no stricter than what
 * `createJob` produces: a job that failed to parse would push the whole store aside.
 */
export const jobSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  op: tagOpSchema,
  tags: z.array(z.string()),
  createdAt: z.number(),
  chunkSize: z.number().int().min(BULK_CHUNK.min).max(BULK_CHUNK.max),
  /** Not yet handed to the change queue. */
  pending: z.array(z.string()),
  /** Handed to the change queue (waiting there or being sent): never handed over twice. */
  inFlight: z.array(z.string()),
  done: z.array(z.string()),
  failed: z.array(jobFailureSchema),
  /** Still pending when the job was cancelled: never sent. */
  notDone: z.array(z.string()),
  /** No more chunks are taken; results of chunks already handed over are still recorded. */
  cancelled: z.boolean(),
});
export type Job = z.infer<typeof jobSchema>;

/** What the jobs store holds, under version `JOB_FORMAT_VERSION`. */
export const jobsSchema = z.array(jobSchema);
