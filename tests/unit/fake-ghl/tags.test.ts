import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGhl, MAX_TAG_LENGTH, SAMPLE, startFakeGhl } from '../../fake-ghl/index';
import { callApi, contactTagsPath, tagsOf } from './helpers';

let fake: FakeGhl;
const ada = SAMPLE.contacts.ada;

beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function locationTagNames(): string[] {
  return fake.state.locationTags(SAMPLE.locationId).map((tag) => tag.name);
}

describe('POST /contacts/{id}/tags', () => {
  it('answers 201 with the whole list, adds the tag and creates it in the location', async () => {
    expect(locationTagNames()).not.toContain('implant follow-up');

    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['implant follow-up', 'newsletter'] },
    });

    expect(result.status).toBe(201);
    expect(result.body).toEqual({ tags: [...ada.tags, 'implant follow-up'] });
    expect(tagsOf(fake, ada.id)).toEqual([...ada.tags, 'implant follow-up']);
    expect(locationTagNames()).toContain('implant follow-up');
    expect(fake.requests[0]).toMatchObject({ operationId: 'add-tags', status: 201, applied: true });
  });

  it('answers only the tags it added when tagAnswer is "changed"', async () => {
    fake.setSwitches({ tagAnswer: 'changed' });

    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['VIP-Client', 'hot-lead'] },
    });

    expect(result.body).toEqual({ tags: ['hot-lead'] });
    expect(tagsOf(fake, ada.id)).toEqual([...ada.tags, 'hot-lead']);
  });

  it('is case-sensitive by default: "vip-client" is a second tag beside "VIP-Client"', async () => {
    await callApi(fake, 'POST', contactTagsPath(ada.id), { body: { tags: ['vip-client'] } });

    expect(tagsOf(fake, ada.id)).toEqual([...ada.tags, 'vip-client']);
    expect(locationTagNames()).toEqual(expect.arrayContaining(['VIP-Client', 'vip-client']));
  });

  it('stores tags lowercased, and matches case-insensitively, when lowercaseTags is on', async () => {
    fake.setSwitches({ lowercaseTags: true });

    const added = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['Needs X-Ray', 'VIP-CLIENT'] },
    });

    // "VIP-CLIENT" matches the seeded "VIP-Client", so only the new tag is added, lowercased.
    expect(added.body).toEqual({ tags: [...ada.tags, 'needs x-ray'] });
    expect(locationTagNames()).toContain('needs x-ray');
    expect(locationTagNames()).not.toContain('Needs X-Ray');

    const removed = await callApi(fake, 'DELETE', contactTagsPath(ada.id), {
      body: { tags: ['vip-client'] },
    });
    expect(removed.body).toEqual({ tags: ['newsletter', 'cleaning due', 'needs x-ray'] });
  });

  it('trims names and ignores repeats within one request', async () => {
    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['  spaced  ', 'spaced'] },
    });

    expect(result.body).toEqual({ tags: [...ada.tags, 'spaced'] });
  });

  it('answers 400 for an empty tags array and writes nothing', async () => {
    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), { body: { tags: [] } });

    expect(result).toMatchObject({
      status: 400,
      body: { statusCode: 400, message: 'tags should not be empty' },
    });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);
    expect(fake.requests[0]?.applied).toBe(false);
  });

  it(`answers 422 with a message array for a tag over ${MAX_TAG_LENGTH} characters`, async () => {
    const longest = 'x'.repeat(MAX_TAG_LENGTH);

    const refused = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['fine', `${longest}y`] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      statusCode: 422,
      message: [`each value in tags must be shorter than or equal to ${MAX_TAG_LENGTH} characters`],
      error: 'Unprocessable Entity',
    });
    expect(tagsOf(fake, ada.id)).toEqual(ada.tags);

    const accepted = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: [longest] },
    });
    expect(accepted.status).toBe(201);
  });

  it('counts length in characters, so an emoji tag of 255 code points is accepted', async () => {
    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['⭐'.repeat(MAX_TAG_LENGTH)] },
    });
    expect(result.status).toBe(201);
  });

  it('answers 422 for a whitespace-only tag', async () => {
    const result = await callApi(fake, 'POST', contactTagsPath(ada.id), {
      body: { tags: ['   '] },
    });

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ message: ['each value in tags should not be empty'] });
  });
});

describe('DELETE /contacts/{id}/tags', () => {
  it('answers 200 with the remaining tags and removes them', async () => {
    const result = await callApi(fake, 'DELETE', contactTagsPath(ada.id), {
      body: { tags: ['newsletter', 'not-on-ada'] },
    });

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ tags: ['VIP-Client', 'cleaning due'] });
    expect(tagsOf(fake, ada.id)).toEqual(['VIP-Client', 'cleaning due']);
    // Removing from a contact does not delete the location's tag.
    expect(locationTagNames()).toContain('newsletter');
  });

  it('answers only the tags it removed when tagAnswer is "changed"', async () => {
    fake.setSwitches({ tagAnswer: 'changed' });

    const result = await callApi(fake, 'DELETE', contactTagsPath(ada.id), {
      body: { tags: ['newsletter', 'not-on-ada'] },
    });

    expect(result.body).toEqual({ tags: ['newsletter'] });
  });

  it('is case-sensitive by default: removing "vip-client" leaves "VIP-Client"', async () => {
    const result = await callApi(fake, 'DELETE', contactTagsPath(ada.id), {
      body: { tags: ['vip-client'] },
    });

    expect(result.body).toEqual({ tags: ada.tags });
  });
});

describe('concurrent changes', () => {
  it('apply on top of each other when both are delivered', async () => {
    fake.setSwitches({ latencyMs: 50 });

    const [first, second] = await Promise.all([
      callApi(fake, 'POST', contactTagsPath(ada.id), { body: { tags: ['one'] } }),
      callApi(fake, 'POST', contactTagsPath(ada.id), { body: { tags: ['two'] } }),
    ]);

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(tagsOf(fake, ada.id)).toEqual(expect.arrayContaining([...ada.tags, 'one', 'two']));
  });
});
