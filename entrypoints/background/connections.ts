import { type ApiClient, createApiClient } from '@/utils/api/client';
import { ApiError } from '@/utils/api/errors';
import { isHighLevelId } from '@/utils/detect/ids';
import { ProtocolError } from '@/utils/messages/errors';
import type { ConnectionView, ScopeCheck } from '@/utils/messages/protocol';
import { type Clock, createRateLimiter, type RateLimiter } from '@/utils/queue/limiter';
import type { Connection, QueueEntry } from '@/utils/storage/schemas';
import type { Stores } from '@/utils/storage/stores';

/**
 * The only place tokens live and are read (SPEC.md "Token storage"): one Private
 * Integration Token per location ID. Nothing here returns a token; views carry the last
 * four characters only.
 */
export interface ConnectionsDeps {
  stores: Stores;
  clock: Clock;
  fetch?: typeof fetch;
  callTimeoutMs?: number;
  /** A connection was saved, replaced, removed or refused. */
  onChange(): void;
}

export type Connections = ReturnType<typeof createConnections>;

/** A contact ID that cannot exist: a tag call on it checks the write scope and writes nothing. */
const IMPOSSIBLE_ID = 'scope-check-no-such-contact';

export const NO_TOKEN_MESSAGE = 'No token for this sub-account.';

export function createConnections(deps: ConnectionsDeps) {
  const { stores } = deps;
  /** One limiter per token, shared by every path (SPEC.md "Rate limits"). */
  const limiters = new Map<string, RateLimiter>();

  function limiterFor(token: string): RateLimiter {
    let limiter = limiters.get(token);
    if (!limiter) {
      limiter = createRateLimiter(deps.clock);
      limiters.set(token, limiter);
    }
    return limiter;
  }

  function clientWith(token: string): ApiClient {
    return createApiClient({
      token,
      gate: limiterFor(token),
      fetch: deps.fetch,
      timeoutMs: deps.callTimeoutMs,
    });
  }

  async function find(locationId: string): Promise<Connection | undefined> {
    return (await stores.connections.read())[locationId];
  }

  /** The location's connection; refuses in words when no token is saved for it. */
  async function require(locationId: string): Promise<Connection> {
    const connection = await find(locationId);
    if (!connection) throw new ProtocolError('no-connection', NO_TOKEN_MESSAGE, locationId);
    return connection;
  }

  /** The API client for a location; refuses in words when no token is saved for it. */
  async function clientFor(locationId: string): Promise<ApiClient> {
    return clientWith((await require(locationId)).token);
  }

  async function list(queue: readonly QueueEntry[]): Promise<ConnectionView[]> {
    const connections = await stores.connections.read();
    return Object.values(connections)
      .map((connection) => toView(connection, queue))
      .sort((a, b) => (a.name ?? a.locationId).localeCompare(b.name ?? b.locationId));
  }

  /** One saved connection as the options page shows it; refuses in words when there is none. */
  async function view(locationId: string, queue: readonly QueueEntry[]): Promise<ConnectionView> {
    return toView(await require(locationId), queue);
  }

  async function save(input: { locationId: string; token: string; name?: string }) {
    const locationId = input.locationId.trim();
    const token = input.token.trim();
    if (!isHighLevelId(locationId)) {
      throw new ProtocolError(
        'refused',
        'A location ID is 20 letters and digits, as in the sub-account’s address: /v2/location/{ID}/…',
      );
    }
    if (token === '') throw new ProtocolError('refused', 'Paste the Private Integration Token.');
    if (/\s/.test(token)) {
      throw new ProtocolError('refused', 'A token has no spaces or line breaks: paste it again.');
    }
    const name = input.name?.trim();
    const updated = await stores.connections.update((connections) => {
      const previous = connections[locationId];
      // Replacing a token (rotation) keeps the name and clears a refusal: held changes go out.
      const connection: Connection = {
        locationId,
        token,
        name: name || previous?.name,
        savedAt: deps.clock.now(),
      };
      return { ...connections, [locationId]: connection };
    });
    deps.onChange();
    return updated[locationId] as Connection;
  }

  async function rename(locationId: string, name: string): Promise<void> {
    const trimmed = name.trim();
    let found = false;
    await stores.connections.update((connections) => {
      const connection = connections[locationId];
      if (!connection) return connections;
      found = true;
      const { name: _, ...rest } = connection;
      return { ...connections, [locationId]: trimmed ? { ...rest, name: trimmed } : rest };
    });
    if (!found) throw new ProtocolError('no-connection', NO_TOKEN_MESSAGE, locationId);
    deps.onChange();
  }

  /** Names from a settings file, given to the connections this browser has (tokens stay its own). */
  async function applyNames(names: Record<string, string>): Promise<void> {
    await stores.connections.update((connections) => {
      const named = { ...connections };
      for (const [locationId, name] of Object.entries(names)) {
        const connection = named[locationId];
        if (connection && name.trim()) named[locationId] = { ...connection, name: name.trim() };
      }
      return named;
    });
    deps.onChange();
  }

  async function remove(locationId: string): Promise<boolean> {
    let removed = false;
    await stores.connections.update((connections) => {
      if (!(locationId in connections)) return connections;
      removed = true;
      const { [locationId]: _, ...rest } = connections;
      return rest;
    });
    if (removed) deps.onChange();
    return removed;
  }

  async function markRefused(locationId: string, error: ApiError): Promise<void> {
    await stores.connections.update((connections) => {
      const connection = connections[locationId];
      if (!connection) return connections;
      const refused = { at: deps.clock.now(), reason: error.message };
      return { ...connections, [locationId]: { ...connection, refused } };
    });
    deps.onChange();
  }

  /** Whether the location's token still reads the location (a cheap search of one contact). */
  async function stillWorks(locationId: string): Promise<boolean> {
    try {
      const client = await clientFor(locationId);
      await client.searchContacts({ locationId, query: '', pageLimit: 1 });
      return true;
    } catch {
      return false;
    }
  }

  /** Locations whose changes must wait: no token, or a token HighLevel refused. */
  async function heldLocations(queue: readonly QueueEntry[]): Promise<Set<string>> {
    const connections = await stores.connections.read();
    const held = new Set<string>();
    for (const entry of queue) {
      const connection = connections[entry.locationId];
      if (!connection || connection.refused) held.add(entry.locationId);
    }
    return held;
  }

  /** Which scopes the token holds, each probed with a call that changes nothing. */
  async function test(locationId: string, typedToken?: string): Promise<ScopeCheck[]> {
    const token = typedToken?.trim() || (await find(locationId))?.token;
    if (!token) throw new ProtocolError('no-connection', NO_TOKEN_MESSAGE, locationId);
    const client = clientWith(token);
    const probes: { scope: string; disables: string; probe: () => Promise<unknown> }[] = [
      {
        scope: 'contacts.write',
        disables: 'Adding and removing tags: nothing can be changed.',
        probe: () => client.changeTags('add', IMPOSSIBLE_ID, ['scope-check']),
      },
      {
        scope: 'contacts.readonly',
        disables: 'Showing a contact’s tags and searching contacts.',
        probe: () => client.searchContacts({ locationId, query: '', pageLimit: 1 }),
      },
      {
        scope: 'locations/tags.readonly',
        disables: 'Suggestions from the sub-account’s existing tags.',
        probe: () => client.listLocationTags(locationId),
      },
      {
        scope: 'conversations.readonly',
        disables: 'Finding the contact on a conversation page.',
        probe: () => client.getConversation(IMPOSSIBLE_ID),
      },
      {
        scope: 'opportunities.readonly',
        disables: 'Finding the contact on an opportunity page.',
        probe: () => client.getOpportunity(IMPOSSIBLE_ID),
      },
    ];
    const checks: ScopeCheck[] = [];
    for (const { scope, disables, probe } of probes) {
      checks.push({ scope, disables, ...(await probeScope(probe)) });
    }
    const refusedWhole = checks.every((check) => !check.works && check.problem === TOKEN_REFUSED);
    if (refusedWhole) throw new ProtocolError('connection-refused', TOKEN_REFUSED, locationId);
    if (typedToken === undefined) await clearRefusal(locationId, checks);
    return checks;
  }

  /** A saved token that now works again is no longer refused: its changes may go out. */
  async function clearRefusal(locationId: string, checks: ScopeCheck[]) {
    const write = checks.find((check) => check.scope === 'contacts.write');
    if (!write?.works) return;
    const connection = await find(locationId);
    if (!connection?.refused) return;
    await stores.connections.update((connections) => {
      const current = connections[locationId];
      if (!current) return connections;
      const { refused: _, ...rest } = current;
      return { ...connections, [locationId]: rest };
    });
    deps.onChange();
  }

  return {
    require,
    clientFor,
    list,
    view,
    save,
    rename,
    applyNames,
    remove,
    markRefused,
    stillWorks,
    heldLocations,
    test,
    find,
  };
}

const TOKEN_REFUSED =
  'Token refused: revoked, expired or without access to this location. Check it and paste it again.';

async function probeScope(
  probe: () => Promise<unknown>,
): Promise<Omit<ScopeCheck, 'scope' | 'disables'>> {
  try {
    await probe();
    return { works: true };
  } catch (error) {
    if (!(error instanceof ApiError)) return { works: false, problem: 'The check failed.' };
    switch (error.kind) {
      case 'missing-scope':
        return { works: false, problem: 'Not granted to this token.' };
      case 'invalid-token':
      case 'other-location':
        return { works: false, problem: TOKEN_REFUSED };
      // The scope was accepted; the made-up ID was then refused, as intended.
      case 'not-found':
      case 'bad-request':
      case 'unprocessable':
        return { works: true };
      default:
        return { works: false, problem: error.message };
    }
  }
}

function toView(connection: Connection, queue: readonly QueueEntry[]): ConnectionView {
  return {
    locationId: connection.locationId,
    name: connection.name,
    tokenHint: connection.token.slice(-4),
    refused: connection.refused?.reason,
    waiting: queue.filter((entry) => entry.locationId === connection.locationId).length,
  };
}
