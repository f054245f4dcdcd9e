import { useEffect } from 'preact/hooks';
import { BulkPanel } from '@/components/bulk/BulkPanel';
import { NoContact } from '@/components/NoContact';
import { TagEditor } from '@/components/tag-editor/TagEditor';
import { useStore } from '@/components/use-store';
import type { BackgroundClient } from '@/utils/messages/client';
import type { InPageState, InPageStore, InPageToast } from './in-page-store';

const selectAll = (state: InPageState) => state;

/** What the in-page popup shows: the tag dialog when open, and a toast of its own. */
export function InPageApp(props: {
  client: BackgroundClient;
  store: InPageStore;
  onClose(): void;
}) {
  const { client, store, onClose } = props;
  const { open, target, toast, bulkPreset } = useStore(store, selectAll);
  return (
    <div class="ct-root ct-in-page">
      {open && (
        <div class="ct-dialog" role="dialog" aria-label="Contact tags">
          <button type="button" class="ct-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
          {target === undefined && <p class="ct-muted">Looking at this page…</p>}
          {target?.kind === 'contact' && (
            <TagEditor
              key={target.contactId}
              client={client}
              contact={target}
              autoFocus
              onClose={onClose}
              onReloadPage={target.onPage ? () => location.reload() : undefined}
            />
          )}
          {target?.kind === 'selection' && (
            <BulkPanel
              key={target.contactIds.join()}
              client={client}
              locationId={target.locationId}
              contactIds={target.contactIds}
              claimed={target.claimed}
              allOnPage={target.allOnPage}
              preset={bulkPreset}
            />
          )}
          {target?.kind === 'none' && (
            <NoContact
              client={client}
              target={target}
              onOpen={(contact) =>
                store.setState({ target: { kind: 'contact', ...contact, onPage: false } })
              }
              onMany={(groups) => {
                // The in-page popup acts within its page's sub-account only.
                const own = groups.find((group) => group.locationId === target.locationId);
                if (own) {
                  store.setState({ target: { kind: 'selection', ...own, allOnPage: [] } });
                }
              }}
            />
          )}
        </div>
      )}
      {toast && (
        <StandaloneToast
          client={client}
          toast={toast}
          onDone={() => store.setState({ toast: undefined })}
        />
      )}
    </div>
  );
}

/** Seconds a toast stays after its undo window (or after it appeared). */
const TOAST_LINGER_MS = 4_000;

function StandaloneToast(props: { client: BackgroundClient; toast: InPageToast; onDone(): void }) {
  const { client, toast, onDone } = props;
  useEffect(() => {
    const until = Math.max(toast.undoUntil ?? 0, Date.now()) + TOAST_LINGER_MS;
    const timer = setTimeout(onDone, until - Date.now());
    return () => clearTimeout(timer);
  }, [toast, onDone]);
  const canUndo =
    (toast.changeId ?? toast.jobId) !== undefined && (toast.undoUntil ?? 0) > Date.now();
  return (
    <div
      class={`ct-toast ct-floating ${toast.tone === 'error' ? 'ct-toast-failed' : ''}`}
      role="status"
    >
      <span>{toast.text}</span>
      {canUndo && (
        <button
          type="button"
          class="ct-link"
          onClick={async () => {
            onDone();
            if (toast.jobId && toast.locationId) {
              await client.ask('bulk.cancel', { locationId: toast.locationId, jobId: toast.jobId });
            } else if (toast.changeId) {
              await client.ask('change.undo', { changeId: toast.changeId });
            }
          }}
        >
          Undo
        </button>
      )}
    </div>
  );
}
