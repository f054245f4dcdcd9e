import type { Injection } from '@/entrypoints/background/injection';
import { createQuickActions } from '@/entrypoints/background/quick-actions';
import type { ActivityItem, ConnectionView, ContactView, JobView } from '@/utils/messages/protocol';
import { SAMPLE } from '../../fake-ghl';
import { type Reply, TAB_ID, type Worker } from './world';

export const LOCATION = SAMPLE.locationId;

export type PathName = 'editor' | 'in-page popup' | 'quick tag' | 'bulk';

export interface Toast {
  tabId: number;
  text: string;
  tone: 'info' | 'error';
}

/** What a path handed in: a bulk job's ID, the toasts a quick tag showed. */
export interface Submission {
  jobId?: string;
  toasts: Toast[];
}

/** How a change enters the one queue, and what that path shows the user. */
export interface PathDriver {
  readonly name: PathName;
  readonly bulk: boolean;
  /** Where this path shows a problem (with the change's connection for bulk): "in the editor". */
  readonly where: string;
  submit(worker: Worker, targets: readonly string[], tag: string): Promise<Submission>;
  /**
   * The words shown about the change now (pending reasons, refusals, summaries): `here` on
   * the path's own surface (the one `where` names), `elsewhere` in the other pages.
   */
  shown(
    worker: Worker,
    targets: readonly string[],
    submission: Submission,
  ): Promise<{ here: string[]; elsewhere: string[] }>;
  /** Everything the path started has settled (landed, failed or cancelled). */
  settled(worker: Worker, targets: readonly string[], submission: Submission): Promise<boolean>;
  /** What is wrong with the end state the path shows; empty when all is as it should be. */
  endProblems(
    worker: Worker,
    targets: readonly string[],
    tag: string,
    submission: Submission,
  ): Promise<string[]>;
}

export function okValue<T>(reply: Reply, what: string): T {
  if (!reply.ok) throw new Error(`${what} refused: ${reply.error?.message ?? 'no reason'}`);
  return reply.value as T;
}

export async function activity(worker: Worker): Promise<ActivityItem[]> {
  return okValue<{ items: ActivityItem[] }>(await worker.ask({ type: 'activity.list' }), 'activity')
    .items;
}

export async function connection(worker: Worker): Promise<ConnectionView | undefined> {
  const { connections } = okValue<{ connections: ConnectionView[] }>(
    await worker.ask({ type: 'connections.list' }),
    'connections.list',
  );
  return connections.find((view) => view.locationId === LOCATION);
}

/** The view an open editor is pushed for a contact (read as the hub reads it, no API call). */
async function pushedView(worker: Worker, contactId: string): Promise<ContactView> {
  const { services } = worker;
  return services.contacts.view(LOCATION, contactId, await services.stores.queue.read());
}

function viewWords(view: ContactView): string[] {
  return [
    ...view.pending.flatMap((pending) => (pending.problem ? [pending.problem] : [])),
    ...(view.connectionRefused ? [view.connectionRefused] : []),
    ...(view.problem ? [view.problem] : []),
  ];
}

const pendingReasons = (items: ActivityItem[]) =>
  items.flatMap((item) => (item.state === 'pending' && item.reason ? [item.reason] : []));

async function refusedConnection(worker: Worker): Promise<string[]> {
  const view = await connection(worker);
  return view?.refused ? [view.refused] : [];
}

/** Every target settled: its queue entry is gone and the activity log has its outcome. */
async function singlesSettled(worker: Worker, targets: readonly string[]): Promise<boolean> {
  if ((await worker.services.changes.queue.entries()).length > 0) return false;
  const items = await activity(worker);
  return targets.every((id) =>
    items.some((item) => item.contactId === id && item.state !== 'pending'),
  );
}

async function singlesEnd(
  worker: Worker,
  targets: readonly string[],
  tag: string,
  options: { views: boolean },
): Promise<string[]> {
  const problems: string[] = [];
  const items = await activity(worker);
  for (const id of targets) {
    const mine = items.filter((item) => item.contactId === id && item.tags.includes(tag));
    if (mine.length !== 1 || mine[0]?.state !== 'done') {
      problems.push(
        `activity for ${id}: ${mine.map((item) => item.state).join(', ') || 'nothing'}, expected one "done"`,
      );
    }
    if (!options.views) continue;
    const view = await pushedView(worker, id);
    const chips = view.chips.filter((chip) => chip.tag === tag);
    const stale = view.problem ?? view.connectionRefused;
    if (chips.length !== 1 || chips[0]?.state !== 'saved' || view.pending.length > 0 || stale) {
      problems.push(
        `editor view of ${id}: ${chips.map((chip) => chip.state).join(', ') || 'no chip'}, ${view.pending.length} pending${stale ? `, still says "${stale}"` : ''}`,
      );
    }
  }
  return problems;
}

async function submitChange(
  ask: (contactId: string) => Promise<Reply>,
  targets: readonly string[],
): Promise<Submission> {
  for (const id of targets) okValue(await ask(id), `tags.change for ${id}`);
  return { toasts: [] };
}

const change = (contactId: string, tag: string) => ({
  type: 'tags.change',
  locationId: LOCATION,
  contactId,
  op: 'add',
  tags: [tag],
});

/** The toolbar popup's (or a detached window's) tag editor: an extension page. */
const editor: PathDriver = {
  name: 'editor',
  bulk: false,
  where: 'in the editor',
  submit: (worker, targets, tag) => submitChange((id) => worker.ask(change(id, tag)), targets),
  async shown(worker, targets) {
    const views = await Promise.all(targets.map((id) => pushedView(worker, id)));
    return {
      here: views.flatMap(viewWords),
      elsewhere: [...pendingReasons(await activity(worker)), ...(await refusedConnection(worker))],
    };
  },
  settled: (worker, targets) => singlesSettled(worker, targets),
  endProblems: (worker, targets, tag) => singlesEnd(worker, targets, tag, { views: true }),
};

/** The in-page popup: a content script on the contact's own page. */
const inPagePopup: PathDriver = {
  name: 'in-page popup',
  bulk: false,
  where: 'in the popup',
  submit: (worker, targets, tag) =>
    submitChange((id) => worker.askFromPage(change(id, tag), id), targets),
  async shown(worker, targets) {
    const views = await Promise.all(targets.map((id) => pushedView(worker, id)));
    return { here: views.flatMap(viewWords), elsewhere: [] };
  },
  settled: (worker, targets) => singlesSettled(worker, targets),
  endProblems: (worker, targets, tag) => singlesEnd(worker, targets, tag, { views: true }),
};

/** A context-menu click (or quick-tag-N command) on a contact: the toast is recorded. */
const quickTag: PathDriver = {
  name: 'quick tag',
  bulk: false,
  where: 'in Recent changes',
  async submit(worker, targets, tag) {
    const toasts: Toast[] = [];
    const shows = async () => true;
    const injection: Injection = {
      togglePopup: shows,
      openPopup: shows,
      openBulk: shows,
      showToast: async (tabId, toast) => {
        toasts.push({ tabId, text: toast.text, tone: toast.tone });
        return true;
      },
      reinjectAlwaysOn: async () => undefined,
    };
    const quick = createQuickActions({
      changes: worker.services.changes,
      contacts: worker.services.contacts,
      injection,
      bulk: worker.services.bulk,
    });
    for (const contactId of targets) {
      await quick.apply(TAB_ID, { kind: 'contact', locationId: LOCATION, contactId }, 'add', tag);
    }
    return { toasts };
  },
  async shown(worker, _targets, submission) {
    return {
      here: [
        ...submission.toasts.flatMap((toast) => (toast.tone === 'error' ? [toast.text] : [])),
        ...pendingReasons(await activity(worker)),
      ],
      elsewhere: await refusedConnection(worker),
    };
  },
  settled: (worker, targets) => singlesSettled(worker, targets),
  async endProblems(worker, targets, tag, submission) {
    const problems = await singlesEnd(worker, targets, tag, { views: false });
    const { toasts } = submission;
    const good = toasts.filter(
      (toast) =>
        toast.tabId === TAB_ID &&
        toast.tone === 'info' &&
        toast.text.startsWith(`Added ‘${tag}’ to `),
    );
    if (toasts.length !== targets.length || good.length !== toasts.length) {
      problems.push(
        `toasts: ${toasts.map((toast) => `${toast.tone} "${toast.text}"`).join('; ')}, expected one "Added ‘${tag}’ to …" per contact`,
      );
    }
    return problems;
  },
};

async function job(worker: Worker, jobId: string | undefined): Promise<JobView> {
  return okValue<JobView>(
    await worker.ask({ type: 'bulk.get', jobId, locationId: LOCATION }),
    'bulk.get',
  );
}

/** A bulk job (in-page popup with selected rows, or the toolbar popup with pasted IDs). */
const bulk: PathDriver = {
  name: 'bulk',
  bulk: true,
  where: 'on the options page',
  async submit(worker, targets, tag) {
    const started = okValue<JobView>(
      await worker.ask({
        type: 'bulk.start',
        locationId: LOCATION,
        op: 'add',
        tags: [tag],
        contactIds: targets,
      }),
      'bulk.start',
    );
    return { jobId: started.id, toasts: [] };
  },
  async shown(worker, _targets, submission) {
    const view = await job(worker, submission.jobId);
    return {
      here: await refusedConnection(worker),
      elsewhere: [
        view.text,
        ...(view.problem ? [view.problem] : []),
        ...view.failures.map((failure) => failure.reason),
      ],
    };
  },
  async settled(worker, _targets, submission) {
    if ((await worker.services.changes.queue.entries()).length > 0) return false;
    return (await job(worker, submission.jobId)).finished;
  },
  async endProblems(worker, targets, _tag, submission) {
    const problems: string[] = [];
    const view = await job(worker, submission.jobId);
    const expected = `${targets.length} updated, 0 failed`;
    if (view.text !== expected || view.failures.length > 0 || !view.finished) {
      problems.push(`job says "${view.text}" (finished: ${view.finished}), expected "${expected}"`);
    }
    const logged = (await activity(worker)).filter((item) => item.id === submission.jobId);
    if (logged.length !== 1 || logged[0]?.state !== 'done' || logged[0]?.reason !== expected) {
      problems.push(
        `activity for the job: ${logged.map((item) => `${item.state} "${item.reason}"`).join('; ') || 'nothing'}`,
      );
    }
    return problems;
  },
};

export const PATHS: readonly PathDriver[] = [editor, inPagePopup, quickTag, bulk];
