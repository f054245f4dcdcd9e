import { browser } from 'wxt/browser';
import type { Stores } from '@/utils/storage/stores';
import type { Injection } from './injection';

export const OPEN_POPUP_COMMAND = 'open-tag-popup';
const QUICK_TAG_COMMAND = /^quick-tag-([1-9])$/;

/**
 * The keyboard commands: Alt+Shift+G opens (or closes) the in-page popup; quick-tag-1..9
 * apply the quick tag at that position. A command grants `activeTab` for the tab.
 */
export function createCommands(deps: { injection: Injection; stores: Stores }) {
  const { injection } = deps;

  /** Says something in the page, or on the badge when the page cannot show it. */
  async function notify(tabId: number, text: string) {
    if (await injection.showToast(tabId, { text, tone: 'error' })) return;
    await browser.action.setBadgeText({ tabId, text: '!' });
    await browser.action.setTitle({ tabId, title: text });
  }

  return async function onCommand(command: string, tab: { id?: number } | undefined) {
    const tabId = tab?.id;
    if (tabId === undefined) return;
    if (command === OPEN_POPUP_COMMAND) {
      if (!(await injection.togglePopup(tabId))) {
        await notify(tabId, 'Contact tags cannot open on this page.');
      }
      return;
    }
    const quick = QUICK_TAG_COMMAND.exec(command);
    if (quick) {
      const position = Number(quick[1]);
      const settings = await deps.stores.settings.read();
      if (!settings.quickTags[position - 1]) {
        await notify(tabId, `No quick tag ${position} set. Add quick tags on the options page.`);
      }
    }
  };
}
