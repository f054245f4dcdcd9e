import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGhl, SAMPLE, startFakeGhl } from '../../fake-ghl/index';
import { apiHeaders, callApi, contactTagsPath, tagsOf } from './helpers';

let fake: FakeGhl;
const ada = SAMPLE.contacts.ada;

beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function onlyViolation() {
  expect(fake.violations).toHaveLength(1);
  return fake.violations[0];
}

describe('requests that keep the contract', () => {
  it('record no violation', async () => {
    await callApi(fake, 'GET', `/contacts/${ada.id}`);
    await callApi(fake, 'POST', contactTagsPath(ada.id), { body: { tags: ['a'] } });
    await callApi(fake, 'DELETE', contactTagsPath(ada.id), { body: { tags: ['a'] } });
    await callApi(fake, 'GET', `/conversations/${SAMPLE.conversations.ada.id}`, {
      version: '2021-04-15',
    });
    await callApi(fake, 'POST', '/contacts/search', {
      body: { locationId: SAMPLE.locationId, page: 1, pageLimit: 500, query: 'x' },
    });
    await callApi(fake, 'POST', '/contacts/bulk/tags/update/remove', {
      body: { contacts: [ada.id], tags: [], locationId: SAMPLE.locationId, removeAllTags: true },
    });

    expect(fake.violations).toEqual([]);
    expect(fake.requests.map((request) => request.status)).toEqual([200, 201, 200, 200, 200, 201]);
  });

  it('may send Accept with several media types, and charset with Content-Type', async () => {
    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['a'] },
      headers: {
        Accept: 'application/json, text/plain, */*',
        'Content-Type': 'application/json; charset=utf-8',
      },
    });

    expect(result.status).toBe(201);
    expect(fake.violations).toEqual([]);
  });
});

describe('violations', () => {
  it('a wrong Version header: 400 "contract violation", recorded, nothing written', async () => {
    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      version: '2021-04-15',
      body: { tags: ['a'] },
    });

    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/^contract violation: /),
    });
    expect(onlyViolation()).toMatchObject({
      method: 'POST',
      operationId: 'add-tags',
      problems: [expect.stringContaining('header Version')],
    });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
    expect(fake.requests[0]).toMatchObject({ status: 400, applied: false });
  });

  it('GET /conversations/{id} with Version 2021-07-28 (it takes 2021-04-15)', async () => {
    await callApi(fake, 'GET', `/conversations/${SAMPLE.conversations.ada.id}`);

    expect(onlyViolation()?.description).toContain(
      'GET /conversations/{conversationId}: header Version',
    );
  });

  it('a missing Version header', async () => {
    await callApi(fake, 'GET', `/contacts/${ada.id}`, { version: null });

    expect(onlyViolation()?.problems).toEqual(['header Version is required']);
  });

  it('a missing Accept header', async () => {
    const headers = apiHeaders();
    delete headers.Accept;
    // fetch would add "Accept: */*" itself, which does not name application/json either.
    await fetch(`${fake.apiBaseUrl}/contacts/${ada.id}`, { headers });

    expect(onlyViolation()?.problems).toEqual(['header Accept must be application/json']);
  });

  it('a missing or malformed Authorization header', async () => {
    await callApi(fake, 'GET', `/contacts/${ada.id}`, { headers: { Authorization: SAMPLE.token } });

    expect(onlyViolation()?.problems).toEqual(['header Authorization must be "Bearer <token>"']);
  });

  it('a body without Content-Type: application/json', async () => {
    await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['a'] },
      headers: { 'Content-Type': 'text/plain' },
    });

    expect(onlyViolation()?.problems).toEqual(['header Content-Type must be application/json']);
  });

  it('a body of the wrong shape, or with properties the contract does not know', async () => {
    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: 'vip', contactIds: [] },
    });

    expect(result.status).toBe(400);
    expect(onlyViolation()?.problems).toEqual([
      'body/tags must be array',
      'body property contactIds is not in the contract',
    ]);
  });

  it('DELETE /contacts/{id}/tags without its body', async () => {
    await callApi(fake, 'DELETE', contactTagsPath(ada.id));

    expect(onlyViolation()?.problems).toEqual(['a JSON body is required']);
  });

  it('a body that is not JSON', async () => {
    await fetch(`${fake.apiBaseUrl}${contactTagsPath(ada.id)}`, {
      method: 'POST',
      headers: apiHeaders({ body: true }),
      body: '{"tags": [',
    });

    expect(onlyViolation()?.problems).toEqual(['body is not valid JSON']);
    expect(fake.requests[0]?.body).toBe('{"tags": [');
  });

  it('a search body outside the documented shape (pageLimit over 500, no locationId)', async () => {
    await callApi(fake, 'POST', '/contacts/search', { body: { pageLimit: 501, query: 'a' } });

    expect(onlyViolation()?.problems).toEqual([
      "body must have required property 'locationId'",
      'body/pageLimit must be <= 500',
    ]);
  });

  it('removeAllTags on a bulk add', async () => {
    await callApi(fake, 'POST', '/contacts/bulk/tags/update/add', {
      body: {
        contacts: [ada.id],
        tags: ['a'],
        locationId: SAMPLE.locationId,
        removeAllTags: false,
      },
    });

    expect(onlyViolation()?.problems).toEqual([
      'body property removeAllTags can only be used with remove',
    ]);
  });

  it('a bulk type other than add or remove', async () => {
    await callApi(fake, 'POST', '/contacts/bulk/tags/update/replace', {
      body: { contacts: [ada.id], tags: ['a'], locationId: SAMPLE.locationId },
    });

    expect(onlyViolation()?.problems).toEqual([
      'path parameter type must be equal to one of the allowed values (add, remove)',
    ]);
  });

  it('a query parameter the operation does not take', async () => {
    await callApi(fake, 'GET', `/contacts/${ada.id}?fields=tags`);

    expect(onlyViolation()?.problems).toEqual(['query parameter fields is not in the contract']);
  });

  it('PUT /contacts/{id}, which overwrites every tag and is off limits to this product', async () => {
    const result = await callApi(fake, 'PUT', `/contacts/${ada.id}`, {
      body: { tags: ['only-this'] },
    });

    expect(result.status).toBe(400);
    expect(onlyViolation()?.problems[0]).toContain('overwrites all of a contact');
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
  });

  it('an unknown path: 404 and a violation', async () => {
    const result = await callApi(fake, 'POST', '/contacts/bulk/tags/update', {
      body: { contacts: [ada.id], tags: ['a'], locationId: SAMPLE.locationId },
    });

    expect(result.status).toBe(404);
    expect(onlyViolation()?.description).toBe(
      'POST /contacts/bulk/tags/update: no operation POST /contacts/bulk/tags/update in the OpenAPI subset',
    );
  });

  it("the seed document's bulk call (POST /contacts/bulk/tags with contactIds and action)", async () => {
    // Its path reads as add-tags for a contact called "bulk"; the body gives it away.
    const result = await callApi(fake, 'POST', '/contacts/bulk/tags', {
      body: { contactIds: [ada.id], tags: ['a'], action: 'add' },
    });

    expect(result.status).toBe(400);
    expect(onlyViolation()?.problems).toEqual([
      'body property contactIds is not in the contract',
      'body property action is not in the contract',
    ]);
  });

  it('a method the path does not have: 404 and a violation', async () => {
    const result = await callApi(fake, 'PUT', contactTagsPath(ada.id), { body: { tags: ['a'] } });

    expect(result.status).toBe(404);
    expect(fake.violations).toHaveLength(1);
  });
});
