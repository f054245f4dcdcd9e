import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMenus } from '@/entrypoints/background/menus';
import { createStores } from '@/utils/storage/stores';
import { createMemoryArea } from '../support/memory-area';

const LOCATION = 'Rk7sWq2LmX9dTz4NbV1c';
const url = (location: string) =>
  `https://app.gohighlevel.com/v2/location/${location}/contacts/smart_list/All`;

beforeEach(() => fakeBrowser.reset());

/** Spies on contextMenus, which the fake browser does not implement. */
function spyOnMenus() {
  const calls: string[] = [];
  vi.spyOn(browser.contextMenus, 'removeAll').mockImplementation(async () => {
    calls.push('removeAll');
  });
  const create = vi.spyOn(browser.contextMenus, 'create').mockImplementation((properties) => {
    calls.push(`create ${properties.title ?? properties.type}`);
    return properties.id ?? '';
  });
  return { calls, create };
}

describe('context menus', () => {
  it('remove all, then create the parents and entries of the tab’s location list', async () => {
    const { calls, create } = spyOnMenus();
    const stores = createStores(createMemoryArea().area);
    await stores.settings.update((s) => ({
      ...s,
      quickTags: ['shared'],
      quickTagsByLocation: { [LOCATION]: ['own'] },
    }));
    await createMenus(stores).followTab({ url: url(LOCATION) });
    expect(calls[0]).toBe('removeAll');
    expect(calls.filter((call) => call.startsWith('create Add'))).toEqual([
      "create Add 'own'",
      "create Add 'own'",
    ]);
    const parents = create.mock.calls
      .map(([properties]) => properties)
      .filter((properties) => !properties.parentId);
    expect(parents).toEqual([
      expect.objectContaining({
        title: 'Contact tags',
        contexts: ['page', 'selection'],
        documentUrlPatterns: expect.arrayContaining(['*://*/v2/location/*']),
      }),
      expect.objectContaining({
        title: 'Contact tags',
        contexts: ['link'],
        targetUrlPatterns: expect.arrayContaining(['*://*/v2/location/*/contacts/detail/*']),
      }),
    ]);
  });

  it('rebuilds only when the list that applies changes', async () => {
    const { calls } = spyOnMenus();
    const stores = createStores(createMemoryArea().area);
    await stores.settings.update((s) => ({
      ...s,
      quickTags: ['shared'],
      quickTagsByLocation: { [LOCATION]: ['own'] },
    }));
    const menus = createMenus(stores);
    await menus.followTab({ url: url(LOCATION) });
    await menus.followTab({ url: url(LOCATION) });
    await menus.followTab({ url: url('Zz7sWq2LmX9dTz4NbV1c') });
    expect(calls.filter((call) => call === 'removeAll')).toHaveLength(2);
    const lastBuild = calls.slice(calls.lastIndexOf('removeAll'));
    expect(lastBuild.filter((call) => call.startsWith('create Add'))).toEqual([
      "create Add 'shared'",
      "create Add 'shared'",
    ]);
  });
});
