import { APP_HOST, appPath, SAMPLE } from '../fake-ghl';
import { reloadExtension } from './extension-api';
import { expect, test } from './fixtures';

const ADA_PAGE = `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, SAMPLE.contacts.ada.id)}`;

test('"Open in page" in the toolbar popup opens the in-page popup on that tab', async ({
  connect,
  openWithPopup,
}) => {
  await connect();
  const { page, popup } = await openWithPopup(ADA_PAGE);
  await popup.getByRole('button', { name: 'Open in page' }).click();
  const dialog = page.getByRole('dialog', { name: 'Contact tags' });
  await expect(dialog.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  // In the page's top layer, in an open shadow root on the marked host.
  expect(
    await page.evaluate(() => {
      const host = document.querySelector('[data-ghl-tags-root]');
      return { popoverOpen: host?.matches(':popover-open'), shadow: host?.shadowRoot?.mode };
    }),
  ).toEqual({ popoverOpen: true, shadow: 'open' });
  // Suggestions drop over the page, whole, not clipped inside the dialog.
  await dialog.getByRole('combobox', { name: 'Add tag' }).fill('lead');
  const options = dialog.getByRole('option');
  await expect(options.first()).toBeInViewport({ ratio: 1 });
  await expect(options.last()).toBeInViewport({ ratio: 1 });
  // A click outside closes it.
  await page.getByRole('heading', { level: 1 }).click();
  await expect(dialog).toBeHidden();
});

test('without a token for the sub-account the in-page popup says so and offers to add one', async ({
  context,
  openWithPopup,
}) => {
  const { page, popup } = await openWithPopup(ADA_PAGE);
  await expect(popup.getByRole('alert')).toHaveText('No token for this sub-account.');
  await popup.getByRole('button', { name: 'Open in page' }).click();
  const dialog = page.getByRole('dialog', { name: 'Contact tags' });
  await expect(dialog.getByRole('alert')).toHaveText('No token for this sub-account.');
  const optionsOpened = context.waitForEvent('page');
  await dialog.getByRole('button', { name: 'Add a token for this sub-account' }).click();
  const options = await optionsOpened;
  await expect(options.getByRole('textbox', { name: 'Location ID' })).toHaveValue(
    SAMPLE.locationId,
  );
});

test('on a page with no contact, the in-page popup offers search and the paste box', async ({
  connect,
  openWithPopup,
}) => {
  await connect();
  const { page, popup } = await openWithPopup(
    `https://${APP_HOST}${appPath.opportunities(SAMPLE.locationId)}`,
  );
  await popup.getByRole('button', { name: 'Open in page' }).click();
  const dialog = page.getByRole('dialog', { name: 'Contact tags' });
  await expect(dialog.getByRole('heading', { name: 'No contact on this page' })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Contact IDs or links' })).toBeVisible();
  await dialog.getByRole('searchbox', { name: 'Search contacts' }).fill('hopper');
  await dialog.getByRole('button', { name: /Grace Hopper/ }).click();
  await expect(dialog.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
});

test('after the extension is updated, open pages lose the old popup quietly and get the new script', async ({
  connect,
  context,
  extensionId,
  openWithPopup,
  popupFor,
}) => {
  await connect();
  const { page, popup } = await openWithPopup(ADA_PAGE);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (/context invalidated/i.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error.stack ?? error.message)));
  await popup.getByRole('button', { name: 'Open in page' }).click();
  await expect(page.getByRole('dialog', { name: 'Contact tags' })).toBeVisible();

  // Reload the extension as an update does; its new worker re-injects into open tabs.
  await reloadExtension(context, extensionId);
  await expect(page.locator('[data-ghl-tags-root]')).toHaveCount(0);
  // Typing into the page afterwards raises nothing, and the new version works on the same page.
  await page.keyboard.type('abc');
  const again = await popupFor(page);
  await again.getByRole('button', { name: 'Open in page' }).click();
  await expect(
    page
      .getByRole('dialog', { name: 'Contact tags' })
      .getByRole('heading', { name: 'Ada Lovelace' }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});
