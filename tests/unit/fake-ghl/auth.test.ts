import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeGhl,
  LIMITED_TOKEN,
  READ_ONLY_TOKEN,
  SAMPLE,
  SECOND,
  startFakeGhl,
  UNKNOWN_TOKEN,
} from '../../fake-ghl/index';
import { callApi, contactTagsPath, tagsOf } from './helpers';

let fake: FakeGhl;
const ada = SAMPLE.contacts.ada;

beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const INVALID_TOKEN_ANSWER = {
  statusCode: 401,
  message: 'Invalid token: access token is invalid',
  error: 'Unauthorized',
};
const SCOPE_ANSWER = { statusCode: 401, message: 'The token is not authorized for this scope.' };
const LOCATION_ANSWER = {
  statusCode: 403,
  message: 'The token does not have access to this location.',
};

describe('tokens', () => {
  it('answers 401 "Invalid token" to an unknown token', async () => {
    const result = await callApi(fake, 'GET', `/contacts/${ada.id}`, { token: UNKNOWN_TOKEN });

    expect(result).toMatchObject({ status: 401, body: INVALID_TOKEN_ANSWER });
  });

  it('answers 401 "Invalid token" once a token is revoked, and changes nothing', async () => {
    expect((await callApi(fake, 'GET', `/contacts/${ada.id}`)).status).toBe(200);
    fake.state.revokeToken(SAMPLE.token);

    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), { body: { tags: ['x'] } });

    expect(result).toMatchObject({ status: 401, body: INVALID_TOKEN_ANSWER });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });

  it('accepts a token added by a test, with its scopes', async () => {
    const token = 'pit-0b9e2a44-1111-4c4c-9d9d-123456789abc';
    fake.state.addToken(token, SECOND.locationId, ['contacts.readonly']);

    const own = await callApi(fake, 'GET', `/contacts/${SECOND.contacts.marcus.id}`, { token });
    const write = await callApi(fake, 'POST', contactTagsPath(SECOND.contacts.marcus.id), {
      token,
      body: { tags: ['x'] },
    });

    expect(own.status).toBe(200);
    expect(write).toMatchObject({ status: 401, body: SCOPE_ANSWER });
  });

  it("records the token's location on each request", async () => {
    await callApi(fake, 'GET', `/contacts/${SECOND.contacts.marcus.id}`, { token: SECOND.token });

    expect(fake.requests[0]?.locationId).toBe(SECOND.locationId);
  });
});

describe('scopes', () => {
  it('answers 401 "not authorized for this scope" for location tags and conversations with the limited token', async () => {
    const tags = await callApi(fake, 'GET', `/locations/${SAMPLE.locationId}/tags`, {
      token: LIMITED_TOKEN,
    });
    const conversation = await callApi(
      fake,
      'GET',
      `/conversations/${SAMPLE.conversations.ada.id}`,
      {
        token: LIMITED_TOKEN,
        version: '2021-04-15',
      },
    );
    const contact = await callApi(fake, 'GET', `/contacts/${ada.id}`, { token: LIMITED_TOKEN });

    expect(tags).toMatchObject({ status: 401, body: SCOPE_ANSWER });
    expect(conversation).toMatchObject({ status: 401, body: SCOPE_ANSWER });
    expect(contact.status).toBe(200);
  });

  it('checks the scope before the contact: 401 without contacts.write, 404 with it, nothing written', async () => {
    const impossibleId = 'contact-that-cannot-exist';

    const withoutScope = await callApi(fake, 'POST', contactTagsPath(impossibleId), {
      token: READ_ONLY_TOKEN,
      body: { tags: ['scope-probe'] },
    });
    const withScope = await callApi(fake, 'POST', contactTagsPath(impossibleId), {
      body: { tags: ['scope-probe'] },
    });

    expect(withoutScope).toMatchObject({ status: 401, body: SCOPE_ANSWER });
    expect(withScope).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'Contact not found' },
    });
    expect(fake.state.locationTags(SAMPLE.locationId).map((tag) => tag.name)).not.toContain(
      'scope-probe',
    );
  });

  it('needs contacts.write for bulk calls', async () => {
    const result = await callApi(fake, 'POST', '/contacts/bulk/tags/update/add', {
      token: READ_ONLY_TOKEN,
      body: { contacts: [ada.id], tags: ['x'], locationId: SAMPLE.locationId },
    });

    expect(result).toMatchObject({ status: 401, body: SCOPE_ANSWER });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });
});

describe('locations', () => {
  it("answers 403 to a token used on another location's contact, and writes nothing", async () => {
    const read = await callApi(fake, 'GET', `/contacts/${ada.id}`, { token: SECOND.token });
    const write = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      token: SECOND.token,
      body: { tags: ['intruder'] },
    });

    expect(read).toMatchObject({ status: 403, body: LOCATION_ANSWER });
    expect(write).toMatchObject({ status: 403, body: LOCATION_ANSWER });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });

  it("answers 403 for another location's tags, conversation, opportunity and search", async () => {
    const token = SECOND.token;
    const results = await Promise.all([
      callApi(fake, 'GET', `/locations/${SAMPLE.locationId}/tags`, { token }),
      callApi(fake, 'GET', `/conversations/${SAMPLE.conversations.ada.id}`, {
        token,
        version: '2021-04-15',
      }),
      callApi(fake, 'GET', `/opportunities/${SAMPLE.opportunities.adaInvisalign.id}`, { token }),
      callApi(fake, 'POST', '/contacts/search', {
        token,
        body: { locationId: SAMPLE.locationId, query: 'ada' },
      }),
    ]);

    expect(results.map((result) => result.status)).toEqual([403, 403, 403, 403]);
  });
});

describe('missing resources', () => {
  it('answers 404 "Contact not found" for a deleted contact, on reads and writes', async () => {
    const deleted = SAMPLE.contacts.deleted;

    const read = await callApi(fake, 'GET', `/contacts/${deleted.id}`);
    const write = await callApi(fake, 'DELETE', contactTagsPath(deleted.id), {
      body: { tags: ['newsletter'] },
    });

    expect(read).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'Contact not found' },
    });
    expect(write.status).toBe(404);
    expect(tagsOf(fake, deleted.id)).toEqual(deleted.tags);
  });

  it('answers 404 for a contact deleted by a test', async () => {
    fake.state.deleteContact(ada.id);

    expect((await callApi(fake, 'GET', `/contacts/${ada.id}`)).status).toBe(404);
  });

  it('answers 404 for unknown conversations and opportunities', async () => {
    const conversation = await callApi(fake, 'GET', '/conversations/aaaaaaaaaaaaaaaaaaaa', {
      version: '2021-04-15',
    });
    const opportunity = await callApi(fake, 'GET', '/opportunities/aaaaaaaaaaaaaaaaaaaa');

    expect(conversation.body).toEqual({ statusCode: 404, message: 'Conversation not found' });
    expect(opportunity.body).toEqual({ statusCode: 404, message: 'Opportunity not found' });
  });
});
