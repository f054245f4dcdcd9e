import { useEffect, useRef, useState } from 'preact/hooks';
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
  const { client, toast } = props;
  const [outcome, setOutcome] = useState<string | undefined>();
  const [windowOpen, setWindowOpen] = useState((toast.undoUntil ?? 0) > Date.now());
  // onDone is a new function at each render of the app (any change of its store): the toast's
  // timers and outcome belong to the toast only, so they must not restart with it.
  const onDone = useRef(props.onDone);
  onDone.current = props.onDone;
  useEffect(() => {
    setOutcome(undefined);
    const left = (toast.undoUntil ?? 0) - Date.now();
    setWindowOpen(left > 0);
    // Undo goes when the window closes: afterwards the change is on its way.
    const closing = left > 0 ? setTimeout(() => setWindowOpen(false), left) : undefined;
    const leaving = setTimeout(() => onDone.current(), Math.max(left, 0) + TOAST_LINGER_MS);
    return () => {
      clearTimeout(closing);
      clearTimeout(leaving);
    };
  }, [toast]);

  async function undo() {
    setWindowOpen(false);
    if (toast.jobId && toast.locationId) {
      const answer = await client.ask('bulk.cancel', {
        locationId: toast.locationId,
        jobId: toast.jobId,
      });
      setOutcome(answer.ok ? `Cancelled: ${answer.value.text}.` : answer.error.message);
      return;
    }
    const answer = await client.ask('change.undo', { changeId: toast.changeId ?? '' });
    const undone = answer.ok && answer.value.undone;
    setOutcome(undone ? 'Undone: nothing was sent.' : 'Too late to undo: it was already sent.');
  }

  const canUndo = windowOpen && (toast.changeId ?? toast.jobId) !== undefined && !outcome;
  return (
    <div
      class={`ct-toast ct-floating ${toast.tone === 'error' ? 'ct-toast-failed' : ''}`}
      role="status"
    >
      <span>{outcome ?? toast.text}</span>
      {canUndo && (
        <button type="button" class="ct-link" onClick={() => void undo()}>
          Undo
        </button>
      )}
    </div>
  );
}
