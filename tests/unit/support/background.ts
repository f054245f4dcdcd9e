import { createServices, type ServicesDeps } from '@/entrypoints/background/services';
import type { FakeGhl } from '../../fake-ghl';
import { createManualClock } from './manual-clock';
import { createMemoryArea } from './memory-area';

export const EXTENSION = { id: 'ourextensionid', origin: 'chrome-extension://ourextensionid/' };
export const PAGE_SENDER = { id: EXTENSION.id, url: `${EXTENSION.origin}popup.html` };

/** Calls to the extension's real API origin go to the in-process fake instead. */
export function fetchFromFake(fake: () => FakeGhl): typeof fetch {
  return (input, init) =>
    fetch(String(input).replace('https://services.leadconnectorhq.com', fake().apiBaseUrl), init);
}

/**
 * The real background services with a test's storage, clock and network; the browser's part
 * (tabs, options page, menus, timers) does nothing unless the test gives its own.
 */
export function createTestServices(
  deps: Pick<ServicesDeps, 'area' | 'clock' | 'fetch'> & Partial<ServicesDeps>,
) {
  return createServices({
    extension: EXTENSION,
    newId: () => crypto.randomUUID(),
    wakeAt: () => undefined,
    openOptions: async () => undefined,
    openInPage: async () => false,
    onQuickTagsChanged: () => undefined,
    readSelection: async () => ({ contactIds: [], allOnPage: [] }),
    ...deps,
  });
}

/**
 * The real background services over memory storage and a manual clock, calling the
 * in-process fake HighLevel (the extension's real API origin is rewritten to the fake's).
 */
export function startBackground(fake: FakeGhl, memory = createMemoryArea()) {
  const { clock, advance } = createManualClock(Date.now());
  let wake: number | undefined;
  const services = createTestServices({
    area: memory.area,
    clock,
    wakeAt: (at) => {
      wake = at;
    },
    fetch: fetchFromFake(() => fake),
  });
  /** Asks as an extension page would. */
  const ask = (message: Record<string, unknown>) => services.route(message, PAGE_SENDER);
  /** Lets time pass and the queue run what falls due, as the wake timer would. */
  async function passTime(ms: number) {
    await advance(ms);
    if (wake !== undefined && wake <= clock.now()) await services.changes.queue.drain();
  }
  return { services, ask, passTime, memory, clock };
}
