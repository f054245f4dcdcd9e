import { readHighLevelUrl } from '@/utils/detect/paths';
import type { BackgroundClient } from '@/utils/messages/client';

/** What the toolbar popup edits: the tab's contact, or nothing (then it offers to find one). */
export type PopupTarget =
  | { kind: 'contact'; locationId: string; contactId: string; tabId?: number; onPage: boolean }
  | { kind: 'none'; locationId?: string; tabId?: number; problem?: string; noConnection?: boolean };

export interface TabInfo {
  id?: number;
  url?: string;
}

/**
 * Reads the tab's address (the click on the toolbar button grants `activeTab`, so this also
 * works on a white-label domain) and, for a conversation or an opportunity, asks the
 * background which contact it shows.
 */
export async function resolveTarget(
  client: BackgroundClient,
  tab: TabInfo | undefined,
): Promise<PopupTarget> {
  const tabId = tab?.id;
  const page = readHighLevelUrl(tab?.url ?? '');
  if (page.kind === 'none') return { kind: 'none', tabId };
  if (page.kind === 'contact') return { ...page, kind: 'contact', tabId, onPage: true };
  if (page.kind === 'conversation' || (page.kind === 'opportunity' && page.opportunityId)) {
    const answer = await client.ask('page.contact', { url: tab?.url ?? '' });
    if (answer.ok) return { kind: 'contact', ...answer.value, tabId, onPage: false };
    return {
      kind: 'none',
      locationId: page.locationId,
      tabId,
      problem: answer.error.message,
      noConnection: answer.error.kind === 'no-connection',
    };
  }
  return { kind: 'none', locationId: page.locationId, tabId };
}
