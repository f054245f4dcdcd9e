import { useState } from 'preact/hooks';
import { useStore } from '@/components/use-store';
import { privateIntegrationsUrl } from '@/utils/hosts';
import type { ConnectionView } from '@/utils/messages/protocol';
import type { OptionsState, OptionsStore } from './store';

const selectConnections = (state: OptionsState) => state.connections;

/** The saved connections, sorted and searchable: fifty sub-accounts stay manageable. */
export function SavedConnections(props: {
  options: OptionsStore;
  appOrigin?: string;
  /** "Replace token": the form above takes this location ID. */
  onReplace(locationId: string): void;
}) {
  const connections = useStore(props.options.store, selectConnections);
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = connections.filter(
    (connection) =>
      needle === '' ||
      connection.locationId.toLowerCase().includes(needle) ||
      (connection.name ?? '').toLowerCase().includes(needle),
  );
  return (
    <>
      <h2>Saved connections</h2>
      {connections.length === 0 && <p class="muted">No connections yet.</p>}
      {connections.length > 5 && (
        <>
          <label for="connection-search">Search connections</label>
          <input
            id="connection-search"
            type="search"
            placeholder="Name or location ID"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </>
      )}
      {connections.length > 0 && (
        <ul class="plain" aria-label="Saved connections">
          {shown.map((connection) => (
            <SavedConnection key={connection.locationId} connection={connection} {...props} />
          ))}
        </ul>
      )}
      {connections.length > 0 && shown.length === 0 && (
        <p class="muted">No connection matches “{query.trim()}”.</p>
      )}
    </>
  );
}

function SavedConnection(props: {
  connection: ConnectionView;
  options: OptionsStore;
  appOrigin?: string;
  onReplace(locationId: string): void;
}) {
  const { connection, options } = props;
  const [name, setName] = useState(connection.name ?? '');
  const rename = () => {
    if (name.trim() !== (connection.name ?? ''))
      void options.renameConnection(connection.locationId, name);
  };
  return (
    <li>
      <div class="row">
        <input
          type="text"
          aria-label={`Name of ${connection.locationId}`}
          placeholder="Name this sub-account"
          value={name}
          style={{ maxWidth: '18rem' }}
          onInput={(event) => setName(event.currentTarget.value)}
          onChange={rename}
        />
        <code class="muted">{connection.locationId}</code>
      </div>
      <div class="muted">
        Token <code>••••{connection.tokenHint}</code>
        {connection.waiting > 0 &&
          ` · ${connection.waiting} change${connection.waiting > 1 ? 's' : ''} waiting`}
        {' · '}
        <a
          href={privateIntegrationsUrl(connection.locationId, props.appOrigin)}
          target="_blank"
          rel="noreferrer"
        >
          Private Integrations
        </a>
      </div>
      {connection.refused && (
        <div class="bad">
          Broken: {connection.refused} Paste a new token above with this location ID to replace it.
        </div>
      )}
      <div class="row">
        <button type="button" onClick={() => props.onReplace(connection.locationId)}>
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
  );
}
