// First: zod must be set up for MV3 (no `new Function`) before any schema is built.
import '@/utils/zod';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { locationOfUrl } from '@/utils/detect/paths';
import { readMenuId } from '@/utils/menus/quick-tag-menu';
import { realClock } from '@/utils/queue/limiter';
import { hostPattern } from '@/utils/settings/domains';
import { createCommands } from './commands';
import { createInjection } from './injection';
import { createMenus } from './menus';
import { createQuickActions } from './quick-actions';
import { createServices } from './services';
import { createWake, DRAIN_ALARM } from './wake';

export default defineBackground(() => {
  // Content scripts may not read storage at all: tokens live there.
  void browser.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });

  const wakeAt = createWake(() => void services.changes.queue.drain());
  const injection = createInjection();
  const services = createServices({
    area: browser.storage.local,
    clock: realClock,
    extension: { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    newId: () => crypto.randomUUID(),
    wakeAt,
    openOptions: async ({ locationId }) => {
      const query = locationId ? `?locationId=${encodeURIComponent(locationId)}` : '';
      await browser.tabs.create({ url: browser.runtime.getURL(`/options.html${query}`) });
    },
    openInPage: (tabId) => injection.togglePopup(tabId),
    onQuickTagsChanged: () => void menus.followTab(),
    readSelection: (tabId) => quickActions.selectionOf(tabId),
  });
  const { stores } = services;

  const quickActions = createQuickActions({
    changes: services.changes,
    contacts: services.contacts,
    injection,
    bulk: services.bulk,
  });
  const menus = createMenus(stores);
  const onCommand = createCommands({ injection, stores, quickActions });

  // Answered through sendResponse as well as a promise: both Chrome and the fake browser work.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void services.route(message, sender).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => services.hub.attach(port));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DRAIN_ALARM) void services.changes.queue.drain();
  });
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    const action = readMenuId(info.menuItemId);
    const tabId = tab?.id;
    if (!action || tabId === undefined) return;
    const click = { linkUrl: info.linkUrl, pageUrl: info.pageUrl, frameId: info.frameId };
    const target = await quickActions.targetOfClick(tabId, click);
    if (action.kind === 'edit') {
      await quickActions.edit(tabId, target, locationOfUrl(info.pageUrl));
    } else {
      await quickActions.apply(tabId, target, action.op, action.tag);
    }
  });
  // The menu shows the quick tags of the location the active tab is on.
  browser.tabs.onActivated.addListener(
    ({ tabId }) => void browser.tabs.get(tabId).then(menus.followTab),
  );
  browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (change.url && tab.active) void menus.followTab(tab);
  });
  browser.windows.onFocusChanged.addListener(() => void menus.followTab());
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    // The content scripts of the previous version are cut off in open tabs: replace them.
    if (reason === 'update') {
      const { domains } = await stores.settings.read();
      await injection.reinjectAlwaysOn(domains.map(hostPattern));
    }
  });
  // A grant or a revocation made anywhere (the options page, Chrome's own UI) is followed.
  browser.permissions.onAdded.addListener(() => void services.domains.sync());
  browser.permissions.onRemoved.addListener(() => void services.domains.sync());

  void menus.reset();
  void services.start();
});
