import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAppPath } from '../../fake-ghl/app-pages/app-paths';
import type { AppView } from '../../fake-ghl/app-pages/view-models';
import {
  API_HOST,
  APP_HOST,
  appPath,
  DEFAULT_LIST_ROWS,
  type FakeGhl,
  SAMPLE,
  SECOND,
  startFakeGhl,
  WHITE_LABEL_HOST,
} from '../../fake-ghl/index';
import { getWithHost } from './helpers';

let fake: FakeGhl;
const loc = SAMPLE.locationId;
const ada = SAMPLE.contacts.ada;

beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function view(path: string, host = APP_HOST): Promise<AppView> {
  const result = await getWithHost(
    fake,
    host,
    `/fake-app/api/view?path=${encodeURIComponent(path)}`,
  );
  expect(result.status).toBe(200);
  return JSON.parse(result.text) as AppView;
}

function expectKind<Kind extends AppView['kind']>(
  shown: AppView,
  kind: Kind,
): Extract<AppView, { kind: Kind }> {
  expect(shown.kind).toBe(kind);
  return shown as Extract<AppView, { kind: Kind }>;
}

describe('paths', () => {
  it.each([
    [appPath.contact(loc, ada.id), { kind: 'contact', locationId: loc, contactId: ada.id }],
    [
      `/location/${loc}/contacts/detail/${ada.id}`,
      { kind: 'contact', locationId: loc, contactId: ada.id },
    ],
    [`${appPath.contact(loc, ada.id)}/`, { kind: 'contact', locationId: loc, contactId: ada.id }],
    [appPath.contactList(loc), { kind: 'contact-list', locationId: loc, listId: 'All' }],
    [
      appPath.conversation(loc, 'abc'),
      { kind: 'conversations', locationId: loc, conversationId: 'abc' },
    ],
    [appPath.conversations(loc), { kind: 'conversations', locationId: loc }],
    [appPath.opportunities(loc), { kind: 'opportunities', locationId: loc }],
  ])('%s is parsed', (path, route) => {
    expect(parseAppPath(path)).toEqual(route);
  });

  it.each([
    '/',
    `/v2/location/${loc}`,
    `/v2/location/${loc}/contacts/detail`,
    '/v3/location/x/contacts/detail/y',
  ])('%s is not an app page', (path) => {
    expect(parseAppPath(path)).toBeUndefined();
  });
});

describe('the HTML shell', () => {
  const pagePaths = [
    appPath.contact(loc, ada.id),
    `/location/${loc}/contacts/detail/${ada.id}?view=note`,
    `${appPath.contactList(loc)}?claimAll=1234`,
    appPath.conversation(loc, SAMPLE.conversations.ada.id),
    appPath.opportunities(loc),
  ];

  it.each([APP_HOST, 'acme.gohighlevel.com', WHITE_LABEL_HOST])(
    'is served on %s at the real paths',
    async (host) => {
      for (const path of pagePaths) {
        const page = await getWithHost(fake, host, path);
        expect(page.status, path).toBe(200);
        expect(page.contentType).toMatch(/^text\/html/);
        expect(page.text).toContain('<script src="/fake-app/router.js"></script>');
      }
    },
  );

  it('comes with its router script', async () => {
    const script = await getWithHost(fake, WHITE_LABEL_HOST, '/fake-app/router.js');

    expect(script.contentType).toMatch(/^text\/javascript/);
    expect(script.text).toContain('history.pushState');
  });

  it('is not served for other paths, nor by the API host, nor for unknown hosts', async () => {
    expect((await getWithHost(fake, APP_HOST, '/v2/location/x/settings')).status).toBe(404);
    const onApiHost = await getWithHost(fake, API_HOST, appPath.contact(loc, ada.id));
    expect(onApiHost.status).toBe(404);
    expect(fake.violations).toHaveLength(1);
    expect((await getWithHost(fake, 'example.org', '/')).status).toBe(421);
  });

  it('does not count as API traffic', async () => {
    await getWithHost(fake, APP_HOST, appPath.contact(loc, ada.id));
    await view(appPath.contact(loc, ada.id));

    expect(fake.requests).toEqual([]);
  });
});

describe('view data', () => {
  it('contact: name, tags, links to other contacts and the next contact', async () => {
    const shown = expectKind(await view(appPath.contact(loc, ada.id)), 'contact');

    expect(shown.contact).toMatchObject({ id: ada.id, name: 'Ada Lovelace', tags: ada.tags });
    expect(shown.others.length).toBeGreaterThanOrEqual(3);
    expect(shown.others[0]).toEqual({
      id: SAMPLE.contacts.grace.id,
      name: 'Grace Hopper',
      href: appPath.contact(loc, SAMPLE.contacts.grace.id),
    });
    expect(shown.nextHref).toBe(appPath.contact(loc, SAMPLE.contacts.grace.id));
    expect(shown.brand).toBe('HighLevel');
  });

  it('contact: reads the state at render time', async () => {
    fake.state.setContactTags(ada.id, ['changed-elsewhere']);

    const shown = expectKind(await view(appPath.contact(loc, ada.id)), 'contact');

    expect(shown.contact.tags).toEqual(['changed-elsewhere']);
  });

  it('contact: a deleted contact, a contact of another location, an unknown location', async () => {
    expect((await view(appPath.contact(loc, SAMPLE.contacts.deleted.id))).kind).toBe('not-found');
    expect((await view(appPath.contact(loc, SECOND.contacts.marcus.id))).kind).toBe('not-found');
    expect((await view(appPath.contact('NoSuchLocation000000', ada.id))).kind).toBe('not-found');
  });

  it(`contact list: ${DEFAULT_LIST_ROWS} rows by default, ?rows=N, and the "all N selected" claim`, async () => {
    const plain = expectKind(await view(appPath.contactList(loc)), 'contact-list');
    expect(plain.rows).toHaveLength(DEFAULT_LIST_ROWS);
    expect(plain.rows[0]).toMatchObject({
      id: ada.id,
      name: 'Ada Lovelace',
      email: ada.email,
      tags: ada.tags,
    });
    expect(plain.claimAll).toBeUndefined();

    fake.state.addContacts(loc, 300);
    const big = expectKind(
      await view(`${appPath.contactList(loc)}?rows=250&claimAll=1234`),
      'contact-list',
    );
    expect(big.rows).toHaveLength(250);
    expect(big.total).toBe(Object.keys(SAMPLE.contacts).length - 1 + 300);
    expect(big.claimAll).toBe(1234);
  });

  it('conversation: the list and the open conversation with its contact', async () => {
    const conversation = SAMPLE.conversations.grace;

    const shown = expectKind(
      await view(appPath.conversation(loc, conversation.id)),
      'conversations',
    );

    expect(shown.conversations).toHaveLength(Object.keys(SAMPLE.conversations).length);
    expect(shown.open?.contact).toEqual({
      id: SAMPLE.contacts.grace.id,
      name: 'Grace Hopper',
      href: appPath.contact(loc, SAMPLE.contacts.grace.id),
    });
    expect(shown.conversations.find((item) => item.current)?.id).toBe(conversation.id);
  });

  it('opportunities: cards linking to their contacts', async () => {
    const shown = expectKind(await view(appPath.opportunities(loc)), 'opportunities');

    expect(shown.cards.map((card) => card.contact?.href)).toEqual([
      appPath.contact(loc, ada.id),
      appPath.contact(loc, SAMPLE.contacts.grace.id),
    ]);
  });

  it('says "Example CRM" on the white-label host', async () => {
    expect((await view(appPath.contact(loc, ada.id), WHITE_LABEL_HOST)).brand).toBe('Example CRM');
  });
});
