import type { Page } from '@playwright/test';
import { APP_HOST, appPath, type FakeGhl, SAMPLE } from '../fake-ghl';
import { ask } from './extension-api';
import { expect, test } from './fixtures';
import { emailCellOf, focusWindow, openFocused, rightClickFirstQuickTag } from './real-input';

const alan = SAMPLE.contacts.alan;
const tagCalls = (fake: FakeGhl, contactId: string) =>
  fake.requests.filter((r) => r.path === `/contacts/${contactId}/tags`);

/** The sample contact list (rendered and focused for real input when opened by `openFocused`). */
const CONTACT_LIST = `https://${APP_HOST}${appPath.contactList(SAMPLE.locationId)}`;

/** Right-clicks Alan Turing's link in the list and picks the first quick tag. */
const quickTagAlanByLink = (page: Page) =>
  rightClickFirstQuickTag(page, page.getByRole('link', { name: 'Alan Turing' }), 'link');

test('right-click a contact link, first entry: the quick tag lands after the undo window, with a toast', async ({
  connect,
  context,
  openExtensionPage,
  fake,
}) => {
  await connect();
  const options = await openExtensionPage('options.html');
  await ask(options, { type: 'quickTags.set', tags: ['hot-lead', 'newsletter'] });
  const page = await openFocused(context, CONTACT_LIST);

  const clickedAt = Date.now();
  await quickTagAlanByLink(page);
  await expect(
    page.getByRole('status').filter({ hasText: 'Added ‘hot-lead’ to Alan Turing' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  const request = await fake.waitForRequest((r) => r.path === `/contacts/${alan.id}/tags`);
  expect(request).toMatchObject({ method: 'POST', body: { tags: ['hot-lead'] }, applied: true });
  expect(request.at - clickedAt).toBeGreaterThanOrEqual(2_800);
});

test('the same click, then Undo in the toast: nothing reaches HighLevel', async ({
  connectWithSettings,
  context,
  fake,
}) => {
  // The longest undo window, so a slow machine still shows Undo when the click lands.
  const options = await connectWithSettings({ undoWindowSeconds: 10 });
  await ask(options, { type: 'quickTags.set', tags: ['hot-lead'] });
  const page = await openFocused(context, CONTACT_LIST);
  await quickTagAlanByLink(page);
  await page.getByRole('button', { name: 'Undo' }).click();

  // Once cancelled, a change leaves the queue for good: the log says so.
  await expect
    .poll(async () => {
      const log = await ask<{ value: { items: { tags: string[]; state: string }[] } }>(options, {
        type: 'activity.list',
      });
      return log.value.items.find((item) => item.tags.includes('hot-lead'))?.state;
    })
    .toBe('cancelled');
  expect(await ask(options, { type: 'connections.list' })).toMatchObject({
    value: { connections: [{ waiting: 0 }] },
  });
  expect(tagCalls(fake, alan.id)).toEqual([]);
});

test('a sub-account’s own quick tags replace the shared ones on its pages', async ({
  connectWithSettings,
  context,
  fake,
}) => {
  const options = await connectWithSettings({ undoWindowSeconds: 0 });
  await ask(options, { type: 'quickTags.set', tags: ['hot-lead'] });
  await ask(options, {
    type: 'quickTags.set',
    locationId: SAMPLE.locationId,
    tags: ['VIP-Client', 'hot-lead'],
  });
  const page = await openFocused(context, CONTACT_LIST);
  await quickTagAlanByLink(page);
  const request = await fake.waitForRequest((r) => r.path === `/contacts/${alan.id}/tags`);
  expect(request.body).toEqual({ tags: ['VIP-Client'] });
});

test('right-click a selected row: the quick tag goes to the whole selection in one bulk call', async ({
  connectWithSettings,
  context,
  fake,
}) => {
  const options = await connectWithSettings({ undoWindowSeconds: 0 });
  await ask(options, { type: 'quickTags.set', tags: ['hot-lead'] });
  const page = await openFocused(context, CONTACT_LIST);
  const picked = [SAMPLE.contacts.ada, SAMPLE.contacts.alan];
  for (const contact of picked)
    await page.locator(`tr[id="${contact.id}"] input[type="checkbox"]`).check();
  await focusWindow(page);
  await rightClickFirstQuickTag(page, emailCellOf(page, alan), 'page');
  await expect(
    page.getByRole('status').filter({ hasText: 'Adding ‘hot-lead’ to 2 contacts' }),
  ).toBeVisible();
  const call = await fake.waitForRequest((r) => r.path === '/contacts/bulk/tags/update/add');
  expect(call.body).toEqual({
    contacts: picked.map((contact) => contact.id),
    tags: ['hot-lead'],
    locationId: SAMPLE.locationId,
  });
  expect(
    fake.requests.filter(
      (r) =>
        r.path.endsWith('/tags') && r.path.startsWith('/contacts/') && !r.path.includes('bulk'),
    ),
  ).toEqual([]);
});
