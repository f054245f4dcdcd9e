import { useEffect, useMemo } from 'preact/hooks';
import type { BackgroundClient } from '@/utils/messages/client';
import { useStore } from '../use-store';
import { type ContactIds, createEditorStore, type EditorState } from './editor-store';
import { TagCombobox } from './TagCombobox';
import { UndoToast } from './UndoToast';

export interface TagEditorProps {
  client: BackgroundClient;
  contact: ContactIds;
  autoFocus?: boolean;
  /** Escape in the empty input (the in-page popup closes). */
  onClose?: () => void;
  /** The contact is the one the page shows: offer to reload HighLevel's stale panel. */
  onReloadPage?: () => void;
}

const selectAll = (state: EditorState) => state;

/**
 * The tag editor shared by the toolbar popup and the in-page popup: the contact's name and
 * tags as chips (pending ones marked), the "Add tag" combobox, the undo toast, and alerts.
 */
export function TagEditor(props: TagEditorProps) {
  const { client, contact } = props;
  const editor = useMemo(
    () => createEditorStore(client, contact),
    [client, contact.locationId, contact.contactId],
  );
  useEffect(() => editor.start(), [editor]);
  const state = useStore(editor.store, selectAll);
  const { view, blocked, toast, alert } = state;
  // Chips being removed are gone from sight at once; the toast offers Undo.
  const chips = useMemo(
    () => (view?.chips ?? []).filter((chip) => chip.state !== 'removing'),
    [view],
  );
  const contactTags = useMemo(() => chips.map((chip) => chip.tag), [chips]);

  if (blocked)
    return <Blocked kind={blocked.kind} message={blocked.message} onFix={editor.openOptions} />;

  return (
    <div class="ct-editor">
      <h2 class="ct-name">{view?.name ?? (view?.problem ? 'Contact' : 'Loading…')}</h2>
      {view?.connectionRefused && (
        <div class="ct-problem" role="alert">
          {view.connectionRefused}{' '}
          {view.pending.length > 0 &&
            `${view.pending.length} change${view.pending.length > 1 ? 's' : ''} waiting. `}
          <button type="button" class="ct-link" onClick={() => void editor.openOptions()}>
            Fix the connection
          </button>
        </div>
      )}
      {view?.problem && (
        <p class="ct-problem" role="alert">
          {view.problem}
        </p>
      )}
      <ul class="ct-chips" aria-label="Tags">
        {chips.map((chip) => (
          <li key={chip.tag} class={chip.state === 'adding' ? 'ct-chip ct-pending' : 'ct-chip'}>
            <span class="ct-chip-text">{chip.tag}</span>
            {chip.state === 'adding' && <span class="ct-visually-hidden"> (saving)</span>}
            <button
              type="button"
              class="ct-chip-remove"
              aria-label={`Remove tag ${chip.tag}`}
              onClick={() => void editor.remove(chip.tag)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {view?.loaded && chips.length === 0 && <p class="ct-muted">No tags yet.</p>}
      <TagCombobox
        label="Add tag"
        index={state.index}
        recentTags={state.recentTags}
        contactTags={contactTags}
        onAdd={editor.add}
        onPasteList={(text) => void editor.addPasted(text)}
        onBackspaceWhenEmpty={() => void editor.removeLast()}
        onEscapeWhenEmpty={props.onClose}
        autoFocus={props.autoFocus}
      />
      {alert && (
        <div class="ct-alert" role="alert">
          <span>{alert}</span>
          <button type="button" class="ct-link" aria-label="Dismiss" onClick={editor.dismissAlert}>
            ×
          </button>
        </div>
      )}
      {toast && (
        <UndoToast
          toast={toast}
          onUndo={() => void editor.undo()}
          onWindowClosed={editor.closeUndoWindow}
          onReloadPage={props.onReloadPage}
        />
      )}
    </div>
  );
}

function Blocked(props: { kind: string; message: string; onFix: () => unknown }) {
  const fixable = props.kind === 'no-connection' || props.kind === 'connection-refused';
  return (
    <div class="ct-editor">
      <p class="ct-problem" role="alert">
        {props.message}
      </p>
      {fixable && (
        <button type="button" class="ct-primary" onClick={() => void props.onFix()}>
          {props.kind === 'no-connection'
            ? 'Add a token for this sub-account'
            : 'Fix the connection'}
        </button>
      )}
    </div>
  );
}
