import { OPEN_POPUP_COMMAND } from '@/utils/commands';
import { locationOfUrl } from '@/utils/detect/paths';
import { quickTagsFor } from '@/utils/settings/quick-tags';
import type { Stores } from '@/utils/storage/stores';
import type { Injection } from './injection';
import type { QuickActions } from './quick-actions';

const QUICK_TAG_COMMAND = /^quick-tag-([1-9])$/;

/**
 * The keyboard commands: Alt+Shift+G opens (or closes) the in-page popup; quick-tag-1..9
 * apply the quick tag at that position. A command grants `activeTab` for the tab.
 */
export function createCommands(deps: {
  injection: Injection;
  stores: Stores;
  quickActions: QuickActions;
}) {
  const { injection, quickActions } = deps;
  const notify = (tabId: number, text: string) => quickActions.tell(tabId, { text, tone: 'error' });

  return async function onCommand(command: string, tab: { id?: number; url?: string } | undefined) {
    const tabId = tab?.id;
    if (tabId === undefined) return;
    if (command === OPEN_POPUP_COMMAND) {
      if (!(await injection.togglePopup(tabId))) {
        await notify(tabId, 'Contact tags cannot open on this page.');
      }
      return;
    }
    const quick = QUICK_TAG_COMMAND.exec(command);
    if (!quick) return;
    const position = Number(quick[1]);
    const list = quickTagsFor(await deps.stores.settings.read(), locationOfUrl(tab?.url));
    const tag = list[position - 1];
    if (!tag) {
      await notify(tabId, `No quick tag ${position} set. Add quick tags on the options page.`);
      return;
    }
    await quickActions.apply(
      tabId,
      await quickActions.targetOfCommand(tabId, tab?.url),
      'add',
      tag,
    );
  };
}
