import { appPath, SAMPLE, WHITE_LABEL_HOST } from '../fake-ghl';
import { ask } from './extension-api';
import { expect, test } from './fixtures';
import {
  clickPermissionAllow,
  emailCellOf,
  focusWindow,
  openFocused,
  rightClickFirstQuickTag,
} from './real-input';

test('a white-label domain granted for real on Chrome’s prompt runs the always-on script: a right-clicked row is tagged', async ({
  connect,
  context,
  openExtensionPage,
  fake,
}) => {
  await connect();
  const options = await openExtensionPage('options.html');
  await ask(options, { type: 'quickTags.set', tags: ['hot-lead'] });
  await options
    .getByRole('textbox', { name: 'Domain' })
    .fill(`https://${WHITE_LABEL_HOST}${appPath.contactList(SAMPLE.locationId)}?x=1`);
  await focusWindow(options);
  await options.getByRole('button', { name: 'Add domain' }).click();
  await expect(async () => {
    clickPermissionAllow();
    await expect(options.getByRole('status')).toContainText(`${WHITE_LABEL_HOST} added`, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  const listed = options.getByRole('list', { name: 'White-label domains' }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(WHITE_LABEL_HOST);
  await expect(listed).toContainText('active');

  const page = await openFocused(
    context,
    `https://${WHITE_LABEL_HOST}${appPath.contactList(SAMPLE.locationId)}`,
  );
  // The row's e-mail cell, not a link: only the always-on script knows which row it was.
  const alan = SAMPLE.contacts.alan;
  await rightClickFirstQuickTag(page, emailCellOf(page, alan), 'page');
  await expect(
    page.getByRole('status').filter({ hasText: 'Added ‘hot-lead’ to Alan Turing' }),
  ).toBeVisible();
  const request = await fake.waitForRequest((r) => r.path === `/contacts/${alan.id}/tags`);
  expect(request.body).toEqual({ tags: ['hot-lead'] });

  // Removing the domain drops the grant and the registration.
  await options.bringToFront();
  await options.getByRole('button', { name: `Remove domain ${WHITE_LABEL_HOST}` }).click();
  await expect(listed).toHaveCount(0);
  expect(
    await options.evaluate(
      (origin) =>
        (
          globalThis as unknown as {
            chrome: { permissions: { contains(p: object): Promise<boolean> } };
          }
        ).chrome.permissions.contains({ origins: [origin] }),
      `https://${WHITE_LABEL_HOST}/*`,
    ),
  ).toBe(false);
});
