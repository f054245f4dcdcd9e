// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InPageApp } from '@/entrypoints/tag-popup.content/InPageApp';
import { createInPageStore } from '@/entrypoints/tag-popup.content/in-page-store';
import { buttonNamed, settle } from '../support/dom';
import { createStubClient } from '../support/stub-client';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.useRealTimers();
});

async function setup() {
  const stub = createStubClient({ 'change.undo': () => ({ undone: true }) });
  const store = createInPageStore();
  await act(async () => {
    render(<InPageApp client={stub.client} store={store} onClose={() => undefined} />, container);
  });
  await act(async () =>
    store.setState({
      toast: {
        text: 'Added ‘vip’ to Ada Lovelace',
        tone: 'info',
        changeId: 'change-1',
        undoUntil: Date.now() + 3_000,
      },
    }),
  );
  return { stub, store };
}

const toastText = () => container.querySelector('[role="status"]')?.textContent;

describe('in-page toast', () => {
  it('once Undo is used it stays used, whatever else changes on the page', async () => {
    const { stub, store } = await setup();
    const undo = buttonNamed(container, 'Undo');
    expect(undo).toBeDefined();
    await act(async () => undo?.click());
    await settle();
    expect(stub.of('change.undo')).toEqual([{ changeId: 'change-1' }]);
    expect(toastText()).toBe('Undone: nothing was sent.');
    // The popup opens while the toast shows: the app renders again, the toast must not reset.
    await act(async () => store.setState({ open: true }));
    await settle();
    expect(buttonNamed(container, 'Undo')).toBeUndefined();
    expect(toastText()).toBe('Undone: nothing was sent.');
  });

  it('leaves when its time is up, even if the page changed meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { store } = await setup();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5_000);
    });
    expect(buttonNamed(container, 'Undo')).toBeUndefined(); // the undo window closed at 3 s
    await act(async () => store.setState({ open: true }));
    // 3 s of undo window plus 4 s of lingering, counted from when the toast appeared.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000);
    });
    expect(store.getState().toast).toBeUndefined();
    expect(toastText()).toBeUndefined();
  });
});
