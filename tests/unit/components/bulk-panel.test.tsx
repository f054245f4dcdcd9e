// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkPanel } from '@/components/bulk/BulkPanel';
import { createBulkStore } from '@/components/bulk/bulk-store';
import type { BackgroundClient } from '@/utils/messages/client';
import type { JobView } from '@/utils/messages/protocol';
import { buttonNamed, paste, settle, typeText } from '../support/dom';
import { createStubClient } from '../support/stub-client';

const LOCATION = 'Rk7sWq2LmX9dTz4NbV1c';
const contactIds = Array.from({ length: 3 }, (_, index) => `Contact${index}`.padEnd(20, '0'));

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function setup() {
  const stub = createStubClient({
    'location.tags': () => ({ tags: ['newsletter', 'vip'], recent: [] }),
  });
  await act(async () => {
    render(
      <BulkPanel client={stub.client} locationId={LOCATION} contactIds={contactIds} />,
      container,
    );
  });
  await settle();
  const input = container.querySelector<HTMLInputElement>('[role="combobox"]');
  if (!input) throw new Error('no combobox');
  return { stub, input };
}

const chosen = () =>
  [...container.querySelectorAll('[aria-label="Chosen tags"] .ct-chip-text')].map(
    (chip) => chip.textContent,
  );
const alertText = () => container.querySelector('[role="alert"]')?.textContent;

describe('bulk panel: choosing tags', () => {
  it('a pasted list keeps its good tags and explains the pieces left out, as the tag editor does', async () => {
    const { input } = await setup();
    const long = 'x'.repeat(120);
    await paste(input, `alpha, beta\r\ngamma,, ${long}\rdelta`);
    expect(chosen()).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(alertText()).toContain(`‘${long}’ was left out: A tag can be at most 100 characters`);
  });

  it('a pasted list over the limit is refused as a whole, and says so', async () => {
    const { input } = await setup();
    const many = Array.from({ length: 101 }, (_, index) => `tag ${index}`);
    await paste(input, [...many, 'bad\u0007tag'].join(','));
    expect(chosen()).toEqual([]);
    expect(alertText()).toContain('At most 100 tags at once: this has 101.');
  });
});

/**
 * A background whose "bulk.start" answers only when the test says, and which counts the
 * event ports still open (a port never closed leaks).
 */
function slowStart() {
  const stub = createStubClient({
    'location.tags': () => ({ tags: ['newsletter', 'vip'], recent: [] }),
    'bulk.start': (payload) => jobView(payload.tags as string[]),
  });
  const waiting: (() => void)[] = [];
  let open = 0;
  const client: BackgroundClient = {
    async ask(type, payload) {
      if (type === 'bulk.start') await new Promise<void>((resolve) => waiting.push(resolve));
      return stub.client.ask(type, payload);
    },
    listen(subscriptions, onEvent, onResume) {
      open++;
      const stop = stub.client.listen(subscriptions, onEvent, onResume);
      let closed = false;
      return () => {
        if (!closed) open--;
        closed = true;
        stop();
      };
    },
  };
  return {
    stub,
    client,
    openPorts: () => open,
    /** Lets every "bulk.start" asked so far be answered. */
    async answer() {
      for (const resolve of waiting.splice(0)) resolve();
      await settle();
    },
  };
}

function jobView(tags: string[]): JobView {
  return {
    id: `job-${tags.join()}`,
    locationId: LOCATION,
    op: 'add',
    tags,
    total: contactIds.length,
    done: 0,
    failed: 0,
    retryableFailed: 0,
    pending: contactIds.length,
    notDone: 0,
    finished: false,
    cancelled: false,
    text: `0 updated, 0 failed`,
    failures: [],
  };
}

async function renderPanel(client: BackgroundClient, ids = contactIds) {
  await act(async () => {
    render(<BulkPanel client={client} locationId={LOCATION} contactIds={ids} />, container);
  });
  await settle();
  const input = container.querySelector<HTMLInputElement>('[role="combobox"]');
  if (!input) throw new Error('no combobox');
  return input;
}

async function click(name: string) {
  const button = buttonNamed(container, name);
  if (!button) throw new Error(`no button "${name}"`);
  await act(async () => button.click());
}

describe('bulk panel: starting a job', () => {
  it('a double click on "Add to N contacts" starts one job; the buttons wait, keeping their names', async () => {
    const background = slowStart();
    const input = await renderPanel(background.client);
    await paste(input, 'vip, newsletter');
    await click('Add to 3 contacts');
    await click('Add to 3 contacts');
    await click('Remove from 3 contacts');
    expect(buttonNamed(container, 'Add to 3 contacts')?.disabled).toBe(true);
    expect(buttonNamed(container, 'Remove from 3 contacts')?.disabled).toBe(true);
    await background.answer();
    expect(background.stub.of('bulk.start')).toEqual([
      { locationId: LOCATION, op: 'add', tags: ['vip', 'newsletter'], contactIds },
    ]);
    expect(container.querySelector('[role="progressbar"]')).not.toBeNull();
    expect(background.openPorts()).toBe(1);
    render(null, container);
    expect(background.openPorts()).toBe(0);
  });

  it('a double click on "Confirm" starts one job, and the panel leaves no port open', async () => {
    const background = slowStart();
    const input = await renderPanel(background.client);
    await typeText(input, 'brand new'); // a new tag: confirmed first
    await click('Add to 3 contacts');
    await click('Confirm');
    expect(buttonNamed(container, 'Confirm')?.disabled).toBe(true);
    await click('Confirm');
    await background.answer();
    expect(background.stub.of('bulk.start')).toHaveLength(1);
    expect(background.openPorts()).toBe(1);
    render(null, container);
    expect(background.openPorts()).toBe(0);
  });

  it('closed before the background answers: no port is opened for the job', async () => {
    const background = slowStart();
    const input = await renderPanel(background.client);
    await typeText(input, 'vip');
    await click('Add to 3 contacts');
    render(null, container);
    await background.answer();
    expect(background.stub.of('bulk.start')).toHaveLength(1);
    expect(background.openPorts()).toBe(0);
  });

  it('a refused start says why and gives the buttons back', async () => {
    const stub = createStubClient({
      'location.tags': () => ({ tags: ['vip'], recent: [] }),
      'bulk.start': () => {
        throw new Error('No token for this sub-account.');
      },
    });
    const input = await renderPanel(stub.client);
    await typeText(input, 'vip');
    await click('Add to 3 contacts');
    await settle();
    expect(alertText()).toContain('No token for this sub-account.');
    expect(buttonNamed(container, 'Add to 3 contacts')?.disabled).toBe(false);
  });
});

describe('bulk store: starting a job', () => {
  it('run is a no-op while a start is under way, whatever calls it twice', async () => {
    const background = slowStart();
    const bulk = createBulkStore(background.client, LOCATION, contactIds);
    const stop = bulk.start();
    await settle();
    bulk.setTyped('vip');
    void bulk.apply('add');
    void bulk.apply('remove');
    expect(bulk.store.getState().starting).toBe(true);
    await background.answer();
    bulk.setTyped('brand new');
    await bulk.apply('add'); // a job is running: nothing more starts
    expect(background.stub.of('bulk.start')).toHaveLength(1);
    expect(bulk.store.getState()).toMatchObject({ starting: false, job: { tags: ['vip'] } });
    expect(background.openPorts()).toBe(1);
    stop();
    expect(background.openPorts()).toBe(0);
  });
});
