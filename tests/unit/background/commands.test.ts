import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCommands } from '@/entrypoints/background/commands';
import type { Injection } from '@/entrypoints/background/injection';
import { createStores } from '@/utils/storage/stores';
import { createMemoryArea } from '../support/memory-area';

function setup(pageCanShowUi: boolean) {
  const injection = {
    togglePopup: vi.fn(async () => pageCanShowUi),
    showToast: vi.fn(async () => pageCanShowUi),
    reinjectAlwaysOn: vi.fn(async () => undefined),
  } satisfies Injection;
  const stores = createStores(createMemoryArea().area);
  return { injection, stores, onCommand: createCommands({ injection, stores }) };
}

beforeEach(() => fakeBrowser.reset());

describe('keyboard commands', () => {
  it('open-tag-popup toggles the in-page popup on the command’s tab', async () => {
    const { injection, onCommand } = setup(true);
    await onCommand('open-tag-popup', { id: 42 });
    expect(injection.togglePopup).toHaveBeenCalledWith(42);
    expect(injection.showToast).not.toHaveBeenCalled();
  });

  it('falls back to the badge when the page cannot show anything', async () => {
    const { onCommand } = setup(false);
    await onCommand('open-tag-popup', { id: 7 });
    expect(await browser.action.getBadgeText({ tabId: 7 })).toBe('!');
    expect(await browser.action.getTitle({ tabId: 7 })).toBe(
      'Contact tags cannot open on this page.',
    );
  });

  it('a quick tag with nothing at its position says so in the page', async () => {
    const { injection, onCommand } = setup(true);
    await onCommand('quick-tag-3', { id: 9 });
    expect(injection.showToast).toHaveBeenCalledWith(9, {
      text: 'No quick tag 3 set. Add quick tags on the options page.',
      tone: 'error',
    });
  });

  it('ignores unknown commands and commands without a tab', async () => {
    const { injection, onCommand } = setup(true);
    await onCommand('quick-tag-10', { id: 1 });
    await onCommand('open-tag-popup', undefined);
    expect(injection.togglePopup).not.toHaveBeenCalled();
    expect(injection.showToast).not.toHaveBeenCalled();
  });
});
