import { createStore } from 'zustand/vanilla';
import type { BackgroundClient } from '@/utils/messages/client';
import type { ConnectionView, ScopeCheck } from '@/utils/messages/protocol';

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
  busy: boolean;
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;

/** The options page's state and actions; every change goes through the background. */
export function createOptionsStore(client: BackgroundClient) {
  const store = createStore<OptionsState>(() => ({
    connections: [],
    undoWindowSeconds: 3,
    quickTags: [],
    quickTagsByLocation: {},
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

    importSettings: (text: string) =>
      busy(async () => {
        const answer = await client.ask('settings.import', { text });
        if (!answer.ok) {
          say('bad', `Nothing was imported. ${answer.error.message}`);
          return;
        }
        showSettings(answer.value);
        say('ok', 'Settings imported: quick tags, per-sub-account lists and the undo window.');
      }),

    refreshConnections: loadConnections,

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
