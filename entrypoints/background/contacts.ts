import { applyTagAnswer } from '@/utils/api/answer-rule';
import type { Contact } from '@/utils/api/client';
import { ApiError, failureClass } from '@/utils/api/errors';
import { createInFlight } from '@/utils/async/in-flight';
import { readHighLevelUrl } from '@/utils/detect/paths';
import { ProtocolError } from '@/utils/messages/errors';
import type { ContactSummary } from '@/utils/messages/protocol';
import { backoffMs } from '@/utils/queue/backoff';
import { buildContactView } from '@/utils/queue/contact-view';
import type { Clock } from '@/utils/queue/limiter';
import { keepRecent } from '@/utils/storage/lru';
import type { QueueEntry } from '@/utils/storage/schemas';
import type { Stores } from '@/utils/storage/stores';
import { sameTag } from '@/utils/tags/rules';
import type { Connections } from './connections';

/** Bounds of the caches in `storage.local` (least recently used evicted). */
const MAX_CACHED_CONTACTS = 1_000;
const MAX_CACHED_LOCATIONS = 50;
const MAX_RECENT_TAGS = 20;
/** Location tags older than this are refreshed in the background on use. */
const LOCATION_TAGS_FRESH_MS = 5 * 60_000;
/** A contact read that keeps failing transiently is retried this often (about a minute in all). */
const READ_RETRIES = 6;

export interface ContactsDeps {
  stores: Stores;
  clock: Clock;
  connections: Connections;
  /** A contact's view changed (its server list was read or answered). */
  onContactChange(locationId: string, contactId: string): void;
}

export type Contacts = ReturnType<typeof createContacts>;

/**
 * Contacts as the server last described them, and the views the editors show. Names and
 * tags come from the API, never from the page.
 */
export function createContacts(deps: ContactsDeps) {
  const { stores, clock, connections } = deps;
  /** Why a contact could not be read, until it can. */
  const problems = new Map<string, string>();

  async function view(locationId: string, contactId: string, queue: readonly QueueEntry[]) {
    const cached = (await stores.contacts.read())[contactId];
    const mine = cached?.locationId === locationId ? cached : undefined;
    const refused = (await connections.find(locationId))?.refused?.reason;
    return buildContactView({ locationId, contactId }, mine, queue, {
      problem: problems.get(contactId),
      connectionRefused: refused,
    });
  }

  async function remember(contact: Contact, locationId: string) {
    const now = clock.now();
    await stores.contacts.update((contacts) =>
      keepRecent(
        {
          ...contacts,
          [contact.id]: {
            locationId,
            name: contact.name,
            tags: contact.tags,
            fetchedAt: now,
            usedAt: now,
          },
        },
        MAX_CACHED_CONTACTS,
      ),
    );
  }

  /** Editors opening on the same contact at once share one GET. */
  const reading = createInFlight<void>();
  /** Contacts whose read waits out a backoff: asking again meanwhile starts no second chain. */
  const retrying = new Set<string>();

  /**
   * Reads the contact from HighLevel; the server's list becomes the truth. A transient
   * failure (429, 5xx, network, timeout) is retried quietly with backoff, a 429 never shown;
   * only a permanent one (deleted, refused) is stated as the contact's problem.
   */
  function refresh(locationId: string, contactId: string): Promise<void> {
    const key = `${locationId}/${contactId}`;
    if (retrying.has(key)) return Promise.resolve(); // The retry reads it soon enough.
    return reading(key, () => read(locationId, contactId, 0));
  }

  async function read(locationId: string, contactId: string, attempt: number): Promise<void> {
    const client = await connections.clientFor(locationId);
    try {
      const contact = await client.getContact(contactId);
      if (contact.locationId && contact.locationId !== locationId) {
        throw new ProtocolError('refused', 'This contact belongs to another sub-account.');
      }
      problems.delete(contactId);
      await remember(contact, locationId);
    } catch (error) {
      const transient = error instanceof ApiError && failureClass(error.kind) === 'retry';
      // A 429 is not a failure: it waits its turn however long the storm lasts.
      const rateLimited = error instanceof ApiError && error.kind === 'rate-limited';
      if (!transient || (!rateLimited && attempt >= READ_RETRIES)) {
        problems.set(contactId, readProblem(error));
        throw error;
      }
      if (rateLimited) problems.delete(contactId);
      else problems.set(contactId, readProblem(error));
      const next = rateLimited ? attempt : attempt + 1;
      const key = `${locationId}/${contactId}`;
      retrying.add(key);
      void clock
        .sleep(error.details.retryAfterMs ?? backoffMs(next + 1))
        .then(() => {
          retrying.delete(key);
          return reading(key, () => read(locationId, contactId, next));
        })
        .catch(() => undefined);
    } finally {
      deps.onContactChange(locationId, contactId);
    }
  }

  /** After a tag call: read the answer by the answer rule and keep what it says. */
  async function recordAnswer(entry: QueueEntry, answerTags: readonly string[] | undefined) {
    const [contactId] = entry.contactIds;
    if (!contactId) return;
    problems.delete(contactId); // HighLevel just answered for this contact.
    await stores.contacts.update((contacts) => {
      const cached = contacts[contactId];
      const known =
        answerTags === undefined
          ? undefined
          : applyTagAnswer(entry.op, entry.tags, answerTags, cached?.tags);
      if (!cached) return contacts;
      if (known === undefined) {
        // The answer could not be read: drop the list so the next view reads it afresh.
        const { [contactId]: _, ...rest } = contacts;
        return rest;
      }
      return { ...contacts, [contactId]: { ...cached, tags: known, fetchedAt: clock.now() } };
    });
    deps.onContactChange(entry.locationId, contactId);
  }

  /** Whether the contact is known to be another location's. */
  async function belongsElsewhere(locationId: string, contactId: string): Promise<boolean> {
    const cached = (await stores.contacts.read())[contactId];
    return cached !== undefined && cached.locationId !== locationId;
  }

  async function cachedName(contactId: string): Promise<string | undefined> {
    return (await stores.contacts.read())[contactId]?.name;
  }

  async function serverTags(contactId: string): Promise<string[] | undefined> {
    return (await stores.contacts.read())[contactId]?.tags;
  }

  async function search(locationId: string, query: string): Promise<ContactSummary[]> {
    const client = await connections.clientFor(locationId);
    const found = await client.searchContacts({ locationId, query: query.trim() });
    return found.map(({ id, name, email, phone }) => ({ id, name, email, phone }));
  }

  /** Which contact a HighLevel address shows; conversations and opportunities are looked up. */
  async function contactOfPage(url: string): Promise<{ locationId: string; contactId: string }> {
    const target = readHighLevelUrl(url);
    if (target.kind === 'contact') return target;
    if (target.kind === 'conversation' || (target.kind === 'opportunity' && target.opportunityId)) {
      const client = await connections.clientFor(target.locationId);
      const found =
        target.kind === 'conversation'
          ? await lookup(() => client.getConversation(target.conversationId), 'conversation')
          : await lookup(() => client.getOpportunity(target.opportunityId ?? ''), 'opportunity');
      if (found.locationId && found.locationId !== target.locationId) {
        throw new ProtocolError('refused', 'That belongs to another sub-account.');
      }
      return { locationId: target.locationId, contactId: found.contactId };
    }
    throw new ProtocolError('refused', 'This page shows no single contact.');
  }

  async function locationTags(locationId: string) {
    const cached = (await stores.locationTags.read())[locationId];
    const stale = !cached || clock.now() - cached.fetchedAt > LOCATION_TAGS_FRESH_MS;
    if (stale) {
      const loading = refreshLocationTags(locationId);
      // With a list in hand, answer at once and let the refresh land for next time.
      if (cached) loading.catch(() => undefined);
      else await loading.catch(() => undefined);
    }
    const current = (await stores.locationTags.read())[locationId];
    return { tags: current?.tags ?? [], recent: current?.recent ?? [] };
  }

  async function refreshLocationTags(locationId: string) {
    const client = await connections.clientFor(locationId);
    const tags = await client.listLocationTags(locationId);
    await updateLocationTags(locationId, (entry) => ({ ...entry, tags, fetchedAt: clock.now() }));
  }

  /** Tags just applied join the location's list and its recently used ones. */
  async function noteUsedTags(locationId: string, tags: readonly string[]) {
    await updateLocationTags(locationId, (entry) => ({
      ...entry,
      tags: [
        ...entry.tags,
        ...tags.filter((tag) => !entry.tags.some((known) => sameTag(known, tag))),
      ],
      recent: [
        ...tags,
        ...entry.recent.filter((tag) => !tags.some((used) => sameTag(used, tag))),
      ].slice(0, MAX_RECENT_TAGS),
    }));
  }

  async function updateLocationTags(
    locationId: string,
    change: (entry: { tags: string[]; recent: string[]; fetchedAt: number }) => {
      tags: string[];
      recent: string[];
      fetchedAt: number;
    },
  ) {
    await stores.locationTags.update((all) => {
      const current = all[locationId] ?? { tags: [], recent: [], fetchedAt: 0, usedAt: 0 };
      const next = { ...change(current), usedAt: clock.now() };
      return keepRecent({ ...all, [locationId]: next }, MAX_CACHED_LOCATIONS);
    });
  }

  return {
    view,
    refresh,
    recordAnswer,
    serverTags,
    cachedName,
    belongsElsewhere,
    search,
    contactOfPage,
    locationTags,
    noteUsedTags,
  };
}

function readProblem(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'not-found') {
    return 'This contact was not found: it may have been deleted.';
  }
  if (error instanceof ApiError && error.kind === 'other-location') {
    return 'HighLevel refused this contact for this sub-account: it belongs to another one, or the token lost access. Check the connection on the options page.';
  }
  if (error instanceof ApiError || error instanceof ProtocolError) return error.message;
  return 'Could not read the contact.';
}

async function lookup<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'missing-scope') {
      throw new ProtocolError(
        'refused',
        `The token lacks the ${what}s.readonly scope, so the ${what}’s contact cannot be found. Add the scope to the Private Integration, or open the contact’s own page.`,
      );
    }
    if (error instanceof ApiError && error.kind === 'not-found') {
      throw new ProtocolError('refused', `This ${what} was not found: it may have been deleted.`);
    }
    throw error;
  }
}
