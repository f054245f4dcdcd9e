import { browser } from 'wxt/browser';

export const DRAIN_ALARM = 'drain-queue';

/**
 * Wakes the queue when its next change is due: a timer while the worker lives, and an
 * alarm in case Chrome stops the worker first (alarms fire at most every 30 s).
 */
export function createWake(drain: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return function wakeAt(at: number | undefined) {
    clearTimeout(timer);
    if (at === undefined) {
      void browser.alarms.clear(DRAIN_ALARM);
      return;
    }
    timer = setTimeout(drain, Math.max(0, at - Date.now()));
    void browser.alarms.create(DRAIN_ALARM, { when: at });
  };
}
