import { useEffect, useState } from 'preact/hooks';
import { ActivityLog } from '@/components/ActivityLog';
import { BulkPanel } from '@/components/bulk/BulkPanel';
import type { ContactGroup } from '@/components/ContactFinder';
import { NoContact } from '@/components/NoContact';
import { type PageTarget, resolveTarget, type TabInfo } from '@/components/page-target';
import { TagEditor } from '@/components/tag-editor/TagEditor';
import type { BackgroundClient } from '@/utils/messages/client';

export interface PopupProps {
  client: BackgroundClient;
  /** A contact the popup was opened for by name: it edits that one, whatever the tab shows. */
  namedContact?: { locationId: string; contactId: string };
  /** The tab the popup is about (the active tab, or `?tabId=N`). */
  findTab(): Promise<TabInfo | undefined>;
  reloadTab(tabId: number): void;
  /** A white-label domain the tab is on where the always-on script is not allowed yet. */
  domainToOffer(url: string | undefined): Promise<string | undefined>;
  /** Opens the options page to add that domain (Chrome's prompt needs the page's click). */
  openDomainOptions(domain: string): void;
}

/** The toolbar popup: the tab's contact in the tag editor, or ways to find a contact. */
export function App({
  client,
  namedContact,
  findTab,
  reloadTab,
  domainToOffer,
  openDomainOptions,
}: PopupProps) {
  const [target, setTarget] = useState<PageTarget | undefined>();
  const [offer, setOffer] = useState<string | undefined>();
  /** Pasted contacts of one or more sub-accounts, tagged in bulk. */
  const [groups, setGroups] = useState<ContactGroup[]>([]);
  useEffect(() => {
    if (namedContact) {
      setTarget({ kind: 'contact', ...namedContact, onPage: false });
      return;
    }
    void findTab().then(async (tab) => {
      void domainToOffer(tab?.url).then(setOffer);
      setTarget(await resolveTarget(client, tab, () => selectionOf(client, tab?.id)));
    });
  }, [client, namedContact, findTab, domainToOffer]);

  if (groups.length > 0) {
    return (
      <main class="ct-root popup">
        <button type="button" class="ct-link" onClick={() => setGroups([])}>
          ‹ Back
        </button>
        {groups.map((group) => (
          <BulkPanel
            key={group.locationId}
            client={client}
            locationId={group.locationId}
            contactIds={group.contactIds}
          />
        ))}
        <ActivityLog client={client} />
      </main>
    );
  }

  return (
    <main class="ct-root popup">
      {target === undefined && <p class="ct-muted">Looking at this tab…</p>}
      {offer && (
        <p class="ct-muted">
          Right-click quick tags need the extension to run on {offer} first.{' '}
          <button type="button" class="ct-link" onClick={() => openDomainOptions(offer)}>
            Enable on {offer}
          </button>
        </p>
      )}
      {target?.tabId !== undefined && <OpenInPage client={client} tabId={target.tabId} />}
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
      {target?.kind === 'selection' && (
        <BulkPanel
          client={client}
          locationId={target.locationId}
          contactIds={target.contactIds}
          claimed={target.claimed}
          allOnPage={target.allOnPage}
        />
      )}
      {target?.kind === 'none' && (
        <NoContact
          client={client}
          target={target}
          onOpen={(contact) => setTarget({ kind: 'contact', ...contact, onPage: false })}
          onMany={setGroups}
        />
      )}
      <ActivityLog client={client} />
    </main>
  );
}

/** Moves the editor into the page (the in-page popup), then gets out of the way. */
function OpenInPage({ client, tabId }: { client: BackgroundClient; tabId: number }) {
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <div class="ct-open-in-page">
      <button
        type="button"
        class="ct-secondary"
        onClick={async () => {
          const answer = await client.ask('tab.openInPage', { tabId });
          if (answer.ok && answer.value.opened) window.close();
          else setProblem('This page cannot show the in-page popup.');
        }}
      >
        Open in page
      </button>
      {problem && (
        <p class="ct-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The tab's selected rows, as its always-on script reads them now (HighLevel's own hosts). */
async function selectionOf(client: BackgroundClient, tabId: number | undefined) {
  if (tabId === undefined) return undefined;
  const answer = await client.ask('tab.selection', { tabId });
  return answer.ok ? answer.value : undefined;
}
