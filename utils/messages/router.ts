import { ApiError } from '../api/errors';
import { locationOfUrl } from '../detect/paths';
import { ProtocolError } from './errors';
import {
  type Answer,
  type AnswerOf,
  type AnyRequest,
  CONTENT_SCRIPT_REQUESTS,
  type ErrorKind,
  type Failure,
  parseRequest,
  type RequestOf,
  type RequestType,
} from './protocol';
import { type Caller, identifySender, type SenderInfo } from './sender';

export type Handlers = {
  [T in RequestType]: (request: RequestOf<T>, caller: Caller) => Promise<AnswerOf<T>>;
};

const API_KIND_TO_ERROR: Partial<Record<ApiError['kind'], ErrorKind>> = {
  'invalid-token': 'connection-refused',
  'other-location': 'connection-refused',
};

/**
 * Validates, checks the sender, dispatches, and turns every failure into a typed answer:
 * malformed and unknown messages never crash the worker, and no answer carries a token or
 * a stack trace.
 */
export function createRouter(handlers: Handlers, extension: { id: string; origin: string }) {
  return async function route(message: unknown, sender: SenderInfo): Promise<Answer<RequestType>> {
    const caller = identifySender(sender, extension);
    if (!caller) return failure('forbidden', 'This sender may not talk to the extension.');
    const request = parseRequest(message);
    if (!request) return failure('invalid-request', 'The request was not understood.');
    const refusal = checkScope(request, caller);
    if (refusal) return refusal;
    try {
      const handler = handlers[request.type] as (
        request: AnyRequest,
        caller: Caller,
      ) => Promise<AnswerOf<RequestType>>;
      return { ok: true, value: await handler(request, caller) };
    } catch (error) {
      return failureFrom(error);
    }
  };
}

/** A content script acts only on the location of its own page. */
function checkScope(request: AnyRequest, caller: Caller): Failure | undefined {
  if (caller.kind === 'extension-page') return undefined;
  if (!CONTENT_SCRIPT_REQUESTS.has(request.type)) {
    return failure('forbidden', 'A web page may not ask this.');
  }
  const asked =
    request.type === 'page.contact'
      ? locationOfUrl(request.url)
      : 'locationId' in request
        ? request.locationId
        : undefined;
  // An undo names only its change ID, which the background checks belongs to the caller.
  if (request.type !== 'change.undo' && (asked === undefined || asked !== caller.locationId)) {
    return failure('forbidden', 'A page may only act on contacts of its own sub-account.');
  }
  return undefined;
}

function failure(kind: ErrorKind, message: string, locationId?: string): Failure {
  return { ok: false, error: { kind, message, ...(locationId ? { locationId } : {}) } };
}

function failureFrom(error: unknown): Failure {
  if (error instanceof ProtocolError) return failure(error.kind, error.message, error.locationId);
  if (error instanceof ApiError)
    return failure(API_KIND_TO_ERROR[error.kind] ?? 'api', error.message);
  return failure('internal', 'Something went wrong inside the extension.');
}
