import { useEffect } from 'preact/hooks';
import type { Toast } from './editor-store';

const STATE_TEXT: Record<Toast['state'], string> = {
  waiting: '',
  sending: ' · sending…',
  done: ' · saved',
  failed: ' · failed',
  cancelled: '',
};

/**
 * The toast after a change: "Undo" only during the undo window (afterwards re-adding a
 * removed tag would fire "tag added" automations), then what became of the change.
 */
export function UndoToast(props: {
  toast: Toast;
  onUndo(): void;
  onWindowClosed(): void;
  /** When the change was to the contact shown on the page: HighLevel's panel is now stale. */
  onReloadPage?: () => void;
}) {
  const { toast, onWindowClosed } = props;
  useEffect(() => {
    if (toast.state !== 'waiting' || toast.undoUntil === undefined) return;
    const timer = setTimeout(onWindowClosed, Math.max(0, toast.undoUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [toast, onWindowClosed]);

  const canUndo = toast.state === 'waiting' && toast.undoUntil !== undefined;
  return (
    <div class={`ct-toast ct-toast-${toast.state}`} role="status">
      <span>
        {toast.text}
        {STATE_TEXT[toast.state]}
      </span>
      {canUndo && (
        <button type="button" class="ct-link" onClick={props.onUndo}>
          Undo
        </button>
      )}
      {toast.state === 'done' && props.onReloadPage && (
        <span class="ct-reload">
          HighLevel’s own panel shows the old tags until the page is reloaded.{' '}
          <button type="button" class="ct-link" onClick={props.onReloadPage}>
            Reload
          </button>
        </span>
      )}
    </div>
  );
}
