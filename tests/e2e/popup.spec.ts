import type { Page } from '@playwright/test';
import { APP_HOST, appPath, type FakeGhl, SAMPLE, SECOND } from '../fake-ghl';
import { ask } from './extension-api';
import { expect, test } from './fixtures';

const ada = SAMPLE.contacts.ada;
const grace = SAMPLE.contacts.grace;

const tags = (popup: Page) => popup.getByRole('list', { name: 'Tags' }).getByRole('listitem');
const tagCalls = (fake: FakeGhl, contactId: string) =>
  fake.requests.filter((r) => r.path === `/contacts/${contactId}/tags`);

test('the popup edits the page’s contact: suggestion, new tag, undo, remove', async ({
  connect,
  openWithPopup,
  fake,
}) => {
  // "vip" must pick VIP-Client, so the location has no tag named exactly "VIP" here.
  const exactVip = fake.state.locationTags(SAMPLE.locationId).find((tag) => tag.name === 'VIP');
  if (exactVip) fake.state.deleteLocationTag(SAMPLE.locationId, exactVip.id);
  await connect();
  const { popup } = await openWithPopup(
    `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, grace.id)}`,
  );

  await expect(popup.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
  await expect(tags(popup)).toHaveText(grace.tags.map((tag) => new RegExp(tag)));

  const input = popup.getByRole('combobox', { name: 'Add tag' });
  await expect(input).toBeFocused();
  await input.fill('vip');
  const listbox = popup.getByRole('listbox');
  await expect(listbox.getByRole('option').first()).toHaveText('VIP-Client');
  await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await input.press('Enter');
  await expect(tags(popup).filter({ hasText: 'VIP-Client' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Undo' })).toBeVisible();
  const added = await fake.waitForRequest(
    (r) => r.path === `/contacts/${grace.id}/tags` && r.method === 'POST',
  );
  expect(added.body).toEqual({ tags: ['VIP-Client'] });

  // A new tag takes the "Create tag" option.
  await input.fill('Spring Promo 2026');
  await expect(
    listbox.getByRole('option', { name: 'Create tag “Spring Promo 2026”' }),
  ).toBeVisible();
  await input.press('ArrowDown');
  await input.press('ArrowUp');
  await input.press('Enter');
  await expect(tags(popup).filter({ hasText: 'Spring Promo 2026' })).toBeVisible();
  await expect.poll(() => fake.state.getContact(grace.id)?.tags).toContain('Spring Promo 2026');

  // Removed and undone within the window: no request at all.
  const before = tagCalls(fake, grace.id).length;
  await popup.getByRole('button', { name: 'Remove tag follow-up' }).click();
  await expect(tags(popup).filter({ hasText: 'follow-up' })).toHaveCount(0);
  await popup.getByRole('button', { name: 'Undo' }).click();
  await expect(tags(popup).filter({ hasText: 'follow-up' })).toHaveCount(1);
  await expect(popup.getByRole('status').filter({ hasText: 'undone' })).toBeVisible();

  // Removed and let go: a DELETE with exactly that tag.
  await popup.getByRole('button', { name: 'Remove tag hot-lead' }).click();
  const removed = await fake.waitForRequest(
    (r) => r.path === `/contacts/${grace.id}/tags` && r.method === 'DELETE',
  );
  expect(removed.body).toEqual({ tags: ['hot-lead'] });
  expect(tagCalls(fake, grace.id)).toHaveLength(before + 1);
  await expect(popup.getByRole('status')).toContainText('saved');
  await expect(popup.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  expect(fake.state.getContact(grace.id)?.tags).toContain('follow-up');
  await expect(tags(popup)).toHaveText(
    (fake.state.getContact(grace.id)?.tags ?? []).map((t) => new RegExp(t)),
  );

  // The activity log shows what happened.
  const log = popup.getByRole('list', { name: 'Recent changes' });
  await expect(log).toContainText('hot-lead');
  await expect(log.getByRole('listitem').filter({ hasText: 'follow-up' })).toContainText(
    'cancelled',
  );
});

test('a lowercasing server answering only the changed tags: the chips still match the server', async ({
  connect,
  openWithPopup,
  openExtensionPage,
  fake,
}) => {
  fake.setSwitches({ lowercaseTags: true, tagAnswer: 'changed' });
  await connect();
  const setup = await openExtensionPage('options.html');
  await ask(setup, { type: 'settings.update', undoWindowSeconds: 0 });
  const { popup } = await openWithPopup(
    `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, ada.id)}`,
  );
  await expect(tags(popup)).toHaveCount(ada.tags.length);
  const input = popup.getByRole('combobox', { name: 'Add tag' });
  await input.fill('Board Member');
  await popup.getByRole('option', { name: 'Create tag “Board Member”' }).click();
  await expect(tags(popup).filter({ hasText: 'board member' })).toBeVisible();
  await popup.getByRole('button', { name: 'Remove tag newsletter' }).click();
  await expect(tags(popup).filter({ hasText: 'newsletter' })).toHaveCount(0);
  await expect.poll(() => fake.state.getContact(ada.id)?.tags.includes('newsletter')).toBe(false);
  await expect(tags(popup).locator('.ct-pending')).toHaveCount(0);
  const server = fake.state.getContact(ada.id)?.tags ?? [];
  await expect(tags(popup)).toHaveCount(server.length);
  for (const tag of server) await expect(tags(popup).filter({ hasText: tag })).toHaveCount(1);
});

test('a deleted contact and a revoked token are told in words, markup renders as text', async ({
  connect,
  openWithPopup,
  fake,
}) => {
  await connect();
  const deleted = await openWithPopup(
    `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, SAMPLE.contacts.deleted.id)}`,
  );
  const alert = deleted.popup.getByRole('alert');
  await expect(alert).toContainText('not found');
  await expect(alert).not.toContainText('{');
  await expect(alert).not.toContainText('statusCode');

  const markup = await openWithPopup(
    `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, SAMPLE.contacts.markup.id)}`,
  );
  await expect(tags(markup.popup).filter({ hasText: '<b>bold</b>' })).toBeVisible();
  const input = markup.popup.getByRole('combobox', { name: 'Add tag' });
  await input.fill('<img src=x onerror=alert(1)>');
  await input.press('ArrowDown');
  await markup.popup.getByRole('option', { name: /Create tag/ }).click();
  await expect(
    tags(markup.popup).filter({ hasText: '<img src=x onerror=alert(1)>' }),
  ).toBeVisible();
  expect(await markup.popup.locator('img').count()).toBe(0);
  await expect(markup.popup.getByRole('heading', { name: /Tables/ })).toContainText('<img');

  fake.state.revokeToken(SAMPLE.token);
  const revoked = await openWithPopup(
    `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, grace.id)}`,
  );
  await expect(revoked.popup.getByRole('alert')).toContainText('Token refused');
  await expect(revoked.popup.getByRole('alert')).not.toContainText('{');
});

test('without a contact: search finds Ada Lovelace; the conversation page resolves its contact', async ({
  connect,
  openWithPopup,
}) => {
  await connect();
  const list = await openWithPopup(`https://${APP_HOST}${appPath.contactList(SAMPLE.locationId)}`);
  await expect(list.popup.getByRole('heading', { name: 'No contact on this page' })).toBeVisible();
  await list.popup.getByRole('searchbox', { name: 'Search contacts' }).fill('lovelace');
  await list.popup.getByRole('button', { name: /Ada Lovelace/ }).click();
  await expect(list.popup.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(tags(list.popup)).toHaveCount(ada.tags.length);

  const conversation = SAMPLE.conversations.grace;
  const convo = await openWithPopup(
    `https://${APP_HOST}${appPath.conversation(SAMPLE.locationId, conversation.id)}`,
  );
  await expect(convo.popup.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
});

test('the paste box takes a contact link and refuses junk with a reason', async ({
  connect,
  openExtensionPage,
}) => {
  await connect();
  const popup = await openExtensionPage('popup.html');
  const box = popup.getByRole('textbox', { name: 'Contact IDs or links' });
  await box.fill('hello world');
  await popup.getByRole('button', { name: 'Open tag editor' }).click();
  await expect(popup.getByRole('alert')).toContainText('not a contact ID or contact link');
  await box.fill(
    `https://app.gohighlevel.com${appPath.contact(SAMPLE.locationId, ada.id)}?view=note`,
  );
  await popup.getByRole('button', { name: 'Open tag editor' }).click();
  await expect(popup.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
});

test('opened for a named contact ("Edit tags..." on another sub-account’s link), the popup edits that one; junk IDs are ignored', async ({
  connect,
  openExtensionPage,
}) => {
  await connect(SECOND.locationId, SECOND.token);
  const marcus = SECOND.contacts.marcus;
  const named = await openExtensionPage(
    `popup.html?locationId=${SECOND.locationId}&contactId=${marcus.id}`,
  );
  await expect(named.getByRole('heading', { name: 'Marcus Reed' })).toBeVisible();
  await expect(tags(named)).toHaveCount(marcus.tags.length);

  const junk = await openExtensionPage(
    `popup.html?locationId=${encodeURIComponent('../x')}&contactId=${marcus.id}`,
  );
  await expect(junk.getByRole('heading', { name: 'No contact on this page' })).toBeVisible();
});
