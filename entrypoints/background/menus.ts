import { browser } from 'wxt/browser';
import { contactUrlPatterns, documentUrlPatterns, locationOfUrl } from '@/utils/detect/paths';
import { type MenuPlace, quickTagMenu } from '@/utils/menus/quick-tag-menu';
import { quickTagsFor } from '@/utils/settings/quick-tags';
import type { Stores } from '@/utils/storage/stores';

/**
 * Chrome's context menu for quick tags. Two parents, never both on one click: page and
 * selection clicks on pages whose path looks like HighLevel's, and links to contact pages on
 * any host (a "page" item does not show on a link). Rebuilt (remove all, then create) when
 * the lists change and when the active tab's location changes.
 */
const PLACES: Record<MenuPlace, { contexts: ['page', 'selection'] | ['link']; patterns: object }> =
  {
    page: {
      contexts: ['page', 'selection'],
      patterns: { documentUrlPatterns: [...documentUrlPatterns] },
    },
    link: { contexts: ['link'], patterns: { targetUrlPatterns: [...contactUrlPatterns] } },
  };

export type Menus = ReturnType<typeof createMenus>;

export function createMenus(stores: Stores) {
  let built: string | undefined;
  let building: Promise<void> = Promise.resolve();

  function build(quickTags: readonly string[]) {
    const signature = JSON.stringify(quickTags);
    building = building.then(async () => {
      if (signature === built) return;
      built = signature;
      await browser.contextMenus.removeAll();
      for (const place of Object.keys(PLACES) as MenuPlace[]) {
        const { contexts, patterns } = PLACES[place];
        for (const entry of quickTagMenu(place, quickTags)) {
          const isParent = entry.parentId === undefined;
          browser.contextMenus.create({
            id: entry.id,
            ...(entry.parentId ? { parentId: entry.parentId } : {}),
            ...(entry.title ? { title: entry.title } : {}),
            ...(entry.type ? { type: entry.type } : {}),
            contexts,
            ...(isParent ? patterns : {}),
          });
        }
      }
    });
    return building;
  }

  /** Builds the menu for the location the given tab (or the focused window's active tab) shows. */
  async function followTab(tab?: { url?: string }) {
    const active = tab ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0];
    const settings = await stores.settings.read();
    await build(quickTagsFor(settings, locationOfUrl(active?.url)));
  }

  return {
    followTab,
    /** At every worker start (and install): Chrome keeps menus, so start from nothing. */
    async reset() {
      built = undefined;
      await followTab();
    },
  };
}
