import { createStore } from 'zustand/vanilla';
import type { BackgroundClient } from '@/utils/messages/client';
import type { ContactView, ErrorKind, PushedEvent } from '@/utils/messages/protocol';
import {
  describeLeftOut,
  MAX_TAGS_PER_CHANGE,
  newTags,
  sameTag,
  splitTagList,
  tooManyTags,
} from '@/utils/tags/rules';
import { createTagIndex, type TagIndex } from '@/utils/tags/suggest';

export interface ContactIds {
  locationId: string;
  contactId: string;
}

/** The toast after a change: "Undo" while its window is open, then what became of it. */
export interface Toast {
  changeId?: string;
  text: string;
  undoUntil?: number;
  state: 'waiting' | 'sending' | 'done' | 'failed' | 'cancelled';
}

export interface EditorState {
  ids: ContactIds;
  view?: ContactView;
  /** Why the editor cannot work (no token, a refused token), with its kind for the right button. */
  blocked?: { kind: ErrorKind; message: string };
  recentTags: string[];
  index: TagIndex;
  toast?: Toast;
  /** The last thing that went wrong, in words (shown in role=alert). */
  alert?: string;
}

export type EditorStore = ReturnType<typeof createEditorStore>;

const describeChange = (op: 'add' | 'remove', tags: readonly string[]) =>
  `${op === 'add' ? 'Added' : 'Removed'} ${tags.map((tag) => `‘${tag}’`).join(', ')}`;

/**
 * One tag editor's state and actions: the contact's chips (the background's view, with
 * the user's own change shown at once before the background answers), suggestions, the
 * undo toast and alerts. The same store serves the toolbar popup and the in-page popup.
 */
export function createEditorStore(client: BackgroundClient, ids: ContactIds) {
  const store = createStore<EditorState>(() => ({
    ids,
    recentTags: [],
    index: createTagIndex([]),
  }));
  const { getState, setState } = store;

  async function loadView() {
    const answer = await client.ask('contact.view', ids);
    if (answer.ok) setState({ view: answer.value, blocked: undefined });
    else setState({ blocked: { kind: answer.error.kind, message: answer.error.message } });
  }

  async function loadTags() {
    const answer = await client.ask('location.tags', { locationId: ids.locationId });
    if (!answer.ok) return; // Suggestions are a help, not a requirement (the scope may be missing).
    const { tags, recent } = answer.value;
    setState({ recentTags: recent, index: createTagIndex(tags) });
  }

  function onEvent(event: PushedEvent) {
    if (event.topic === 'contact' && event.view.contactId === ids.contactId) {
      setState({ view: event.view });
    }
    if (event.topic === 'settled' && event.change.contactId === ids.contactId) {
      const { change } = event;
      const toast = getState().toast;
      if (toast?.changeId === change.id) setState({ toast: { ...toast, state: change.state } });
      if (change.state === 'failed') {
        setState({
          alert: `Could not ${change.op === 'add' ? 'add' : 'remove'} ${change.tags
            .map((tag) => `‘${tag}’`)
            .join(', ')}: ${change.reason ?? 'HighLevel refused it.'}`,
        });
      }
    }
  }

  /** Shows the change at once, before the background has answered. */
  function showOptimistically(op: 'add' | 'remove', tags: readonly string[]) {
    const { view } = getState();
    if (!view) return;
    const chips =
      op === 'add'
        ? [...view.chips, ...tags.map((tag) => ({ tag, state: 'adding' as const }))]
        : view.chips.map((chip) =>
            tags.some((tag) => sameTag(tag, chip.tag))
              ? { ...chip, state: 'removing' as const }
              : chip,
          );
    setState({ view: { ...view, chips } });
  }

  async function change(op: 'add' | 'remove', tags: string[]) {
    if (tags.length === 0) return;
    setState({ alert: undefined });
    showOptimistically(op, tags);
    const answer = await client.ask('tags.change', { ...ids, op, tags });
    if (!answer.ok) {
      setState({ alert: answer.error.message });
      await loadView(); // Put back what the optimistic display assumed.
      return;
    }
    const { changeId, undoUntil, view } = answer.value;
    setState({
      view,
      toast: changeId
        ? { changeId, undoUntil, text: describeChange(op, tags), state: 'waiting' }
        : { text: `${describeChange(op, tags)}: cancelled before it was sent`, state: 'cancelled' },
    });
  }

  /** Tags already shown on the contact (saved or being added). */
  function shownTags(): string[] {
    return (getState().view?.chips ?? [])
      .filter((chip) => chip.state !== 'removing')
      .map((chip) => chip.tag);
  }

  /** Adds typed or picked tags; refuses in words what breaks the tag rules, changing nothing. */
  async function add(raw: string[]) {
    if (raw.length > MAX_TAGS_PER_CHANGE) {
      setState({ alert: tooManyTags(raw.length) });
      return false;
    }
    const added = newTags(raw, shownTags());
    if (!added.ok) {
      setState({ alert: added.reason });
      return false;
    }
    await change('add', added.tags);
    return true;
  }

  return {
    store,
    add,

    /** Loads the contact and its location's tags and follows changes; returns a stop function. */
    start() {
      const stop = client.listen([{ topic: 'contact', ...ids }], onEvent, () => void loadView());
      void loadView();
      void loadTags();
      return stop;
    },

    /** A pasted list such as `a, b, c`: every valid tag in one change, the rest explained. */
    async addPasted(text: string) {
      const { tags, refused } = splitTagList(text);
      // Refused as a whole (too many): that alert stands, as nothing was added.
      if (!(await add(tags))) return;
      if (refused.length > 0) setState({ alert: describeLeftOut(refused) });
    },

    remove: (tag: string) => change('remove', [tag]),

    /** Backspace in the empty input: the last tag shown goes. */
    async removeLast() {
      const last = shownTags().at(-1);
      if (last !== undefined) await change('remove', [last]);
    },

    async undo() {
      const toast = getState().toast;
      if (!toast?.changeId) return;
      const answer = await client.ask('change.undo', { changeId: toast.changeId });
      const undone = answer.ok && answer.value.undone;
      setState({
        toast: undone
          ? { text: `${toast.text}: undone`, state: 'cancelled' }
          : {
              ...toast,
              text: `${toast.text}: too late to undo, it was already sent`,
              undoUntil: undefined,
            },
      });
      await loadView();
    },

    /** The toast's undo window ran out: it now only reports. */
    closeUndoWindow() {
      const toast = getState().toast;
      if (toast?.state === 'waiting')
        setState({ toast: { ...toast, state: 'sending', undoUntil: undefined } });
    },

    dismissAlert: () => setState({ alert: undefined }),

    openOptions: () => client.ask('options.open', { locationId: ids.locationId }),

    shownTags,
  };
}
