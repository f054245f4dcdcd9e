import type { Page } from '@playwright/test';
import { APP_HOST, appPath, type FakeGhl, SAMPLE } from '../fake-ghl';
import { ask } from './extension-api';
import { expect, test } from './fixtures';

const ada = SAMPLE.contacts.ada;
const grace = SAMPLE.contacts.grace;

/** Each call opens another tab on the contact (a query string tells the tabs apart). */
const contactUrl = (contactId: string) =>
  `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, contactId)}?tab=${Math.random()}`;

const chipsOf = (view: Page) =>
  view.getByRole('list', { name: 'Tags' }).getByRole('listitem').locator('.ct-chip-text');

/** Nothing waits any more, and every view shows exactly the fake's tags, none pending. */
async function converged(fake: FakeGhl, contactId: string, views: Page[]) {
  const [first] = views;
  if (!first) return;
  await expect
    .poll(async () => {
      const log = await ask<{ value: { items: { state: string }[] } }>(first, {
        type: 'activity.list',
      });
      return log.value.items.filter((item) => item.state === 'pending').length;
    })
    .toBe(0);
  await expect.poll(() => fake.requests.filter((r) => r.outcome === 'pending').length).toBe(0);
  const server = [...(fake.state.getContact(contactId)?.tags ?? [])].sort();
  for (const view of views) {
    await expect.poll(async () => (await chipsOf(view).allTextContents()).sort()).toEqual(server);
    await expect(view.locator('.ct-pending')).toHaveCount(0);
  }
}

async function addTag(view: Page, tag: string) {
  const input = view.getByRole('combobox', { name: 'Add tag' });
  await input.fill(tag);
  await view
    .getByRole('option', { name: new RegExp(`^(Create tag “${tag}”|${tag})`) })
    .first()
    .click();
}

test('two tabs editing the same contact: the last action wins and both views converge', async ({
  connectWithSettings,
  fake,
  openWithPopup,
}) => {
  await connectWithSettings({ undoWindowSeconds: 0 });
  const first = await openWithPopup(contactUrl(ada.id));
  const second = await openWithPopup(contactUrl(ada.id));

  await addTag(first.popup, 'double-booked');
  await expect(chipsOf(second.popup).filter({ hasText: 'double-booked' })).toHaveCount(1);
  await second.popup.getByRole('button', { name: 'Remove tag double-booked' }).click();
  await second.popup.getByRole('button', { name: 'Remove tag newsletter' }).click();
  await addTag(first.popup, 'late-arrival');

  await converged(fake, ada.id, [first.popup, second.popup]);
  const tags = fake.state.getContact(ada.id)?.tags ?? [];
  expect(tags).toContain('late-arrival');
  expect(tags).not.toContain('double-booked');
  expect(tags).not.toContain('newsletter');
});

test('the toolbar popup and the in-page popup on the same contact converge', async ({
  connectWithSettings,
  fake,
  openWithPopup,
}) => {
  await connectWithSettings({ undoWindowSeconds: 0 });
  const { page, popup } = await openWithPopup(contactUrl(grace.id));
  const inPagePopup = await openWithPopup(contactUrl(grace.id));
  await inPagePopup.popup.getByRole('button', { name: 'Open in page' }).click();
  const dialog = inPagePopup.page.getByRole('dialog', { name: 'Contact tags' });
  await expect(dialog.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();

  await dialog.getByRole('combobox', { name: 'Add tag' }).fill('from-the-page');
  await dialog.getByRole('option', { name: 'Create tag “from-the-page”' }).click();
  await expect(chipsOf(popup).filter({ hasText: 'from-the-page' })).toHaveCount(1);
  await popup.getByRole('button', { name: 'Remove tag from-the-page' }).click();
  await addTag(popup, 'from-the-toolbar');

  await converged(fake, grace.id, [popup]);
  const server = [...(fake.state.getContact(grace.id)?.tags ?? [])].sort();
  await expect
    .poll(async () => (await dialog.locator('.ct-chip-text').allTextContents()).sort())
    .toEqual(server);
  expect(server).toContain('from-the-toolbar');
  expect(server).not.toContain('from-the-page');
  await page.close();
});

test('a bulk job and a later single change on the same contact: the single change wins', async ({
  connectWithSettings,
  fake,
  openWithPopup,
}) => {
  // Both wait in the undo window together, so the order of sending is the queue's to keep.
  const setup = await connectWithSettings({ undoWindowSeconds: 2 });
  fake.setSwitches({ latencyMs: 300 });
  const job = await ask<{ ok: boolean }>(setup, {
    type: 'bulk.start',
    locationId: SAMPLE.locationId,
    op: 'add',
    tags: ['spring-promo'],
    contactIds: [ada.id, grace.id],
  });
  expect(job.ok).toBe(true);
  const { popup } = await openWithPopup(contactUrl(ada.id));
  await expect(chipsOf(popup).filter({ hasText: 'spring-promo' })).toHaveCount(1);
  await popup.getByRole('button', { name: 'Remove tag spring-promo' }).click();

  await converged(fake, ada.id, [popup]);
  expect(fake.state.getContact(ada.id)?.tags).not.toContain('spring-promo');
  expect(fake.state.getContact(grace.id)?.tags).toContain('spring-promo');
  const bulk = fake.requests.findIndex((r) => r.path === '/contacts/bulk/tags/update/add');
  const single = fake.requests.findIndex(
    (r) => r.path === `/contacts/${ada.id}/tags` && r.method === 'DELETE',
  );
  expect(bulk).toBeGreaterThanOrEqual(0);
  expect(single).toBeGreaterThan(bulk);
});
