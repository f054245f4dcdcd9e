import { createStore } from 'zustand/vanilla';
import type { TagOp } from '@/utils/api/client';
import type { BackgroundClient } from '@/utils/messages/client';
import type { JobView, PushedEvent } from '@/utils/messages/protocol';
import { CONFIRM_ABOVE, MAX_JOB_CONTACTS, tooManyContacts } from '@/utils/queue/jobs';
import {
  describeLeftOut,
  foldTag,
  MAX_TAGS_PER_CHANGE,
  newTags,
  splitTagList,
  tooManyTags,
} from '@/utils/tags/rules';
import { createTagIndex, type TagIndex } from '@/utils/tags/suggest';

export interface BulkState {
  contactIds: string[];
  chosen: string[];
  /** Typed in "Tag" but not confirmed with Enter: it counts too. */
  typed: string;
  index: TagIndex;
  /** Waiting for "Confirm": the exact change about to be made. */
  confirming?: { op: TagOp; tags: string[]; newTags: string[] };
  /** "bulk.start" asked, not yet answered: the buttons wait, so one click makes one job. */
  starting?: boolean;
  job?: JobView;
  alert?: string;
}

export type BulkStore = ReturnType<typeof createBulkStore>;

/**
 * The bulk panel's state and actions: choose tags, confirm when the job is big or makes new
 * tags, then follow the job (progress, per-contact failures, retry, cancel) as the
 * background reports it.
 */
export function createBulkStore(
  client: BackgroundClient,
  locationId: string,
  contactIds: string[],
  preset?: { op: TagOp; tags: string[] },
) {
  const store = createStore<BulkState>(() => ({
    contactIds,
    chosen: preset?.tags ?? [],
    typed: '',
    index: createTagIndex([]),
  }));
  const { getState, setState } = store;

  function onEvent(event: PushedEvent) {
    if (event.topic === 'job' && event.job.id === getState().job?.id) setState({ job: event.job });
  }

  /** The chosen tags plus what is typed, checked; undefined (with an alert) when refused. */
  function tagsToApply(): string[] | undefined {
    const { chosen, typed } = getState();
    const fromTyped = splitTagList(typed);
    if (fromTyped.refused[0]) {
      setState({ alert: `‘${fromTyped.refused[0].input}’: ${fromTyped.refused[0].reason}` });
      return undefined;
    }
    const typedNew = newTags(fromTyped.tags, chosen);
    const tags = [...chosen, ...(typedNew.ok ? typedNew.tags : [])];
    if (tags.length > MAX_TAGS_PER_CHANGE) {
      setState({ alert: tooManyTags(tags.length) });
      return undefined;
    }
    if (tags.length === 0) {
      setState({ alert: 'Choose at least one tag.' });
      return undefined;
    }
    return tags;
  }

  /** Starts the job, once: a second click while the first is being started does nothing. */
  async function run(op: TagOp, tags: string[]) {
    if (getState().starting || getState().job) return;
    const count = getState().contactIds.length;
    if (count > MAX_JOB_CONTACTS) {
      setState({ confirming: undefined, alert: tooManyContacts(count) });
      return;
    }
    // The confirmation stays in sight (its buttons disabled) until the background answers.
    setState({ starting: true, alert: undefined });
    const answer = await client.ask('bulk.start', {
      locationId,
      op,
      tags,
      contactIds: getState().contactIds,
    });
    if (!answer.ok) {
      setState({ starting: false, confirming: undefined, alert: answer.error.message });
      return;
    }
    setState({ starting: false, confirming: undefined, job: answer.value });
    if (stopped) return; // The panel closed meanwhile: nobody is left to hear the job.
    stopListening?.();
    stopListening = client.listen(
      [{ topic: 'job', locationId, jobId: answer.value.id }],
      onEvent,
      () => void refresh(),
    );
  }

  async function refresh() {
    const job = getState().job;
    if (!job) return;
    const answer = await client.ask('bulk.get', { locationId, jobId: job.id });
    if (answer.ok) setState({ job: answer.value });
  }

  async function jobAction(type: 'bulk.cancel' | 'bulk.retry') {
    const job = getState().job;
    if (!job) return;
    const answer = await client.ask(type, { locationId, jobId: job.id });
    if (answer.ok) setState({ job: answer.value });
    else setState({ alert: answer.error.message });
  }

  let stopListening: (() => void) | undefined;
  /** The panel is gone (start's stop function ran): open no port for it any more. */
  let stopped = false;

  /** Chooses typed, picked or pasted tags; refuses in words what breaks the tag rules. */
  async function choose(raw: string[]) {
    const { chosen } = getState();
    if (chosen.length + raw.length > MAX_TAGS_PER_CHANGE) {
      setState({ alert: tooManyTags(chosen.length + raw.length) });
      return false;
    }
    const added = newTags(raw, chosen);
    if (!added.ok) {
      setState({ alert: added.reason });
      return false;
    }
    setState({ chosen: [...chosen, ...added.tags], alert: undefined });
    return true;
  }

  /** "Add to N contacts" / "Remove from N contacts": straight away, or via "Confirm". */
  async function apply(op: TagOp) {
    if (getState().starting) return;
    const tags = tagsToApply();
    if (!tags) return;
    const { index } = getState();
    const created = op === 'add' ? tags.filter((tag) => !index.byFolded.has(foldTag(tag))) : [];
    if (getState().contactIds.length > CONFIRM_ABOVE || created.length > 0) {
      setState({ confirming: { op, tags, newTags: created }, alert: undefined });
      return;
    }
    await run(op, tags);
  }

  return {
    store,
    apply,

    start() {
      stopped = false;
      void client.ask('location.tags', { locationId }).then((answer) => {
        if (answer.ok) setState({ index: createTagIndex(answer.value.tags) });
        if (preset) void apply(preset.op);
      });
      return () => {
        stopped = true;
        stopListening?.();
        stopListening = undefined;
      };
    },

    choose,

    /** A pasted list such as `a, b, c`: every valid tag is chosen, the rest explained. */
    async choosePasted(text: string) {
      const { tags, refused } = splitTagList(text);
      // Refused as a whole (too many): that alert stands, as nothing was chosen.
      if (!(await choose(tags))) return false;
      if (refused.length > 0) setState({ alert: describeLeftOut(refused) });
      return true;
    },

    unchoose: (tag: string) =>
      setState({ chosen: getState().chosen.filter((chosen) => chosen !== tag) }),
    unchooseLast: () => setState({ chosen: getState().chosen.slice(0, -1) }),
    setTyped: (typed: string) => setState({ typed }),
    selectAll: (all: string[]) => setState({ contactIds: all }),

    async confirm() {
      const pending = getState().confirming;
      if (pending) await run(pending.op, pending.tags);
    },

    back() {
      if (!getState().starting) setState({ confirming: undefined });
    },
    cancel: () => jobAction('bulk.cancel'),
    retry: () => jobAction('bulk.retry'),
    dismissAlert: () => setState({ alert: undefined }),
  };
}
