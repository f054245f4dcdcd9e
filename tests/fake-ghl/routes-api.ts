/**
 * What each API operation answers, and the change it makes. Handlers run after the request has
 * passed the contract, the rate limit, the fault switches and the token and scope checks
 * (api-endpoint.ts); they never change state themselves but return the change as `apply`,
 * which runs only if the answer reaches the client.
 *
 * Order of checks inside a handler: semantic body checks (400/422), then the resource
 * (404 unknown or deleted), then its location (403), as the real service appears to do.
 */
import {
  type ApiAnswer,
  badRequest,
  contactView,
  conversationView,
  fullName,
  json,
  locationTagView,
  notFound,
  opportunityView,
  unprocessable,
  wrongLocation,
} from './api-answers';
import type { OperationMatch } from './contract';
import { FIRESTORE_ID } from './ids';
import type { ContactRecord, FakeState, TokenRecord } from './state';
import {
  MAX_TAG_LENGTH,
  normalizeTags,
  sameTag,
  tagListProblem,
  withTagsAdded,
  withTagsRemoved,
} from './tag-rules';
import type { Scope, Switches } from './types';

export interface OperationContext {
  match: OperationMatch;
  /** The JSON body, already checked against the contract. */
  body: unknown;
  token: TokenRecord;
  state: FakeState;
  switches: Readonly<Switches>;
}

type OperationHandler = (context: OperationContext) => ApiAnswer;

/** ghl-api/README.md's scope table (bulk assumed to need contacts.write, as it says). */
export const REQUIRED_SCOPES = {
  'get-contact': 'contacts.readonly',
  'search-contacts-advanced': 'contacts.readonly',
  'add-tags': 'contacts.write',
  'remove-tags': 'contacts.write',
  'create-association': 'contacts.write',
  'get-location-tags': 'locations/tags.readonly',
  'get-tag-by-id': 'locations/tags.readonly',
  'create-tag': 'locations/tags.write',
  'update-tag': 'locations/tags.write',
  'delete-tag': 'locations/tags.write',
  'get-conversation': 'conversations.readonly',
  'get-opportunity': 'opportunities.readonly',
} as const satisfies Record<string, Scope>;

export type HandledOperation = keyof typeof REQUIRED_SCOPES;

export function isHandledOperation(operationId: string): operationId is HandledOperation {
  return Object.hasOwn(REQUIRED_SCOPES, operationId);
}

// ---- Reading the (already validated) body -----------------------------------------------

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

function stringsIn(body: unknown, name: string): string[] {
  const value = field(body, name);
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function stringIn(body: unknown, name: string): string | undefined {
  const value = field(body, name);
  return typeof value === 'string' ? value : undefined;
}

function numberIn(body: unknown, name: string): number | undefined {
  const value = field(body, name);
  return typeof value === 'number' ? value : undefined;
}

function param(context: OperationContext, name: string): string {
  return context.match.params[name] ?? '';
}

// ---- Shared checks -----------------------------------------------------------------------

/** The token's own, not-deleted contact, or the answer saying why not. */
function ownContact(context: OperationContext, contactId: string): ContactRecord | ApiAnswer {
  const contact = context.state.getContact(contactId);
  if (!contact || contact.deleted) return notFound('Contact');
  if (contact.locationId !== context.token.locationId) return wrongLocation();
  return contact;
}

function isAnswer(value: ContactRecord | ApiAnswer): value is ApiAnswer {
  return 'status' in value;
}

function tagsProblemAnswer(tags: readonly string[]): ApiAnswer | undefined {
  const problem = tagListProblem(tags);
  if (!problem) return undefined;
  return problem.status === 400 ? badRequest(problem.message) : unprocessable(problem.messages);
}

function tagNameProblem(name: string): ApiAnswer | undefined {
  if (name === '') return unprocessable(['name should not be empty']);
  if ([...name].length > MAX_TAG_LENGTH) {
    return unprocessable([`name must be shorter than or equal to ${MAX_TAG_LENGTH} characters`]);
  }
  return undefined;
}

// ---- Contacts ----------------------------------------------------------------------------

const getContact: OperationHandler = (context) => {
  const contact = ownContact(context, param(context, 'contactId'));
  return isAnswer(contact) ? contact : json(200, { contact: contactView(contact) });
};

/** POST (201) or DELETE (200) /contacts/{contactId}/tags. */
const changeTags =
  (op: 'add' | 'remove'): OperationHandler =>
  (context) => {
    const requested = stringsIn(context.body, 'tags');
    const problem = tagsProblemAnswer(requested);
    if (problem) return problem;
    const contact = ownContact(context, param(context, 'contactId'));
    if (isAnswer(contact)) return contact;

    const ignoreCase = context.switches.lowercaseTags;
    const tags = normalizeTags(requested, ignoreCase);
    const change = (op === 'add' ? withTagsAdded : withTagsRemoved)(contact.tags, tags, ignoreCase);
    const answered = context.switches.tagAnswer === 'whole' ? change.after : change.changed;
    // The change is re-applied to the state as it is when delivered, so concurrent calls compose.
    return json(op === 'add' ? 201 : 200, { tags: answered }, () =>
      op === 'add'
        ? context.state.addTagsToContact(contact.id, tags, ignoreCase)
        : context.state.removeTagsFromContact(contact.id, tags, ignoreCase),
    );
  };

interface BulkEntry {
  contactId: string;
  message: string;
  type: 'success' | 'error';
  oldTags?: string[];
  tagsAdded?: string[];
  tagsRemoved?: string[];
}

/** The per-contact verdict of a bulk call; errors do not fail the call (ghl-api/README.md). */
function bulkContactError(
  context: OperationContext,
  contactId: string,
  locationId: string,
): string | undefined {
  if (!FIRESTORE_ID.test(contactId)) return 'contact id is not a valid firebase id';
  const contact = context.state.getContact(contactId);
  if (!contact) return 'contact not found';
  if (contact.deleted) return 'contact is deleted';
  if (contact.locationId !== locationId) return 'contact does not belong to location';
  return undefined;
}

const bulkUpdateTags: OperationHandler = (context) => {
  const adding = param(context, 'type') === 'add';
  const contactIds = stringsIn(context.body, 'contacts');
  const requested = stringsIn(context.body, 'tags');
  const locationId = stringIn(context.body, 'locationId');
  const removeAll = !adding && field(context.body, 'removeAllTags') === true;
  const { bulkMaxContacts, lowercaseTags: ignoreCase } = context.switches;

  if (locationId !== context.token.locationId) return wrongLocation();
  if (contactIds.length > bulkMaxContacts) {
    return unprocessable([`contacts must contain no more than ${bulkMaxContacts} elements`]);
  }
  if (contactIds.length === 0) return badRequest('contacts should not be empty');
  if (!removeAll || requested.length > 0) {
    const problem = tagsProblemAnswer(requested);
    if (problem) return problem;
  }

  const tags = normalizeTags(requested, ignoreCase);
  // Tags as they will be after earlier entries of this same call (a contact may repeat).
  const pending = new Map<string, string[]>();
  const entries = contactIds.map((contactId): BulkEntry => {
    const error = bulkContactError(context, contactId, context.token.locationId);
    if (error) return { contactId, message: error, type: 'error' };
    const before = pending.get(contactId) ?? context.state.getContact(contactId)?.tags ?? [];
    const change = adding
      ? withTagsAdded(before, tags, ignoreCase)
      : removeAll
        ? { after: [], changed: [...before] }
        : withTagsRemoved(before, tags, ignoreCase);
    pending.set(contactId, change.after);
    return {
      contactId,
      message: 'Tags updated',
      type: 'success',
      oldTags: [...before],
      tagsAdded: adding ? change.changed : [],
      tagsRemoved: adding ? [] : change.changed,
    };
  });

  const updated = [...pending.keys()];
  const apply = () => {
    for (const contactId of updated) {
      // A contact deleted while the answer was on its way stays untouched.
      if (context.state.getContact(contactId)?.deleted !== false) continue;
      if (adding) context.state.addTagsToContact(contactId, tags, ignoreCase);
      else if (removeAll) context.state.removeAllTagsFromContact(contactId);
      else context.state.removeTagsFromContact(contactId, tags, ignoreCase);
    }
  };
  const errorCount = entries.filter((entry) => entry.type === 'error').length;
  return json(201, { succeded: true, errorCount, responses: entries }, apply);
};

function matchesQuery(contact: ContactRecord, query: string): boolean {
  if (query === '') return true;
  const text = [fullName(contact), contact.email ?? '', contact.phone ?? '']
    .join('\n')
    .toLowerCase();
  if (text.includes(query)) return true;
  // "415 555 0101" finds "+14155550101".
  const digits = query.replace(/\D/g, '');
  return digits.length >= 3 && (contact.phone ?? '').replace(/\D/g, '').includes(digits);
}

const searchContacts: OperationHandler = (context) => {
  if (stringIn(context.body, 'locationId') !== context.token.locationId) return wrongLocation();
  const query = (stringIn(context.body, 'query') ?? '').trim().toLowerCase();
  const page = numberIn(context.body, 'page') ?? 1;
  const pageLimit = numberIn(context.body, 'pageLimit') ?? 20;
  const matches = context.state
    .contactsOf(context.token.locationId)
    .filter((contact) => matchesQuery(contact, query))
    // Newest first, as HighLevel lists contacts by default.
    .sort((left, right) => right.dateAdded.localeCompare(left.dateAdded));
  const pageOfMatches = matches.slice((page - 1) * pageLimit, page * pageLimit);
  return json(200, { contacts: pageOfMatches.map(contactView), total: matches.length });
};

// ---- Location tags -----------------------------------------------------------------------

function ownLocation(context: OperationContext): ApiAnswer | undefined {
  return param(context, 'locationId') === context.token.locationId ? undefined : wrongLocation();
}

const getLocationTags: OperationHandler = (context) =>
  ownLocation(context) ??
  json(200, { tags: context.state.locationTags(context.token.locationId).map(locationTagView) });

function findTag(context: OperationContext) {
  const tagId = param(context, 'tagId');
  return context.state.locationTags(context.token.locationId).find((tag) => tag.id === tagId);
}

const getTagById: OperationHandler = (context) => {
  const refused = ownLocation(context);
  if (refused) return refused;
  const tag = findTag(context);
  return tag ? json(200, { tag: locationTagView(tag) }) : notFound('Tag');
};

const createTag: OperationHandler = (context) => {
  const refused = ownLocation(context);
  if (refused) return refused;
  const name = (stringIn(context.body, 'name') ?? '').trim();
  const problem = tagNameProblem(name);
  if (problem) return problem;
  const { state, token } = context;
  const ignoreCase = context.switches.lowercaseTags;
  if (state.locationTags(token.locationId).some((tag) => sameTag(tag.name, name, true))) {
    return badRequest('The tag name already exists');
  }
  const tag = {
    id: state.newTagId(),
    name: ignoreCase ? name.toLowerCase() : name,
    locationId: token.locationId,
  };
  return json(200, { tag: locationTagView(tag) }, () => state.insertLocationTag(tag));
};

const updateTag: OperationHandler = (context) => {
  const refused = ownLocation(context);
  if (refused) return refused;
  const name = (stringIn(context.body, 'name') ?? '').trim();
  const problem = tagNameProblem(name);
  if (problem) return problem;
  const tag = findTag(context);
  if (!tag) return notFound('Tag');
  return json(200, { tag: locationTagView({ ...tag, name }) }, () =>
    context.state.renameLocationTag(tag.locationId, tag.id, name),
  );
};

const deleteTag: OperationHandler = (context) => {
  const refused = ownLocation(context);
  if (refused) return refused;
  const tag = findTag(context);
  if (!tag) return notFound('Tag');
  return json(200, { succeded: true }, () =>
    context.state.deleteLocationTag(tag.locationId, tag.id),
  );
};

// ---- Conversations and opportunities -------------------------------------------------------

const getConversation: OperationHandler = (context) => {
  const conversation = context.state.getConversation(param(context, 'conversationId'));
  if (!conversation) return notFound('Conversation');
  if (conversation.locationId !== context.token.locationId) return wrongLocation();
  return json(
    200,
    conversationView(conversation, context.state.getContact(conversation.contactId)),
  );
};

const getOpportunity: OperationHandler = (context) => {
  const opportunity = context.state.getOpportunity(param(context, 'id'));
  if (!opportunity) return notFound('Opportunity');
  if (opportunity.locationId !== context.token.locationId) return wrongLocation();
  return json(200, {
    opportunity: opportunityView(opportunity, context.state.getContact(opportunity.contactId)),
  });
};

const HANDLERS: Record<HandledOperation, OperationHandler> = {
  'get-contact': getContact,
  'search-contacts-advanced': searchContacts,
  'add-tags': changeTags('add'),
  'remove-tags': changeTags('remove'),
  'create-association': bulkUpdateTags,
  'get-location-tags': getLocationTags,
  'get-tag-by-id': getTagById,
  'create-tag': createTag,
  'update-tag': updateTag,
  'delete-tag': deleteTag,
  'get-conversation': getConversation,
  'get-opportunity': getOpportunity,
};

export function answerOperation(
  operationId: HandledOperation,
  context: OperationContext,
): ApiAnswer {
  return HANDLERS[operationId](context);
}
