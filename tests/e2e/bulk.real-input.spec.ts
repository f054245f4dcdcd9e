import { APP_HOST, appPath, SAMPLE } from '../fake-ghl';
import { expect, test } from './fixtures';
import { shortcutUntil, typeText } from './real-input';

test('3 rows selected, Alt+Shift+G, a new tag, "Add to 3 contacts", "Confirm": one bulk call, "3 updated, 0 failed"', async ({
  connect,
  context,
  fake,
}) => {
  await connect();
  const page = await context.newPage();
  await page.goto(`https://${APP_HOST}${appPath.contactList(SAMPLE.locationId)}`);
  const picked = [SAMPLE.contacts.ada, SAMPLE.contacts.grace, SAMPLE.contacts.alan];
  for (const contact of picked)
    await page.locator(`tr[id="${contact.id}"] input[type="checkbox"]`).check();

  const dialog = await shortcutUntil(page, 'open');
  await expect(dialog.getByText('3 contacts selected')).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Tag' })).toBeFocused();
  typeText('board-meeting');
  await expect(dialog.getByRole('combobox', { name: 'Tag' })).toHaveValue('board-meeting');
  await dialog.getByRole('button', { name: 'Add to 3 contacts' }).click();
  await expect(dialog.getByText('(new tag)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByText('3 updated, 0 failed')).toBeVisible({ timeout: 15_000 });

  const calls = fake.requests.filter((r) => r.path === '/contacts/bulk/tags/update/add');
  expect(calls).toHaveLength(1);
  expect(calls[0]?.body).toEqual({
    contacts: picked.map((contact) => contact.id),
    tags: ['board-meeting'],
    locationId: SAMPLE.locationId,
  });
});
