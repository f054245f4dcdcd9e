import { API_ORIGIN } from '../hosts';
import type { z } from '../zod';
import { ApiError, errorFromResponse } from './errors';
import { readRateLimitHeaders } from './rate-limit-headers';
import {
  bulkAnswer,
  contactAnswer,
  conversationAnswer,
  locationTagsAnswer,
  opportunityAnswer,
  type RawContact,
  searchAnswer,
  tagsAnswer,
} from './schemas';

/** Chrome kills a service worker whose fetch runs past 30 s; give up before that. */
export const CALL_TIMEOUT_MS = 25_000;

const VERSION = '2021-07-28';
/** GET /conversations/{id} takes its own version (ghl-api/README.md). */
const CONVERSATIONS_VERSION = '2021-04-15';

export interface Contact {
  id: string;
  locationId?: string;
  name: string;
  email?: string;
  phone?: string;
  tags: string[];
}

export type TagOp = 'add' | 'remove';

export interface BulkContactOutcome {
  contactId: string;
  ok: boolean;
  /** The server's words for this contact. */
  message?: string;
}

/** Gatekeeper every call goes through: the per-token rate limiter. */
export interface CallGate {
  acquire(): Promise<void>;
  observe(status: number, headers: Headers): void;
}

export interface ApiClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  gate?: CallGate;
  timeoutMs?: number;
}

export type ApiClient = ReturnType<typeof createApiClient>;

interface Call<T extends z.ZodType> {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  version?: string;
  answer: T;
}

export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? API_ORIGIN;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? CALL_TIMEOUT_MS;

  async function call<T extends z.ZodType>(request: Call<T>): Promise<z.infer<T>> {
    await options.gate?.acquire();
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${options.token}`,
      Version: request.version ?? VERSION,
      Accept: 'application/json',
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: timeout,
      });
      text = await response.text();
    } catch (error) {
      if (timeout.aborted) {
        throw new ApiError(
          'timeout',
          'HighLevel did not answer in time; the change will be sent again.',
        );
      }
      throw new ApiError('network', 'Could not reach HighLevel (network); retrying shortly.', {
        serverMessage: error instanceof Error ? error.message : undefined,
      });
    }
    options.gate?.observe(response.status, response.headers);

    const body = parseJson(text);
    if (!response.ok) {
      throw errorFromResponse(
        response.status,
        body,
        readRateLimitHeaders(response.headers).retryAfterMs,
      );
    }
    const parsed = request.answer.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(
        'malformed-answer',
        'HighLevel answered in a form this extension does not understand; nothing was assumed.',
        { status: response.status },
      );
    }
    return parsed.data;
  }

  const contactPath = (contactId: string) => `/contacts/${encodeURIComponent(contactId)}`;

  return {
    async getContact(contactId: string): Promise<Contact> {
      const answer = await call({
        method: 'GET',
        path: contactPath(contactId),
        answer: contactAnswer,
      });
      return toContact(answer.contact);
    },

    /** Answers the `tags` of the reply; read them with `applyTagAnswer`. */
    async changeTags(op: TagOp, contactId: string, tags: readonly string[]): Promise<string[]> {
      const answer = await call({
        method: op === 'add' ? 'POST' : 'DELETE',
        path: `${contactPath(contactId)}/tags`,
        body: { tags },
        answer: tagsAnswer,
      });
      return answer.tags;
    },

    async bulkChangeTags(
      op: TagOp,
      request: { contactIds: readonly string[]; tags: readonly string[]; locationId: string },
    ): Promise<BulkContactOutcome[]> {
      const body: Record<string, unknown> = {
        contacts: request.contactIds,
        tags: request.tags,
        locationId: request.locationId,
      };
      if (op === 'remove') body.removeAllTags = false;
      const answer = await call({
        method: 'POST',
        path: `/contacts/bulk/tags/update/${op}`,
        body,
        answer: bulkAnswer,
      });
      return answer.responses.map((entry) => ({
        contactId: entry.contactId,
        ok: entry.type !== 'error',
        message: entry.message,
      }));
    },

    async listLocationTags(locationId: string): Promise<string[]> {
      const answer = await call({
        method: 'GET',
        path: `/locations/${encodeURIComponent(locationId)}/tags`,
        answer: locationTagsAnswer,
      });
      return answer.tags.map((tag) => tag.name);
    },

    async getConversation(conversationId: string) {
      const answer = await call({
        method: 'GET',
        path: `/conversations/${encodeURIComponent(conversationId)}`,
        version: CONVERSATIONS_VERSION,
        answer: conversationAnswer,
      });
      return { contactId: answer.contactId, locationId: answer.locationId };
    },

    async getOpportunity(opportunityId: string) {
      const answer = await call({
        method: 'GET',
        path: `/opportunities/${encodeURIComponent(opportunityId)}`,
        answer: opportunityAnswer,
      });
      return {
        contactId: answer.opportunity.contactId,
        locationId: answer.opportunity.locationId,
      };
    },

    async searchContacts(request: {
      locationId: string;
      query: string;
      pageLimit?: number;
    }): Promise<Contact[]> {
      const answer = await call({
        method: 'POST',
        path: '/contacts/search',
        body: {
          locationId: request.locationId,
          page: 1,
          pageLimit: request.pageLimit ?? 20,
          query: request.query,
        },
        answer: searchAnswer,
      });
      return answer.contacts.map(toContact);
    },
  };
}

function toContact(raw: RawContact): Contact {
  return {
    id: raw.id,
    locationId: raw.locationId,
    name: contactName(raw),
    email: raw.email ?? undefined,
    phone: raw.phone ?? undefined,
    tags: raw.tags ?? [],
  };
}

/** Real answers carry `contactName`; read `contactName ?? name ?? first + last`. */
function contactName(raw: RawContact): string {
  const joined = [raw.firstName, raw.lastName]
    .filter((part): part is string => Boolean(part?.trim()))
    .join(' ');
  return (
    raw.contactName?.trim() ||
    raw.name?.trim() ||
    joined ||
    raw.email ||
    raw.phone ||
    'Unnamed contact'
  );
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
