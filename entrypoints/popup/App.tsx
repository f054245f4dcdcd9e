import { useEffect, useState } from 'preact/hooks';
import { ActivityLog } from '@/components/ActivityLog';
import { ContactFinder } from '@/components/ContactFinder';
import { TagEditor } from '@/components/tag-editor/TagEditor';
import type { BackgroundClient } from '@/utils/messages/client';
import { type PopupTarget, resolveTarget, type TabInfo } from './target';

export interface PopupProps {
  client: BackgroundClient;
  /** The tab the popup is about (the active tab, or `?tabId=N`). */
  findTab(): Promise<TabInfo | undefined>;
  reloadTab(tabId: number): void;
}

/** The toolbar popup: the tab's contact in the tag editor, or ways to find a contact. */
export function App({ client, findTab, reloadTab }: PopupProps) {
  const [target, setTarget] = useState<PopupTarget | undefined>();
  useEffect(() => {
    void findTab()
      .then((tab) => resolveTarget(client, tab))
      .then(setTarget);
  }, [client, findTab]);

  return (
    <main class="ct-root popup">
      {target === undefined && <p class="ct-muted">Looking at this tab…</p>}
      {target?.kind === 'contact' && (
        <>
          {!target.onPage && (
            <button
              type="button"
              class="ct-link"
              onClick={() => setTarget({ kind: 'none', locationId: target.locationId })}
            >
              ‹ Find another contact
            </button>
          )}
          <TagEditor
            client={client}
            contact={target}
            autoFocus
            onReloadPage={
              target.onPage && target.tabId !== undefined
                ? () => reloadTab(target.tabId ?? 0)
                : undefined
            }
          />
        </>
      )}
      {target?.kind === 'none' && (
        <>
          <h2 class="ct-name">No contact on this page</h2>
          {target.problem && (
            <p class="ct-problem" role="alert">
              {target.problem}
            </p>
          )}
          {target.noConnection && target.locationId && (
            <button
              type="button"
              class="ct-primary"
              onClick={() =>
                void client.ask('options.open', { locationId: target.locationId ?? '' })
              }
            >
              Add a token for this sub-account
            </button>
          )}
          <ContactFinder
            client={client}
            locationId={target.locationId}
            onOpen={(contact) => setTarget({ kind: 'contact', ...contact, onPage: false })}
          />
        </>
      )}
      <ActivityLog client={client} />
    </main>
  );
}
