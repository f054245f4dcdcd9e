/**
 * The real background services (router, handlers, stores) against the in-process fake
 * HighLevel, under the same seeded message fuzzer as the browser attacks, for every request
 * type of the protocol and every kind of sender: extension pages, content scripts on either
 * location, on a page outside any location, other extensions, senders without a URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  answerSchemaFor,
  answerSchemas,
  CONTENT_SCRIPT_REQUESTS,
  failureSchema,
  type RequestType,
} from '@/utils/messages/protocol';
import type { SenderInfo } from '@/utils/messages/sender';
import type { Clock } from '@/utils/queue/limiter';
import { type FuzzResult, fuzzMessages } from '../../e2e/attacks/fuzz-messages';
import { APP_HOST, appPath, SAMPLE, SECOND } from '../../fake-ghl';
import { seededRandom } from '../../support/random';
import { createTestServices, EXTENSION, fetchFromFake, PAGE_SENDER } from '../support/background';
import { useFakeGhl } from '../support/fake-ghl';
import { createMemoryArea } from '../support/memory-area';

const fake = useFakeGhl();
const A = SAMPLE;
const B = SECOND;
const ALL_TYPES = Object.keys(answerSchemas) as RequestType[];
const TOKENS = [A.token, B.token];

/** A clock whose sleeps pass at once: the rate limiter never holds a fuzzed call back. */
function fastForwardClock(): Clock {
  let now = Date.now();
  return {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(ms, 0);
    },
  };
}

const contentScriptOn = (path: string, tabId: number): SenderInfo => ({
  id: EXTENSION.id,
  url: `https://${APP_HOST}${path}`,
  tab: { id: tabId },
});

const SENDERS: Record<string, SenderInfo> = {
  page: PAGE_SENDER,
  scriptOnA: contentScriptOn(appPath.contact(A.locationId, A.contacts.ada.id), 3),
  scriptOnB: contentScriptOn(appPath.contactList(B.locationId), 4),
  scriptNowhere: contentScriptOn('/agency/dashboard', 5),
  otherExtension: { id: 'someotherextensionid', url: 'chrome-extension://someotherextensionid/' },
  noUrl: { id: EXTENSION.id },
  noTab: { id: EXTENSION.id, url: `https://${APP_HOST}${appPath.contactList(A.locationId)}` },
};
const LOCATION_OF: Record<string, string | undefined> = {
  scriptOnA: A.locationId,
  scriptOnB: B.locationId,
};

async function setup() {
  const services = createTestServices({
    area: createMemoryArea().area,
    clock: fastForwardClock(),
    fetch: fetchFromFake(fake),
  });
  for (const { locationId, token } of [A, B]) {
    const saved = await services.route(
      { type: 'connections.save', locationId, token },
      PAGE_SENDER,
    );
    expect(saved.ok).toBe(true);
  }
  return services;
}

const saved = (globalThis as { chrome?: unknown }).chrome;
afterEach(() => {
  (globalThis as { chrome?: unknown }).chrome = saved;
});

describe('the router under the browser fuzzer, every request type, every sender', () => {
  it('answers 5,000 messages with typed answers, never a token, and only in-scope successes', async () => {
    const services = await setup();
    const random = seededRandom(20260503);
    const senderNames = Object.keys(SENDERS);
    const sentBy: string[] = [];
    // The fuzzer calls `chrome.runtime.sendMessage`: here it reaches the router, through a
    // JSON round trip as Chrome's messaging does, from a sender picked per message.
    (globalThis as { chrome?: unknown }).chrome = {
      runtime: {
        sendMessage: async (message: unknown) => {
          const sender = random.pick(senderNames);
          sentBy.push(sender);
          const copy = JSON.parse(JSON.stringify(message) ?? 'null');
          return JSON.parse(JSON.stringify(await services.route(copy, SENDERS[sender] ?? {})));
        },
      },
    };
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);

    const results: FuzzResult[] = await fuzzMessages({
      seed: 20260504,
      count: 5_000,
      types: ALL_TYPES,
      locationIds: [A.locationId, B.locationId, 'ZZZZZZZZZZZZZZZZZZZZ', 'short', ''],
      contactIds: [A.contacts.ada.id, B.contacts.marcus.id, 'NoSuchContact0000001', 'bad id'],
      urls: [
        `https://${APP_HOST}${appPath.contact(A.locationId, A.contacts.ada.id)}`,
        `https://${APP_HOST}${appPath.contact(B.locationId, B.contacts.marcus.id)}`,
        `https://${APP_HOST}${appPath.conversation(B.locationId, B.conversations.marcus.id)}`,
        'not a url',
      ],
      // One at a time: the sender chosen for a message is the one at its index.
      concurrency: 1,
    });

    expect(results).toHaveLength(5_000);
    const problems: string[] = [];
    results.forEach((result, index) => {
      const sender = sentBy[index] ?? '?';
      const where = `${sender} sent ${result.sent}`;
      const known = ALL_TYPES.includes(result.type as RequestType);
      const schema = known ? answerSchemaFor(result.type as RequestType) : failureSchema;
      if (!schema.safeParse(result.answer).success)
        problems.push(`untyped ${JSON.stringify(result.answer)?.slice(0, 200)}; ${where}`);
      const text = JSON.stringify(result.answer) ?? '';
      if (TOKENS.some((token) => text.includes(token.slice(0, -4))))
        problems.push(`token in answer; ${where}`);
      const answer = result.answer as { ok?: boolean; error?: { kind?: string } };
      if (!answer?.ok) return;
      // Successes: anything for an extension page; for a content script, only what it may
      // ask, and only about the location of its own page; nothing for anyone else.
      if (sender === 'page') return;
      const own = LOCATION_OF[sender];
      const type = result.type as RequestType;
      // (An unknown change ID is simply not undone, whoever asks.)
      if (
        type === 'change.undo' &&
        (result.answer as { value?: { undone?: boolean } }).value?.undone === false
      )
        return;
      if (own === undefined) problems.push(`success for a sender with no location; ${where}`);
      else if (!CONTENT_SCRIPT_REQUESTS.has(type))
        problems.push(`page-only request answered; ${where}`);
      else if (type === 'page.contact' && !result.url?.includes(`/location/${own}/`))
        problems.push(`another location's page read; ${where}`);
      else if (!['change.undo', 'page.contact'].includes(type) && result.locationId !== own)
        problems.push(`another location's data; ${where}`);
    });
    expect(problems).toEqual([]);
    // Senders that are not the extension's own contexts got nothing but refusals.
    const strangers = results.filter((_, index) =>
      ['otherExtension', 'noUrl', 'noTab'].includes(sentBy[index] ?? ''),
    );
    expect(strangers.length).toBeGreaterThan(1_000);
    for (const result of strangers)
      expect(result.answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // Enough got past validation to exercise the handlers.
    expect(results.filter((r) => (r.answer as { ok?: boolean })?.ok).length).toBeGreaterThan(300);
  }, 60_000);
});
