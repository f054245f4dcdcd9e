/**
 * HighLevel's app paths (ghl-api/README.md, "The web app"): built for links and tests, parsed
 * to pick a view. Older links lack the `/v2` prefix; both are served.
 */

export type AppRoute =
  | { kind: 'contact'; locationId: string; contactId: string }
  | { kind: 'contact-list'; locationId: string; listId: string }
  | { kind: 'conversations'; locationId: string; conversationId?: string }
  | { kind: 'opportunities'; locationId: string };

const enc = encodeURIComponent;

export const appPath = {
  contact: (locationId: string, contactId: string) =>
    `/v2/location/${enc(locationId)}/contacts/detail/${enc(contactId)}`,
  contactList: (locationId: string, listId = 'All') =>
    `/v2/location/${enc(locationId)}/contacts/smart_list/${enc(listId)}`,
  conversation: (locationId: string, conversationId: string) =>
    `/v2/location/${enc(locationId)}/conversations/conversations/${enc(conversationId)}`,
  conversations: (locationId: string) =>
    `/v2/location/${enc(locationId)}/conversations/conversations`,
  opportunities: (locationId: string) => `/v2/location/${enc(locationId)}/opportunities/list`,
} as const;

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The view a path asks for, or undefined when it is not one of the app's pages the fake serves. */
export function parseAppPath(pathname: string): AppRoute | undefined {
  const found = /^(?:\/v2)?\/location\/([^/]+)\/(.+?)\/?$/.exec(pathname);
  const locationId = found?.[1] === undefined ? undefined : decoded(found[1]);
  const rest = found?.[2];
  if (locationId === undefined || rest === undefined) return undefined;

  const contact = /^contacts\/detail\/([^/]+)$/.exec(rest);
  const contactId = contact?.[1] === undefined ? undefined : decoded(contact[1]);
  if (contactId !== undefined) return { kind: 'contact', locationId, contactId };

  const list = /^contacts\/smart_list\/([^/]+)$/.exec(rest);
  const listId = list?.[1] === undefined ? undefined : decoded(list[1]);
  if (listId !== undefined) return { kind: 'contact-list', locationId, listId };

  const conversations = /^conversations\/conversations(?:\/([^/]+))?$/.exec(rest);
  if (conversations) {
    const conversationId = conversations[1] === undefined ? undefined : decoded(conversations[1]);
    return conversationId === undefined
      ? { kind: 'conversations', locationId }
      : { kind: 'conversations', locationId, conversationId };
  }

  if (rest === 'opportunities/list') return { kind: 'opportunities', locationId };
  return undefined;
}
