import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Contract } from '../../fake-ghl/contract';
import { type FakeGhl, SAMPLE, SECOND, startFakeGhl } from '../../fake-ghl/index';
import { callApi } from './helpers';

let fake: FakeGhl;
const contract = new Contract();

beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** Every answer so far, checked against the document's response schema for its status. */
function answerProblems(): string[] {
  return fake.requests.flatMap((request) =>
    request.operationId
      ? contract.answerProblems(request.operationId, request.status, request.answer)
      : [],
  );
}

describe('GET /contacts/{id}', () => {
  it('answers the contact in the document shape, with contactName as real answers carry', async () => {
    const ada = SAMPLE.contacts.ada;

    const result = await callApi(fake, 'GET', `/contacts/${ada.id}`);

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      contact: {
        id: ada.id,
        locationId: SAMPLE.locationId,
        firstName: 'Ada',
        lastName: 'Lovelace',
        contactName: 'Ada Lovelace',
        email: ada.email,
        phone: ada.phone,
        tags: ada.tags,
        dateAdded: ada.dateAdded,
      },
    });
    expect(answerProblems()).toEqual([]);
  });

  it('leaves optional fields out when the contact has none', async () => {
    const result = await callApi(fake, 'GET', `/contacts/${SAMPLE.contacts.walkIn.id}`);
    const contact = (result.body as { contact: Record<string, unknown> }).contact;

    expect(contact.contactName).toBe('Walk-in');
    expect(contact).not.toHaveProperty('email');
    expect(contact).not.toHaveProperty('lastName');
  });

  it('shows a name changed by a test', async () => {
    fake.state.setContactName(SAMPLE.contacts.ada.id, 'Augusta Ada', 'King');

    const result = await callApi(fake, 'GET', `/contacts/${SAMPLE.contacts.ada.id}`);

    expect(result.body).toMatchObject({ contact: { contactName: 'Augusta Ada King' } });
  });
});

describe('GET /locations/{id}/tags', () => {
  it("answers the location's tags with id, name and locationId, including the awkward ones", async () => {
    const result = await callApi(fake, 'GET', `/locations/${SAMPLE.locationId}/tags`);
    const tags = (result.body as { tags: { id: string; name: string; locationId: string }[] }).tags;

    expect(result.status).toBe(200);
    expect(tags.length).toBeGreaterThanOrEqual(50);
    expect(tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(Object.values(SAMPLE.tags)));
    expect(
      tags.every((tag) => tag.locationId === SAMPLE.locationId && /^[A-Za-z0-9]{20}$/.test(tag.id)),
    ).toBe(true);
    expect(answerProblems()).toEqual([]);
  });

  it('includes tags a test adds in bulk', async () => {
    const names = Array.from({ length: 10_000 }, (_, index) => `generated tag ${index}`);
    fake.state.addLocationTags(SAMPLE.locationId, names);

    const result = await callApi(fake, 'GET', `/locations/${SAMPLE.locationId}/tags`);

    expect((result.body as { tags: unknown[] }).tags.length).toBe(SAMPLE.allTags.length + 10_000);
  });
});

describe('GET /conversations/{id}', () => {
  it('answers the conversation with its contactId (Version 2021-04-15)', async () => {
    const conversation = SAMPLE.conversations.ada;

    const result = await callApi(fake, 'GET', `/conversations/${conversation.id}`, {
      version: '2021-04-15',
    });

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      id: conversation.id,
      contactId: SAMPLE.contacts.ada.id,
      locationId: SAMPLE.locationId,
      deleted: false,
    });
    expect(answerProblems()).toEqual([]);
    expect(fake.violations).toEqual([]);
  });
});

describe('GET /opportunities/{id}', () => {
  it('answers {opportunity} with its contactId', async () => {
    const opportunity = SAMPLE.opportunities.graceImplant;

    const result = await callApi(fake, 'GET', `/opportunities/${opportunity.id}`);

    expect(result.body).toMatchObject({
      opportunity: {
        id: opportunity.id,
        contactId: SAMPLE.contacts.grace.id,
        locationId: SAMPLE.locationId,
      },
    });
    expect(answerProblems()).toEqual([]);
  });
});

describe('POST /contacts/search', () => {
  async function search(body: Record<string, unknown>, token: string = SAMPLE.token) {
    const result = await callApi(fake, 'POST', '/contacts/search', { token, body });
    const answer = result.body as {
      contacts: { id: string; contactName: string }[];
      total: number;
    };
    return {
      status: result.status,
      names: answer.contacts.map((contact) => contact.contactName),
      total: answer.total,
    };
  }

  it("finds by name case-insensitively, only in the token's location", async () => {
    const found = await search({ locationId: SAMPLE.locationId, query: 'ADA' });

    expect(found).toEqual({ status: 200, names: ['Ada Lovelace'], total: 1 });
    const elsewhere = await search({ locationId: SECOND.locationId, query: 'ada' }, SECOND.token);
    expect(elsewhere.names).toEqual(['Ada Palmer']);
  });

  it('finds by e-mail and by phone digits, and never a deleted contact', async () => {
    expect((await search({ locationId: SAMPLE.locationId, query: 'GRACE.HOPPER@' })).names).toEqual(
      ['Grace Hopper'],
    );
    expect((await search({ locationId: SAMPLE.locationId, query: '415 555 0103' })).names).toEqual([
      'Alan Turing',
    ]);
    expect((await search({ locationId: SAMPLE.locationId, query: 'vaughan' })).total).toBe(0);
  });

  it('pages with page and pageLimit, total counting every match', async () => {
    const all = await search({ locationId: SAMPLE.locationId, query: '' });
    const second = await search({
      locationId: SAMPLE.locationId,
      query: '',
      page: 2,
      pageLimit: 5,
    });

    expect(all.total).toBe(Object.values(SAMPLE.contacts).filter((c) => !('deleted' in c)).length);
    expect(second.total).toBe(all.total);
    expect(second.names).toEqual(
      (await search({ locationId: SAMPLE.locationId, query: '', pageLimit: 10 })).names.slice(
        5,
        10,
      ),
    );
  });
});
