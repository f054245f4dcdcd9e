import { readHighLevelUrl } from '../detect/paths';
import { selectionFrom } from '../detect/selection';
import type { PageReading } from '../messages/page-protocol';

/** What a context-menu click or a quick-tag command acts on (SPEC.md, "Context menu target"). */
export type MenuTarget =
  | { kind: 'contact'; locationId: string; contactId: string }
  /** A conversation or an opportunity: its contact is looked up through the API. */
  | { kind: 'lookup'; locationId: string; url: string }
  | {
      kind: 'selection';
      locationId: string;
      contactIds: string[];
      /** The page says more are selected than it holds rows for. */
      claimed?: number;
    }
  | { kind: 'none'; reason: string };

export const NOTHING_TO_TAG =
  'Nothing to tag here: right-click a contact’s page, a link to a contact, or a row of a contact list.';

/**
 * Decides the target from what Chrome says about the click (`linkUrl`, `pageUrl`) and,
 * where the always-on script runs, what the page says (`reading`): a contact link acts on
 * that contact (its own location); a right-click on a selected row, or on the page while
 * rows are selected, acts on the selection; on an unselected row, on that row's contact;
 * otherwise on the page's contact.
 */
export function resolveMenuTarget(click: {
  linkUrl?: string;
  pageUrl?: string;
  reading?: PageReading;
}): MenuTarget {
  if (click.linkUrl) {
    const link = readHighLevelUrl(click.linkUrl);
    if (link.kind === 'contact') return link;
  }
  const page = readHighLevelUrl(click.pageUrl ?? click.reading?.url ?? '');
  if (page.kind === 'none') return { kind: 'none', reason: NOTHING_TO_TAG };
  const { locationId } = page;
  const reading = click.reading;
  const clicked = reading?.rightClicked;
  const { contactIds, claimed } = selectionFrom(reading?.rows ?? [], reading?.selectionClaim);
  const onUnselectedRow = clicked?.contactId !== undefined && !clicked.onSelectedRow;
  if (contactIds.length > 0 && !onUnselectedRow) {
    return {
      kind: 'selection',
      locationId,
      contactIds,
      ...(claimed === undefined ? {} : { claimed }),
    };
  }
  if (clicked?.contactId) return { kind: 'contact', locationId, contactId: clicked.contactId };
  if (page.kind === 'contact') return page;
  if (page.kind === 'conversation' || (page.kind === 'opportunity' && page.opportunityId)) {
    return { kind: 'lookup', locationId, url: click.pageUrl ?? reading?.url ?? '' };
  }
  return { kind: 'none', reason: NOTHING_TO_TAG };
}
