import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Bulk } from '@/entrypoints/background/bulk';
import type { Changes } from '@/entrypoints/background/changes';
import { createCommands } from '@/entrypoints/background/commands';
import type { Contacts } from '@/entrypoints/background/contacts';
import type { Injection } from '@/entrypoints/background/injection';
import { createQuickActions } from '@/entrypoints/background/quick-actions';
import { createStores } from '@/utils/storage/stores';
import { createMemoryArea } from '../support/memory-area';

function setup(pageCanShowUi: boolean) {
  const injection = {
    togglePopup: vi.fn(async () => pageCanShowUi),
    openPopup: vi.fn(async () => pageCanShowUi),
    openBulk: vi.fn(async () => pageCanShowUi),
    showToast: vi.fn(async () => pageCanShowUi),
    reinjectAlwaysOn: vi.fn(async () => undefined),
  } satisfies Injection;
  const stores = createStores(createMemoryArea().area);
  const quickActions = {
    ...createQuickActions({
      changes: {} as Changes,
      contacts: {} as Contacts,
      injection,
      bulk: {} as Bulk,
    }),
    apply: vi.fn(async (_tabId: number, _target: unknown, _op: string, _tag: string) => undefined),
    targetOfCommand: vi.fn(async () => ({ kind: 'none' as const, reason: 'x' })),
  };
  return {
    injection,
    stores,
    quickActions,
    onCommand: createCommands({ injection, stores, quickActions }),
  };
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

  it('quick-tag-N applies the Nth quick tag of the tab’s sub-account, its own list first', async () => {
    const { stores, quickActions, onCommand } = setup(true);
    const location = 'Rk7sWq2LmX9dTz4NbV1c';
    await stores.settings.update((settings) => ({
      ...settings,
      quickTags: ['shared-1', 'shared-2'],
      quickTagsByLocation: { [location]: ['own-1', 'own-2'] },
    }));
    await onCommand('quick-tag-2', {
      id: 4,
      url: `https://crm.example.com/v2/location/${location}/contacts/detail/AAAAAAAAAAAAAAAAAAAA`,
    });
    await onCommand('quick-tag-1', {
      id: 4,
      url: 'https://app.gohighlevel.com/v2/location/Zz7sWq2LmX9dTz4NbV1c/contacts/',
    });
    expect(quickActions.apply.mock.calls.map((call) => [call[2], call[3]])).toEqual([
      ['add', 'own-2'],
      ['add', 'shared-1'],
    ]);
  });

  it('ignores unknown commands and commands without a tab', async () => {
    const { injection, onCommand } = setup(true);
    await onCommand('quick-tag-10', { id: 1 });
    await onCommand('open-tag-popup', undefined);
    expect(injection.togglePopup).not.toHaveBeenCalled();
    expect(injection.showToast).not.toHaveBeenCalled();
  });
});
