import { useState } from 'preact/hooks';
import { useStore } from '@/components/use-store';
import type { OptionsState, OptionsStore } from './store';

const selectResults = (state: OptionsState) => state.bulkResults;

/** Many connections at once: `locationId token [name]` per line, each saved and tested. */
export function BulkConnections({ options }: { options: OptionsStore }) {
  const results = useStore(options.store, selectResults);
  const [text, setText] = useState('');
  return (
    <details>
      <summary>Add many connections at once</summary>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (await options.addConnections(text)) setText('');
        }}
      >
        <label for="many-connections">
          Connections, one per line: location ID, token, optional name
        </label>
        <textarea
          id="many-connections"
          rows={5}
          spellcheck={false}
          autoComplete="off"
          placeholder="a1B2c3D4e5F6g7H8i9J0 pit-… Downtown Dental"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <div class="row">
          <button type="submit">Add connections</button>
        </div>
      </form>
      {results.length > 0 && (
        <ul class="plain" aria-label="Results">
          {results.map((result) => (
            <li key={result.line} class={result.ok ? 'ok' : 'bad'}>
              Line {result.line}: {result.text}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
