/**
 * The in-page toast after a right-click quick tag ("Added ‘{tag}’ to {name}") with markup in
 * both the quick tag and the contact's name: shown as text, nothing runs in the page. Only
 * the native context menu leads there, so this runs with real input (xdotool).
 */
import { APP_HOST, appPath, SAMPLE } from '../../fake-ghl';
import { ask } from '../extension-api';
import { expect, test } from '../fixtures';
import { openFocused, rightClickFirstQuickTag } from '../real-input';
import { liveMarkupInPage, xssRan } from './support';

const markup = SAMPLE.contacts.markup;
const TAG = '<img src=x onerror="window.__xss=1">';
const FIRST = '<script>window.__xss=7</script>Bobby';
const LAST = '<svg onload="window.__xss=3"></svg>';
const NAME = `${FIRST} ${LAST}`;

test('a right-click quick tag with markup, on a contact named with markup: the toast shows both as text', async ({
  connectWithSettings,
  context,
  fake,
}) => {
  fake.state.setContactName(markup.id, FIRST, LAST);
  const options = await connectWithSettings({ undoWindowSeconds: 10 });
  await ask(options, { type: 'quickTags.set', tags: [TAG] });
  const page = await openFocused(
    context,
    `https://${APP_HOST}${appPath.contactList(SAMPLE.locationId)}?rows=40`,
  );

  const link = page.getByRole('link', { name: NAME, exact: true });
  await link.scrollIntoViewIfNeeded(); // The contact sits low in the list.
  await rightClickFirstQuickTag(page, link, 'link');
  await expect(page.getByRole('status')).toContainText(`Added ‘${TAG}’ to ${NAME}`);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  expect(await liveMarkupInPage(page)).toEqual([]);
  expect(await xssRan(page)).toBeNull();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status')).toContainText('Undone');
});
