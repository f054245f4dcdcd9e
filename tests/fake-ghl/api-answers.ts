/**
 * The API's answers: error bodies in the shapes ghl-api/README.md records, and the resource
 * views (contact, tag, conversation, opportunity) in the document's shapes plus the fields
 * real answers are seen to carry.
 */
import type {
  ContactRecord,
  ConversationRecord,
  LocationTagRecord,
  OpportunityRecord,
} from './state';

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Extra headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  /** The change this request makes; run only if the answer reaches a connected client. */
  apply?: () => void;
}

export function json(status: number, body: unknown, apply?: () => void): ApiAnswer {
  return apply ? { status, body, apply } : { status, body };
}

export function badRequest(message: string): ApiAnswer {
  return json(400, { statusCode: 400, message });
}

export function contractViolation(description: string, status = 400): ApiAnswer {
  return json(status, { statusCode: status, message: `contract violation: ${description}` });
}

export function invalidToken(): ApiAnswer {
  return json(401, {
    statusCode: 401,
    message: 'Invalid token: access token is invalid',
    error: 'Unauthorized',
  });
}

export function scopeMissing(): ApiAnswer {
  return json(401, { statusCode: 401, message: 'The token is not authorized for this scope.' });
}

export function wrongLocation(): ApiAnswer {
  return json(403, {
    statusCode: 403,
    message: 'The token does not have access to this location.',
  });
}

export function notFound(what: 'Contact' | 'Conversation' | 'Opportunity' | 'Tag'): ApiAnswer {
  return json(404, { statusCode: 404, message: `${what} not found` });
}

/** 422s carry `message` as an array (ghl-api/README.md, "Errors"). */
export function unprocessable(messages: string[]): ApiAnswer {
  return json(422, { statusCode: 422, message: messages, error: 'Unprocessable Entity' });
}

export function tooManyRequests(): ApiAnswer {
  return json(429, { statusCode: 429, message: 'Too many requests' });
}

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** What `failNext` answers: its own message when it has one, else the status's stock one. */
export function injectedFault(status: number, message?: string | string[]): ApiAnswer {
  return json(status, {
    statusCode: status,
    message: message ?? FAULT_MESSAGES[status] ?? 'Injected fault',
  });
}

export function fullName(contact: Pick<ContactRecord, 'firstName' | 'lastName'>): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

function optional<Key extends string>(
  key: Key,
  value: string | undefined,
): Partial<Record<Key, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<Key, string>);
}

/** GET /contacts/{id}'s `contact` (and the items of a search): optional fields left out when empty. */
export function contactView(contact: ContactRecord): Record<string, unknown> {
  const name = fullName(contact);
  return {
    id: contact.id,
    locationId: contact.locationId,
    contactName: name,
    name,
    firstName: contact.firstName,
    firstNameLowerCase: contact.firstName.toLowerCase(),
    ...optional('lastName', contact.lastName),
    ...optional('lastNameLowerCase', contact.lastName?.toLowerCase()),
    fullNameLowerCase: name.toLowerCase(),
    ...optional('email', contact.email),
    ...optional('emailLowerCase', contact.email?.toLowerCase()),
    ...optional('phone', contact.phone),
    ...optional('companyName', contact.companyName),
    type: 'lead',
    source: 'public api',
    dnd: false,
    tags: [...contact.tags],
    dateAdded: contact.dateAdded,
    dateUpdated: contact.dateUpdated,
    customFields: [],
  };
}

export function locationTagView(tag: LocationTagRecord): Record<string, unknown> {
  return { id: tag.id, name: tag.name, locationId: tag.locationId };
}

/** GET /conversations/{id}: the document's `GetConversationByIdResponse` plus commonly seen fields. */
export function conversationView(
  conversation: ConversationRecord,
  contact: ContactRecord | undefined,
): Record<string, unknown> {
  const last = conversation.messages.at(-1);
  return {
    id: conversation.id,
    contactId: conversation.contactId,
    locationId: conversation.locationId,
    deleted: false,
    inbox: true,
    type: conversation.type,
    unreadCount: conversation.unreadCount,
    starred: conversation.starred,
    ...(contact
      ? {
          fullName: fullName(contact),
          contactName: fullName(contact),
          ...optional('email', contact.email),
          ...optional('phone', contact.phone),
          tags: [...contact.tags],
        }
      : {}),
    ...(last ? { lastMessageBody: last.body, lastMessageDate: Date.parse(last.dateAdded) } : {}),
  };
}

/** GET /opportunities/{id}'s `opportunity`. */
export function opportunityView(
  opportunity: OpportunityRecord,
  contact: ContactRecord | undefined,
): Record<string, unknown> {
  return {
    id: opportunity.id,
    name: opportunity.name,
    monetaryValue: opportunity.monetaryValue,
    pipelineId: opportunity.pipelineId,
    pipelineStageId: opportunity.pipelineStageId,
    status: opportunity.status,
    source: '',
    lastStatusChangeAt: opportunity.createdAt,
    lastStageChangeAt: opportunity.createdAt,
    createdAt: opportunity.createdAt,
    updatedAt: opportunity.createdAt,
    contactId: opportunity.contactId,
    locationId: opportunity.locationId,
    ...(contact
      ? {
          contact: {
            id: contact.id,
            name: fullName(contact),
            ...optional('companyName', contact.companyName),
            ...optional('email', contact.email),
            ...optional('phone', contact.phone),
            tags: [...contact.tags],
          },
        }
      : {}),
    notes: [],
    tasks: [],
    calendarEvents: [],
    customFields: [],
    followers: [],
  };
}
