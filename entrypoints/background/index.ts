import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { z } from 'zod';
import { realClock } from '@/utils/queue/limiter';
import { createServices } from './services';
import { createWake, DRAIN_ALARM } from './wake';

export default defineBackground(() => {
  // MV3 forbids `new Function`, which zod otherwise compiles validators with.
  z.config({ jitless: true });
  // Content scripts may not read storage at all: tokens live there.
  void browser.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });

  const wakeAt = createWake(() => void services.changes.queue.drain());
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
  });

  // Answered through sendResponse as well as a promise: both Chrome and the fake browser work.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void services.route(message, sender).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => services.hub.attach(port, () => undefined));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DRAIN_ALARM) void services.changes.queue.drain();
  });

  void services.start();
});
