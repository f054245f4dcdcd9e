import { useState } from 'preact/hooks';
import { useStore } from '@/components/use-store';
import type { OptionsState, OptionsStore } from './store';

const selectAll = (state: OptionsState) => state;

/**
 * The ordered quick-tag list of the context menu and the quick-tag keys: shared by default,
 * and a sub-account's own list, when it has one, replaces it on that sub-account's pages.
 */
export function QuickTags({ options }: { options: OptionsStore }) {
  const state = useStore(options.store, selectAll);
  const [scope, setScope] = useState('');
  const [draft, setDraft] = useState('');
  const locationId = scope || undefined;
  const own = locationId ? state.quickTagsByLocation[locationId] : undefined;
  const editing = locationId ? own : state.quickTags;

  async function save(tags: string[]) {
    return options.setQuickTags(locationId, tags);
  }

  async function add(event: Event) {
    event.preventDefault();
    if (await save([...(editing ?? []), draft])) setDraft('');
  }

  function move(index: number, step: -1 | 1) {
    const tags = [...(editing ?? [])];
    const [tag] = tags.splice(index, 1);
    if (tag === undefined) return;
    tags.splice(index + step, 0, tag);
    void save(tags);
  }

  return (
    <section aria-labelledby="quick-tags-heading">
      <h2 id="quick-tags-heading">Quick tags</h2>
      <p class="muted">
        Right-click a contact (its page, a link to it, a row of a list) to add or remove one of
        these, and give them keys at chrome://extensions/shortcuts (Apply quick tag 1–9, in this
        order).
      </p>
      <label for="quick-tags-for">Quick tags for</label>
      <select
        id="quick-tags-for"
        value={scope}
        onChange={(event) => setScope(event.currentTarget.value)}
      >
        <option value="">Every sub-account (shared list)</option>
        {state.connections.map((connection) => (
          <option key={connection.locationId} value={connection.locationId}>
            {connection.name
              ? `${connection.name} (${connection.locationId})`
              : connection.locationId}
          </option>
        ))}
      </select>
      {locationId && !own && (
        <div class="row">
          <span class="muted">This sub-account uses the shared list.</span>
          <button
            type="button"
            onClick={() => void options.setQuickTags(locationId, [...state.quickTags])}
          >
            Give it its own list
          </button>
        </div>
      )}
      {locationId && own && (
        <div class="row">
          <span class="muted">
            This sub-account has its own list, used instead of the shared one.
          </span>
          <button type="button" onClick={() => void options.setQuickTags(locationId, null)}>
            Use the shared list again
          </button>
        </div>
      )}
      {editing && (
        <>
          {editing.length === 0 && <p class="muted">No quick tags yet.</p>}
          <ul class="plain" aria-label="Quick tags">
            {editing.map((tag, index) => (
              <li key={tag} class="row">
                <span class="quick-tag">
                  {index + 1}. {tag}
                </span>
                <button
                  type="button"
                  aria-label={`Move ${tag} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${tag} down`}
                  disabled={index === editing.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Remove quick tag ${tag}`}
                  onClick={() => void save(editing.filter((_, at) => at !== index))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <form onSubmit={add}>
            <label for="new-quick-tag">New quick tag</label>
            <div class="row">
              <input
                id="new-quick-tag"
                type="text"
                value={draft}
                style={{ maxWidth: '20rem' }}
                onInput={(event) => setDraft(event.currentTarget.value)}
              />
              <button type="submit" disabled={state.busy}>
                Add quick tag
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
