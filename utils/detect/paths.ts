import { isHighLevelId } from './ids';

/** What a HighLevel app URL points at. Read from the path only: agencies serve the app on their own domains. */
export type PageTarget =
  | { kind: 'contact'; locationId: string; contactId: string }
  | { kind: 'conversation'; locationId: string; conversationId: string }
  | { kind: 'opportunity'; locationId: string; opportunityId?: string }
  | { kind: 'contact-list'; locationId: string }
  | { kind: 'location'; locationId: string }
  | { kind: 'none' };

/**
 * Pages whose path looks like HighLevel's app, on any host, for the context
 * menu's `documentUrlPatterns`. Older links lack the `/v2` prefix.
 */
export const documentUrlPatterns: readonly string[] = ['*://*/v2/location/*', '*://*/location/*'];

/**
 * Links to contact pages, for the context menu's `targetUrlPatterns`. Match
 * patterns cannot say "20 letters and digits", so the clicked link still goes
 * through `readHighLevelUrl`.
 */
export const contactUrlPatterns: readonly string[] = [
  '*://*/v2/location/*/contacts/detail/*',
  '*://*/location/*/contacts/detail/*',
];

const NONE: PageTarget = { kind: 'none' };

/**
 * Reads an http(s) URL of the HighLevel app, any host:
 * - `[/v2]/location/{loc}/contacts/detail/{contactId}[/...]`: contact
 * - `[/v2]/location/{loc}/conversations/conversations/{conversationId}`: conversation
 * - `[/v2]/location/{loc}/opportunities/...`: opportunity, with `opportunityId`
 *   taken from the first ID-shaped path segment after `opportunities`
 *   (`/opportunities/list/{id}`) or else from an `opportunityId` query
 *   parameter; the app's URLs for one opportunity vary, and the list alone is
 *   still an opportunity page
 * - `[/v2]/location/{loc}/contacts` and `.../contacts/smart_list/{listId}`: contact list
 * - any other path under the location: location
 * A malformed location, contact or conversation ID, another scheme, or junk: none.
 */
export function readHighLevelUrl(url: string): PageTarget {
  const page = splitLocationPath(url);
  if (page === undefined) return NONE;
  const { locationId, rest, query } = page;
  const [section, view, id] = rest;

  if (section === 'contacts') {
    if (view === 'detail') {
      return id !== undefined && isHighLevelId(id)
        ? { kind: 'contact', locationId, contactId: id }
        : NONE;
    }
    if (view === undefined || view === 'smart_list') return { kind: 'contact-list', locationId };
  }
  if (section === 'conversations' && view === 'conversations' && id !== undefined) {
    return isHighLevelId(id) ? { kind: 'conversation', locationId, conversationId: id } : NONE;
  }
  if (section === 'opportunities') {
    const fromQuery = query.get('opportunityId');
    const opportunityId =
      rest.slice(1).find(isHighLevelId) ??
      (fromQuery !== null && isHighLevelId(fromQuery) ? fromQuery : undefined);
    return opportunityId === undefined
      ? { kind: 'opportunity', locationId }
      : { kind: 'opportunity', locationId, opportunityId };
  }
  return { kind: 'location', locationId };
}

/** The sub-account a HighLevel address is under, if it is one. */
export function locationOfUrl(url: string | undefined): string | undefined {
  const page = readHighLevelUrl(url ?? '');
  return page.kind === 'none' ? undefined : page.locationId;
}

/** Whether `url` is an http(s) URL whose path is under `[/v2]/location/{locationId}`, any host. */
export function isHighLevelPath(url: string): boolean {
  return splitLocationPath(url) !== undefined;
}

function splitLocationPath(
  url: string,
): { locationId: string; rest: string[]; query: URLSearchParams } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // Empty segments come from trailing or doubled slashes.
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
  const start = segments[0] === 'v2' ? 1 : 0;
  const locationId = segments[start + 1];
  if (segments[start] !== 'location' || locationId === undefined || !isHighLevelId(locationId)) {
    return undefined;
  }
  return { locationId, rest: segments.slice(start + 2), query: parsed.searchParams };
}
