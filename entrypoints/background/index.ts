import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { z } from 'zod';
import { realClock } from '@/utils/queue/limiter';
import { createCommands } from './commands';
import { createInjection } from './injection';
import { createServices } from './services';
import { createWake, DRAIN_ALARM } from './wake';

export default defineBackground(() => {
  // MV3 forbids `new Function`, which zod otherwise compiles validators with.
  z.config({ jitless: true });
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
  });
  const onCommand = createCommands({ injection, stores: services.stores });

  // Answered through sendResponse as well as a promise: both Chrome and the fake browser work.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void services.route(message, sender).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => services.hub.attach(port, () => undefined));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DRAIN_ALARM) void services.changes.queue.drain();
  });
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // The content scripts of the previous version are cut off in open tabs: replace them.
    if (reason === 'update') void injection.reinjectAlwaysOn();
  });

  void services.start();
});
