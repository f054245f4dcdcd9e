import { useEffect, useState } from 'preact/hooks';
import { useStore } from '@/components/use-store';
import type { OptionsState, OptionsStore } from './store';

const selectDomains = (state: OptionsState) => state.domains;

/**
 * White-label domains. Chrome asks the user to allow each one (a permission request needs
 * this page's click; the toolbar popup would close first); the background then runs the
 * always-on script there, so right-click quick tags know the row that was clicked.
 */
export function Domains({ options, prefill }: { options: OptionsStore; prefill?: string }) {
  const domains = useStore(options.store, selectDomains);
  const [draft, setDraft] = useState(prefill ?? '');
  useEffect(() => void options.loadDomains(), [options]);
  return (
    <section aria-labelledby="domains-heading">
      <h2 id="domains-heading">White-label domains</h2>
      <p class="muted">
        If your agency opens HighLevel on its own domain (e.g. app.myagency.com), add it so
        right-click quick tags know which row you clicked there. The shortcut and the toolbar button
        work on any domain without this.
      </p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (await options.addDomain(draft)) setDraft('');
        }}
      >
        <label for="domain">Domain</label>
        <div class="row">
          <input
            id="domain"
            type="text"
            spellcheck={false}
            placeholder="app.myagency.com or an address from the address bar"
            value={draft}
            style={{ maxWidth: '28rem' }}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit">Add domain</button>
        </div>
      </form>
      {domains.length > 0 && (
        <ul class="plain" aria-label="White-label domains">
          {domains.map((domain) => (
            <li key={domain.host} class="row">
              <code>{domain.host}</code>
              {domain.granted ? (
                <span class="ok">active</span>
              ) : (
                <>
                  <span class="bad">not allowed in Chrome any more</span>
                  <button type="button" onClick={() => void options.addDomain(domain.host)}>
                    Allow again
                  </button>
                </>
              )}
              <button
                type="button"
                aria-label={`Remove domain ${domain.host}`}
                onClick={() => void options.removeDomain(domain.host)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
