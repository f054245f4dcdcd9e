import type { Browser } from 'wxt/browser';
import {
  EVENTS_PORT,
  type PushedEvent,
  type Subscription,
  subscriptionSchema,
} from '@/utils/messages/protocol';
import { type Caller, identifySender } from '@/utils/messages/sender';

type Port = Browser.runtime.Port;

interface Listener {
  port: Port;
  caller: Caller;
  subscriptions: Subscription[];
  /** The last contact views sent, so an unchanged view is not sent again. */
  sent: Map<string, string>;
  /** How many events of each topic were sent, to tell whether a snapshot is already stale. */
  sentByTopic: Map<PushedEvent['topic'], number>;
}

/** What a subscription's topic is now, for a subscriber that was not listening yet. */
export type Snapshot = (subscription: Subscription) => Promise<PushedEvent | undefined>;

export type EventHub = ReturnType<typeof createEventHub>;

/**
 * Pushes what changed to open pages and in-page popups over ports. Subscriptions are
 * validated like messages, and a content script only hears about its own location.
 */
export function createEventHub(extension: { id: string; origin: string }, snapshot?: Snapshot) {
  const listeners = new Set<Listener>();

  function attach(port: Port) {
    const caller =
      port.name === EVENTS_PORT ? identifySender(port.sender ?? {}, extension) : undefined;
    if (!caller) {
      port.disconnect();
      return;
    }
    const listener: Listener = {
      port,
      caller,
      subscriptions: [],
      sent: new Map(),
      sentByTopic: new Map(),
    };
    listeners.add(listener);
    port.onDisconnect.addListener(() => listeners.delete(listener));
    port.onMessage.addListener((message: unknown) => {
      const parsed = subscriptionSchema.safeParse(message);
      if (!parsed.success || !allowed(caller, parsed.data)) return;
      listener.subscriptions.push(parsed.data);
      void sendSnapshot(listener, parsed.data);
    });
  }

  /**
   * A job may finish between the page hearing that it started and subscribing to it: the
   * subscriber gets the state as it is now, unless a newer event reached it meanwhile.
   */
  async function sendSnapshot(listener: Listener, subscription: Subscription) {
    const sentBefore = listener.sentByTopic.get(subscription.topic) ?? 0;
    const event = await snapshot?.(subscription).catch(() => undefined);
    if (!event || (listener.sentByTopic.get(event.topic) ?? 0) !== sentBefore) return;
    if (listeners.has(listener)) post(listener, event);
  }

  function post(listener: Listener, event: PushedEvent) {
    listener.sentByTopic.set(event.topic, (listener.sentByTopic.get(event.topic) ?? 0) + 1);
    try {
      listener.port.postMessage(event);
    } catch {
      listeners.delete(listener); // The page went away between two events.
    }
  }

  /** The contacts someone is watching. */
  function watchedContacts(): { locationId: string; contactId: string }[] {
    const seen = new Map<string, { locationId: string; contactId: string }>();
    for (const listener of listeners) {
      for (const subscription of listener.subscriptions) {
        if (subscription.topic === 'contact') {
          seen.set(`${subscription.locationId}/${subscription.contactId}`, subscription);
        }
      }
    }
    return [...seen.values()];
  }

  function publish(event: PushedEvent) {
    for (const listener of listeners) {
      if (wants(listener, event)) {
        if (event.topic === 'contact') {
          const key = `${event.view.locationId}/${event.view.contactId}`;
          const json = JSON.stringify(event.view);
          if (listener.sent.get(key) === json) continue;
          listener.sent.set(key, json);
        }
        post(listener, event);
      }
    }
  }

  return { attach, publish, watchedContacts };
}

function allowed(caller: Caller, subscription: Subscription): boolean {
  if (caller.kind === 'extension-page') return true;
  return (
    (subscription.topic === 'contact' || subscription.topic === 'job') &&
    subscription.locationId === caller.locationId
  );
}

function wants(listener: Listener, event: PushedEvent): boolean {
  return listener.subscriptions.some((subscription) => {
    // A contact is heard of only under its own location: a page of location A naming B's
    // contact under A's ID must not receive what another page shows of it.
    if (event.topic === 'contact') {
      return (
        subscription.topic === 'contact' &&
        subscription.contactId === event.view.contactId &&
        subscription.locationId === event.view.locationId
      );
    }
    if (event.topic === 'job') {
      return (
        subscription.topic === 'job' &&
        subscription.jobId === event.job.id &&
        subscription.locationId === event.job.locationId
      );
    }
    // The activity log hears of a settled change through the 'activity' event that follows it.
    if (event.topic === 'settled') {
      return (
        subscription.topic === 'contact' &&
        subscription.contactId === event.change.contactId &&
        subscription.locationId === event.change.locationId
      );
    }
    return subscription.topic === event.topic;
  });
}
