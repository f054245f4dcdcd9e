/**
 * The data behind each app page, read from the fake's state at the moment the page renders
 * (so HighLevel's own panel shows old tags until the page reloads or navigates, like the real
 * one). The page script (router.js) fetches it from `/fake-app/api/view?path=...`.
 */
import { fullName } from '../api-answers';
import { hostName, WHITE_LABEL_HOST } from '../hosts';
import type { ContactRecord, FakeState, LocationRecord } from '../state';
import { type AppRoute, appPath, parseAppPath } from './app-paths';

/** Rows a contact list shows when the URL does not say (`?rows=N`), like HighLevel's page size. */
export const DEFAULT_LIST_ROWS = 20;
const OTHER_CONTACT_LINKS = 5;

interface NavLink {
  label: string;
  href: string;
  current: boolean;
}

interface ViewBase {
  brand: string;
  title: string;
  locationId: string;
  locationName: string;
  nav: NavLink[];
}

export interface ContactLink {
  id: string;
  name: string;
  href: string;
}

export interface ContactRow extends ContactLink {
  email?: string;
  phone?: string;
  tags: string[];
}

export type AppView =
  | (ViewBase & { kind: 'contact'; contact: ContactRow; others: ContactLink[]; nextHref: string })
  | (ViewBase & {
      kind: 'contact-list';
      listId: string;
      rows: ContactRow[];
      total: number;
      /** `?claimAll=N`: the page says all N contacts are selected. */
      claimAll?: number;
    })
  | (ViewBase & {
      kind: 'conversations';
      conversations: {
        id: string;
        href: string;
        contactName: string;
        lastMessage: string;
        unreadCount: number;
        current: boolean;
      }[];
      open?: {
        id: string;
        contact: ContactLink;
        messages: { direction: 'inbound' | 'outbound'; body: string }[];
      };
    })
  | (ViewBase & {
      kind: 'opportunities';
      cards: {
        id: string;
        name: string;
        monetaryValue: number;
        status: string;
        contact?: ContactLink;
      }[];
    })
  | { kind: 'not-found'; brand: string; title: string; message: string };

function brandFor(host: string | undefined): string {
  return hostName(host) === WHITE_LABEL_HOST ? 'Example CRM' : 'HighLevel';
}

function link(contact: ContactRecord): ContactLink {
  return {
    id: contact.id,
    name: fullName(contact),
    href: appPath.contact(contact.locationId, contact.id),
  };
}

function row(contact: ContactRecord): ContactRow {
  return {
    ...link(contact),
    ...(contact.email === undefined ? {} : { email: contact.email }),
    ...(contact.phone === undefined ? {} : { phone: contact.phone }),
    tags: [...contact.tags],
  };
}

function nonNegativeInteger(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function base(location: LocationRecord, route: AppRoute, brand: string, title: string): ViewBase {
  const sections: [string, string, AppRoute['kind'][]][] = [
    ['Contacts', appPath.contactList(location.id), ['contact', 'contact-list']],
    ['Conversations', appPath.conversations(location.id), ['conversations']],
    ['Opportunities', appPath.opportunities(location.id), ['opportunities']],
  ];
  return {
    brand,
    title: `${title} | ${location.name} | ${brand}`,
    locationId: location.id,
    locationName: location.name,
    nav: sections.map(([label, href, kinds]) => ({
      label,
      href,
      current: kinds.includes(route.kind),
    })),
  };
}

/** The view for a path (with its query string) on a host. */
export function buildView(
  state: FakeState,
  host: string | undefined,
  pathWithQuery: string,
): AppView {
  const brand = brandFor(host);
  const url = new URL(pathWithQuery, 'https://app.invalid');
  const route = parseAppPath(url.pathname);
  const notFound = (message: string): AppView => ({
    kind: 'not-found',
    brand,
    title: `Not found | ${brand}`,
    message,
  });
  if (!route) return notFound('This page does not exist.');
  const location = state.getLocation(route.locationId);
  if (!location) return notFound('This sub-account does not exist or you have no access to it.');
  const contacts = state.contactsOf(location.id);

  switch (route.kind) {
    case 'contact': {
      const index = contacts.findIndex((contact) => contact.id === route.contactId);
      const contact = contacts[index];
      if (!contact) return notFound('This contact does not exist or was deleted.');
      const following = [...contacts.slice(index + 1), ...contacts.slice(0, index)];
      const next = following[0] ?? contact;
      return {
        ...base(location, route, brand, fullName(contact)),
        kind: 'contact',
        contact: row(contact),
        others: following.slice(0, OTHER_CONTACT_LINKS).map(link),
        nextHref: appPath.contact(location.id, next.id),
      };
    }
    case 'contact-list': {
      const rowCount = nonNegativeInteger(url.searchParams.get('rows')) ?? DEFAULT_LIST_ROWS;
      const claimAll = nonNegativeInteger(url.searchParams.get('claimAll'));
      return {
        ...base(location, route, brand, 'Contacts'),
        kind: 'contact-list',
        listId: route.listId,
        rows: contacts.slice(0, rowCount).map(row),
        total: contacts.length,
        ...(claimAll === undefined ? {} : { claimAll }),
      };
    }
    case 'conversations': {
      const conversations = state.conversationsOf(location.id);
      const open = conversations.find((conversation) => conversation.id === route.conversationId);
      const openContact = open && state.getContact(open.contactId);
      return {
        ...base(location, route, brand, 'Conversations'),
        kind: 'conversations',
        conversations: conversations.map((conversation) => {
          const contact = state.getContact(conversation.contactId);
          return {
            id: conversation.id,
            href: appPath.conversation(location.id, conversation.id),
            contactName: contact ? fullName(contact) : 'Unknown contact',
            lastMessage: conversation.messages.at(-1)?.body ?? '',
            unreadCount: conversation.unreadCount,
            current: conversation.id === open?.id,
          };
        }),
        ...(open && openContact
          ? {
              open: {
                id: open.id,
                contact: link(openContact),
                messages: open.messages.map(({ direction, body }) => ({ direction, body })),
              },
            }
          : {}),
      };
    }
    case 'opportunities':
      return {
        ...base(location, route, brand, 'Opportunities'),
        kind: 'opportunities',
        cards: state.opportunitiesOf(location.id).map((opportunity) => {
          const contact = state.getContact(opportunity.contactId);
          return {
            id: opportunity.id,
            name: opportunity.name,
            monetaryValue: opportunity.monetaryValue,
            status: opportunity.status,
            ...(contact && !contact.deleted ? { contact: link(contact) } : {}),
          };
        }),
      };
  }
}
