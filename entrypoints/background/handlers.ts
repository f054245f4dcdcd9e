import { ProtocolError } from '@/utils/messages/errors';
import type { SelectionView } from '@/utils/messages/protocol';
import type { Handlers } from '@/utils/messages/router';
import { checkQuickTags } from '@/utils/settings/quick-tags';
import { exportSettings, readSettingsFile } from '@/utils/settings/transfer';
import { BULK_CHUNK, UNDO_WINDOW } from '@/utils/storage/schemas';
import type { Stores } from '@/utils/storage/stores';
import type { Bulk } from './bulk';
import type { Changes } from './changes';
import type { Connections } from './connections';
import type { Contacts } from './contacts';
import type { Domains } from './domains';

/** A content script opens the options page at most this often. */
const OPTIONS_OPEN_GAP_MS = 5_000;

/** Binds each request of the protocol to the service that answers it. */
export function createHandlers(services: {
  stores: Stores;
  connections: Connections;
  contacts: Contacts;
  changes: Changes;
  /** Opens the options page (a tab), with a location ID to fill in. */
  openOptions(prefill: { locationId?: string }): Promise<void>;
  /** Opens the in-page popup on a tab; false when that page cannot show it. */
  openInPage(tabId: number): Promise<boolean>;
  /** The quick-tag lists changed: the context menu follows. */
  onQuickTagsChanged(): void;
  bulk: Bulk;
  domains: Domains;
  readSelection(tabId: number): Promise<SelectionView>;
}): Handlers {
  const { bulk, domains } = services;
  const { stores, connections, contacts, changes, openOptions, openInPage } = services;
  const queue = () => stores.queue.read();
  let lastOptionsOpenedAt = 0;

  async function contactView(locationId: string, contactId: string) {
    return contacts.view(locationId, contactId, await queue());
  }

  return {
    async 'contact.view'({ locationId, contactId }) {
      await connections.require(locationId); // No token: say so rather than show an empty list.
      // Answer with what is known at once; the server's list follows as an event.
      contacts.refresh(locationId, contactId).catch(() => undefined);
      return contactView(locationId, contactId);
    },

    'location.tags': ({ locationId }) => contacts.locationTags(locationId),

    async 'tags.change'(request) {
      const entry = await changes.change(request);
      return {
        changeId: entry?.id,
        undoUntil: entry?.sendAfter,
        view: await contactView(request.locationId, request.contactId),
      };
    },

    async 'change.undo'({ changeId }, caller) {
      const location = caller.kind === 'content-script' ? (caller.locationId ?? '') : undefined;
      return { undone: await changes.undo(changeId, location) };
    },

    async 'contacts.search'({ locationId, query }) {
      if (query.trim().length < 2) return { contacts: [] };
      return { contacts: await contacts.search(locationId, query) };
    },

    'page.contact': ({ url }) => contacts.contactOfPage(url),

    async 'settings.get'() {
      return stores.settings.read();
    },

    async 'settings.export'() {
      const names = Object.fromEntries(
        Object.values(await stores.connections.read()).flatMap((connection) =>
          connection.name ? [[connection.locationId, connection.name]] : [],
        ),
      );
      return { file: exportSettings(await stores.settings.read(), names) };
    },

    async 'options.open'({ locationId }, caller) {
      // A page driving the in-page popup could otherwise open tab after tab.
      const now = Date.now();
      if (caller.kind === 'content-script' && now - lastOptionsOpenedAt < OPTIONS_OPEN_GAP_MS)
        return {};
      lastOptionsOpenedAt = now;
      await openOptions({ locationId });
      return {};
    },

    async 'settings.update'(patch) {
      const { undoWindowSeconds, bulkChunkSize } = patch;
      if (
        undoWindowSeconds !== undefined &&
        !(undoWindowSeconds >= UNDO_WINDOW.min && undoWindowSeconds <= UNDO_WINDOW.max)
      ) {
        throw new ProtocolError(
          'refused',
          `The undo window is from ${UNDO_WINDOW.min} to ${UNDO_WINDOW.max} seconds.`,
        );
      }
      if (
        bulkChunkSize !== undefined &&
        !(
          Number.isInteger(bulkChunkSize) &&
          bulkChunkSize >= BULK_CHUNK.min &&
          bulkChunkSize <= BULK_CHUNK.max
        )
      ) {
        throw new ProtocolError(
          'refused',
          `Contacts per bulk call is a whole number from ${BULK_CHUNK.min} to ${BULK_CHUNK.max}.`,
        );
      }
      return stores.settings.update((settings) => ({
        ...settings,
        ...(undoWindowSeconds !== undefined ? { undoWindowSeconds } : {}),
        ...(bulkChunkSize !== undefined ? { bulkChunkSize } : {}),
      }));
    },

    async 'connections.list'() {
      return { connections: await connections.list(await queue()) };
    },

    async 'connections.save'(input) {
      const saved = await connections.save(input);
      return { connection: await connections.view(saved.locationId, await queue()) };
    },

    async 'connections.rename'({ locationId, name }) {
      await connections.rename(locationId, name);
      return { connection: await connections.view(locationId, await queue()) };
    },

    'domains.list': async () => ({ domains: await domains.list() }),
    'domains.add': async ({ domain }) => ({ domains: await domains.add(domain) }),
    'domains.remove': async ({ domain }) => ({ domains: await domains.remove(domain) }),

    async 'connections.remove'({ locationId }) {
      return { removed: await connections.remove(locationId) };
    },

    async 'connections.test'({ locationId, token }) {
      return { scopes: await connections.test(locationId, token) };
    },

    async 'quickTags.set'({ locationId, tags }) {
      const checked = tags === null ? undefined : checkQuickTags(tags);
      if (checked && !checked.ok) throw new ProtocolError('refused', checked.reason);
      const list = checked?.tags;
      const updated = await stores.settings.update((settings) => {
        if (!locationId) return { ...settings, quickTags: list ?? [] };
        const { [locationId]: _, ...others } = settings.quickTagsByLocation;
        return {
          ...settings,
          quickTagsByLocation: list ? { ...others, [locationId]: list } : others,
        };
      });
      services.onQuickTagsChanged();
      return updated;
    },

    async 'settings.import'({ text }) {
      const file = readSettingsFile(text);
      if (!file.ok) throw new ProtocolError('refused', file.reason);
      const updated = await stores.settings.update((settings) => ({
        ...settings,
        ...file.settings,
      }));
      await connections.applyNames(file.connectionNames);
      await domains.sync(); // Domains left out of the file stop running; granted ones start.
      services.onQuickTagsChanged();
      return updated;
    },

    'bulk.start': (request) => bulk.start(request),
    'bulk.get': ({ jobId, locationId }) => bulk.get(jobId, locationId),
    'bulk.cancel': ({ jobId, locationId }) => bulk.cancel(jobId, locationId),
    'bulk.retry': ({ jobId, locationId }) => bulk.retry(jobId, locationId),
    'tab.selection': ({ tabId }) => services.readSelection(tabId),

    async 'tab.openInPage'({ tabId }) {
      return { opened: await openInPage(tabId) };
    },

    async 'activity.list'() {
      return { items: await changes.activity() };
    },
  };
}
