import { describe, expect, it } from 'vitest';
import { createTargetFollower, resolveTarget } from '@/components/page-target';
import { createStubClient } from '../support/stub-client';

const LOCATION = 'Rk7sWq2LmX9dTz4NbV1c';
const CONTACT_A = 'AAAAAAAAAAAAAAAAAAAA';
const CONTACT_B = 'BBBBBBBBBBBBBBBBBBBB';
const CONVERSATION = 'CCCCCCCCCCCCCCCCCCCC';
const contactUrl = (id: string) =>
  `https://crm.example.com/v2/location/${LOCATION}/contacts/detail/${id}`;
const conversationUrl = `https://app.gohighlevel.com/v2/location/${LOCATION}/conversations/conversations/${CONVERSATION}`;

describe('which contact a page shows', () => {
  it('reads a contact page from its path on any host, with no request', async () => {
    const stub = createStubClient({});
    expect(await resolveTarget(stub.client, { url: contactUrl(CONTACT_A), id: 3 })).toEqual({
      kind: 'contact',
      locationId: LOCATION,
      contactId: CONTACT_A,
      tabId: 3,
      onPage: true,
    });
    expect(stub.requests).toEqual([]);
  });

  it('asks the background for a conversation’s contact, and says in words when it cannot', async () => {
    const found = createStubClient({
      'page.contact': () => ({ locationId: LOCATION, contactId: CONTACT_B }),
    });
    expect(await resolveTarget(found.client, { url: conversationUrl })).toMatchObject({
      kind: 'contact',
      contactId: CONTACT_B,
      onPage: false,
    });
    const refused = createStubClient({
      'page.contact': () => {
        throw new Error('The token lacks the conversations.readonly scope.');
      },
    });
    expect(await resolveTarget(refused.client, { url: conversationUrl })).toMatchObject({
      kind: 'none',
      locationId: LOCATION,
      problem: 'The token lacks the conversations.readonly scope.',
    });
  });

  it('following in-app navigation, a slow answer for the contact left behind is dropped', async () => {
    let answerFirst: (value: never) => void = () => undefined;
    const stub = createStubClient({});
    stub.client.ask = (() =>
      new Promise((resolve) => {
        answerFirst = resolve as (value: never) => void;
      })) as typeof stub.client.ask;
    const follow = createTargetFollower(stub.client);
    const slow = follow(conversationUrl); // waits on the background
    const fast = follow(contactUrl(CONTACT_A)); // the user moved on: read from the path
    expect(await fast).toMatchObject({ contactId: CONTACT_A });
    answerFirst({ ok: true, value: { locationId: LOCATION, contactId: CONTACT_B } } as never);
    expect(await slow).toBeUndefined();
  });
});
