/**
 * Unit-level twins of tests/e2e/attacks/fixed-findings.spec.ts: attacks that worked against
 * an earlier build, each failing before its fix, pointing at the function that was fixed.
 */
import { describe, expect, it } from 'vitest';
import { createEditorStore } from '@/components/tag-editor/editor-store';
import { createEventHub } from '@/entrypoints/background/events';
import type { ContactView } from '@/utils/messages/protocol';
import { APP_HOST, appPath, SAMPLE, SECOND } from '../../fake-ghl';
import { EXTENSION } from '../support/background';
import { contactView, createStubClient } from '../support/stub-client';

describe('findings', () => {
  it('events.ts: a content script on A subscribed to B’s contact under A’s ID hears nothing of it', () => {
    const hub = createEventHub(EXTENSION);
    const posted: unknown[] = [];
    let onMessage: (message: unknown) => void = () => undefined;
    hub.attach({
      name: 'events',
      sender: {
        id: EXTENSION.id,
        url: `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, SAMPLE.contacts.ada.id)}`,
        tab: { id: 3 },
      },
      postMessage: (message: unknown) => posted.push(message),
      disconnect: () => undefined,
      onMessage: { addListener: (listener: (message: unknown) => void) => (onMessage = listener) },
      onDisconnect: { addListener: () => undefined },
    } as unknown as Parameters<typeof hub.attach>[0]);
    const marcus = SECOND.contacts.marcus.id;
    onMessage({ topic: 'contact', locationId: SAMPLE.locationId, contactId: marcus });
    const view: ContactView = {
      locationId: SECOND.locationId,
      contactId: marcus,
      name: 'Marcus Reed',
      chips: [{ tag: 'b-private', state: 'saved' }],
      pending: [],
      loaded: true,
    };
    hub.publish({ topic: 'contact', view });
    hub.publish({
      topic: 'settled',
      change: {
        id: 'c',
        locationId: SECOND.locationId,
        contactId: marcus,
        op: 'add',
        tags: ['b-private'],
        state: 'done',
      },
    });
    expect(posted).toEqual([]);
  });

  // The dedupe in `add` is quadratic (a 60,000-tag paste took 4 minutes here); 3,000 tags
  // keep this test short while still over the protocol's 100 tags per change.
  it('editor-store.ts: a pasted list of 3,000 tags goes in calls of at most 100 tags, or is refused in words', async () => {
    const stub = createStubClient({
      'contact.view': () => contactView([]),
      'location.tags': () => ({ tags: [], recent: [] }),
      'tags.change': (payload) => ({
        changeId: 'c',
        undoUntil: 0,
        view: contactView(payload.tags as string[]),
      }),
    });
    const editor = createEditorStore(stub.client, {
      locationId: SAMPLE.locationId,
      contactId: SAMPLE.contacts.oliver.id,
    });
    editor.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const list = Array.from({ length: 3_000 }, (_, i) => `pasted-${i}`).join(', ');
    await editor.addPasted(list);
    for (const change of stub.of('tags.change'))
      expect((change.tags as string[]).length).toBeLessThanOrEqual(100);
  }, 30_000);
});
