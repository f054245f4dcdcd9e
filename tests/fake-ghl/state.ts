/**
 * The fake's data: locations, contacts, tags, conversations, opportunities and tokens.
 * Tests read and change it directly (helpers below); the API changes it only when an answer is
 * delivered (see api-endpoint.ts). Reads return copies, so a snapshot a test keeps does not
 * change under it.
 */
import { firestoreIdStream } from './ids';
import { SEED_LOCATIONS, SEED_TOKENS, type SeedContact } from './seed';
import { normalizeTags, withTagsAdded, withTagsRemoved } from './tag-rules';
import type { Scope } from './types';

export interface LocationRecord {
  readonly id: string;
  readonly name: string;
  readonly timezone: string;
}

export interface ContactRecord {
  id: string;
  locationId: string;
  firstName: string;
  lastName?: string;
  email?: string;
  phone?: string;
  companyName?: string;
  tags: string[];
  dateAdded: string;
  dateUpdated: string;
  deleted: boolean;
}

export interface LocationTagRecord {
  id: string;
  name: string;
  locationId: string;
}

export interface MessageRecord {
  direction: 'inbound' | 'outbound';
  body: string;
  dateAdded: string;
}

export interface ConversationRecord {
  id: string;
  locationId: string;
  contactId: string;
  type: number;
  unreadCount: number;
  starred: boolean;
  messages: MessageRecord[];
}

export interface OpportunityRecord {
  id: string;
  locationId: string;
  contactId: string;
  name: string;
  monetaryValue: number;
  status: string;
  pipelineId: string;
  pipelineStageId: string;
  createdAt: string;
}

export interface TokenRecord {
  readonly token: string;
  readonly locationId: string;
  readonly scopes: readonly Scope[];
}

export interface NewContactFields {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  tags?: readonly string[];
}

/** Names for generated contacts: plain, varied, and combined so thousands stay distinct enough. */
const GENERATED_FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Amara',
  'Noah',
  'Sofia',
  'Mateo',
  'Hana',
  'Elijah',
  'Leila',
  'Arjun',
  'Chloe',
  'Diego',
  'Ingrid',
  'Kofi',
  'Mei',
  'Omar',
  'Priya',
  'Rafael',
  'Saoirse',
  'Yusuf',
];
const GENERATED_LAST_NAMES = [
  'Smith',
  'Okoye',
  'Garcia',
  'Nakamura',
  'Kowalski',
  'Haddad',
  'Johansson',
  'Singh',
  'Moreau',
  'Adeyemi',
  'Costa',
  'Novak',
  'Reyes',
  'Schneider',
  'Tran',
  'Walsh',
  'Yilmaz',
  'Zhang',
];

const SEED_TIME = '2024-03-01T15:30:00.000Z';

function copyContact(contact: ContactRecord): ContactRecord {
  return { ...contact, tags: [...contact.tags] };
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')
    .toLowerCase();
}

export class FakeState {
  private readonly locations = new Map<string, LocationRecord>();
  /** Insertion order is the app's list order. */
  private readonly contacts = new Map<string, ContactRecord>();
  private readonly tagsByLocation = new Map<string, LocationTagRecord[]>();
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly opportunities = new Map<string, OpportunityRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private nextGeneratedId: () => string = firestoreIdStream('generated');
  private generatedContactCount = 0;

  constructor() {
    this.reset();
  }

  /** Back to the seed, in place (the object's identity stays, so references held by tests stay valid). */
  reset(): void {
    this.locations.clear();
    this.contacts.clear();
    this.tagsByLocation.clear();
    this.conversations.clear();
    this.opportunities.clear();
    this.tokens.clear();
    this.nextGeneratedId = firestoreIdStream('generated');
    this.generatedContactCount = 0;

    for (const location of SEED_LOCATIONS) {
      this.locations.set(location.id, {
        id: location.id,
        name: location.name,
        timezone: location.timezone,
      });
      this.tagsByLocation.set(location.id, []);
      this.ensureLocationTags(location.id, location.tags, false);
      for (const contact of location.contacts) this.insertSeedContact(location.id, contact);
      for (const conversation of location.conversations) {
        this.conversations.set(conversation.id, {
          id: conversation.id,
          locationId: location.id,
          contactId: conversation.contactId,
          type: conversation.type,
          unreadCount: conversation.unreadCount,
          starred: conversation.starred,
          messages: conversation.messages.map((message, index) => ({
            direction: message.direction,
            body: message.body,
            dateAdded: new Date(Date.parse(SEED_TIME) + index * 600_000).toISOString(),
          })),
        });
      }
      for (const opportunity of location.opportunities) {
        this.opportunities.set(opportunity.id, {
          ...opportunity,
          locationId: location.id,
          pipelineId: `${location.id.slice(0, 10)}Pipeline`,
          pipelineStageId: '5f4c1e2a-8b3d-4e6f-9a7b-1c2d3e4f5a6b',
          createdAt: SEED_TIME,
        });
      }
    }
    for (const token of SEED_TOKENS) this.tokens.set(token.token, { ...token });
  }

  private insertSeedContact(locationId: string, contact: SeedContact): void {
    this.contacts.set(contact.id, {
      id: contact.id,
      locationId,
      firstName: contact.firstName,
      ...(contact.lastName === undefined ? {} : { lastName: contact.lastName }),
      ...(contact.email === undefined ? {} : { email: contact.email }),
      ...(contact.phone === undefined ? {} : { phone: contact.phone }),
      ...(contact.companyName === undefined ? {} : { companyName: contact.companyName }),
      tags: [...contact.tags],
      dateAdded: contact.dateAdded,
      dateUpdated: contact.dateAdded,
      deleted: contact.deleted ?? false,
    });
    this.ensureLocationTags(locationId, contact.tags, false);
  }

  // ---- Reading --------------------------------------------------------------------------

  getLocation(locationId: string): LocationRecord | undefined {
    return this.locations.get(locationId);
  }

  /** A copy of the contact, deleted ones included (check `deleted`). */
  getContact(contactId: string): ContactRecord | undefined {
    const contact = this.contacts.get(contactId);
    return contact && copyContact(contact);
  }

  /** The location's contacts in list order, without deleted ones unless asked. */
  contactsOf(locationId: string, options: { includeDeleted?: boolean } = {}): ContactRecord[] {
    const found: ContactRecord[] = [];
    for (const contact of this.contacts.values()) {
      if (contact.locationId !== locationId) continue;
      if (contact.deleted && !options.includeDeleted) continue;
      found.push(copyContact(contact));
    }
    return found;
  }

  locationTags(locationId: string): LocationTagRecord[] {
    return (this.tagsByLocation.get(locationId) ?? []).map((tag) => ({ ...tag }));
  }

  getConversation(conversationId: string): ConversationRecord | undefined {
    const conversation = this.conversations.get(conversationId);
    return (
      conversation && { ...conversation, messages: conversation.messages.map((m) => ({ ...m })) }
    );
  }

  conversationsOf(locationId: string): ConversationRecord[] {
    return [...this.conversations.values()]
      .filter((conversation) => conversation.locationId === locationId)
      .map((conversation) => ({ ...conversation, messages: [...conversation.messages] }));
  }

  getOpportunity(opportunityId: string): OpportunityRecord | undefined {
    const opportunity = this.opportunities.get(opportunityId);
    return opportunity && { ...opportunity };
  }

  opportunitiesOf(locationId: string): OpportunityRecord[] {
    return [...this.opportunities.values()]
      .filter((opportunity) => opportunity.locationId === locationId)
      .map((opportunity) => ({ ...opportunity }));
  }

  getToken(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  // ---- Helpers for tests ----------------------------------------------------------------

  private requireLocation(locationId: string): void {
    if (!this.locations.has(locationId)) throw new Error(`fake-ghl: no location ${locationId}`);
  }

  private requireContact(contactId: string): ContactRecord {
    const contact = this.contacts.get(contactId);
    if (!contact) throw new Error(`fake-ghl: no contact ${contactId}`);
    return contact;
  }

  /** Adds one contact and returns its ID; unnamed fields get generated values. */
  addContact(locationId: string, fields: NewContactFields = {}): string {
    this.requireLocation(locationId);
    const number = ++this.generatedContactCount;
    const firstName =
      fields.firstName ?? GENERATED_FIRST_NAMES[number % GENERATED_FIRST_NAMES.length] ?? 'Pat';
    const lastName =
      fields.lastName ?? GENERATED_LAST_NAMES[(number * 7) % GENERATED_LAST_NAMES.length] ?? 'Doe';
    const dateAdded = new Date(
      Date.parse('2025-01-01T09:00:00.000Z') + number * 60_000,
    ).toISOString();
    const id = this.nextGeneratedId();
    this.contacts.set(id, {
      id,
      locationId,
      firstName,
      lastName,
      email: fields.email ?? `${asciiSlug(`${firstName} ${lastName}`)}.${number}@example.com`,
      phone: fields.phone ?? `+1555${String(number).padStart(7, '0')}`,
      tags: normalizeTags(fields.tags ?? [], false),
      dateAdded,
      dateUpdated: dateAdded,
      deleted: false,
    });
    this.ensureLocationTags(locationId, fields.tags ?? [], false);
    return id;
  }

  /** Adds `count` generated contacts (e.g. 5,000 for bulk tests) and returns their IDs in order. */
  addContacts(
    locationId: string,
    count: number,
    fields: Pick<NewContactFields, 'tags'> = {},
  ): string[] {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push(this.addContact(locationId, fields));
    return ids;
  }

  /** Marks a contact deleted: the API then answers 404 and bulk calls report `contact is deleted`. */
  deleteContact(contactId: string): void {
    this.requireContact(contactId).deleted = true;
  }

  setContactName(contactId: string, firstName: string, lastName?: string): void {
    const contact = this.requireContact(contactId);
    contact.firstName = firstName;
    if (lastName === undefined) delete contact.lastName;
    else contact.lastName = lastName;
    contact.dateUpdated = new Date().toISOString();
  }

  /** Replaces a contact's tags, as if someone edited them in HighLevel (creates missing location tags). */
  setContactTags(contactId: string, tags: readonly string[]): void {
    const contact = this.requireContact(contactId);
    contact.tags = normalizeTags(tags, false);
    contact.dateUpdated = new Date().toISOString();
    this.ensureLocationTags(contact.locationId, contact.tags, false);
  }

  /** Adds names to a location's tag list (e.g. 10,000 for suggestion benchmarks). */
  addLocationTags(locationId: string, names: readonly string[]): void {
    this.requireLocation(locationId);
    this.ensureLocationTags(locationId, names, false);
  }

  addToken(token: string, locationId: string, scopes: readonly Scope[]): void {
    this.requireLocation(locationId);
    this.tokens.set(token, { token, locationId, scopes: [...scopes] });
  }

  /** The token then answers 401 "Invalid token", as a revoked or rotated PIT does. */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  // ---- Changes the API applies when its answer is delivered ------------------------------

  addTagsToContact(contactId: string, tags: readonly string[], ignoreCase: boolean): void {
    const contact = this.requireContact(contactId);
    const change = withTagsAdded(contact.tags, tags, ignoreCase);
    if (change.changed.length > 0) {
      contact.tags = change.after;
      contact.dateUpdated = new Date().toISOString();
    }
    this.ensureLocationTags(contact.locationId, tags, ignoreCase);
  }

  removeTagsFromContact(contactId: string, tags: readonly string[], ignoreCase: boolean): void {
    const contact = this.requireContact(contactId);
    const change = withTagsRemoved(contact.tags, tags, ignoreCase);
    if (change.changed.length > 0) {
      contact.tags = change.after;
      contact.dateUpdated = new Date().toISOString();
    }
  }

  removeAllTagsFromContact(contactId: string): void {
    const contact = this.requireContact(contactId);
    contact.tags = [];
    contact.dateUpdated = new Date().toISOString();
  }

  /** Applying a tag creates it in the location's list: HighLevel has no separate create step. */
  ensureLocationTags(locationId: string, names: readonly string[], ignoreCase: boolean): void {
    const list = this.tagsByLocation.get(locationId);
    if (!list) return;
    const key = (name: string) => (ignoreCase ? name.toLowerCase() : name);
    // A set, not a scan per name: tests add 10,000 tags at once.
    const known = new Set(list.map((tag) => key(tag.name)));
    for (const name of names) {
      if (known.has(key(name))) continue;
      known.add(key(name));
      list.push({ id: this.nextGeneratedId(), name, locationId });
    }
  }

  /** An ID for a tag about to be created, so the answer can name it before the change applies. */
  newTagId(): string {
    return this.nextGeneratedId();
  }

  insertLocationTag(tag: LocationTagRecord): void {
    this.tagsByLocation.get(tag.locationId)?.push({ ...tag });
  }

  /** Renames the tag in the location's list and on every contact carrying it. */
  renameLocationTag(locationId: string, tagId: string, name: string): void {
    const tag = this.tagsByLocation.get(locationId)?.find((candidate) => candidate.id === tagId);
    if (!tag) return;
    for (const contact of this.contacts.values()) {
      if (contact.locationId !== locationId) continue;
      contact.tags = contact.tags.map((existing) => (existing === tag.name ? name : existing));
    }
    tag.name = name;
  }

  /** Deletes the tag from the location's list and from every contact carrying it. */
  deleteLocationTag(locationId: string, tagId: string): void {
    const list = this.tagsByLocation.get(locationId);
    const tag = list?.find((candidate) => candidate.id === tagId);
    if (!list || !tag) return;
    list.splice(list.indexOf(tag), 1);
    for (const contact of this.contacts.values()) {
      if (contact.locationId !== locationId) continue;
      contact.tags = contact.tags.filter((existing) => existing !== tag.name);
    }
  }
}
