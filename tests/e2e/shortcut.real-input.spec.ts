import type { BrowserContext, Page } from '@playwright/test';
import { APP_HOST, appPath, SAMPLE, WHITE_LABEL_HOST } from '../fake-ghl';
import { expect, test } from './fixtures';
import { pressKeys, shortcutUntil, typeText } from './real-input';

const ada = SAMPLE.contacts.ada;

/** Ada's contact page on `host` in a new tab, and the popup opened on it by the shortcut. */
async function shortcutPopupOnAda(context: BrowserContext, host: string) {
  const page = await context.newPage();
  await page.goto(`https://${host}${appPath.contact(SAMPLE.locationId, ada.id)}`);
  const dialog = await shortcutUntil(page, 'open');
  await expect(dialog.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  return { page, dialog };
}

/** Computed styles of the popup's parts, to compare with a hostile page stylesheet on. */
function popupStyles(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-ghl-tags-root]')?.shadowRoot;
    const pick = (selector: string) => {
      const element = root?.querySelector(selector);
      if (!element) return undefined;
      const style = getComputedStyle(element);
      return [style.color, style.fontSize, style.fontFamily, style.backgroundColor].join(' | ');
    };
    return ['.ct-dialog', '.ct-name', '.ct-chip-text', '[role="combobox"]', '.ct-chip-remove'].map(
      pick,
    );
  });
}

test('Alt+Shift+G opens the popup focused in "Add tag"; a typed tag lands after the undo window; keys and styles stay inside', async ({
  connect,
  context,
  fake,
}) => {
  await connect();
  const page = await context.newPage();
  await page.goto(`https://${APP_HOST}${appPath.contact(SAMPLE.locationId, ada.id)}`);
  // The page's own shortcuts, registered as an app's would be (after the extension's guard).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { pageKeys: string[] }).pageKeys = seen;
    window.addEventListener('keydown', (event) => seen.push(`window:${event.key}`), true);
    document.addEventListener('keydown', (event) => seen.push(`document:${event.key}`));
    document.addEventListener('keyup', (event) => seen.push(`document-up:${event.key}`));
  });

  const dialog = await shortcutUntil(page, 'open');
  await expect(dialog.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const input = dialog.getByRole('combobox', { name: 'Add tag' });
  await expect(input).toBeFocused();
  // From here on every key is typed into the popup (the shortcut's own keys came before).
  await page.evaluate(() => {
    (window as unknown as { pageKeys: string[] }).pageKeys.length = 0;
  });
  const unstyled = await popupStyles(page);

  typeText('recall due');
  await expect(input).toHaveValue('recall due');
  await expect(dialog.getByRole('option', { name: 'Create tag “recall due”' })).toBeVisible();
  await page.waitForFunction(() => true); // let the suggestions settle before the next real key
  pressKeys('Down');
  await expect(dialog.getByRole('option', { name: 'Create tag “recall due”' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const typedAt = Date.now();
  pressKeys('Return');
  await expect(dialog.getByRole('list', { name: 'Tags' }).getByText('recall due')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Undo' })).toBeVisible();
  const request = await fake.waitForRequest((r) => r.operationId === 'add-tags');
  expect(request.body).toEqual({ tags: ['recall due'] });
  expect(request.at - typedAt).toBeGreaterThanOrEqual(2_800);
  expect(await page.evaluate(() => (window as unknown as { pageKeys: string[] }).pageKeys)).toEqual(
    [],
  );

  pressKeys('Escape');
  await expect(dialog).toBeHidden();

  // A hostile page stylesheet changes nothing inside the popup.
  await page.addStyleTag({ content: '* { color: red !important; font-size: 40px !important }' });
  await shortcutUntil(page, 'open');
  await expect(dialog.getByRole('combobox', { name: 'Add tag' })).toBeFocused();
  expect(await popupStyles(page)).toEqual(unstyled);

  // The shortcut again closes it.
  await shortcutUntil(page, 'closed');
});

test('the popup follows in-app navigation, and a conversation page shows its contact', async ({
  connect,
  context,
}) => {
  await connect();
  const { page, dialog } = await shortcutPopupOnAda(context, APP_HOST);

  // HighLevel switches contact without a reload while the popup is open: it follows.
  const grace = SAMPLE.contacts.grace;
  await page.evaluate(
    (path) =>
      (window as unknown as { fakeGhl: { navigate(p: string): void } }).fakeGhl.navigate(path),
    appPath.contact(SAMPLE.locationId, grace.id),
  );
  await expect(dialog.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(
    grace.tags.length,
  );

  // Navigating by the page's own button (the click outside closes the popup), then the shortcut.
  await page.getByRole('button', { name: 'Next contact' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Grace Hopper');
  const shown = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  await shortcutUntil(page, 'open');
  await expect(dialog.getByRole('heading', { name: shown })).toBeVisible();
  pressKeys('Escape');
  await expect(dialog).toBeHidden();

  await page.goto(
    `https://${APP_HOST}${appPath.conversation(SAMPLE.locationId, SAMPLE.conversations.grace.id)}`,
  );
  await shortcutUntil(page, 'open');
  await expect(dialog.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible();
});

test('on a white-label domain with no permission granted, the shortcut works through activeTab', async ({
  connect,
  context,
  fake,
}) => {
  await connect();
  const { dialog } = await shortcutPopupOnAda(context, WHITE_LABEL_HOST);
  await expect(dialog.getByRole('combobox', { name: 'Add tag' })).toBeFocused();
  typeText('white-label');
  await expect(dialog.getByRole('option', { name: 'Create tag “white-label”' })).toBeVisible();
  pressKeys('Down');
  pressKeys('Return');
  const request = await fake.waitForRequest((r) => r.operationId === 'add-tags');
  expect(request).toMatchObject({
    path: `/contacts/${ada.id}/tags`,
    body: { tags: ['white-label'] },
    applied: true,
  });
});
