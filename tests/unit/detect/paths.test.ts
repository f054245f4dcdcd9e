import { describe, expect, it } from 'vitest';
import {
  contactUrlPatterns,
  documentUrlPatterns,
  isHighLevelPath,
  locationOfUrl,
  readHighLevelUrl,
} from '../../../utils/detect/paths';

const LOC = 'ocQHyuzHvysMo5N5VsXc';
const CONTACT = 'Rk3pT9wQ2LmN8vB1xZ7a';
const CONVERSATION = 'tDtDnQdgm2LXpyiqYvZ6';
const OPPORTUNITY = 'yH4kP0sDf8GjLq2WeR5t';

/** Chrome's match-pattern rules for `scheme://host/path` with `*` wildcards, enough for these patterns. */
function matchesPattern(pattern: string, url: string): boolean {
  const [, scheme = '', host = '', path = ''] =
    /^(\*|https?):\/\/([^/]*)(\/.*)$/.exec(pattern) ?? [];
  const parsed = new URL(url);
  const schemeOk =
    scheme === '*' ? /^https?:$/.test(parsed.protocol) : parsed.protocol === `${scheme}:`;
  const hostOk = host === '*' || parsed.host === host;
  const pathRegex = new RegExp(`^${path.split('*').map(escapeRegex).join('.*')}$`);
  return schemeOk && hostOk && pathRegex.test(parsed.pathname + parsed.search);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('readHighLevelUrl: contact pages', () => {
  it('reads the location and contact from a v2 contact URL', () => {
    expect(
      readHighLevelUrl(`https://app.gohighlevel.com/v2/location/${LOC}/contacts/detail/${CONTACT}`),
    ).toEqual({ kind: 'contact', locationId: LOC, contactId: CONTACT });
  });

  it.each([
    [
      'older link without /v2',
      `https://app.gohighlevel.com/location/${LOC}/contacts/detail/${CONTACT}`,
    ],
    ['white-label host', `https://app.myagency.com/v2/location/${LOC}/contacts/detail/${CONTACT}`],
    ['plain http', `http://crm.example.org/v2/location/${LOC}/contacts/detail/${CONTACT}`],
    [
      'query string',
      `https://app.gohighlevel.com/v2/location/${LOC}/contacts/detail/${CONTACT}?view=note`,
    ],
    ['hash', `https://app.gohighlevel.com/v2/location/${LOC}/contacts/detail/${CONTACT}#tasks`],
    [
      'trailing slash',
      `https://app.gohighlevel.com/v2/location/${LOC}/contacts/detail/${CONTACT}/`,
    ],
    ['port', `https://localhost:8443/v2/location/${LOC}/contacts/detail/${CONTACT}`],
    ['sub-page', `https://app.gohighlevel.com/v2/location/${LOC}/contacts/detail/${CONTACT}/notes`],
  ])('accepts a %s', (_label, url) => {
    expect(readHighLevelUrl(url)).toEqual({ kind: 'contact', locationId: LOC, contactId: CONTACT });
  });

  it.each([
    ['a contact ID one short', `/v2/location/${LOC}/contacts/detail/${CONTACT.slice(1)}`],
    ['a contact ID one long', `/v2/location/${LOC}/contacts/detail/${CONTACT}x`],
    ['a contact ID with a hyphen', `/v2/location/${LOC}/contacts/detail/Rk3pT9wQ2L-N8vB1xZ7a`],
    ['no contact ID', `/v2/location/${LOC}/contacts/detail/`],
    ['a malformed location ID', `/v2/location/not-a-location/contacts/detail/${CONTACT}`],
    ['an encoded non-ASCII ID', `/v2/location/${LOC}/contacts/detail/Rk3pT9wQ2LmN8vB1xZ7%C3%A9`],
  ])('refuses %s', (_label, path) => {
    expect(readHighLevelUrl(`https://app.gohighlevel.com${path}`)).toEqual({ kind: 'none' });
  });
});

describe('readHighLevelUrl: other pages', () => {
  const base = `https://app.gohighlevel.com/v2/location/${LOC}`;

  it('reads a conversation', () => {
    expect(readHighLevelUrl(`${base}/conversations/conversations/${CONVERSATION}`)).toEqual({
      kind: 'conversation',
      locationId: LOC,
      conversationId: CONVERSATION,
    });
    expect(readHighLevelUrl(`${base}/conversations/conversations/short`)).toEqual({ kind: 'none' });
  });

  it('reads the conversations inbox with no conversation open as the location', () => {
    expect(readHighLevelUrl(`${base}/conversations/conversations`)).toEqual({
      kind: 'location',
      locationId: LOC,
    });
  });

  it('reads the opportunities list, with no opportunity', () => {
    expect(readHighLevelUrl(`${base}/opportunities/list`)).toEqual({
      kind: 'opportunity',
      locationId: LOC,
    });
  });

  it('takes an opportunity ID from a path segment or the opportunityId parameter', () => {
    const expected = { kind: 'opportunity', locationId: LOC, opportunityId: OPPORTUNITY };
    expect(readHighLevelUrl(`${base}/opportunities/list/${OPPORTUNITY}`)).toEqual(expected);
    expect(readHighLevelUrl(`${base}/opportunities/${OPPORTUNITY}`)).toEqual(expected);
    expect(readHighLevelUrl(`${base}/opportunities/list?opportunityId=${OPPORTUNITY}`)).toEqual(
      expected,
    );
  });

  it('ignores a malformed opportunityId parameter but stays on the opportunity page', () => {
    expect(readHighLevelUrl(`${base}/opportunities/list?opportunityId=abc`)).toEqual({
      kind: 'opportunity',
      locationId: LOC,
    });
  });

  it('reads smart lists and the contacts view as a contact list', () => {
    for (const path of ['/contacts/smart_list/All', '/contacts/smart_list/Kx8sWq2', '/contacts/']) {
      expect(readHighLevelUrl(`${base}${path}`)).toEqual({ kind: 'contact-list', locationId: LOC });
    }
  });

  it('reads any other page under the location as the location', () => {
    for (const path of [
      '',
      '/',
      '/dashboard',
      '/settings/business_profile',
      '/contacts/bulk/actions',
    ]) {
      expect(readHighLevelUrl(`${base}${path}`)).toEqual({ kind: 'location', locationId: LOC });
    }
  });
});

describe('readHighLevelUrl: junk', () => {
  it.each([
    '',
    'not a url',
    `/v2/location/${LOC}/contacts/detail/${CONTACT}`,
    `ftp://app.gohighlevel.com/v2/location/${LOC}/contacts/detail/${CONTACT}`,
    `chrome-extension://abc/v2/location/${LOC}`,
    'https://app.gohighlevel.com/',
    'https://app.gohighlevel.com/v2/agency/dashboard',
    `https://app.gohighlevel.com/v3/location/${LOC}/contacts/detail/${CONTACT}`,
    `https://app.gohighlevel.com/prefix/location/${LOC}/contacts/detail/${CONTACT}`,
    `https://app.gohighlevel.com/V2/Location/${LOC}/contacts/detail/${CONTACT}`,
    `https://app.gohighlevel.com/?next=/v2/location/${LOC}/contacts/detail/${CONTACT}`,
    `https://app.gohighlevel.com/#/v2/location/${LOC}/contacts/detail/${CONTACT}`,
  ])('%j is none', (url) => {
    expect(readHighLevelUrl(url)).toEqual({ kind: 'none' });
  });
});

describe('isHighLevelPath', () => {
  it('is true for any page under a well-formed location, any host', () => {
    expect(isHighLevelPath(`https://app.gohighlevel.com/v2/location/${LOC}/dashboard`)).toBe(true);
    expect(isHighLevelPath(`https://crm.agency.io/location/${LOC}`)).toBe(true);
    // A page under the location that names no readable contact is still the app.
    expect(isHighLevelPath(`https://crm.agency.io/v2/location/${LOC}/contacts/detail/x`)).toBe(
      true,
    );
  });

  it('is false elsewhere', () => {
    expect(isHighLevelPath('https://app.gohighlevel.com/v2/agency/dashboard')).toBe(false);
    expect(isHighLevelPath('https://example.com/location/paris')).toBe(false);
    expect(isHighLevelPath('nonsense')).toBe(false);
  });
});

describe('context menu URL patterns', () => {
  const contactPage = `https://app.myagency.com/v2/location/${LOC}/contacts/detail/${CONTACT}`;

  it('are valid Chrome match patterns for any host', () => {
    for (const pattern of [...documentUrlPatterns, ...contactUrlPatterns]) {
      expect(pattern).toMatch(/^\*:\/\/\*\/[^*]*/);
    }
  });

  it('documentUrlPatterns cover every page readHighLevelUrl reads, old and new', () => {
    const pages = [
      contactPage,
      `http://app.gohighlevel.com/location/${LOC}/contacts/smart_list/All`,
      `https://crm.example.org/v2/location/${LOC}/conversations/conversations/${CONVERSATION}`,
    ];
    for (const page of pages) {
      expect(readHighLevelUrl(page).kind).not.toBe('none');
      expect(documentUrlPatterns.some((pattern) => matchesPattern(pattern, page))).toBe(true);
    }
    expect(documentUrlPatterns.some((p) => matchesPattern(p, 'https://example.com/about'))).toBe(
      false,
    );
  });

  it('contactUrlPatterns match links to contact pages and not other pages', () => {
    const oldContactPage = contactPage.replace('/v2', '');
    for (const link of [contactPage, oldContactPage, `${contactPage}?view=note`]) {
      expect(contactUrlPatterns.some((pattern) => matchesPattern(pattern, link))).toBe(true);
    }
    const conversation = `https://app.gohighlevel.com/v2/location/${LOC}/conversations/conversations/${CONVERSATION}`;
    expect(contactUrlPatterns.some((pattern) => matchesPattern(pattern, conversation))).toBe(false);
  });
});

describe('locationOfUrl', () => {
  it('names the sub-account of any HighLevel address, on any host, and nothing else', () => {
    expect(
      locationOfUrl(`https://app.gohighlevel.com/v2/location/${LOC}/contacts/detail/${CONTACT}`),
    ).toBe(LOC);
    expect(locationOfUrl(`https://crm.myagency.com/v2/location/${LOC}/opportunities/list`)).toBe(
      LOC,
    );
    expect(locationOfUrl('https://example.com/')).toBeUndefined();
    expect(
      locationOfUrl('https://app.gohighlevel.com/v2/location/not-an-id/contacts/'),
    ).toBeUndefined();
    expect(locationOfUrl(undefined)).toBeUndefined();
  });
});
