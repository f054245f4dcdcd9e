import { useCallback, useEffect, useState } from 'preact/hooks';
import { useStore } from '@/components/use-store';
import { privateIntegrationsUrl } from '@/utils/hosts';
import { UNDO_WINDOW } from '@/utils/storage/schemas';
import { QuickTags } from './QuickTags';
import { SettingsFile } from './SettingsFile';
import { Shortcut } from './Shortcut';
import type { OptionsState, OptionsStore } from './store';

export function App({
  options,
  prefill,
}: {
  options: OptionsStore;
  prefill: { locationId?: string; appOrigin?: string };
}) {
  useEffect(() => {
    void options.load();
  }, [options]);

  return (
    <main>
      <h1>Contact Tags for HighLevel</h1>
      <Connections options={options} prefill={prefill} />
      <QuickTags options={options} />
      <UndoWindow options={options} />
      <Shortcut />
      <SettingsFile options={options} />
    </main>
  );
}

const selectConnections = (state: OptionsState) => state;

function Connections({
  options,
  prefill,
}: {
  options: OptionsStore;
  prefill: { locationId?: string; appOrigin?: string };
}) {
  const state = useStore(options.store, selectConnections);
  const [locationId, setLocationId] = useState(prefill.locationId ?? '');
  const [token, setToken] = useState('');
  const [name, setName] = useState('');

  const save = async (event: Event) => {
    event.preventDefault();
    if (await options.saveConnection({ locationId, token, name: name || undefined })) {
      setToken('');
      setName('');
    }
  };

  const locationLooksRight = /^[A-Za-z0-9]{20}$/.test(locationId.trim());

  return (
    <section aria-labelledby="connections-heading">
      <h2 id="connections-heading">Connections</h2>
      <p class="muted">
        One Private Integration Token per sub-account (location). Make one in the sub-account under
        Settings › Private Integrations with the scopes contacts.readonly, contacts.write,
        locations/tags.readonly, conversations.readonly and opportunities.readonly.
      </p>
      <form onSubmit={save}>
        <label for="location-id">Location ID</label>
        <input
          id="location-id"
          type="text"
          autoComplete="off"
          spellcheck={false}
          value={locationId}
          onInput={(event) => setLocationId(event.currentTarget.value)}
        />
        {locationLooksRight && (
          <p class="muted">
            <a
              href={privateIntegrationsUrl(locationId.trim(), prefill.appOrigin)}
              target="_blank"
              rel="noreferrer"
            >
              Open this sub-account’s Private Integrations
            </a>
          </p>
        )}
        <label for="token">Private Integration Token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <label for="connection-name">Name (optional)</label>
        <input
          id="connection-name"
          type="text"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <div class="row">
          <button type="submit" class="primary" disabled={state.busy}>
            Save connection
          </button>
          <button
            type="button"
            disabled={state.busy}
            onClick={() =>
              options.testConnection({
                locationId: locationId.trim(),
                token: token.trim() || undefined,
              })
            }
          >
            Test connection
          </button>
        </div>
      </form>
      <p role="status" class={state.status ? toneClass(state.status.tone) : undefined}>
        {state.status?.text}
      </p>
      {state.test && (
        <ul class="plain" aria-label={`Scopes of ${state.test.locationId}`}>
          {state.test.scopes.map((scope) => (
            <li key={scope.scope}>
              <span class={scope.works ? 'ok' : 'bad'}>{scope.works ? '✓' : '✗'}</span>{' '}
              <code>{scope.scope}</code>
              {scope.works ? ' works' : ` missing: disables ${lowerFirst(scope.disables)}`}
            </li>
          ))}
        </ul>
      )}
      <h2>Saved connections</h2>
      {state.connections.length === 0 ? (
        <p class="muted">No connections yet.</p>
      ) : (
        <ul class="plain" aria-label="Saved connections">
          {state.connections.map((connection) => (
            <li key={connection.locationId}>
              <div>
                <strong>{connection.name ?? connection.locationId}</strong>{' '}
                {connection.name && <code class="muted">{connection.locationId}</code>}
              </div>
              <div class="muted">
                Token <code>••••{connection.tokenHint}</code>
                {connection.waiting > 0 &&
                  ` · ${connection.waiting} change${connection.waiting > 1 ? 's' : ''} waiting`}
              </div>
              {connection.refused && (
                <div class="bad">
                  Broken: {connection.refused} Paste a new token above with this location ID to
                  replace it.
                </div>
              )}
              <div class="row">
                <button type="button" onClick={() => setLocationId(connection.locationId)}>
                  Replace token
                </button>
                <button
                  type="button"
                  aria-label={`Remove connection ${connection.locationId}`}
                  onClick={() => options.removeConnection(connection.locationId)}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const selectUndo = (state: OptionsState) => state.undoWindowSeconds;

function UndoWindow({ options }: { options: OptionsStore }) {
  const saved = useStore(options.store, selectUndo);
  const [value, setValue] = useState(String(saved));
  useEffect(() => setValue(String(saved)), [saved]);
  const commit = useCallback(() => {
    const seconds = Number(value);
    if (value.trim() === '' || !Number.isFinite(seconds)) {
      setValue(String(saved));
      return;
    }
    if (seconds !== saved) void options.setUndoWindow(seconds);
  }, [value, saved, options]);

  return (
    <section aria-labelledby="undo-heading">
      <h2 id="undo-heading">Undo window</h2>
      <p class="muted">
        Each change waits this long before it is sent, so “Undo” can cancel it before any automation
        sees it. At 0, changes go out at once.
      </p>
      <label for="undo-window">Undo window (seconds)</label>
      <input
        id="undo-window"
        type="number"
        min={UNDO_WINDOW.min}
        max={UNDO_WINDOW.max}
        step={1}
        value={value}
        style={{ maxWidth: '8em' }}
        onInput={(event) => setValue(event.currentTarget.value)}
        onChange={commit}
      />
    </section>
  );
}

function toneClass(tone: 'ok' | 'bad' | 'info') {
  return tone === 'ok' ? 'ok' : tone === 'bad' ? 'bad' : 'muted';
}

function lowerFirst(text: string) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
