import { describe, expect, it } from 'vitest';
import { answerSchemaFor, REQUEST_TYPES, type RequestType } from '@/utils/messages/protocol';
import { identifySender } from '@/utils/messages/sender';
import { seededRandom } from '../../support/random';
import { createTestServices, EXTENSION } from '../support/background';
import { createManualClock } from '../support/manual-clock';
import { createMemoryArea } from '../support/memory-area';

const LOCATION = 'ocQHyuzHvysMo5N5VsXc';
const OTHER_LOCATION = 'zzQHyuzHvysMo5N5VsXc';
const CONTACT = 'sx6wyHhbFdRXh302LLNR';
const TOKEN = 'pit-1b4e28ba-2fa1-11d2-883f-0016d3cca427';

const senders = {
  page: { id: EXTENSION.id, url: `${EXTENSION.origin}popup.html` },
  contentScript: {
    id: EXTENSION.id,
    url: `https://app.gohighlevel.com/v2/location/${LOCATION}/contacts/detail/${CONTACT}`,
    tab: { id: 7 },
  },
  otherExtension: { id: 'someoneelse', url: 'chrome-extension://someoneelse/x.html' },
  noUrl: { id: EXTENSION.id },
  notAHighLevelPage: { id: EXTENSION.id, url: 'https://example.com/', tab: { id: 8 } },
  /** A web page posing as the extension's page, through a tab. */
  spoofedTab: {
    id: EXTENSION.id,
    url: 'https://evil.example/chrome-extension://ourextensionid/',
    tab: { id: 9 },
  },
};

/** The real background services over memory storage; HighLevel answers 503 to everything. */
async function setup() {
  const { clock } = createManualClock();
  const fetched: string[] = [];
  const services = createTestServices({
    area: createMemoryArea().area,
    clock,
    fetch: async (input) => {
      fetched.push(String(input));
      return new Response('{"statusCode":503,"message":"down"}', { status: 503 });
    },
  });
  const saved = await services.route(
    { type: 'connections.save', locationId: LOCATION, token: TOKEN },
    senders.page,
  );
  expect(saved.ok).toBe(true);
  return { services, fetched };
}

describe('sender checks', () => {
  it('tells extension pages from content scripts, and refuses everyone else', () => {
    expect(identifySender(senders.page, EXTENSION)).toEqual({ kind: 'extension-page' });
    expect(identifySender(senders.contentScript, EXTENSION)).toMatchObject({
      kind: 'content-script',
      tabId: 7,
      locationId: LOCATION,
    });
    expect(identifySender(senders.otherExtension, EXTENSION)).toBeUndefined();
    expect(identifySender(senders.noUrl, EXTENSION)).toBeUndefined();
    expect(identifySender(senders.spoofedTab, EXTENSION)).toMatchObject({ kind: 'content-script' });
  });

  it('lets a content script act only within its own page’s location, and never on settings of others', async () => {
    const { services } = await setup();
    const own = await services.route(
      { type: 'tags.change', locationId: LOCATION, contactId: CONTACT, op: 'add', tags: ['vip'] },
      senders.contentScript,
    );
    expect(own.ok).toBe(true);
    const other = await services.route(
      {
        type: 'tags.change',
        locationId: OTHER_LOCATION,
        contactId: CONTACT,
        op: 'add',
        tags: ['vip'],
      },
      senders.contentScript,
    );
    expect(other).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    for (const type of [
      'connections.list',
      'connections.save',
      'connections.test',
      'settings.get',
      'settings.update',
      'activity.list',
    ]) {
      const answer = await services.route(
        { type, locationId: LOCATION, token: 'x' },
        senders.contentScript,
      );
      expect(answer, type).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    const lookup = await services.route(
      {
        type: 'page.contact',
        url: `https://app.gohighlevel.com/v2/location/${OTHER_LOCATION}/contacts/detail/${CONTACT}`,
      },
      senders.contentScript,
    );
    expect(lookup).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('refuses a content script on a page with no HighLevel location, and other extensions', async () => {
    const { services } = await setup();
    const request = { type: 'contact.view', locationId: LOCATION, contactId: CONTACT };
    expect(await services.route(request, senders.notAHighLevelPage)).toMatchObject({
      error: { kind: 'forbidden' },
    });
    expect(await services.route(request, senders.otherExtension)).toMatchObject({
      error: { kind: 'forbidden' },
    });
  });

  it('shows a saved token only masked', async () => {
    const { services } = await setup();
    const answer = await services.route({ type: 'connections.list' }, senders.page);
    expect(answer).toMatchObject({
      ok: true,
      value: { connections: [{ locationId: LOCATION, tokenHint: TOKEN.slice(-4) }] },
    });
    expect(JSON.stringify(answer)).not.toContain(TOKEN.slice(0, -4));
  });
});

describe('router under fuzzing', () => {
  const types = REQUEST_TYPES;

  function randomValue(random: ReturnType<typeof seededRandom>, depth = 0): unknown {
    const choices: (() => unknown)[] = [
      () => random.int(1e9) - 5e8,
      () => random.next(),
      () =>
        random.pick([
          '',
          ' ',
          LOCATION,
          CONTACT,
          TOKEN,
          'x'.repeat(random.int(5000)),
          '<img src=x onerror=alert(1)>',
          '__proto__',
          'constructor',
          '\u0000',
          '😀,😀',
        ]),
      () => null,
      () => undefined,
      () => random.pick([true, false]),
      () => Number.NaN,
      () =>
        depth > 2
          ? []
          : Array.from({ length: random.int(4) }, () => randomValue(random, depth + 1)),
      () => (depth > 2 ? {} : randomObject(random, depth + 1)),
    ];
    return random.pick(choices)();
  }

  function randomObject(
    random: ReturnType<typeof seededRandom>,
    depth: number,
  ): Record<string, unknown> {
    const keys = [
      'type',
      'locationId',
      'contactId',
      'tags',
      'op',
      'url',
      'token',
      'query',
      'changeId',
      'undoWindowSeconds',
      'name',
      '__proto__',
    ];
    const object: Record<string, unknown> = {};
    for (let i = random.int(6); i > 0; i--) object[random.pick(keys)] = randomValue(random, depth);
    if (random.next() < 0.8)
      object.type = random.next() < 0.9 ? random.pick(types) : randomValue(random, depth);
    return object;
  }

  it('answers 4,000 malformed, oversized and wrong-typed messages from every sender with a typed answer and never a token', async () => {
    const { services } = await setup();
    const random = seededRandom(20261127);
    const allSenders = Object.values(senders);
    let failures = 0;
    for (let i = 0; i < 4000; i++) {
      const message = random.next() < 0.15 ? randomValue(random) : randomObject(random, 0);
      const sender = random.pick(allSenders);
      const answer = await services.route(message, sender);
      const type = (message as { type?: unknown } | null)?.type;
      const schema = answerSchemaFor(
        types.includes(type as RequestType) ? (type as RequestType) : 'settings.get',
      );
      const valid = schema.safeParse(answer).success;
      expect(valid, JSON.stringify({ message, answer }).slice(0, 500)).toBe(true);
      if (!answer.ok) {
        failures++;
        expect(answer.error.message).not.toMatch(/at \w+ \(|Error:|\{"/);
      }
      expect(JSON.stringify(answer)).not.toContain(TOKEN.slice(0, -4));
    }
    expect(failures).toBeGreaterThan(3000);
  });
});
