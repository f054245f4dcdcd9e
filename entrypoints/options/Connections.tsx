import { useState } from 'preact/hooks';
import { useStore } from '@/components/use-store';
import { isHighLevelId } from '@/utils/detect/ids';
import { privateIntegrationsUrl } from '@/utils/hosts';
import { BulkConnections } from './BulkConnections';
import { SavedConnections } from './SavedConnections';
import type { OptionsState, OptionsStore } from './store';

export type Prefill = { locationId?: string; appOrigin?: string; domain?: string };

const selectConnections = (state: OptionsState) => state;

export function Connections({ options, prefill }: { options: OptionsStore; prefill: Prefill }) {
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

  const locationLooksRight = isHighLevelId(locationId.trim());

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
      <BulkConnections options={options} />
      <SavedConnections options={options} appOrigin={prefill.appOrigin} onReplace={setLocationId} />
    </section>
  );
}

function toneClass(tone: 'ok' | 'bad' | 'info') {
  return tone === 'ok' ? 'ok' : tone === 'bad' ? 'bad' : 'muted';
}

function lowerFirst(text: string) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
