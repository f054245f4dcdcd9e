/**
 * Message fuzzing in the real browser: thousands of malformed, oversized, wrong-typed,
 * unknown and wrong-sender messages, from an extension page and from the content script's
 * isolated world on a HighLevel page. Every answer must be typed, none may carry a token,
 * and the same service worker must keep answering.
 */
import {
  answerSchemaFor,
  answerSchemas,
  CONTENT_SCRIPT_REQUESTS,
  errorKinds,
  failureSchema,
  type RequestType,
} from '../../../utils/messages/protocol';
import { APP_HOST, appPath, type FakeGhl, SAMPLE, SECOND } from '../../fake-ghl';
import { ask } from '../extension-api';
import { expect, test } from '../fixtures';
import { type FuzzArgs, type FuzzResult, fuzzMessagesScript, portJunk } from './fuzz-messages';
import {
  connectBothLocations,
  isolatedWorldOf,
  openContactPage,
  watchServiceWorker,
} from './support';

const A = SAMPLE;
const B = SECOND;
const ada = A.contacts.ada;
const marcus = B.contacts.marcus;

const ALL_TYPES = Object.keys(answerSchemas) as RequestType[];
/** Left out: each well-formed one opens a tab (the options page), by design. */
const OPENS_A_TAB: RequestType[] = ['options.open'];
const FUZZED_TYPES = ALL_TYPES.filter((type) => !OPENS_A_TAB.includes(type));

const TOKENS = [A.token, B.token];

/** IDs of every shape: own location, another location, well-formed strangers, junk. */
const LOCATION_IDS = [
  A.locationId,
  A.locationId,
  B.locationId,
  'ZZZZZZZZZZZZZZZZZZZZ',
  'short',
  '',
];
const CONTACT_IDS = [
  ada.id,
  A.contacts.grace.id,
  A.contacts.deleted.id,
  'NoSuchContact0000001',
  'bad id',
  '',
];
const URLS = [
  `https://${APP_HOST}${appPath.contact(A.locationId, ada.id)}`,
  `https://${APP_HOST}${appPath.contact(B.locationId, ada.id)}`,
  `https://${APP_HOST}${appPath.conversation(A.locationId, A.conversations.ada.id)}`,
  `https://${APP_HOST}${appPath.opportunities(A.locationId)}`,
  `https://${APP_HOST}/v2/location/${A.locationId}/opportunities/list/${A.opportunities.adaInvisalign.id}`,
  'javascript:alert(1)',
  'not a url',
];

function fuzzArgs(seed: number): FuzzArgs {
  return {
    seed,
    count: 2_000,
    types: FUZZED_TYPES,
    locationIds: LOCATION_IDS,
    contactIds: CONTACT_IDS,
    urls: URLS,
    concurrency: 10,
  };
}

/** Problems with the answers: untyped, invalid for their request, or carrying a token. */
function answerProblems(results: FuzzResult[]): string[] {
  const problems: string[] = [];
  for (const result of results) {
    const where = `sent ${result.sent}`;
    if (result.thrown !== undefined) {
      problems.push(`no answer (${result.thrown}); ${where}`);
      continue;
    }
    const known = ALL_TYPES.includes(result.type as RequestType);
    const schema = known ? answerSchemaFor(result.type as RequestType) : failureSchema;
    const parsed = schema.safeParse(result.answer);
    if (!parsed.success) {
      problems.push(`untyped answer ${JSON.stringify(result.answer)?.slice(0, 300)}; ${where}`);
      continue;
    }
    const answer = parsed.data as { ok: boolean; error?: { kind: string; message: string } };
    if (!answer.ok) {
      if (!errorKinds.includes(answer.error?.kind as (typeof errorKinds)[number]))
        problems.push(`unknown error kind ${answer.error?.kind}; ${where}`);
      if (/\bat \S+ \(|Error:|\{"|TypeError|undefined is not/.test(answer.error?.message ?? ''))
        problems.push(`error message reads like a crash: ${answer.error?.message}; ${where}`);
    }
    const text = JSON.stringify(result.answer) ?? '';
    for (const token of TOKENS) {
      if (text.includes(token) || text.includes(token.slice(0, -4)))
        problems.push(`answer carries a token; ${where}`);
    }
  }
  return problems;
}

/** API requests made with location B's token or naming B: none may come from A's page. */
function requestsForB(fake: FakeGhl) {
  return fake.requests.filter(
    (r) =>
      r.locationId === B.locationId ||
      r.path.includes(B.locationId) ||
      (r.body as { locationId?: unknown } | undefined)?.locationId === B.locationId ||
      r.headers.authorization?.includes(B.token),
  );
}

test('2,000 fuzzed messages from an extension page: typed answers, no token, the same worker still answers', async ({
  connect,
  openExtensionPage,
  context,
}) => {
  test.setTimeout(90_000);
  await connect();
  const page = await openExtensionPage('options.html');
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const worker = await watchServiceWorker(context);

  const results = await page.evaluate<FuzzResult[]>(fuzzMessagesScript(fuzzArgs(20260501)));

  expect(results).toHaveLength(2_000);
  expect(answerProblems(results)).toEqual([]);
  // Some requests were valid enough to be handled, most were refused with a typed error.
  const refused = results.filter((r) => (r.answer as { ok?: boolean })?.ok === false);
  expect(refused.length).toBeGreaterThan(1_000);
  expect(results.length - refused.length).toBeGreaterThan(50);

  expect(await worker.check()).toEqual({
    marker: 'same worker',
    errors: [],
    pollutedPrototype: [],
    pollutedObject: null,
  });
  expect(await page.evaluate(() => ({}) as { polluted?: unknown }).then((o) => o.polluted)).toBe(
    undefined,
  );
  // The connection may have been removed or replaced by fuzzed requests: save it again, then
  // an ordinary request works end to end.
  await ask(page, { type: 'connections.save', locationId: A.locationId, token: A.token });
  await expect
    .poll(async () => {
      const answer = await ask<{ ok: boolean; value?: { name?: string } }>(page, {
        type: 'contact.view',
        locationId: A.locationId,
        contactId: ada.id,
      });
      return answer.value?.name;
    })
    .toBe('Ada Lovelace');
  expect(pageErrors).toEqual([]);
});

test('2,000 fuzzed messages from the content script: never a success outside its own location or for page-only requests', async ({
  connect,
  context,
  fake,
}) => {
  test.setTimeout(90_000);
  await connectBothLocations(connect); // B has a token: only the sender check can refuse.
  const { page } = await openContactPage(context, A.locationId, ada.id);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const world = await isolatedWorldOf(context, page);
  const worker = await watchServiceWorker(context);

  const results = await world.evaluate<FuzzResult[]>(fuzzMessagesScript(fuzzArgs(20260502)));

  expect(results).toHaveLength(2_000);
  expect(answerProblems(results)).toEqual([]);
  // A success is for a request a content script may make, about its own page's location.
  const wrongSuccesses = results.filter((result) => {
    const answer = result.answer as { ok?: boolean; value?: { locationId?: unknown } };
    if (answer?.ok !== true) return false;
    const type = result.type as RequestType;
    if (!CONTENT_SCRIPT_REQUESTS.has(type)) return true;
    if (answer.value?.locationId !== undefined && answer.value.locationId !== A.locationId)
      return true;
    if (type === 'change.undo') return false;
    const asked =
      type === 'page.contact'
        ? /\/location\/([A-Za-z0-9]{20})\//.exec(result.url ?? '')?.[1]
        : result.locationId;
    return asked !== A.locationId;
  });
  expect(wrongSuccesses.map((r) => `${r.sent} -> ${JSON.stringify(r.answer)}`)).toEqual([]);
  // Every request only an extension page may make was refused.
  const pageOnly = results.filter(
    (r) =>
      ALL_TYPES.includes(r.type as RequestType) &&
      !CONTENT_SCRIPT_REQUESTS.has(r.type as RequestType),
  );
  const forbidden = pageOnly.filter(
    (r) => (r.answer as { error?: { kind?: string } })?.error?.kind === 'forbidden',
  );
  expect(pageOnly.filter((r) => (r.answer as { ok?: boolean })?.ok !== false)).toEqual([]);
  expect(forbidden.length).toBeGreaterThan(200);
  expect(requestsForB(fake)).toEqual([]);

  expect(await worker.check()).toEqual({
    marker: 'same worker',
    errors: [],
    pollutedPrototype: [],
    pollutedObject: null,
  });
  // The content script can still do what it may: read its own page's contact.
  const own = await world.evaluate<{ ok: boolean; value?: { contactId?: string } }>(
    `chrome.runtime.sendMessage({type: 'contact.view', locationId: '${A.locationId}', contactId: '${ada.id}'})`,
  );
  expect(own).toMatchObject({ ok: true, value: { contactId: ada.id } });
  expect(pageErrors).toEqual([]);
});

test('junk on event ports crashes nothing; ports of other names are closed; a content script hears only its own location', async ({
  connect,
  context,
  openExtensionPage,
}) => {
  await connectBothLocations(connect);
  const { page } = await openContactPage(context, A.locationId, ada.id);
  const world = await isolatedWorldOf(context, page);
  const options = await openExtensionPage('options.html');
  const worker = await watchServiceWorker(context);

  // Junk subscriptions from both kinds of sender, and ports under other names.
  const junk = [
    null,
    42,
    'contact',
    [],
    { topic: 'contact' },
    { topic: 'contact', locationId: A.locationId },
    { topic: 'contact', locationId: 'x'.repeat(1_000_000), contactId: ada.id },
    { topic: '__proto__' },
    JSON.parse('{"__proto__":{"polluted":"yes"},"topic":"activity"}'),
    { topic: 'job', locationId: A.locationId, jobId: 'x'.repeat(101) },
    { topic: 'everything' },
  ];
  const portArgs = {
    names: ['events', 'events', 'EVENTS', '', 'x'.repeat(10_000), '__proto__'],
    junk,
  };
  const closedFromPage = await options.evaluate(portJunk, portArgs);
  const closedFromScript = await world.evaluate<boolean[]>(
    `(${portJunk.toString()})(${JSON.stringify(portArgs)})`,
  );
  // "events" ports stay open; any other name is disconnected at once.
  expect(closedFromPage).toEqual([false, false, true, true, true, true]);
  expect(closedFromScript).toEqual([false, false, true, true, true, true]);

  // A content script on A subscribing to B's contact (under B's ID) and to the activity log
  // hears nothing when they change; its own contact it does hear about.
  await world.evaluate(`(() => {
    globalThis.__heard = [];
    const port = chrome.runtime.connect({ name: 'events' });
    port.onMessage.addListener((event) => globalThis.__heard.push(event));
    port.postMessage({ topic: 'contact', locationId: '${B.locationId}', contactId: '${marcus.id}' });
    port.postMessage({ topic: 'activity' });
    port.postMessage({ topic: 'connections' });
    port.postMessage({ topic: 'contact', locationId: '${A.locationId}', contactId: '${ada.id}' });
  })()`);
  await ask(options, { type: 'settings.update', undoWindowSeconds: 0 });
  await ask(options, { type: 'contact.view', locationId: B.locationId, contactId: marcus.id });
  await ask(options, {
    type: 'tags.change',
    locationId: B.locationId,
    contactId: marcus.id,
    op: 'add',
    tags: ['heard-only-by-b'],
  });
  await ask(options, {
    type: 'tags.change',
    locationId: A.locationId,
    contactId: ada.id,
    op: 'add',
    tags: ['heard-by-a'],
  });
  // Its own contact's events arrive: by then the others, published earlier, would have too.
  await expect
    .poll(() =>
      world.evaluate<string>(`JSON.stringify(globalThis.__heard.map((e) => e.view?.chips ?? []))`),
    )
    .toContain('heard-by-a');
  const heard = await world.evaluate<unknown[]>('globalThis.__heard');
  const text = JSON.stringify(heard);
  expect(text).not.toContain(B.locationId);
  expect(text).not.toContain(marcus.id);
  expect(text).not.toContain('heard-only-by-b');

  expect(await worker.check()).toMatchObject({ marker: 'same worker', errors: [] });
});
