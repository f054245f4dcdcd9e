// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TagEditor } from '@/components/tag-editor/TagEditor';
import type { BackgroundClient } from '@/utils/messages/client';
import type { RequestType } from '@/utils/messages/protocol';
import { buttonNamed, paste, settle } from '../support/dom';
import { contactView, createStubClient } from '../support/stub-client';

const ids = { locationId: 'Rk7sWq2LmX9dTz4NbV1c', contactId: 'AdaLovelace000000000' };
const LOCATION_TAGS = [
  'VIP-Client',
  'VIP',
  'vip lounge',
  'newsletter',
  'hot-lead',
  'warm-lead',
  'cleaning due',
];

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

/** Renders the editor against a stub background whose contact has `tags`. */
async function setup(tags = ['newsletter'], onClose = vi.fn()) {
  let current = tags;
  const stub = createStubClient({
    'contact.view': () => contactView(current),
    'location.tags': () => ({ tags: LOCATION_TAGS, recent: ['hot-lead'] }),
    'tags.change': (payload) => {
      const changed = payload.tags as string[];
      current =
        payload.op === 'add'
          ? [...current, ...changed]
          : current.filter((t) => !changed.includes(t));
      return {
        changeId: `change-${current.length}`,
        undoUntil: Date.now() + 3000,
        view: contactView(current),
      };
    },
    'change.undo': () => ({ undone: true }),
  });
  await act(async () => {
    render(<TagEditor client={stub.client} contact={ids} autoFocus onClose={onClose} />, container);
  });
  await settle();
  const input = container.querySelector<HTMLInputElement>('[role="combobox"]');
  if (!input) throw new Error('no combobox');
  return { stub, input, onClose };
}

async function type(input: HTMLInputElement, text: string) {
  await act(async () => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(input: HTMLInputElement, key: string, init: KeyboardEventInit = {}) {
  await act(async () => {
    input.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
  await settle();
}

const options = () => [...container.querySelectorAll('[role="option"]')].map((o) => o.textContent);
const highlighted = () =>
  container.querySelector('[role="option"][aria-selected="true"]')?.textContent;
const chips = () =>
  [...container.querySelectorAll('[aria-label="Tags"] li .ct-chip-text')].map((c) => c.textContent);

describe('tag editor keyboard model', () => {
  it('shows the contact’s tags with a named remove button each', async () => {
    await setup(['newsletter', '<img src=x onerror=alert(1)>']);
    expect(chips()).toEqual(['newsletter', '<img src=x onerror=alert(1)>']);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[aria-label="Remove tag newsletter"]')).not.toBeNull();
  });

  it('highlights the case-insensitive exact match first: "vip" picks "VIP", and Enter adds it', async () => {
    const { input, stub } = await setup();
    await type(input, 'vip');
    expect(options()[0]).toBe('VIP');
    expect(highlighted()).toBe('VIP');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(
      container.querySelector('[aria-selected="true"]')?.id,
    );
    await press(input, 'Enter');
    expect(stub.of('tags.change')).toEqual([{ ...ids, op: 'add', tags: ['VIP'] }]);
    expect(input.value).toBe('');
    expect(chips()).toContain('VIP');
  });

  it('arrows move the highlight and wrap; Enter takes the highlighted one', async () => {
    const { input, stub } = await setup();
    await type(input, 'lead');
    const listed = options();
    expect(listed.length).toBeGreaterThan(2);
    await press(input, 'ArrowDown');
    expect(highlighted()).toBe(listed[1]);
    await press(input, 'ArrowUp');
    await press(input, 'ArrowUp');
    expect(highlighted()).toBe(listed.at(-1));
    await press(input, 'Enter');
    expect(stub.of('tags.change')[0]?.tags).toEqual([
      (listed.at(-1) ?? '').replace(/^Create tag “(.*)”$/, '$1'),
    ]);
  });

  it('a new tag needs the "Create tag" option, which notes a case-only difference', async () => {
    const { input, stub } = await setup();
    await type(input, 'Hot-Lead');
    expect(options()).toContain('Create tag “Hot-Lead” (differs from “hot-lead” only by case)');
    expect(highlighted()).toBe('hot-lead');
    await type(input, 'Newsletter');
    expect(container.querySelector('.ct-hint')?.textContent).toBe(
      '‘newsletter’ is already on this contact.',
    );
    await type(input, 'brand new');
    expect(options()).toEqual(['Create tag “brand new”']);
    await press(input, 'Escape');
    expect(options()).toEqual([]);
    await press(input, 'Enter'); // with the list closed, Enter only shows it again
    expect(stub.of('tags.change')).toEqual([]);
    expect(options()).toEqual(['Create tag “brand new”']);
    await press(input, 'Enter');
    expect(stub.of('tags.change')).toEqual([{ ...ids, op: 'add', tags: ['brand new'] }]);
  });

  it('Escape closes the list, then clears the text, then closes the editor', async () => {
    const { input, onClose } = await setup();
    await type(input, 'vip');
    await press(input, 'Escape');
    expect(options()).toEqual([]);
    expect(input.value).toBe('vip');
    await press(input, 'Escape');
    expect(input.value).toBe('');
    expect(onClose).not.toHaveBeenCalled();
    await press(input, 'Escape');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('Backspace in the empty input removes the last tag', async () => {
    const { input, stub } = await setup(['newsletter', 'hot-lead']);
    await press(input, 'Backspace');
    expect(stub.of('tags.change')).toEqual([{ ...ids, op: 'remove', tags: ['hot-lead'] }]);
    expect(chips()).toEqual(['newsletter']);
  });

  it('pasting "a, b, c" adds three tags in one change; junk in a paste is explained', async () => {
    const { input, stub } = await setup();
    await paste(input, 'alpha, beta, gamma');
    expect(stub.of('tags.change')).toEqual([
      { ...ids, op: 'add', tags: ['alpha', 'beta', 'gamma'] },
    ]);
    await paste(input, `ok-tag, ${'x'.repeat(120)}`);
    expect(stub.of('tags.change').at(-1)?.tags).toEqual(['ok-tag']);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'at most 100 characters',
    );
  });

  it('a pasted list over the limit is refused as a whole, and says so', async () => {
    const { input, stub } = await setup();
    const many = Array.from({ length: 101 }, (_, index) => `tag ${index}`);
    await paste(input, [...many, 'bad\u0007tag'].join(','));
    expect(stub.of('tags.change')).toEqual([]);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'At most 100 tags at once: this has 101.',
    );
  });

  it('a paste split by any separator the tag rules know (old Mac line ends, Unicode line breaks) is a list', async () => {
    const { input, stub } = await setup();
    await paste(input, 'alpha\rbeta');
    await paste(input, 'gamma\u2028delta');
    expect(stub.of('tags.change').map((change) => change.tags)).toEqual([
      ['alpha', 'beta'],
      ['gamma', 'delta'],
    ]);
  });

  it('refuses an invalid tag in words and sends nothing', async () => {
    const { input, stub } = await setup();
    await type(input, ' '.repeat(3) + 'x'.repeat(101));
    await press(input, 'Enter');
    expect(stub.of('tags.change')).toEqual([]);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'at most 100 characters',
    );
  });

  it('offers Undo in the toast during the window, and undoes', async () => {
    const { input, stub } = await setup();
    await type(input, 'hot');
    await press(input, 'Enter');
    const undo = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Undo');
    expect(undo).toBeDefined();
    await act(async () => undo?.click());
    await settle();
    expect(stub.of('change.undo')).toEqual([{ changeId: expect.any(String) }]);
    expect(container.querySelector('[role="status"]')?.textContent).toContain('undone');
  });

  it('a permanent failure pushed by the background is shown in words', async () => {
    const { stub } = await setup();
    await act(async () =>
      stub.push({
        topic: 'settled',
        change: {
          id: 'x',
          ...ids,
          op: 'add',
          tags: ['vip'],
          state: 'failed',
          reason: 'HighLevel could not find it.',
        },
      }),
    );
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'Could not add ‘vip’: HighLevel could not find it.×',
    );
  });

  // The background pushes no contact event for an undo that follows the change within its
  // 50 ms publishing delay (the hub skips a view equal to the last one it pushed, and the
  // change's own view came in the answer, not as an event): undo must read the view again.
  it('after Undo the chips are the contact’s again, with no event pushed', async () => {
    let current = ['newsletter'];
    const stub = createStubClient({
      'contact.view': () => contactView(current),
      'location.tags': () => ({ tags: LOCATION_TAGS, recent: [] }),
      'tags.change': (payload) => {
        const view = contactView(current);
        view.chips.push({ tag: String((payload.tags as string[])[0]), state: 'adding' });
        return { changeId: 'change-1', undoUntil: Date.now() + 3000, view };
      },
      'change.undo': () => ({ undone: true }),
    });
    await act(async () => {
      render(<TagEditor client={stub.client} contact={ids} />, container);
    });
    await settle();
    const input = container.querySelector<HTMLInputElement>('[role="combobox"]');
    if (!input) throw new Error('no combobox');
    await type(input, 'vip');
    await press(input, 'Enter');
    expect(chips()).toEqual(['newsletter', 'VIP']);
    current = ['newsletter'];
    await act(async () => buttonNamed(container, 'Undo')?.click());
    await settle();
    expect(chips()).toEqual(['newsletter']);
  });

  // A change refused because the token went away meanwhile: reading the view again is what
  // turns the editor into the "Add a token" state, so the failure is not just undone locally.
  it('a change refused for a removed token turns the editor into the "Add a token" state', async () => {
    let token = true;
    const noToken = {
      ok: false as const,
      error: { kind: 'no-connection' as const, message: 'No token for this sub-account.' },
    };
    const stub = createStubClient({
      'contact.view': () => contactView(['newsletter']),
      'location.tags': () => ({ tags: LOCATION_TAGS, recent: [] }),
    });
    const client: BackgroundClient = {
      ...stub.client,
      ask: (async (type: RequestType, payload: never) =>
        !token && (type === 'tags.change' || type === 'contact.view')
          ? noToken
          : stub.client.ask(type, payload)) as BackgroundClient['ask'],
    };
    await act(async () => {
      render(<TagEditor client={client} contact={ids} />, container);
    });
    await settle();
    token = false;
    await act(async () => buttonNamed(container, 'Remove tag newsletter')?.click());
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      'No token for this sub-account.',
    );
    expect(buttonNamed(container, 'Add a token for this sub-account')).toBeDefined();
  });
});
