import type { SelectionView } from '@/utils/messages/protocol';
import { createRouter } from '@/utils/messages/router';
import { jobSummary } from '@/utils/queue/jobs';
import type { Clock } from '@/utils/queue/limiter';
import { createStores } from '@/utils/storage/stores';
import type { StorageArea } from '@/utils/storage/versioned-store';
import { createBulk } from './bulk';
import { createChanges, describeJob } from './changes';
import { createConnections } from './connections';
import { createContacts } from './contacts';
import { createDomains } from './domains';
import { createEventHub } from './events';
import { createHandlers } from './handlers';

export interface ServicesDeps {
  area: StorageArea;
  clock: Clock;
  extension: { id: string; origin: string };
  newId(): string;
  wakeAt(at: number | undefined): void;
  openOptions(prefill: { locationId?: string }): Promise<void>;
  openInPage(tabId: number): Promise<boolean>;
  onQuickTagsChanged(): void;
  /** What a tab's contact list has selected, from its always-on script. */
  readSelection(tabId: number): Promise<SelectionView>;
  fetch?: typeof fetch;
  /** How long a call may take before it is abandoned (tests shorten Chrome's 25 s). */
  callTimeoutMs?: number;
}

/** Pages are told about bursts of changes at most this often. */
const PUBLISH_DELAY_MS = 50;

export type Services = ReturnType<typeof createServices>;

/**
 * The trusted background's services, built from its dependencies so tests can run them
 * against a fake storage area, clock and HighLevel.
 */
export function createServices(deps: ServicesDeps) {
  const { clock } = deps;
  const stores = createStores(deps.area);
  const hub = createEventHub(deps.extension, async (subscription) =>
    subscription.topic === 'job'
      ? { topic: 'job', job: await bulk.get(subscription.jobId, subscription.locationId) }
      : undefined,
  );

  const connections = createConnections({
    stores,
    clock,
    fetch: deps.fetch,
    callTimeoutMs: deps.callTimeoutMs,
    onChange: () => {
      hub.publish({ topic: 'connections' });
      void changes.queue.drain();
    },
  });

  const contacts = createContacts({
    stores,
    clock,
    connections,
    onContactChange: (locationId, contactId) => void publishContact(locationId, contactId),
  });

  const bulk = createBulk({
    stores,
    clock,
    newId: deps.newId,
    connections,
    queue: () => changes.queue,
    onJobChange: (job) => hub.publish({ topic: 'job', job }),
    onJobFinished: async (job) => {
      const summary = jobSummary(job);
      await changes.log({
        ...describeJob(job, summary),
        at: clock.now(),
        state:
          summary.failed > 0
            ? 'failed'
            : summary.cancelled && summary.done === 0
              ? 'cancelled'
              : 'done',
        reason: summary.text,
      });
      schedulePublish();
    },
  });

  const changes = createChanges({
    stores,
    clock,
    connections,
    contacts,
    onChunkSettled: (entry, settlement) => bulk.onChunkSettled(entry, settlement),
    newId: deps.newId,
    onChange: schedulePublish,
    onSettled: (change) => hub.publish({ topic: 'settled', change }),
    wakeAt: deps.wakeAt,
  });

  async function publishContact(locationId: string, contactId: string) {
    // Someone watching this contact under another location's ID hears nothing of it.
    if (await contacts.belongsElsewhere(locationId, contactId)) return;
    const view = await contacts.view(locationId, contactId, await stores.queue.read());
    hub.publish({ topic: 'contact', view });
  }

  let publishTimer: ReturnType<typeof setTimeout> | undefined;
  function schedulePublish() {
    if (publishTimer !== undefined) return;
    publishTimer = setTimeout(() => {
      publishTimer = undefined;
      for (const { locationId, contactId } of hub.watchedContacts()) {
        void publishContact(locationId, contactId);
      }
      hub.publish({ topic: 'activity' });
      hub.publish({ topic: 'connections' });
    }, PUBLISH_DELAY_MS);
  }

  const domains = createDomains(stores);

  const route = createRouter(
    createHandlers({
      stores,
      connections,
      contacts,
      changes,
      bulk,
      domains,
      readSelection: deps.readSelection,
      openOptions: deps.openOptions,
      openInPage: deps.openInPage,
      onQuickTagsChanged: deps.onQuickTagsChanged,
    }),
    deps.extension,
  );

  /** At every worker start: resend what a stopped worker left in flight, then drain. */
  async function start() {
    // White-label registrations are repaired beside the queue, never ahead of it.
    const repairing = domains.sync().catch(() => undefined);
    await changes.queue.recover();
    await bulk.resume();
    await changes.queue.drain();
    await repairing;
  }

  return { stores, hub, connections, contacts, changes, bulk, domains, route, start };
}
