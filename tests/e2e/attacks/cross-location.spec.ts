/**
 * A content script runs on one sub-account's page (location A) and may act only within A.
 * Here it asks, from its isolated world, about location B in every way the protocol allows:
 * B's ID in the request, B's ID in a URL (with A's contacts, on a white-label host, behind
 * `..`), B's changes and jobs by their IDs. Both locations have a token, so only the sender
 * check stands in the way.
 */
import type { Page } from '@playwright/test';
import { APP_HOST, appPath, type FakeGhl, SAMPLE, SECOND, WHITE_LABEL_HOST } from '../../fake-ghl';
import { ask } from '../extension-api';
import { expect, test } from '../fixtures';
import {
  connectBothLocations,
  type IsolatedWorld,
  isolatedWorldOf,
  openAppPage,
  openContactPage,
} from './support';

const A = SAMPLE;
const B = SECOND;
const ada = A.contacts.ada;
const grace = A.contacts.grace;
const marcus = B.contacts.marcus;
const elena = B.contacts.elena;

type Answer = { ok: boolean; value?: unknown; error?: { kind: string; message: string } };

function send(world: IsolatedWorld, message: Record<string, unknown>): Promise<Answer> {
  return world.evaluate<Answer>(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
}

const appUrl = (path: string, host = APP_HOST) => `https://${host}${path}`;

/** Every way of naming location B (or B's things) that a well-formed request allows. */
const ASKING_ABOUT_B: Record<string, unknown>[] = [
  { type: 'contact.view', locationId: B.locationId, contactId: marcus.id },
  { type: 'contact.view', locationId: B.locationId, contactId: ada.id },
  { type: 'tags.change', locationId: B.locationId, contactId: marcus.id, op: 'add', tags: ['x'] },
  { type: 'tags.change', locationId: B.locationId, contactId: ada.id, op: 'remove', tags: ['x'] },
  { type: 'contacts.search', locationId: B.locationId, query: 'marcus' },
  { type: 'contacts.search', locationId: B.locationId, query: 'ada' },
  { type: 'location.tags', locationId: B.locationId },
  { type: 'page.contact', url: appUrl(appPath.contact(B.locationId, marcus.id)) },
  // A's contact with B's ID in the URL.
  { type: 'page.contact', url: appUrl(appPath.contact(B.locationId, ada.id)) },
  {
    type: 'page.contact',
    url: appUrl(appPath.conversation(B.locationId, B.conversations.marcus.id)),
  },
  {
    type: 'page.contact',
    url: appUrl(
      `/v2/location/${B.locationId}/opportunities/list/${B.opportunities.elenaMembership.id}`,
    ),
  },
  { type: 'page.contact', url: appUrl(appPath.contact(B.locationId, marcus.id), WHITE_LABEL_HOST) },
  // Resolves to B's path once the URL is normalized.
  {
    type: 'page.contact',
    url: appUrl(`/v2/location/${A.locationId}/../${B.locationId}/contacts/detail/${marcus.id}`),
  },
  { type: 'page.contact', url: `http://${APP_HOST}${appPath.contact(B.locationId, marcus.id)}` },
  {
    type: 'bulk.start',
    locationId: B.locationId,
    op: 'add',
    tags: ['x'],
    contactIds: [marcus.id, elena.id],
  },
  {
    type: 'bulk.start',
    locationId: B.locationId,
    op: 'add',
    tags: ['x'],
    contactIds: [ada.id, grace.id],
  },
  { type: 'bulk.get', locationId: B.locationId, jobId: 'any-job' },
  { type: 'bulk.cancel', locationId: B.locationId, jobId: 'any-job' },
  { type: 'bulk.retry', locationId: B.locationId, jobId: 'any-job' },
  { type: 'options.open', locationId: B.locationId },
];

/** API requests with B's token or about B's location or contacts. */
function requestsAboutB(fake: FakeGhl, since = 0) {
  const bContacts = Object.values(B.contacts).map((contact) => contact.id);
  return fake.requests.slice(since).filter((r) => {
    const body = JSON.stringify(r.body ?? '');
    return (
      r.locationId === B.locationId ||
      r.headers.authorization?.includes(B.token) ||
      r.path.includes(B.locationId) ||
      body.includes(B.locationId) ||
      bContacts.some((id) => r.path.includes(id) || body.includes(id))
    );
  });
}

test('a content script on A asking about B in every way is forbidden, and HighLevel hears nothing of it', async ({
  connect,
  context,
  fake,
}) => {
  await connectBothLocations(connect);
  const { page } = await openContactPage(context, A.locationId, ada.id);
  const world = await isolatedWorldOf(context, page);
  const tabsBefore = context.pages().length;
  const before = fake.requests.length;

  const answers: { message: Record<string, unknown>; answer: Answer }[] = [];
  for (const message of ASKING_ABOUT_B)
    answers.push({ message, answer: await send(world, message) });

  for (const { message, answer } of answers) {
    expect(answer, JSON.stringify(message)).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        message: 'A page may only act on contacts of its own sub-account.',
      },
    });
  }
  // Forbidden before anything happened: no API call at all, no options tab opened.
  expect(fake.requests.slice(before)).toEqual([]);
  expect(context.pages()).toHaveLength(tabsBefore);

  // The same requests about its own location do work (the refusals above are about B).
  const own = await send(world, {
    type: 'contact.view',
    locationId: A.locationId,
    contactId: ada.id,
  });
  expect(own).toMatchObject({ ok: true, value: { locationId: A.locationId, contactId: ada.id } });
});

test('a content script on A cannot undo, cancel, read or retry B’s changes and jobs by their IDs', async ({
  connect,
  context,
  applySettings,
  fake,
}) => {
  await connectBothLocations(connect);
  const options = await applySettings({ undoWindowSeconds: 10 });
  // B's user makes a change and starts a job (from an extension page): both wait 10 s.
  const change = await ask<{ ok: true; value: { changeId: string } }>(options, {
    type: 'tags.change',
    locationId: B.locationId,
    contactId: marcus.id,
    op: 'add',
    tags: ['b-only'],
  });
  const job = await ask<{ ok: true; value: { id: string } }>(options, {
    type: 'bulk.start',
    locationId: B.locationId,
    op: 'add',
    tags: ['b-bulk'],
    contactIds: [marcus.id, elena.id],
  });
  const changeId = change.value.changeId;
  const jobId = job.value.id;

  const { page } = await openContactPage(context, A.locationId, ada.id);
  const world = await isolatedWorldOf(context, page);
  const forbidden = { ok: false, error: { kind: 'forbidden' } };
  expect(await send(world, { type: 'change.undo', changeId })).toMatchObject(forbidden);
  for (const type of ['bulk.get', 'bulk.cancel', 'bulk.retry']) {
    expect(await send(world, { type, locationId: B.locationId, jobId }), type).toMatchObject(
      forbidden,
    );
    // Under its own location's ID the job is simply unknown: nothing about it comes back.
    const underA = await send(world, { type, locationId: A.locationId, jobId });
    expect(underA, type).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(JSON.stringify(underA)).not.toContain('b-bulk');
  }

  // Both are still waiting, neither cancelled.
  const activity = await ask<{ ok: true; value: { items: { id: string; state: string }[] } }>(
    options,
    { type: 'activity.list' },
  );
  expect(activity.value.items.find((item) => item.id === changeId)?.state).toBe('pending');
  const stillThere = await ask<{ ok: true; value: { cancelled: boolean } }>(options, {
    type: 'bulk.get',
    locationId: B.locationId,
    jobId,
  });
  expect(stillThere.value.cancelled).toBe(false);
  // Nothing was sent for B yet (its undo window is still open).
  expect(requestsAboutB(fake)).toEqual([]);
});

test('a content script on a page outside any sub-account may act on none', async ({
  connectWithSettings,
  context,
  fake,
}) => {
  // Only A is connected (the sample connection).
  const options = await connectWithSettings({ undoWindowSeconds: 10 });
  const change = await ask<{ ok: true; value: { changeId: string } }>(options, {
    type: 'tags.change',
    locationId: A.locationId,
    contactId: ada.id,
    op: 'add',
    tags: ['a-only'],
  });
  // HighLevel's host, but no location in the path: the content script runs, with no location.
  const { page } = await openAppPage(context, '/agency/dashboard');
  const world = await isolatedWorldOf(context, page as Page);
  const before = fake.requests.length;
  const forbidden = { ok: false, error: { kind: 'forbidden' } };
  for (const message of [
    { type: 'contact.view', locationId: A.locationId, contactId: ada.id },
    { type: 'location.tags', locationId: A.locationId },
    { type: 'contacts.search', locationId: A.locationId, query: 'ada' },
    { type: 'page.contact', url: appUrl(appPath.contact(A.locationId, ada.id)) },
    { type: 'tags.change', locationId: A.locationId, contactId: ada.id, op: 'add', tags: ['x'] },
    { type: 'change.undo', changeId: change.value.changeId },
  ]) {
    expect(await send(world, message), message.type).toMatchObject(forbidden);
  }
  expect(fake.requests.slice(before)).toEqual([]);
});
