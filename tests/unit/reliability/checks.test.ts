/** The matrix's end checks can fail: each is shown catching what it is there for. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/utils/api/errors';
import { type FakeGhl, SAMPLE, startFakeGhl } from '../../fake-ghl';
import { endChecks, notWords } from './checks';
import { LOCATION, okValue } from './paths';
import { createWorld } from './world';

let fake: FakeGhl;
beforeAll(async () => {
  fake = await startFakeGhl();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('words', () => {
  it('takes the product’s sentences', () => {
    for (const text of [
      'HighLevel had a problem answering; retrying shortly.',
      'HighLevel did not answer in time; the change will be sent again.',
      'Could not reach HighLevel (network); retrying shortly.',
      'Token refused: revoked, expired or without access to this location. Replace it on the options page.',
      '120 updated, 0 failed',
      'Added ‘VIP’ to Ada Lovelace',
    ]) {
      expect(notWords(text), text).toBeUndefined();
    }
  });

  it('refuses JSON, stacks, raw errors, status codes and tokens', () => {
    for (const text of [
      '{"statusCode":500,"message":"Internal"}',
      'TypeError: fetch failed',
      'Something broke\n    at send (client.ts:12:3)',
      'Request failed with status 503',
      `Sent with Bearer ${SAMPLE.token}`,
      '429',
      'undefined',
    ]) {
      expect(notWords(text), text).toBeDefined();
    }
  });
});

describe('end checks', () => {
  it('catch a lost tag, a second applied call, a listed-twice tag, a queued change and a refused connection', async () => {
    const world = createWorld(fake, LOCATION);
    const worker = world.startWorker();
    okValue(
      await worker.ask({ type: 'connections.save', locationId: LOCATION, token: SAMPLE.token }),
      'connections.save',
    );
    const [twice, lost, doubled, waiting] = fake.state.addContacts(LOCATION, 4) as [
      string,
      string,
      string,
      string,
    ];
    const tag = 'checked';
    for (let i = 0; i < 2; i++) {
      await fetch(`${fake.apiBaseUrl}/contacts/${twice}/tags`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${SAMPLE.token}`,
          Version: '2021-07-28',
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ tags: [tag] }),
      });
    }
    fake.state.setContactTags(doubled, [tag, tag.toUpperCase()]);
    okValue(
      await worker.ask({
        type: 'tags.change',
        locationId: LOCATION,
        contactId: waiting,
        op: 'add',
        tags: [tag],
      }),
      'tags.change',
    );
    await worker.services.connections.markRefused(
      LOCATION,
      new ApiError('invalid-token', 'Token refused.'),
    );

    const problems = await endChecks({
      fake,
      worker,
      targets: [twice, lost, doubled],
      tag,
      shown: ['{"message":"raw"}'],
    });
    expect(problems).toEqual([
      'lost: 1 of 3 contacts lack the tag',
      `the tag is listed twice on ${doubled}`,
      `applied calls per contact not exactly 1: ${twice} (2), ${lost} (0), ${doubled} (0)`,
      '1 entries left in the queue',
      `connection ${LOCATION}: refused "Token refused.", 1 waiting`,
      'shown "{"message":"raw"}": looks like JSON or markup',
    ]);
    worker.kill();
  });
});
