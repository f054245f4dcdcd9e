import { LIMITED_TOKEN, SAMPLE, SECOND } from '../fake-ghl';
import { expect, test } from './fixtures';

test('options page: save, mask, test a token missing scopes, replace, remove', async ({
  openExtensionPage,
  fake,
}) => {
  const page = await openExtensionPage('options.html');
  const locationId = page.getByRole('textbox', { name: 'Location ID' });
  const token = page.getByLabel('Private Integration Token');
  await expect(token).toHaveAttribute('type', 'password');

  // Junk is refused in words and saves nothing.
  await locationId.fill('not-a-location');
  await token.fill(SAMPLE.token);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByRole('status')).toContainText('20 letters and digits');
  await expect(page.getByText('No connections yet.')).toBeVisible();

  // A token missing two scopes: saved, masked, and the test names what is missing.
  await locationId.fill(SAMPLE.locationId);
  await token.fill(LIMITED_TOKEN);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByRole('status')).toContainText('saved');
  const saved = page.getByRole('list', { name: 'Saved connections' }).getByRole('listitem');
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText(`••••${LIMITED_TOKEN.slice(-4)}`);
  await expect(page.locator('body')).not.toContainText(LIMITED_TOKEN.slice(0, 12));

  await locationId.fill(SAMPLE.locationId);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status')).toContainText('2 scopes are missing');
  const scopes = page.getByRole('list', { name: `Scopes of ${SAMPLE.locationId}` });
  await expect(
    scopes.getByRole('listitem').filter({ hasText: 'locations/tags.readonly' }),
  ).toContainText('missing: disables suggestions');
  await expect(
    scopes.getByRole('listitem').filter({ hasText: 'conversations.readonly' }),
  ).toContainText('missing');
  await expect(scopes.getByRole('listitem').filter({ hasText: 'contacts.write' })).toContainText(
    'works',
  );

  // Rotation: the same location with a new token replaces it, still one connection.
  await token.fill(SAMPLE.token);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText(`••••${SAMPLE.token.slice(-4)}`);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status')).toContainText('every scope');

  // A second sub-account, then removing the first.
  await locationId.fill(SECOND.locationId);
  await token.fill(SECOND.token);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(saved).toHaveCount(2);
  await page.getByRole('button', { name: `Remove connection ${SAMPLE.locationId}` }).click();
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText(SECOND.locationId);

  // The checks wrote nothing to any contact.
  expect(
    fake.requests.filter((r) => r.applied && r.method !== 'GET' && !r.path.endsWith('/search')),
  ).toEqual([]);
});

test('options page: the undo window is a setting from 0 to 10 seconds', async ({
  openExtensionPage,
}) => {
  const page = await openExtensionPage('options.html');
  const undo = page.getByRole('spinbutton', { name: 'Undo window (seconds)' });
  await expect(undo).toHaveValue('3');
  await undo.fill('12');
  await undo.press('Enter');
  await expect(page.getByRole('status')).toContainText('from 0 to 10 seconds');
  await undo.fill('0');
  await undo.press('Tab');
  await expect(page.getByRole('status')).toContainText('sent at once');
  await page.reload();
  await expect(page.getByRole('spinbutton', { name: 'Undo window (seconds)' })).toHaveValue('0');
});
