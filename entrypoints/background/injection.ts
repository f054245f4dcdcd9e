import { browser } from 'wxt/browser';
import { createInFlight } from '@/utils/async/in-flight';
import { APP_HOST_PATTERNS } from '@/utils/hosts';
import type { InPageCommand, InPageToast } from '@/utils/messages/protocol';

/** The always-on script, as the manifest and the white-label registrations name it. */
export const ALWAYS_ON_SCRIPT = 'content-scripts/content.js';

/** Puts the always-on script into the open tabs matching `patterns` (top frames). */
export async function injectAlwaysOn(patterns: readonly string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: [...patterns] });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : browser.scripting
            .executeScript({ target: { tabId: tab.id }, files: [`/${ALWAYS_ON_SCRIPT}`] })
            // A tab mid-navigation or not ours to touch: it gets the script when it loads.
            .catch(() => undefined),
    ),
  );
}

/** The in-page popup's script, injected on first use only (the always-on script stays small). */
const IN_PAGE_SCRIPT = '/content-scripts/tag-popup.js';
const TOP_FRAME = { frameId: 0 };

export type Injection = ReturnType<typeof createInjection>;

/**
 * Puts the in-page popup into a tab with `scripting.executeScript`, under the `activeTab`
 * grant that the shortcut, the toolbar button and a menu click give: so it works on
 * HighLevel's hosts and any white-label domain alike, with no setup.
 */
export function createInjection() {
  /** A shortcut pressed twice on first use must not inject two scripts that both answer. */
  const injecting = createInFlight<boolean>();

  function ensureInPageScript(tabId: number): Promise<boolean> {
    return injecting(String(tabId), () => pingOrInject(tabId));
  }

  async function pingOrInject(tabId: number): Promise<boolean> {
    const answer: unknown = await browser.tabs
      .sendMessage(tabId, { type: 'in-page.ping' } satisfies InPageCommand, TOP_FRAME)
      .catch(() => undefined);
    if ((answer as { ready?: unknown } | undefined)?.ready === true) return true;
    try {
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        files: [IN_PAGE_SCRIPT],
      });
      return true;
    } catch {
      return false; // Not ours to touch (a chrome:// page, the web store) or no grant for it.
    }
  }

  /** Tells the tab's in-page script something; false when no page UI can be shown there. */
  async function tell(tabId: number, command: InPageCommand): Promise<boolean> {
    if (!(await ensureInPageScript(tabId))) return false;
    return browser.tabs.sendMessage(tabId, command, TOP_FRAME).then(
      () => true,
      () => false,
    );
  }

  return {
    togglePopup: (tabId: number) => tell(tabId, { type: 'in-page.toggle' }),
    openPopup: (tabId: number, contact: { locationId: string; contactId: string }) =>
      tell(tabId, { type: 'in-page.open', contact }),
    openBulk: (tabId: number, change: { op: 'add' | 'remove'; tags: string[] }) =>
      tell(tabId, { type: 'in-page.bulk', ...change }),
    showToast: (tabId: number, toast: InPageToast) =>
      tell(tabId, { type: 'in-page.toast', ...toast }),
    /** After an update the old content scripts are cut off: put the new one into open tabs. */
    reinjectAlwaysOn: (extraPatterns: readonly string[]) =>
      injectAlwaysOn([...APP_HOST_PATTERNS, ...extraPatterns]),
  };
}
