/**
 * The event hub (events pushed to open pages over ports) under attack: ports under other
 * names or from other extensions, thousands of junk subscriptions, and content scripts
 * subscribing to what is not theirs.
 */
import { describe, expect, it, vi } from 'vitest';
import { createEventHub } from '@/entrypoints/background/events';
import type { ContactView, JobView, PushedEvent } from '@/utils/messages/protocol';
import type { SenderInfo } from '@/utils/messages/sender';
import { APP_HOST, appPath, SAMPLE, SECOND } from '../../fake-ghl';
import { seededRandom } from '../../support/random';
import { EXTENSION, PAGE_SENDER } from '../support/background';
import { flush as flushPromises } from '../support/manual-clock';

const A = SAMPLE;
const B = SECOND;
const ada = A.contacts.ada.id;
const marcus = B.contacts.marcus.id;

/** A stand-in for `runtime.Port`: records what is posted and whether it was disconnected. */
function fakePort(name: string, sender: SenderInfo) {
  const messageListeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const port = {
    name,
    sender,
    posted: [] as unknown[],
    disconnected: false,
    postMessage(message: unknown) {
      port.posted.push(message);
    },
    disconnect() {
      port.disconnected = true;
    },
    onMessage: {
      addListener: (listener: (message: unknown) => void) => messageListeners.push(listener),
    },
    onDisconnect: { addListener: (listener: () => void) => disconnectListeners.push(listener) },
    /** The other side posts a message. */
    receive(message: unknown) {
      for (const listener of messageListeners) listener(message);
    },
  };
  return port;
}

type FakePort = ReturnType<typeof fakePort>;

function attach(hub: ReturnType<typeof createEventHub>, port: FakePort) {
  hub.attach(port as unknown as Parameters<typeof hub.attach>[0]);
  return port;
}

const scriptOn = (locationId: string): SenderInfo => ({
  id: EXTENSION.id,
  url: `https://${APP_HOST}${appPath.contact(locationId, ada)}`,
  tab: { id: 9 },
});

const view = (locationId: string, contactId: string, name: string): ContactView => ({
  locationId,
  contactId,
  name,
  chips: [{ tag: 'secret-tag', state: 'saved' }],
  pending: [],
  loaded: true,
});

function junk(seed: number, count: number): unknown[] {
  const random = seededRandom(seed);
  const values = [
    null,
    0,
    'contact',
    [],
    {},
    { topic: 'contact' },
    { topic: 'contact', locationId: B.locationId, contactId: marcus },
    { topic: 'job', locationId: B.locationId, jobId: 'x' },
    { topic: 'activity' },
    { topic: 'connections' },
    { topic: 'settled' },
    { topic: '__proto__' },
    JSON.parse('{"__proto__":{"polluted":true},"topic":"activity"}'),
    { topic: 'contact', locationId: 'x'.repeat(100_000), contactId: marcus },
    { topic: 'job', locationId: A.locationId, jobId: 'y'.repeat(101) },
  ];
  return Array.from({ length: count }, () => random.pick(values));
}

describe('the event hub under attack', () => {
  it('closes ports under another name and ports of other extensions or unknown senders', () => {
    const hub = createEventHub(EXTENSION);
    const wrongName = attach(hub, fakePort('EVENTS', PAGE_SENDER));
    const otherExtension = attach(
      hub,
      fakePort('events', { id: 'someoneelse', url: 'chrome-extension://someoneelse/x.html' }),
    );
    const noUrl = attach(hub, fakePort('events', { id: EXTENSION.id }));
    const noTab = attach(
      hub,
      fakePort('events', { id: EXTENSION.id, url: `https://${APP_HOST}/` }),
    );
    const fine = attach(hub, fakePort('events', PAGE_SENDER));
    expect([wrongName, otherExtension, noUrl, noTab].map((port) => port.disconnected)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(fine.disconnected).toBe(false);
    // A closed port hears nothing, whatever it then posts.
    otherExtension.receive({ topic: 'activity' });
    hub.publish({ topic: 'activity' });
    expect(otherExtension.posted).toEqual([]);
  });

  it('takes 4,000 junk subscriptions without throwing; a content script hears only its own location', () => {
    const hub = createEventHub(EXTENSION);
    const page = attach(hub, fakePort('events', PAGE_SENDER));
    const script = attach(hub, fakePort('events', scriptOn(A.locationId)));
    for (const message of junk(11, 2_000)) expect(() => page.receive(message)).not.toThrow();
    for (const message of junk(12, 2_000)) expect(() => script.receive(message)).not.toThrow();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // Its own contact, under its own location: allowed.
    script.receive({ topic: 'contact', locationId: A.locationId, contactId: ada });

    const events: PushedEvent[] = [
      { topic: 'contact', view: view(B.locationId, marcus, 'Marcus Reed') },
      {
        topic: 'settled',
        change: {
          id: 'c1',
          locationId: B.locationId,
          contactId: marcus,
          op: 'add',
          tags: ['secret-tag'],
          state: 'done',
        },
      },
      { topic: 'activity' },
      { topic: 'connections' },
      { topic: 'contact', view: view(A.locationId, ada, 'Ada Lovelace') },
    ];
    for (const event of events) hub.publish(event);

    // The extension page subscribed (through the junk) to B's contact and the log: it hears them.
    expect(JSON.stringify(page.posted)).toContain('Marcus Reed');
    // The content script hears its own contact, and nothing of B, the log or the connections.
    expect(script.posted).toEqual([
      { topic: 'contact', view: view(A.locationId, ada, 'Ada Lovelace') },
    ]);
  });

  it('a port that went away between two events is dropped, not crashed on', () => {
    const hub = createEventHub(EXTENSION);
    const port = attach(hub, fakePort('events', PAGE_SENDER));
    port.receive({ topic: 'activity' });
    port.postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    expect(() => hub.publish({ topic: 'activity' })).not.toThrow();
    expect(() => hub.publish({ topic: 'activity' })).not.toThrow();
  });
});

describe('the event hub', () => {
  it('tells a settled change to its contact’s watchers; the activity log hears only "activity"', () => {
    const hub = createEventHub(EXTENSION);
    const log = attach(hub, fakePort('events', PAGE_SENDER));
    log.receive({ topic: 'activity' });
    const editor = attach(hub, fakePort('events', PAGE_SENDER));
    editor.receive({ topic: 'contact', locationId: A.locationId, contactId: ada });
    const settled: PushedEvent = {
      topic: 'settled',
      change: {
        id: 'c1',
        locationId: A.locationId,
        contactId: ada,
        op: 'add',
        tags: ['vip'],
        state: 'done',
      },
    };
    hub.publish(settled);
    hub.publish({ topic: 'activity' });
    // One settled change reloads the log once, not twice.
    expect(log.posted).toEqual([{ topic: 'activity' }]);
    expect(editor.posted).toEqual([settled]);
  });
});

describe('a job subscriber that was not listening yet', () => {
  const job = (done: number): JobView => ({
    id: 'job-1',
    locationId: A.locationId,
    op: 'add',
    tags: ['vip'],
    total: 3,
    done,
    failed: 0,
    retryableFailed: 0,
    pending: 3 - done,
    notDone: 0,
    finished: done === 3,
    cancelled: false,
    text: `${done} updated, 0 failed`,
    failures: [],
  });
  const subscription = { topic: 'job', locationId: A.locationId, jobId: 'job-1' };

  it('hears the job as it is now: it may have finished before the subscription came', async () => {
    const hub = createEventHub(EXTENSION, async () => ({ topic: 'job', job: job(3) }));
    const panel = attach(hub, fakePort('events', scriptOn(A.locationId)));
    panel.receive(subscription);
    await vi.waitFor(() => expect(panel.posted).toEqual([{ topic: 'job', job: job(3) }]));
  });

  it('does not hear a snapshot older than an event it already heard', async () => {
    let answer: (event: PushedEvent) => void = () => undefined;
    const hub = createEventHub(EXTENSION, () => new Promise((resolve) => (answer = resolve)));
    const panel = attach(hub, fakePort('events', scriptOn(A.locationId)));
    panel.receive(subscription);
    hub.publish({ topic: 'job', job: job(3) });
    answer({ topic: 'job', job: job(1) });
    await flushPromises();
    expect(panel.posted).toEqual([{ topic: 'job', job: job(3) }]);
  });

  it('gets no snapshot of another location’s job', async () => {
    const snapshot = vi.fn(async () => ({ topic: 'job' as const, job: job(3) }));
    const hub = createEventHub(EXTENSION, snapshot);
    const script = attach(hub, fakePort('events', scriptOn(A.locationId)));
    script.receive({ ...subscription, locationId: B.locationId });
    await flushPromises();
    expect(snapshot).not.toHaveBeenCalled();
    expect(script.posted).toEqual([]);
  });
});
