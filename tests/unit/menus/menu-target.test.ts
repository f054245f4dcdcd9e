import { describe, expect, it } from 'vitest';
import { NOTHING_TO_TAG, resolveMenuTarget } from '@/utils/menus/menu-target';
import type { PageReading } from '@/utils/messages/page-protocol';

const LOCATION = 'Rk7sWq2LmX9dTz4NbV1c';
const OTHER = 'Zz7sWq2LmX9dTz4NbV1c';
const [A, B, C] = ['AAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBB', 'CCCCCCCCCCCCCCCCCCCC'];
const listUrl = `https://app.gohighlevel.com/v2/location/${LOCATION}/contacts/smart_list/All`;
const contactUrl = (location: string, id: string) =>
  `https://crm.example.com/v2/location/${location}/contacts/detail/${id}`;

function reading(extra: Partial<PageReading>): PageReading {
  return { url: listUrl, rows: [], ...extra };
}

describe('what a context-menu click acts on', () => {
  it('a link to a contact: that contact, in the link’s own location', () => {
    expect(resolveMenuTarget({ linkUrl: contactUrl(OTHER, A), pageUrl: listUrl })).toEqual({
      kind: 'contact',
      locationId: OTHER,
      contactId: A,
    });
  });

  it('a right-click on an unselected row: that row’s contact, even while others are selected', () => {
    const page = reading({
      rows: [
        { contactId: A, selected: true },
        { contactId: B, selected: false },
      ],
      rightClicked: { contactId: B, onSelectedRow: false },
    });
    expect(resolveMenuTarget({ pageUrl: listUrl, reading: page })).toEqual({
      kind: 'contact',
      locationId: LOCATION,
      contactId: B,
    });
  });

  it('a right-click on a selected row, or on the page while rows are selected: the selection', () => {
    const rows = [
      { contactId: A, selected: true },
      { contactId: B, selected: false },
      { contactId: C, selected: true },
    ];
    const onSelectedRow = reading({ rows, rightClicked: { contactId: C, onSelectedRow: true } });
    const onPage = reading({ rows, rightClicked: { onSelectedRow: false } });
    for (const page of [onSelectedRow, onPage]) {
      expect(resolveMenuTarget({ pageUrl: listUrl, reading: page })).toEqual({
        kind: 'selection',
        locationId: LOCATION,
        contactIds: [A, C],
      });
    }
  });

  it('says when HighLevel claims more are selected than the page holds', () => {
    const page = reading({ rows: [{ contactId: A, selected: true }], selectionClaim: 1234 });
    expect(resolveMenuTarget({ pageUrl: listUrl, reading: page })).toMatchObject({
      kind: 'selection',
      claimed: 1234,
    });
  });

  it('on a contact page: the page’s contact; on a conversation: a look-up', () => {
    expect(resolveMenuTarget({ pageUrl: contactUrl(LOCATION, A) })).toEqual({
      kind: 'contact',
      locationId: LOCATION,
      contactId: A,
    });
    const conversation = `https://app.gohighlevel.com/v2/location/${LOCATION}/conversations/conversations/${B}`;
    expect(resolveMenuTarget({ pageUrl: conversation })).toEqual({
      kind: 'lookup',
      locationId: LOCATION,
      url: conversation,
    });
  });

  it('nothing to act on: says why in words', () => {
    expect(resolveMenuTarget({ pageUrl: listUrl, reading: reading({}) })).toEqual({
      kind: 'none',
      reason: NOTHING_TO_TAG,
    });
    expect(resolveMenuTarget({ pageUrl: 'https://example.com/' })).toEqual({
      kind: 'none',
      reason: NOTHING_TO_TAG,
    });
    expect(
      resolveMenuTarget({ linkUrl: 'https://example.com/x', pageUrl: 'https://example.com/' }).kind,
    ).toBe('none');
  });
});
