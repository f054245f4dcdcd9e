import { isHighLevelId } from '../detect/ids';
import { MAX_TAGS_PER_CHANGE } from '../tags/rules';
import { z } from '../zod';

/**
 * The one message protocol between the trusted background and everything else
 * (SPEC.md "Messages"). Every request and answer is validated with these schemas at the
 * receiving end. Requests carry `type`; answers are `{ok: true, value}` or a typed error.
 */

const highLevelId = z.string().refine(isHighLevelId, 'not a HighLevel ID');
/** Raw tag text; the background applies the tag rules and refuses what breaks them. */
const tagText = z.string().max(1_000);
const tagOp = z.enum(['add', 'remove']);
/** Chrome's tab IDs are positive 32-bit integers. */
const tabId = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31 - 1);

const requests = {
  /** The contact's name and tags as known now (cached, then refreshed through events). */
  'contact.view': z.object({ locationId: highLevelId, contactId: highLevelId }),
  /** The location's tags for suggestions, and this user's recently used ones. */
  'location.tags': z.object({ locationId: highLevelId }),
  /** One user action on one contact: one queued change, one API call. */
  'tags.change': z.object({
    locationId: highLevelId,
    contactId: highLevelId,
    op: tagOp,
    tags: z.array(tagText).min(1).max(MAX_TAGS_PER_CHANGE),
  }),
  'change.undo': z.object({ changeId: z.string().max(100) }),
  'contacts.search': z.object({ locationId: highLevelId, query: z.string().max(200) }),
  /** Which contact a HighLevel URL shows (a conversation or opportunity is looked up). */
  'page.contact': z.object({ url: z.string().max(4_096) }),
  'settings.get': z.object({}),
  /** Tags many contacts of the location at once (a bulk job through the change queue). */
  'bulk.start': z.object({
    locationId: highLevelId,
    op: tagOp,
    tags: z.array(tagText).min(1).max(MAX_TAGS_PER_CHANGE),
    // Far above the job limit, so the background can refuse a big list in words.
    contactIds: z.array(z.string().max(100)).min(1).max(100_000),
  }),
  'bulk.get': z.object({ locationId: highLevelId, jobId: z.string().max(100) }),
  /** Stops a job: what was applied stays; what was not sent is reported as not done. */
  'bulk.cancel': z.object({ locationId: highLevelId, jobId: z.string().max(100) }),
  /** Sends again the failures that can succeed on retry. */
  'bulk.retry': z.object({ locationId: highLevelId, jobId: z.string().max(100) }),
  /** Opens the options page, for adding or fixing this location's connection. */
  'options.open': z.object({ locationId: highLevelId }),
  // Extension pages only, from here on.
  'settings.update': z.object({
    undoWindowSeconds: z.number().optional(),
    bulkChunkSize: z.number().optional(),
  }),
  'connections.list': z.object({}),
  'connections.save': z.object({
    locationId: z.string().max(200),
    token: z.string().max(4_096),
    name: z.string().max(200).optional(),
  }),
  'connections.remove': z.object({ locationId: z.string().max(200) }),
  /** Tests the saved token, or the one typed but not yet saved. */
  'connections.test': z.object({
    locationId: highLevelId,
    token: z.string().max(4_096).optional(),
  }),
  /** The toolbar popup's "Open in page": the in-page popup on that tab. */
  'tab.openInPage': z.object({ tabId: tabId }),
  /** What a tab's contact list has selected (read by the always-on script at this moment). */
  'tab.selection': z.object({ tabId: tabId }),
  'domains.list': z.object({}),
  /** A white-label domain the user has just granted on the options page. */
  'domains.add': z.object({ domain: z.string().max(2_000) }),
  'domains.remove': z.object({ domain: z.string().max(300) }),
  /** Names a saved connection (its token is left as it is). */
  'connections.rename': z.object({ locationId: highLevelId, name: z.string().max(200) }),
  /** Sets the shared quick-tag list, or a sub-account's own (`tags: null` drops it). */
  'quickTags.set': z.object({
    locationId: highLevelId.optional(),
    tags: z.array(z.string().max(1_000)).max(1_000).nullable(),
  }),
  /** Replaces quick tags, per-sub-account lists and the undo window from a settings file. */
  'settings.import': z.object({ text: z.string().max(2_000_000) }),
  /** The settings as a file (never tokens). */
  'settings.export': z.object({}),
  'activity.list': z.object({}),
} as const;

export type RequestType = keyof typeof requests;
export const REQUEST_TYPES = Object.keys(requests) as RequestType[];
export type RequestOf<T extends RequestType> = { type: T } & z.infer<(typeof requests)[T]>;
export type AnyRequest = { [T in RequestType]: RequestOf<T> }[RequestType];

/** What a content script may ask, and only about its own tab's location. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'contact.view',
  'location.tags',
  'tags.change',
  'change.undo',
  'contacts.search',
  'page.contact',
  'options.open',
  'bulk.start',
  'bulk.get',
  'bulk.cancel',
  'bulk.retry',
]);

/** Validates a message as a request: a known `type`, then that request's own schema. */
export function parseRequest(message: unknown): AnyRequest | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type } = message as { type?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(requests, type)) return undefined;
  const parsed = requests[type as RequestType].safeParse(message);
  return parsed.success ? ({ ...parsed.data, type } as AnyRequest) : undefined;
}

// --- Answers -----------------------------------------------------------------------------

const chip = z.object({
  tag: z.string(),
  /** saved: on the server; adding/removing: waiting in the queue or in flight. */
  state: z.enum(['saved', 'adding', 'removing']),
});
export type Chip = z.infer<typeof chip>;

const pendingChange = z.object({
  id: z.string(),
  op: tagOp,
  tags: z.array(z.string()),
  /** Until then the change can be undone; afterwards it is on its way. */
  undoUntil: z.number(),
  /** A transient problem while it is retried, or the refused connection it waits for. */
  problem: z.string().optional(),
});

export const contactViewSchema = z.object({
  locationId: z.string(),
  contactId: z.string(),
  name: z.string().optional(),
  chips: z.array(chip),
  pending: z.array(pendingChange),
  /** False until the server's list has been read once. */
  loaded: z.boolean(),
  /** Why the contact could not be read, in words. */
  problem: z.string().optional(),
  /** HighLevel refused the location's token: changes wait until it is replaced. */
  connectionRefused: z.string().optional(),
});
export type ContactView = z.infer<typeof contactViewSchema>;

const settingsView = z.object({
  undoWindowSeconds: z.number(),
  bulkChunkSize: z.number(),
  quickTags: z.array(z.string()),
  quickTagsByLocation: z.record(z.string(), z.array(z.string())),
  domains: z.array(z.string()),
});

const connectionView = z.object({
  locationId: z.string(),
  name: z.string().optional(),
  /** The last 4 characters only: a saved token is never shown whole. */
  tokenHint: z.string(),
  refused: z.string().optional(),
  /** Changes waiting for this connection. */
  waiting: z.number(),
});
export type ConnectionView = z.infer<typeof connectionView>;

const scopeCheck = z.object({
  scope: z.string(),
  works: z.boolean(),
  /** What a missing scope disables, in words. */
  disables: z.string(),
  problem: z.string().optional(),
});
export type ScopeCheck = z.infer<typeof scopeCheck>;

const activityItem = z.object({
  id: z.string(),
  at: z.number(),
  locationId: z.string(),
  contactId: z.string().optional(),
  contactName: z.string().optional(),
  contactCount: z.number().optional(),
  op: tagOp,
  tags: z.array(z.string()),
  state: z.enum(['pending', 'done', 'failed', 'cancelled']),
  reason: z.string().optional(),
});
export type ActivityItem = z.infer<typeof activityItem>;

const contactSummary = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
});
export type ContactSummary = z.infer<typeof contactSummary>;

export const jobViewSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  op: tagOp,
  tags: z.array(z.string()),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  retryableFailed: z.number(),
  /** Not yet settled: waiting, in the undo window, or being sent. */
  pending: z.number(),
  notDone: z.number(),
  finished: z.boolean(),
  cancelled: z.boolean(),
  /** "{done} updated, {failed} failed" (and ", N not done" once cancelled). */
  text: z.string(),
  failures: z.array(
    z.object({ contactId: z.string(), reason: z.string(), retryable: z.boolean() }),
  ),
  /** Until then "Undo" cancels the whole job unsent. */
  undoUntil: z.number().optional(),
  /** A transient problem being retried, or the refused token the job waits for, in words. */
  problem: z.string().optional(),
});
export type JobView = z.infer<typeof jobViewSchema>;

const selectionView = z.object({
  locationId: z.string().optional(),
  contactIds: z.array(z.string()),
  /** The page says this many are selected, more than it holds rows for. */
  claimed: z.number().optional(),
  /** Every contact row on the page, for "Select all on this page". */
  allOnPage: z.array(z.string()),
});
export type SelectionView = z.infer<typeof selectionView>;

const domainView = z.object({
  host: z.string(),
  /** Chrome has granted the origin (the user may have taken it back in Chrome's own UI). */
  granted: z.boolean(),
  /** The always-on script is registered there. */
  active: z.boolean(),
});
export type DomainView = z.infer<typeof domainView>;

export const answerSchemas = {
  'contact.view': contactViewSchema,
  'location.tags': z.object({ tags: z.array(z.string()), recent: z.array(z.string()) }),
  'tags.change': z.object({
    /** Absent when the change only reversed one still waiting: nothing is sent. */
    changeId: z.string().optional(),
    undoUntil: z.number().optional(),
    view: contactViewSchema,
  }),
  'change.undo': z.object({ undone: z.boolean() }),
  'contacts.search': z.object({ contacts: z.array(contactSummary) }),
  'page.contact': z.object({
    locationId: z.string(),
    contactId: z.string(),
  }),
  'settings.get': settingsView,
  'options.open': z.object({}),
  'bulk.start': jobViewSchema,
  'bulk.get': jobViewSchema,
  'bulk.cancel': jobViewSchema,
  'bulk.retry': jobViewSchema,
  'tab.selection': selectionView,
  'settings.update': settingsView,
  'connections.list': z.object({ connections: z.array(connectionView) }),
  'connections.save': z.object({ connection: connectionView }),
  'connections.remove': z.object({ removed: z.boolean() }),
  'connections.test': z.object({ scopes: z.array(scopeCheck) }),
  'tab.openInPage': z.object({ opened: z.boolean() }),
  'domains.list': z.object({ domains: z.array(domainView) }),
  'domains.add': z.object({ domains: z.array(domainView) }),
  'domains.remove': z.object({ domains: z.array(domainView) }),
  'connections.rename': z.object({ connection: connectionView }),
  'quickTags.set': settingsView,
  'settings.import': settingsView,
  'settings.export': z.object({ file: z.record(z.string(), z.unknown()) }),
  'activity.list': z.object({ items: z.array(activityItem) }),
} satisfies Record<RequestType, z.ZodType>;

export type AnswerOf<T extends RequestType> = z.infer<(typeof answerSchemas)[T]>;

export const errorKinds = [
  /** The message is malformed or unknown. */
  'invalid-request',
  /** The sender may not ask this. */
  'forbidden',
  /** Refused by the product's rules (a bad tag, a bad ID); `message` says why. */
  'refused',
  /** No token saved for the location. */
  'no-connection',
  /** HighLevel refused the token (401/403). */
  'connection-refused',
  /** The call to HighLevel failed; `message` says how. */
  'api',
  'internal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export const failureSchema = z.object({
  ok: z.literal(false),
  error: z.object({
    kind: z.enum(errorKinds),
    message: z.string(),
    locationId: z.string().optional(),
  }),
});
export type Failure = z.infer<typeof failureSchema>;

export type Answer<T extends RequestType> = { ok: true; value: AnswerOf<T> } | Failure;

export function answerSchemaFor<T extends RequestType>(type: T) {
  return z.union([z.object({ ok: z.literal(true), value: answerSchemas[type] }), failureSchema]);
}

/** The always-on content script's answer to READ_PAGE (page-protocol.ts). */
export const pageReadingSchema = z.object({
  url: z.string(),
  rows: z.array(z.object({ contactId: highLevelId, selected: z.boolean() })).max(100_000),
  selectionClaim: z.number().int().nonnegative().optional(),
  rightClicked: z
    .object({ contactId: highLevelId.optional(), onSelectedRow: z.boolean() })
    .optional(),
});

/** What the background tells the injected in-page popup script. */
export const inPageCommandSchema = z.discriminatedUnion('type', [
  /** Is the script here already? (It answers `{ready: true}`.) */
  z.object({ type: z.literal('in-page.ping') }),
  /** Open the tag popup, or close it when open (the shortcut pressed again). */
  z.object({ type: z.literal('in-page.toggle') }),
  /** Open the tag popup on a given contact of the page's location (the menu's "Edit tags..."). */
  z.object({
    type: z.literal('in-page.open'),
    contact: z.object({ locationId: highLevelId, contactId: highLevelId }),
  }),
  /** Open the bulk panel on the page's selection with these tags chosen, at the confirmation. */
  z.object({
    type: z.literal('in-page.bulk'),
    op: tagOp,
    tags: z.array(tagText).min(1).max(MAX_TAGS_PER_CHANGE),
  }),
  /** A toast without the popup: a quick tag's result, with Undo during the window. */
  z.object({
    type: z.literal('in-page.toast'),
    text: z.string().max(500),
    tone: z.enum(['info', 'error']),
    changeId: z.string().max(100).optional(),
    /** A bulk job's toast: Undo cancels the job (its location is needed to ask). */
    jobId: z.string().max(100).optional(),
    locationId: highLevelId.optional(),
    undoUntil: z.number().optional(),
  }),
]);
export type InPageCommand = z.infer<typeof inPageCommandSchema>;
/** What a toast in the page says, and what its Undo undoes. */
export type InPageToast = Omit<Extract<InPageCommand, { type: 'in-page.toast' }>, 'type'>;

// --- Events pushed to open pages over a port --------------------------------------------

export const EVENTS_PORT = 'events';

/** What a page or the in-page popup asks to hear about. */
export const subscriptionSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('contact'), locationId: highLevelId, contactId: highLevelId }),
  z.object({ topic: z.literal('activity') }),
  z.object({ topic: z.literal('connections') }),
  z.object({ topic: z.literal('job'), locationId: highLevelId, jobId: z.string().max(100) }),
]);
export type Subscription = z.infer<typeof subscriptionSchema>;

export const eventSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('contact'), view: contactViewSchema }),
  z.object({
    topic: z.literal('settled'),
    change: z.object({
      id: z.string(),
      locationId: z.string(),
      contactId: z.string().optional(),
      op: tagOp,
      tags: z.array(z.string()),
      state: z.enum(['done', 'failed', 'cancelled']),
      reason: z.string().optional(),
    }),
  }),
  z.object({ topic: z.literal('activity') }),
  z.object({ topic: z.literal('connections') }),
  z.object({ topic: z.literal('job'), job: jobViewSchema }),
]);
export type PushedEvent = z.infer<typeof eventSchema>;
