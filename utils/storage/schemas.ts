import { z } from '../zod';

/** The formats kept in `chrome.storage.local`. Each store carries its own version. */

export const UNDO_WINDOW = { min: 0, max: 10, default: 3 } as const;
/** The largest bulk call is undocumented (one report says 500); 100 is a safe default. */
export const BULK_CHUNK = { min: 1, max: 500, default: 100 } as const;

export const settingsSchema = z.object({
  undoWindowSeconds: z.number().min(UNDO_WINDOW.min).max(UNDO_WINDOW.max),
  quickTags: z.array(z.string()),
  /** A sub-account's own list replaces the shared one on its pages. */
  quickTagsByLocation: z.record(z.string(), z.array(z.string())),
  /** White-label domains the user granted for the always-on script. */
  domains: z.array(z.string()),
  bulkChunkSize: z.number().int().min(BULK_CHUNK.min).max(BULK_CHUNK.max),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => ({
  undoWindowSeconds: UNDO_WINDOW.default,
  quickTags: [],
  quickTagsByLocation: {},
  domains: [],
  bulkChunkSize: BULK_CHUNK.default,
});

export const connectionSchema = z.object({
  locationId: z.string(),
  token: z.string(),
  /** The user's own label for the sub-account. */
  name: z.string().optional(),
  savedAt: z.number(),
  /** Set when HighLevel refused the token (401/403); cleared when it is replaced. */
  refused: z.object({ at: z.number(), reason: z.string() }).optional(),
});
export type Connection = z.infer<typeof connectionSchema>;
export const connectionsSchema = z.record(z.string(), connectionSchema);
export type Connections = z.infer<typeof connectionsSchema>;

export const tagOpSchema = z.enum(['add', 'remove']);

export const queueEntrySchema = z.object({
  id: z.string(),
  locationId: z.string(),
  op: tagOpSchema,
  tags: z.array(z.string()).min(1),
  /** One contact (the tag endpoints), or a chunk of a bulk job (the bulk endpoint). */
  contactIds: z.array(z.string()).min(1),
  jobId: z.string().optional(),
  /** For the activity log only: the name of the one contact, when known. */
  contactName: z.string().optional(),
  createdAt: z.number(),
  /** The end of the undo window: nothing leaves before it. */
  sendAfter: z.number(),
  /** Retries wait until then. */
  retryAt: z.number(),
  /** Retries counted for backoff (429s are not counted: they are not failures). */
  attempts: z.number().int(),
  /** Set just before the call leaves; a worker that dies leaves it set, so the call is resent. */
  inFlightSince: z.number().optional(),
  /** The last transient problem, in words, while it is retried. */
  problem: z.string().optional(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;
export const queueSchema = z.array(queueEntrySchema);

/** Pending changes are the queue's; the activity store keeps those that settled. */
export const settledStateSchema = z.enum(['done', 'failed', 'cancelled']);
export type SettledState = z.infer<typeof settledStateSchema>;

export const activityEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  locationId: z.string(),
  contactId: z.string().optional(),
  contactName: z.string().optional(),
  /** For bulk jobs: how many contacts. */
  contactCount: z.number().int().optional(),
  op: tagOpSchema,
  tags: z.array(z.string()),
  state: settledStateSchema,
  reason: z.string().optional(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export const activitySchema = z.array(activityEntrySchema);

export const cachedContactSchema = z.object({
  locationId: z.string(),
  name: z.string(),
  /** The server's list as last known; replayed pending changes go on top. */
  tags: z.array(z.string()),
  fetchedAt: z.number(),
  usedAt: z.number(),
});
export type CachedContact = z.infer<typeof cachedContactSchema>;
export const contactCacheSchema = z.record(z.string(), cachedContactSchema);

export const cachedLocationTagsSchema = z.object({
  tags: z.array(z.string()),
  /** Tags this user applied here, most recent first (suggested first on an empty input). */
  recent: z.array(z.string()),
  fetchedAt: z.number(),
  usedAt: z.number(),
});
export type CachedLocationTags = z.infer<typeof cachedLocationTagsSchema>;
export const tagCacheSchema = z.record(z.string(), cachedLocationTagsSchema);
