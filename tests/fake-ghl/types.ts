/**
 * Shapes shared by the fake HighLevel's modules and by the tests that drive it.
 */

/** The OAuth-style scopes a Private Integration Token can hold (ghl-api/README.md). */
export type Scope =
  | 'contacts.readonly'
  | 'contacts.write'
  | 'locations/tags.readonly'
  | 'locations/tags.write'
  | 'conversations.readonly'
  | 'opportunities.readonly';

export const ALL_SCOPES: readonly Scope[] = [
  'contacts.readonly',
  'contacts.write',
  'locations/tags.readonly',
  'locations/tags.write',
  'conversations.readonly',
  'opportunities.readonly',
];

export interface RateLimitSetting {
  /** Requests allowed per window and per token. */
  max: number;
  /** Length of the fixed window, in milliseconds. */
  intervalMs: number;
}

/** Chooses which API requests a fault switch applies to; all of them when absent. */
export type RequestMatcher = (request: { method: string; path: string }) => boolean;

export interface FailNextSwitch {
  /** How many more matching requests fail; the switch turns itself off at 0. */
  count: number;
  /** The HTTP status to answer, e.g. 500 or 503. */
  status: number;
  /** The body's `message` (an array, as HighLevel's 422s have); a stock sentence when absent. */
  message?: string | string[];
  match?: RequestMatcher;
}

export interface HangNextSwitch {
  /** How many more matching requests are never answered. */
  count: number;
  match?: RequestMatcher;
}

export interface Switches {
  /** Delay before every API answer is written. */
  latencyMs: number;
  /** The burst limit, enforced per token (HighLevel's default is 100 per 10 s). */
  rateLimit: RateLimitSetting;
  /** Send `Retry-After` (whole seconds, rounded up) with a 429; the real service does not document it. */
  retryAfterHeader: boolean;
  failNext: FailNextSwitch | null;
  hangNext: HangNextSwitch | null;
  /** Store added tags lowercased and compare tags case-insensitively, as many integrations report. */
  lowercaseTags: boolean;
  /** Answer add/remove with the contact's whole tag list, or only with the tags the request changed. */
  tagAnswer: 'whole' | 'changed';
  /** The most contacts one bulk call accepts (undocumented; one report says 500). */
  bulkMaxContacts: number;
}

/**
 * What became of a recorded request.
 * - `pending`: still being worked on (waiting out the latency).
 * - `answered`: the answer was written to a connected client.
 * - `client-gone`: the client went away before the answer was written; nothing was applied.
 * - `hung`: `hangNext` swallowed it; it will never be answered.
 */
export type RequestOutcome = 'pending' | 'answered' | 'client-gone' | 'hung';

export interface RecordedRequest {
  method: string;
  /** The path without its query string, e.g. `/contacts/abc/tags`. */
  path: string;
  query: Record<string, string>;
  /** Header names lowercased. */
  headers: Record<string, string>;
  /** The parsed JSON body, the raw text when it is not JSON, or undefined when there is none. */
  body: unknown;
  /** The status delivered; 0 when none was (pending, hung, or the client went away first). */
  status: number;
  /** True only when a 2xx answer reached a connected client, i.e. the request took effect. */
  applied: boolean;
  /** Arrival time, `Date.now()`. */
  at: number;
  /** The location of the token used, when the token is known. */
  locationId?: string;
  outcome: RequestOutcome;
  /** The OpenAPI operation the request matched, e.g. `add-tags`. */
  operationId?: string;
  /** The JSON body answered, once answered. */
  answer?: unknown;
}

export interface ContractViolation {
  at: number;
  method: string;
  path: string;
  operationId?: string;
  /** One line saying what was wrong, e.g. `POST /contacts/{contactId}/tags: header Version must be one of 2021-07-28`. */
  description: string;
  /** Each problem found, one per entry. */
  problems: string[];
}
