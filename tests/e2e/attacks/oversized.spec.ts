/**
 * Oversized input: a 1 MB paste into the paste box and into "Add tag", a contact with 10,000
 * tags, a location with 100,000 tags. Each must get a clear answer or simply work, with the
 * page still responsive. Nothing here is timed: a hang shows as an assertion's timeout.
 */
import type { Page } from '@playwright/test';
import { appPath, SAMPLE } from '../../fake-ghl';
import { seededRandom } from '../../support/random';
import { expect, test } from '../fixtures';
import { openAppPage, openContactPage, pasteInto, toolbarPopupFor } from './support';

const MEGABYTE = 1_000_000;

/** About `bytes` of text made of `piece(i)` joined by `separator`. */
function textOf(bytes: number, piece: (index: number) => string, separator: string): string {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const part = piece(index);
    parts.push(part);
    size += part.length + separator.length;
  }
  return parts.join(separator);
}

/** The page answers a script and takes typing: its main thread is not stuck. */
async function expectResponsive(page: Page) {
  expect(await page.evaluate(() => document.readyState)).toBe('complete');
}

const tags = (page: Page) => page.getByRole('list', { name: 'Tags' }).getByRole('listitem');

test('1 MB of junk in "Contact IDs or links": a short, clear refusal and a responsive page', async ({
  connect,
  context,
  openExtensionPage,
  fake,
}) => {
  await connect();
  const { url } = await openAppPage(context, appPath.contactList(SAMPLE.locationId));
  const popup = await toolbarPopupFor(openExtensionPage, url);
  const random = seededRandom(7);
  const junk = textOf(
    MEGABYTE,
    (index) =>
      random.pick([
        `word${index}`,
        // Never 20 letters: that would be an ID-shaped piece.
        'x'.repeat(21 + random.int(300)),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        `https://app.gohighlevel.com/v2/location/${SAMPLE.locationId}/contacts/`,
        '((((((((((((((((((((((((((((((((',
        '😀😀😀😀😀',
      ]),
    ' ',
  );
  const before = fake.requests.length;
  await pasteInto(popup.getByRole('textbox', { name: 'Contact IDs or links' }), junk);
  await popup.getByRole('button', { name: 'Open tag editor' }).click();

  const alert = popup.getByRole('alert');
  await expect(alert).toContainText('not a contact ID or contact link');
  await expect(alert).toContainText(/…and [\d,]+ more not understood\./);
  expect((await alert.textContent())?.length ?? 0).toBeLessThan(20_000);
  await expectResponsive(popup);
  // Still usable: a real link opens the editor.
  await pasteInto(
    popup.getByRole('textbox', { name: 'Contact IDs or links' }),
    `https://app.gohighlevel.com${appPath.contact(SAMPLE.locationId, SAMPLE.contacts.ada.id)}`,
  );
  await popup.getByRole('button', { name: 'Open tag editor' }).click();
  await expect(popup.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  expect(fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
});

test('one 1 MB "tag" typed into "Add tag" is refused in words and nothing is sent', async ({
  connect,
  context,
  openExtensionPage,
  fake,
}) => {
  await connect();
  const { url } = await openContactPage(context, SAMPLE.locationId, SAMPLE.contacts.oliver.id);
  const popup = await toolbarPopupFor(openExtensionPage, url);
  await expect(popup.getByRole('heading', { name: 'Oliver Taylor' })).toBeVisible();
  const input = popup.getByRole('combobox', { name: 'Add tag' });
  await pasteInto(input, 'y'.repeat(MEGABYTE));
  await input.press('Enter');
  await expect(popup.getByRole('alert')).toHaveText(
    /A tag can be at most 100 characters long; this one has 1000000\./,
  );
  await expect(tags(popup)).toHaveCount(0);
  await expectResponsive(popup);
  expect(fake.requests.filter((r) => r.path.endsWith('/tags') && r.method !== 'GET')).toEqual([]);
});

test('a contact with 10,000 tags: the editor shows them all and one more can be added', async ({
  connectWithSettings,
  context,
  openExtensionPage,
  fake,
}) => {
  test.setTimeout(90_000);
  const oliver = SAMPLE.contacts.oliver;
  const many = Array.from({ length: 10_000 }, (_, index) => `bulk-label-${index}`);
  fake.state.setContactTags(oliver.id, many);
  await connectWithSettings({ undoWindowSeconds: 0 });
  const { url } = await openContactPage(context, SAMPLE.locationId, oliver.id);
  const popup = await toolbarPopupFor(openExtensionPage, url);

  await expect(tags(popup)).toHaveCount(10_000, { timeout: 30_000 });
  await expect(tags(popup).last()).toContainText('bulk-label-9999');
  const input = popup.getByRole('combobox', { name: 'Add tag' });
  await input.fill('number 10001');
  await popup.getByRole('option', { name: 'Create tag “number 10001”' }).click();
  const added = await fake.waitForRequest(
    (r) => r.path === `/contacts/${oliver.id}/tags` && r.method === 'POST',
  );
  expect(added).toMatchObject({ body: { tags: ['number 10001'] }, applied: true });
  await expect(tags(popup)).toHaveCount(10_001, { timeout: 30_000 });
  await expect(popup.getByRole('status')).toContainText('saved');
  await expectResponsive(popup);
});

test('a location with 100,000 tags: suggestions still come as you type, and one can be added', async ({
  connectWithSettings,
  context,
  openExtensionPage,
  fake,
}) => {
  test.setTimeout(90_000);
  const names = Array.from(
    { length: 100_000 },
    (_, index) => `${['alpha', 'bravo', 'charlie', 'delta'][index % 4]}-${index}`,
  );
  fake.state.addLocationTags(SAMPLE.locationId, names);
  await connectWithSettings({ undoWindowSeconds: 0 });
  const grace = SAMPLE.contacts.grace;
  const { url } = await openContactPage(context, SAMPLE.locationId, grace.id);
  const popup = await toolbarPopupFor(openExtensionPage, url);
  await expect(popup.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();

  const input = popup.getByRole('combobox', { name: 'Add tag' });
  const listbox = popup.getByRole('listbox');
  // Typed key by key, as a person does: each keystroke gets suggestions.
  await input.pressSequentially('delta-9999');
  await expect(listbox.getByRole('option').first()).toHaveText('delta-9999', {
    timeout: 30_000,
  });
  await input.pressSequentially('1');
  await expect(listbox.getByRole('option', { name: 'delta-99991', exact: true })).toBeVisible();
  await input.fill('charlie-4');
  await expect(listbox.getByRole('option').first()).toContainText('charlie-4');
  await input.fill('bravo-12345');
  await expect(listbox.getByRole('option').first()).toHaveText('bravo-12345');
  await input.press('Enter');
  const added = await fake.waitForRequest(
    (r) => r.path === `/contacts/${grace.id}/tags` && r.method === 'POST',
  );
  expect(added.body).toEqual({ tags: ['bravo-12345'] });
  await expect(tags(popup).filter({ hasText: 'bravo-12345' })).toBeVisible();
  await expectResponsive(popup);
});
