/**
 * Every way an API call can fail, each with a sentence a user understands.
 * The kind decides what the change queue does next (see `failureClass`).
 */
export type ApiErrorKind =
  | 'invalid-token'
  | 'missing-scope'
  | 'other-location'
  | 'not-found'
  | 'bad-request'
  | 'unprocessable'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed-answer';

/** retry: try again later; permanent: drop the change; connection: hold until the user fixes the token. */
export type FailureClass = 'retry' | 'permanent' | 'connection';

const FAILURE_CLASS: Record<ApiErrorKind, FailureClass> = {
  'invalid-token': 'connection',
  'missing-scope': 'connection',
  'other-location': 'connection',
  'not-found': 'permanent',
  'bad-request': 'permanent',
  unprocessable: 'permanent',
  'malformed-answer': 'permanent',
  'rate-limited': 'retry',
  server: 'retry',
  network: 'retry',
  timeout: 'retry',
};

export function failureClass(kind: ApiErrorKind): FailureClass {
  return FAILURE_CLASS[kind];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** A sentence for the user: never a token, never raw JSON. */
    message: string,
    readonly details: {
      status?: number;
      /** The server's own words, already reduced to plain text. */
      serverMessage?: string;
      /** How long the server asked us to wait (429). */
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
  }
}

/** Server words shown to a user are cut here: enough for a reason, never a wall of text. */
const SERVER_MESSAGE_MAX = 300;

/** The server's `message` is a string on most errors and an array on 422. */
export function serverMessageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('message' in body)) return undefined;
  const { message } = body as { message: unknown };
  const parts = (Array.isArray(message) ? message : [message]).filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  if (parts.length === 0) return undefined;
  const text = parts.map((part) => part.trim()).join('; ');
  return text.length > SERVER_MESSAGE_MAX ? `${text.slice(0, SERVER_MESSAGE_MAX - 1)}…` : text;
}

const SCOPE_REFUSED = /not authorized for this scope/i;
const LOCATION_REFUSED = /access to this location/i;

/** Turns an HTTP error status and body into a typed error with words for the user. */
export function errorFromResponse(status: number, body: unknown, retryAfterMs?: number): ApiError {
  const serverMessage = serverMessageOf(body);
  const details = { status, serverMessage, retryAfterMs };
  if (status === 401 && serverMessage && SCOPE_REFUSED.test(serverMessage)) {
    return new ApiError(
      'missing-scope',
      'The token refused this: it lacks a permission (scope) this needs. Add the scope to the Private Integration, then save the token again.',
      details,
    );
  }
  if (status === 401) {
    return new ApiError(
      'invalid-token',
      'Token refused: revoked, expired or without access to this location. Replace it on the options page.',
      details,
    );
  }
  if (status === 403 || (serverMessage && LOCATION_REFUSED.test(serverMessage))) {
    return new ApiError(
      'other-location',
      'Token refused: revoked, expired or without access to this location. Replace it on the options page.',
      details,
    );
  }
  if (status === 404) {
    return new ApiError(
      'not-found',
      'HighLevel could not find it: it may have been deleted.',
      details,
    );
  }
  if (status === 422) {
    return new ApiError(
      'unprocessable',
      withReason('HighLevel refused the change', serverMessage),
      details,
    );
  }
  if (status === 429) {
    return new ApiError(
      'rate-limited',
      'HighLevel asked us to slow down; retrying shortly.',
      details,
    );
  }
  if (status >= 500) {
    return new ApiError('server', 'HighLevel had a problem answering; retrying shortly.', details);
  }
  return new ApiError(
    'bad-request',
    withReason('HighLevel refused the request', serverMessage),
    details,
  );
}

function withReason(lead: string, serverMessage: string | undefined): string {
  return serverMessage ? `${lead}: ${serverMessage}.`.replace(/\.\.$/, '.') : `${lead}.`;
}
