import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGhl, SAMPLE, SECOND, startFakeGhl } from '../../fake-ghl/index';
import { callApi, tagsOf } from './helpers';

let fake: FakeGhl;
const { ada, grace, deleted } = SAMPLE.contacts;

beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface BulkAnswer {
  succeded: boolean;
  errorCount: number;
  responses: {
    contactId: string;
    message: string;
    type: string;
    oldTags?: string[];
    tagsAdded?: string[];
    tagsRemoved?: string[];
  }[];
}

async function bulk(type: string, body: Record<string, unknown>, token: string = SAMPLE.token) {
  const result = await callApi(fake, 'POST', `/contacts/bulk/tags/update/${type}`, {
    token,
    body: { locationId: SAMPLE.locationId, ...body },
  });
  return { status: result.status, body: result.body, answer: result.body as BulkAnswer };
}

describe('POST /contacts/bulk/tags/update/add', () => {
  it('adds to the good contacts and reports each bad one without failing the call', async () => {
    const unknownButWellFormed = 'AAAAAAAAAAAAAAAAAAAA';
    const { status, answer } = await bulk('add', {
      contacts: [
        ada.id,
        'abcdef',
        deleted.id,
        SECOND.contacts.marcus.id,
        unknownButWellFormed,
        grace.id,
      ],
      tags: ['spring-promo', 'VIP-Client'],
    });

    expect(status).toBe(201);
    expect(answer.succeded).toBe(true);
    expect(answer.errorCount).toBe(4);
    expect(answer.responses).toEqual([
      {
        contactId: ada.id,
        message: 'Tags updated',
        type: 'success',
        oldTags: ada.tags,
        tagsAdded: ['spring-promo'],
        tagsRemoved: [],
      },
      { contactId: 'abcdef', message: 'contact id is not a valid firebase id', type: 'error' },
      { contactId: deleted.id, message: 'contact is deleted', type: 'error' },
      {
        contactId: SECOND.contacts.marcus.id,
        message: 'contact does not belong to location',
        type: 'error',
      },
      { contactId: unknownButWellFormed, message: 'contact not found', type: 'error' },
      expect.objectContaining({
        contactId: grace.id,
        type: 'success',
        tagsAdded: ['spring-promo', 'VIP-Client'],
      }),
    ]);
    expect(tagsOf(fake, ada.id)).toEqual([...ada.tags, 'spring-promo']);
    expect(tagsOf(fake, grace.id)).toEqual([...grace.tags, 'spring-promo', 'VIP-Client']);
    expect(tagsOf(fake, deleted.id)).toEqual(deleted.tags);
    expect(tagsOf(fake, SECOND.contacts.marcus.id)).toEqual(SECOND.contacts.marcus.tags);
  });

  it('reports a contact listed twice against the tags the first entry left', async () => {
    const { answer } = await bulk('add', { contacts: [ada.id, ada.id], tags: ['twice'] });

    expect(answer.responses.map((entry) => entry.tagsAdded)).toEqual([['twice'], []]);
    expect(tagsOf(fake, ada.id)).toEqual([...ada.tags, 'twice']);
  });

  it("answers 403 when locationId is not the token's location, and changes nothing", async () => {
    const result = await bulk('add', {
      contacts: [ada.id],
      tags: ['x'],
      locationId: SECOND.locationId,
    });

    expect(result.status).toBe(403);
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });

  it('answers 422 with a message array above bulkMaxContacts (500 by default, switchable)', async () => {
    const ids = fake.state.addContacts(SAMPLE.locationId, 501);

    const tooMany = await bulk('add', { contacts: ids, tags: ['x'] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toEqual({
      statusCode: 422,
      message: ['contacts must contain no more than 500 elements'],
      error: 'Unprocessable Entity',
    });
    expect(tagsOf(fake, ids[0] ?? '')).toEqual([]);

    expect((await bulk('add', { contacts: ids.slice(0, 500), tags: ['x'] })).status).toBe(201);

    fake.setSwitches({ bulkMaxContacts: 50 });
    expect((await bulk('add', { contacts: ids.slice(0, 51), tags: ['x'] })).status).toBe(422);
  });

  it('answers 400 for an empty tags list or contact list', async () => {
    expect((await bulk('add', { contacts: [ada.id], tags: [] })).status).toBe(400);
    expect((await bulk('add', { contacts: [], tags: ['x'] })).status).toBe(400);
  });

  it('tags 5,000 generated contacts in chunks of 500', async () => {
    const ids = fake.state.addContacts(SAMPLE.locationId, 5000);
    expect(new Set(ids).size).toBe(5000);

    for (let start = 0; start < ids.length; start += 500) {
      const { answer } = await bulk('add', {
        contacts: ids.slice(start, start + 500),
        tags: ['mass-mailing'],
      });
      expect(answer.errorCount).toBe(0);
    }

    expect(ids.every((id) => tagsOf(fake, id)?.includes('mass-mailing'))).toBe(true);
  });

  it('lowercases added tags when lowercaseTags is on', async () => {
    fake.setSwitches({ lowercaseTags: true });

    const { answer } = await bulk('add', { contacts: [ada.id], tags: ['Spring-Promo'] });

    expect(answer.responses[0]?.tagsAdded).toEqual(['spring-promo']);
    expect(tagsOf(fake, ada.id)).toContain('spring-promo');
  });
});

describe('POST /contacts/bulk/tags/update/remove', () => {
  it('removes the tags and reports what each contact lost', async () => {
    const { status, answer } = await bulk('remove', {
      contacts: [ada.id, grace.id],
      tags: ['newsletter'],
    });

    expect(status).toBe(201);
    expect(answer.responses.map((entry) => entry.tagsRemoved)).toEqual([['newsletter'], []]);
    expect(tagsOf(fake, ada.id)).toEqual(['VIP-Client', 'cleaning due']);
    expect(tagsOf(fake, grace.id)).toEqual(grace.tags);
  });

  it('removes every tag with removeAllTags', async () => {
    const { answer } = await bulk('remove', { contacts: [ada.id], tags: [], removeAllTags: true });

    expect(answer.responses[0]).toMatchObject({ oldTags: ada.tags, tagsRemoved: ada.tags });
    expect(tagsOf(fake, ada.id)).toEqual([]);
  });
});
