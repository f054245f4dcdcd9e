import { readHighLevelUrl } from '@/utils/detect/paths';
import type { Selection } from '@/utils/detect/selection';
import type { BackgroundClient } from '@/utils/messages/client';

/** What a tag popup edits: the page's contact, or nothing (then it offers to find one). */
export type PageTarget =
  | { kind: 'contact'; locationId: string; contactId: string; tabId?: number; onPage: boolean }
  | ({ kind: 'selection'; locationId: string; tabId?: number } & Selection)
  | { kind: 'none'; locationId?: string; tabId?: number; problem?: string; noConnection?: boolean };

export interface TabInfo {
  id?: number;
  url?: string;
}

/**
 * Reads a HighLevel address (any host: white-label domains too) and, for a conversation or
 * an opportunity, asks the background which contact it shows. `onPage` is true when the
 * page itself shows that contact (HighLevel's own panel then goes stale after a change).
 */
export async function resolveTarget(
  client: BackgroundClient,
  tab: TabInfo | undefined,
  readSelection?: () => Promise<Selection | undefined>,
): Promise<PageTarget> {
  const tabId = tab?.id;
  const page = readHighLevelUrl(tab?.url ?? '');
  if (page.kind === 'none') return { kind: 'none', tabId };
  if (page.kind === 'contact') return { ...page, kind: 'contact', tabId, onPage: true };
  if (page.kind === 'contact-list' || page.kind === 'location') {
    const selection = await readSelection?.();
    if (selection && selection.contactIds.length > 0) {
      return { kind: 'selection', locationId: page.locationId, tabId, ...selection };
    }
  }
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

/**
 * Resolves the target of each address in turn (HighLevel switching contacts in-app); a
 * slow answer for an address already left behind comes back undefined, so the popup never
 * shows, or edits, the previous contact.
 */
export function createTargetFollower(
  client: BackgroundClient,
  readSelection?: () => Promise<Selection | undefined>,
) {
  let latest = 0;
  return async function follow(url: string): Promise<PageTarget | undefined> {
    const lookup = ++latest;
    const target = await resolveTarget(client, { url }, readSelection);
    return lookup === latest ? target : undefined;
  };
}
