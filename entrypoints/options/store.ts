import { createStore } from 'zustand/vanilla';
import type { BackgroundClient } from '@/utils/messages/client';
import type { ConnectionView, DomainView, ScopeCheck } from '@/utils/messages/protocol';
import { parseConnectionLines } from '@/utils/settings/connection-lines';
import { hostPattern, readDomain } from '@/utils/settings/domains';

export interface Status {
  tone: 'ok' | 'bad' | 'info';
  text: string;
}

export interface OptionsState {
  connections: ConnectionView[];
  undoWindowSeconds: number;
  quickTags: string[];
  quickTagsByLocation: Record<string, string[]>;
  status?: Status;
  /** The last "Test connection" result, for the location it tested. */
  test?: { locationId: string; scopes: ScopeCheck[] };
  /** What became of each line of "Add many connections". */
  bulkResults: { line: number; ok: boolean; text: string }[];
  domains: DomainView[];
  busy: boolean;
}

/** Asks Chrome (and so the user) for an origin; only an extension page's click can. */
export type RequestOrigin = (pattern: string) => Promise<boolean>;

export type OptionsStore = ReturnType<typeof createOptionsStore>;

/** The options page's state and actions; every change goes through the background. */
export function createOptionsStore(client: BackgroundClient, requestOrigin: RequestOrigin) {
  const store = createStore<OptionsState>(() => ({
    connections: [],
    undoWindowSeconds: 3,
    quickTags: [],
    quickTagsByLocation: {},
    bulkResults: [],
    domains: [],
    busy: false,
  }));
  const say = (tone: Status['tone'], text: string) => store.setState({ status: { tone, text } });

  async function busy<T>(work: () => Promise<T>): Promise<T> {
    store.setState({ busy: true });
    try {
      return await work();
    } finally {
      store.setState({ busy: false });
    }
  }

  function showSettings(settings: {
    undoWindowSeconds: number;
    quickTags: string[];
    quickTagsByLocation: Record<string, string[]>;
  }) {
    store.setState({
      undoWindowSeconds: settings.undoWindowSeconds,
      quickTags: settings.quickTags,
      quickTagsByLocation: settings.quickTagsByLocation,
    });
  }

  async function loadDomains() {
    const answer = await client.ask('domains.list', {});
    if (answer.ok) store.setState({ domains: answer.value.domains });
  }

  async function loadConnections() {
    const answer = await client.ask('connections.list', {});
    if (answer.ok) store.setState({ connections: answer.value.connections });
    else say('bad', answer.error.message);
  }

  return {
    store,

    async load() {
      const settings = await client.ask('settings.get', {});
      if (settings.ok) showSettings(settings.value);
      await loadConnections();
    },

    /** Sets the shared list (no location) or a sub-account's own (`null` drops it). */
    setQuickTags: (locationId: string | undefined, tags: string[] | null) =>
      busy(async () => {
        const answer = await client.ask('quickTags.set', { locationId, tags });
        if (!answer.ok) {
          say('bad', answer.error.message);
          return false;
        }
        showSettings(answer.value);
        return true;
      }),

    async exportSettings() {
      const answer = await client.ask('settings.export', {});
      if (answer.ok) return answer.value.file;
      say('bad', answer.error.message);
      return undefined;
    },

    importSettings: (text: string) =>
      busy(async () => {
        const answer = await client.ask('settings.import', { text });
        if (!answer.ok) {
          say('bad', `Nothing was imported. ${answer.error.message}`);
          return;
        }
        showSettings(answer.value);
        say(
          'ok',
          'Settings imported. Allow any white-label domain listed as not allowed, and add your own tokens.',
        );
        await loadConnections();
        await loadDomains();
      }),

    refreshConnections: loadConnections,

    renameConnection: (locationId: string, name: string) =>
      busy(async () => {
        const answer = await client.ask('connections.rename', { locationId, name });
        if (!answer.ok) say('bad', answer.error.message);
        else
          say(
            'ok',
            name.trim()
              ? `${locationId} is now called ${name.trim()}.`
              : `${locationId} has no name now.`,
          );
        await loadConnections();
      }),

    /** Each pasted line saved and tested in turn; every line gets its own result. */
    addConnections: (text: string) =>
      busy(async () => {
        const { connections, refused } = parseConnectionLines(text);
        const results: OptionsState['bulkResults'] = refused.map((line) => ({
          line: line.line,
          ok: false,
          text: line.reason,
        }));
        let added = 0;
        for (const connection of connections) {
          const saved = await client.ask('connections.save', connection);
          if (!saved.ok) {
            results.push({ line: connection.line, ok: false, text: saved.error.message });
            continue;
          }
          added += 1;
          const tested = await client.ask('connections.test', {
            locationId: connection.locationId,
          });
          const missing = tested.ok
            ? tested.value.scopes.filter((scope) => !scope.works).map((scope) => scope.scope)
            : [];
          results.push({
            line: connection.line,
            ok: tested.ok && missing.length === 0,
            text: !tested.ok
              ? `${connection.locationId} saved, but the test failed: ${tested.error.message}`
              : missing.length === 0
                ? `${connection.locationId} saved and working.`
                : `${connection.locationId} saved; missing scopes: ${missing.join(', ')}.`,
          });
        }
        results.sort((a, b) => a.line - b.line);
        store.setState({ bulkResults: results });
        say(
          results.every((result) => result.ok) ? 'ok' : 'bad',
          `${added} of ${results.length} connections saved.`,
        );
        await loadConnections();
        return refused.length === 0;
      }),

    loadDomains,

    /** Checks the domain, asks Chrome for it (this click is the user's gesture), then adds it. */
    async addDomain(input: string) {
      const domain = readDomain(input);
      if (!domain.ok) {
        say('bad', domain.reason);
        return false;
      }
      if (!(await requestOrigin(hostPattern(domain.host)))) {
        say(
          'bad',
          `Chrome was not allowed to open ${domain.host} to the extension: nothing was added.`,
        );
        return false;
      }
      const answer = await client.ask('domains.add', { domain: domain.host });
      if (!answer.ok) {
        say('bad', answer.error.message);
        return false;
      }
      store.setState({ domains: answer.value.domains });
      say('ok', `${domain.host} added: right-click quick tags now work there.`);
      return true;
    },

    async removeDomain(host: string) {
      const answer = await client.ask('domains.remove', { domain: host });
      if (!answer.ok) say('bad', answer.error.message);
      else {
        store.setState({ domains: answer.value.domains });
        say('ok', `${host} removed.`);
      }
    },

    /** Saves (or replaces, on rotation) a connection. Returns true when saved. */
    saveConnection: (input: { locationId: string; token: string; name?: string }) =>
      busy(async () => {
        const answer = await client.ask('connections.save', input);
        if (!answer.ok) {
          say('bad', answer.error.message);
          return false;
        }
        const { connection } = answer.value;
        const waiting =
          connection.waiting > 0 ? ` ${connection.waiting} waiting changes will now be sent.` : '';
        say('ok', `Connection for ${connection.locationId} saved.${waiting}`);
        await loadConnections();
        return true;
      }),

    testConnection: (input: { locationId: string; token?: string }) =>
      busy(async () => {
        store.setState({ test: undefined });
        say('info', 'Testing the connection…');
        const answer = await client.ask('connections.test', input);
        if (!answer.ok) {
          say('bad', answer.error.message);
          return;
        }
        const { scopes } = answer.value;
        store.setState({ test: { locationId: input.locationId, scopes } });
        const missing = scopes.filter((scope) => !scope.works);
        say(
          missing.length === 0 ? 'ok' : 'bad',
          missing.length === 0
            ? 'Connection works: every scope this extension uses is granted.'
            : `Connection works, but ${missing.length} scope${missing.length > 1 ? 's are' : ' is'} missing: ${missing.map((scope) => scope.scope).join(', ')}.`,
        );
        await loadConnections();
      }),

    removeConnection: (locationId: string) =>
      busy(async () => {
        const answer = await client.ask('connections.remove', { locationId });
        if (!answer.ok) say('bad', answer.error.message);
        else say('ok', `Connection for ${locationId} removed.`);
        await loadConnections();
      }),

    setUndoWindow: (seconds: number) =>
      busy(async () => {
        const answer = await client.ask('settings.update', { undoWindowSeconds: seconds });
        if (!answer.ok) {
          say('bad', answer.error.message);
          return;
        }
        showSettings(answer.value);
        say(
          'ok',
          answer.value.undoWindowSeconds === 0
            ? 'Changes are now sent at once, with no undo.'
            : `Changes now wait ${answer.value.undoWindowSeconds} s before they are sent, so they can be undone.`,
        );
      }),
  };
}
