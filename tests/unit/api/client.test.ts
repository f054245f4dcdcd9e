import { describe, expect, it } from 'vitest';
import { createApiClient } from '@/utils/api/client';
import { ApiError, type ApiErrorKind, failureClass } from '@/utils/api/errors';
import { LIMITED_TOKEN, READ_ONLY_TOKEN, SAMPLE, SECOND, UNKNOWN_TOKEN } from '../../fake-ghl';
import { useFakeGhl } from '../support/fake-ghl';

const fake = useFakeGhl();

const client = (token = SAMPLE.token, timeoutMs?: number) =>
  createApiClient({ token, baseUrl: fake().apiBaseUrl, timeoutMs });
const ada = SAMPLE.contacts.ada;

async function errorKind(call: Promise<unknown>): Promise<ApiErrorKind> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  // Every error carries a sentence for the user: no JSON, no token.
  expect(apiError.message).not.toMatch(/[{}]|pit-/);
  expect(apiError.message.length).toBeGreaterThan(10);
  return apiError.kind;
}

describe('API client against the fake HighLevel', () => {
  it('reads a contact with its name and tags, sending the documented headers', async () => {
    const contact = await client().getContact(ada.id);
    expect(contact).toMatchObject({
      id: ada.id,
      name: 'Ada Lovelace',
      locationId: SAMPLE.locationId,
    });
    expect(contact.tags).toEqual(fake().state.getContact(ada.id)?.tags);
    const [request] = fake().requests;
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${SAMPLE.token}`,
      version: '2021-07-28',
      accept: 'application/json',
    });
  });

  it('adds and removes tags with one call each, reading whole and changed-only answers', async () => {
    const added = await client().changeTags('add', ada.id, ['spring-promo']);
    expect(added).toContain('spring-promo');
    fake().setSwitches({ tagAnswer: 'changed' });
    expect(await client().changeTags('remove', ada.id, ['spring-promo'])).toEqual(['spring-promo']);
    expect(fake().state.getContact(ada.id)?.tags).not.toContain('spring-promo');
    expect(fake().requests.map((r) => [r.method, r.body])).toEqual([
      ['POST', { tags: ['spring-promo'] }],
      ['DELETE', { tags: ['spring-promo'] }],
    ]);
  });

  it('lists location tags, searches contacts, and resolves a conversation with its own Version', async () => {
    expect(await client().listLocationTags(SAMPLE.locationId)).toContain('VIP-Client');
    const found = await client().searchContacts({
      locationId: SAMPLE.locationId,
      query: 'lovelace',
    });
    expect(found.map((c) => c.name)).toContain('Ada Lovelace');
    const conversation = Object.values(SAMPLE.conversations)[0];
    const resolved = await client().getConversation(conversation?.id ?? '');
    expect(resolved.contactId).toBe(conversation?.contactId);
    expect(fake().requests.at(-1)?.headers.version).toBe('2021-04-15');
    const opportunity = Object.values(SAMPLE.opportunities)[0];
    expect((await client().getOpportunity(opportunity?.id ?? '')).contactId).toBe(
      opportunity?.contactId,
    );
  });

  it('sends bulk changes to the documented path and reads per-contact outcomes', async () => {
    const outcomes = await client().bulkChangeTags('add', {
      contactIds: [ada.id, 'not-a-real-id'],
      tags: ['bulk-tag'],
      locationId: SAMPLE.locationId,
    });
    expect(outcomes).toEqual([
      { contactId: ada.id, ok: true, message: expect.any(String) },
      { contactId: 'not-a-real-id', ok: false, message: 'contact id is not a valid firebase id' },
    ]);
    expect(fake().requests[0]?.path).toBe('/contacts/bulk/tags/update/add');
  });

  it('names every kind of failure, and each kind says what the queue does next', async () => {
    expect(await errorKind(client(UNKNOWN_TOKEN).getContact(ada.id))).toBe('invalid-token');
    expect(await errorKind(client(READ_ONLY_TOKEN).changeTags('add', ada.id, ['x']))).toBe(
      'missing-scope',
    );
    expect(await errorKind(client(LIMITED_TOKEN).listLocationTags(SAMPLE.locationId))).toBe(
      'missing-scope',
    );
    expect(await errorKind(client(SECOND.token).getContact(ada.id))).toBe('other-location');
    expect(await errorKind(client().getContact('AAAAAAAAAAAAAAAAAAAA'))).toBe('not-found');
    expect(await errorKind(client().changeTags('add', ada.id, []))).toBe('bad-request');
    expect(await errorKind(client().changeTags('add', ada.id, ['x'.repeat(300)]))).toBe(
      'unprocessable',
    );
    fake().setSwitches({ failNext: { count: 1, status: 503 } });
    expect(await errorKind(client().getContact(ada.id))).toBe('server');
    fake().setSwitches({ rateLimit: { max: 1, intervalMs: 60_000 }, retryAfterHeader: true });
    await client().getContact(ada.id);
    const limited = await client()
      .getContact(ada.id)
      .catch((error: ApiError) => error);
    expect(limited).toMatchObject({ kind: 'rate-limited', details: { status: 429 } });
    expect((limited as ApiError).details.retryAfterMs).toBeGreaterThan(0);
    fake().setSwitches({ rateLimit: { max: 100, intervalMs: 10_000 } });
    fake().setSwitches({ hangNext: { count: 1 } });
    expect(await errorKind(client(SAMPLE.token, 300).getContact(ada.id))).toBe('timeout');
    const offline = createApiClient({ token: SAMPLE.token, baseUrl: 'https://127.0.0.1:1' });
    expect(await errorKind(offline.getContact(ada.id))).toBe('network');

    expect(failureClass('invalid-token')).toBe('connection');
    expect(failureClass('other-location')).toBe('connection');
    expect(failureClass('not-found')).toBe('permanent');
    expect(failureClass('timeout')).toBe('retry');
    expect(failureClass('rate-limited')).toBe('retry');
  });

  it('refuses a malformed answer in words instead of guessing', async () => {
    const garbled = createApiClient({
      token: SAMPLE.token,
      fetch: async () => new Response('{"contact": {"tags": "vip"}}', { status: 200 }),
    });
    expect(await errorKind(garbled.getContact(ada.id))).toBe('malformed-answer');
    const notJson = createApiClient({
      token: SAMPLE.token,
      fetch: async () => new Response('<html>gateway</html>', { status: 200 }),
    });
    expect(await errorKind(notJson.getContact(ada.id))).toBe('malformed-answer');
  });

  it('a timed-out call changes nothing on the server (its answer never arrives)', async () => {
    fake().setSwitches({ latencyMs: 1_000 });
    expect(await errorKind(client(SAMPLE.token, 200).changeTags('add', ada.id, ['too-late']))).toBe(
      'timeout',
    );
    const request = await fake().waitForRequest((r) => r.operationId === 'add-tags');
    expect(request.applied).toBe(false);
    expect(fake().state.getContact(ada.id)?.tags).not.toContain('too-late');
  });
});
