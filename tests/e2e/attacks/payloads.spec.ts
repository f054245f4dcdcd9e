/**
 * HTML and script in tag names, contact names, connection names, quick tags, typed domains
 * and pasted IDs render as text everywhere: in the toolbar popup, the in-page popup and the
 * options page. "Inert" means: the text is shown literally, no element of LIVE_MARKUP is
 * created in the extension's UI, `window.__xss` is never set (in the page's main world the
 * in-page popup shares the DOM with), and no inline script is even attempted (a CSP report).
 */
import type { Locator, Page } from '@playwright/test';
import { APP_HOST, appPath, type FakeGhl, SAMPLE } from '../../fake-ghl';
import { type ExtensionFixtures, expect, test } from '../fixtures';
import {
  liveMarkupInExtensionPage,
  liveMarkupInPage,
  openAppPage,
  openContactPage,
  openContactWithInPagePopup,
  openInPagePopup,
  pasteInto,
  toolbarPopupFor,
  watchCsp,
  xssRan,
} from './support';

const markup = SAMPLE.contacts.markup;

/** Each sets `window.__xss` if parsed as HTML; the bare ones hold no space (one pasted piece). */
const P = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=2</script>',
  svg: '<svg onload="window.__xss=3"></svg>',
  entity: '&lt;b&gt;stays encoded&lt;/b&gt;',
  bareImg: '<img/src=x/onerror=window.__xss=5>',
  bareSvg: '<svg/onload=window.__xss=6>',
  video: '<video/src/onerror=window.__xss=8>',
  math: '<math><mi//xlink:href="javascript:window.__xss=9">x</mi></math>',
};
const FIRST = '<script>window.__xss=7</script>Bobby';
const LAST = P.img;
const NAME = `${FIRST} ${LAST}`;
const CONTACT_TAGS = [P.img, P.script, P.svg, P.entity];

function seed(fake: FakeGhl) {
  fake.state.setContactName(markup.id, FIRST, LAST);
  fake.state.setContactTags(markup.id, CONTACT_TAGS);
  fake.state.addLocationTags(SAMPLE.locationId, [P.bareImg]);
}

/**
 * The start of the popup tests: markup seeded in the fake, CSP violations watched from then
 * on, the sample connection saved with no undo window. Returns the CSP watch.
 */
async function seedWatchAndConnect({
  fake,
  context,
  extensionId,
  connectWithSettings,
}: Pick<ExtensionFixtures, 'fake' | 'context' | 'extensionId' | 'connectWithSettings'>) {
  seed(fake);
  const csp = await watchCsp(context, extensionId);
  await connectWithSettings({ undoWindowSeconds: 0 });
  return csp;
}

/** CSP reports other than zod's eval probe (that one is csp.spec.ts's business). */
function inlineViolations(csp: { violations(): string[] }) {
  return csp.violations().filter((line) => !line.includes('kEvalViolation'));
}

async function expectInertExtensionPage(page: Page) {
  expect(await liveMarkupInExtensionPage(page)).toEqual([]);
  expect(await xssRan(page)).toBeNull();
}

const removeButton = (scope: Page | Locator, tag: string) =>
  scope.getByRole('button', { name: `Remove tag ${tag}`, exact: true });

test('the toolbar popup shows markup in names, tags, suggestions, toasts, alerts and the activity log as text', async ({
  connectWithSettings,
  context,
  extensionId,
  openExtensionPage,
  fake,
}) => {
  const csp = await seedWatchAndConnect({ fake, context, extensionId, connectWithSettings });
  const { url } = await openContactPage(context, SAMPLE.locationId, markup.id);
  const popup = await toolbarPopupFor(openExtensionPage, url);

  await expect(popup.getByRole('heading', { level: 2 })).toHaveText(NAME);
  const chips = popup.getByRole('list', { name: 'Tags' }).getByRole('listitem');
  await expect(chips).toHaveCount(CONTACT_TAGS.length);
  for (const [index, tag] of CONTACT_TAGS.entries()) {
    await expect(chips.nth(index)).toContainText(tag);
    await expect(removeButton(popup, tag)).toBeVisible();
  }

  // A suggestion, and "Create tag" with its case note, quote markup as text.
  const input = popup.getByRole('combobox', { name: 'Add tag' });
  await input.fill('<img/');
  await expect(popup.getByRole('option', { name: P.bareImg, exact: true })).toBeVisible();
  await input.fill(P.bareImg.toUpperCase());
  await expect(
    popup.getByRole('option', {
      name: `Create tag “${P.bareImg.toUpperCase()}” (differs from “${P.bareImg}” only by case)`,
    }),
  ).toBeVisible();
  await input.fill(P.bareSvg);
  await popup.getByRole('option', { name: `Create tag “${P.bareSvg}”` }).click();
  await expect(removeButton(popup, P.bareSvg)).toBeVisible();
  await expect(popup.getByRole('status')).toContainText(`Added ‘${P.bareSvg}’`);
  await expect.poll(() => fake.state.getContact(markup.id)?.tags).toContain(P.bareSvg);

  // A refused change: the alert quotes the tag.
  fake.setSwitches({ failNext: { count: 1, status: 422, match: (r) => r.path.endsWith('/tags') } });
  await input.fill(P.video);
  await popup.getByRole('option', { name: `Create tag “${P.video}”` }).click();
  await expect(popup.getByRole('alert')).toContainText(`Could not add ‘${P.video}’`);

  // The activity log names the tag and the contact as text.
  const log = popup.getByRole('list', { name: 'Recent changes' });
  await expect(log.getByRole('listitem').filter({ hasText: P.bareSvg })).toContainText(
    `Add ‘${P.bareSvg}’ to ${NAME}`,
  );
  await expect(log.getByRole('listitem').filter({ hasText: P.video })).toContainText('failed');

  await expectInertExtensionPage(popup);
  expect(inlineViolations(csp)).toEqual([]);
});

test('search results, the paste box’s refusals and a bulk job quote markup as text', async ({
  connectWithSettings,
  context,
  extensionId,
  openExtensionPage,
  fake,
}) => {
  const csp = await seedWatchAndConnect({ fake, context, extensionId, connectWithSettings });
  const list = await openAppPage(context, appPath.contactList(SAMPLE.locationId));
  const popup = await toolbarPopupFor(openExtensionPage, list.url);

  await popup.getByRole('searchbox', { name: 'Search contacts' }).fill('bobby');
  await expect(popup.getByRole('list', { name: 'Search results' })).toContainText(NAME);

  // Pasted junk is quoted back in the refusal, as text.
  const box = popup.getByRole('textbox', { name: 'Contact IDs or links' });
  await pasteInto(box, `${P.bareImg}\n${P.bareSvg} ${P.video}`);
  await popup.getByRole('button', { name: 'Open tag editor' }).click();
  const alert = popup.getByRole('alert');
  for (const piece of [P.bareImg, P.bareSvg, P.video])
    await expect(alert).toContainText(`“${piece}”: not a contact ID or contact link.`);

  // A bulk job with a new markup tag: confirmation, progress, failures, the log.
  const link = (id: string) => `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, id)}`;
  await pasteInto(
    box,
    [markup.id, SAMPLE.contacts.deleted.id, 'NoSuchContact0000001'].map(link).join('\n'),
  );
  await popup.getByRole('button', { name: 'Open tag editor' }).click();
  await expect(popup.getByText('3 contacts selected')).toBeVisible();
  await popup.getByRole('combobox', { name: 'Tag' }).fill(P.math);
  await popup.getByRole('button', { name: 'Add to 3 contacts' }).click();
  await expect(popup.getByText(`Add ‘${P.math}’ (new tag) to 3 contacts?`)).toBeVisible();
  await popup.getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByText('1 updated, 2 failed', { exact: true })).toBeVisible();
  await expect(popup.getByText(`Adding ‘${P.math}’`)).toBeVisible();
  await expect(popup.getByRole('list', { name: 'Failures' }).getByRole('listitem')).toHaveCount(2);
  await expect(popup.getByRole('list', { name: 'Recent changes' })).toContainText(
    `Add ‘${P.math}’ to 3 contacts`,
  );
  expect(fake.state.getContact(markup.id)?.tags).toContain(P.math);

  await expectInertExtensionPage(popup);
  expect(inlineViolations(csp)).toEqual([]);
});

test('the in-page popup shows markup as text and nothing runs in the page', async ({
  connectWithSettings,
  context,
  extensionId,
  openExtensionPage,
  fake,
}) => {
  const csp = await seedWatchAndConnect({ fake, context, extensionId, connectWithSettings });
  const { page, dialog } = await openContactWithInPagePopup(
    context,
    openExtensionPage,
    SAMPLE.locationId,
    markup.id,
  );

  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(NAME);
  for (const tag of CONTACT_TAGS) await expect(removeButton(dialog, tag)).toBeVisible();
  const input = dialog.getByRole('combobox', { name: 'Add tag' });
  await input.fill('<img/');
  await expect(dialog.getByRole('option', { name: P.bareImg, exact: true })).toBeVisible();
  await input.fill(P.bareSvg);
  await dialog.getByRole('option', { name: `Create tag “${P.bareSvg}”` }).click();
  await expect(removeButton(dialog, P.bareSvg)).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText(`Added ‘${P.bareSvg}’`);
  expect(await liveMarkupInPage(page)).toEqual([]);
  expect(await xssRan(page)).toBeNull();

  // Search from the in-page popup on a page with no contact.
  const other = await openAppPage(context, appPath.opportunities(SAMPLE.locationId));
  const finder = await openInPagePopup(openExtensionPage, other.page, other.url);
  await finder.getByRole('searchbox', { name: 'Search contacts' }).fill('bobby');
  const results = finder.getByRole('list', { name: 'Search results' });
  await expect(results).toContainText(NAME);
  await results.getByRole('button').first().click();
  await expect(finder.getByRole('heading', { level: 2 })).toHaveText(NAME);
  expect(await liveMarkupInPage(other.page)).toEqual([]);
  expect(await xssRan(other.page)).toBeNull();
  expect(inlineViolations(csp)).toEqual([]);
});

test('the options page shows markup in connection names, quick tags and refused input as text', async ({
  context,
  extensionId,
  openExtensionPage,
}) => {
  const csp = await watchCsp(context, extensionId);
  const options = await openExtensionPage('options.html');
  const status = options.getByRole('status');

  // A connection named with markup: the list, the status line, the quick-tag scope picker.
  await options.getByRole('textbox', { name: 'Location ID' }).fill(SAMPLE.locationId);
  await options.getByLabel('Private Integration Token').fill(SAMPLE.token);
  await options.getByRole('textbox', { name: 'Name (optional)' }).fill(P.img);
  await options.getByRole('button', { name: 'Save connection' }).click();
  await expect(status).toContainText('saved');
  const name = options.getByRole('textbox', { name: `Name of ${SAMPLE.locationId}` });
  await expect(name).toHaveValue(P.img);
  await name.fill(P.script);
  await name.press('Enter');
  await expect(status).toHaveText(`${SAMPLE.locationId} is now called ${P.script}.`);
  await expect(
    options.getByRole('combobox', { name: 'Quick tags for' }).getByRole('option', {
      name: `${P.script} (${SAMPLE.locationId})`,
    }),
  ).toBeAttached();

  // Quick tags with markup: listed, and named in their buttons, as text.
  for (const tag of [P.img, P.svg, P.entity]) {
    await options.getByRole('textbox', { name: 'New quick tag' }).fill(tag);
    await options.getByRole('button', { name: 'Add quick tag' }).click();
    await expect(options.getByRole('button', { name: `Remove quick tag ${tag}` })).toBeVisible();
  }
  await options.getByRole('button', { name: `Move ${P.svg} up` }).click();
  await expect(options.getByRole('list', { name: 'Quick tags' }).getByRole('listitem')).toHaveText([
    new RegExp(`^1\\. ${escapeRegExp(P.svg)}`),
    new RegExp(`^2\\. ${escapeRegExp(P.img)}`),
    new RegExp(`^3\\. ${escapeRegExp(P.entity)}`),
  ]);

  // Refused input is quoted back as text.
  await options.getByRole('textbox', { name: 'Domain' }).fill(P.bareImg);
  await options.getByRole('button', { name: 'Add domain' }).click();
  await expect(status).toHaveText(`‘${P.bareImg}’ is not a domain.`);
  await options.getByText('Add many connections at once').click();
  await options
    .getByRole('textbox', { name: 'Connections, one per line: location ID, token, optional name' })
    .fill(`${P.bareSvg} ${P.video}`);
  await options.getByRole('button', { name: 'Add connections' }).click();
  await expect(options.getByRole('list', { name: 'Results' })).toContainText(
    'The first column must be a location ID',
  );

  await expectInertExtensionPage(options);
  expect(inlineViolations(csp)).toEqual([]);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a server error message holding markup is shown as text, in the editor and in the page', async ({
  connectWithSettings,
  context,
  openExtensionPage,
  fake,
}) => {
  await connectWithSettings({ undoWindowSeconds: 0 });
  const ada = SAMPLE.contacts.ada;
  const { page, url } = await openContactPage(context, SAMPLE.locationId, ada.id);
  const popup = await toolbarPopupFor(openExtensionPage, url);
  fake.setSwitches({
    failNext: {
      count: 2,
      status: 422,
      message: [P.img, P.script],
      match: (r) => r.method === 'POST' && r.path.startsWith('/contacts/'),
    },
  });
  const input = popup.getByRole('combobox', { name: 'Add tag' });
  await input.fill('refused-by-server');
  await popup.getByRole('option', { name: 'Create tag “refused-by-server”' }).click();
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText(`${P.img}; ${P.script}`);
  await expectInertExtensionPage(popup);

  const dialog = await openInPagePopup(openExtensionPage, page, url);
  await dialog.getByRole('combobox', { name: 'Add tag' }).fill('refused-in-page');
  await dialog.getByRole('option', { name: 'Create tag “refused-in-page”' }).click();
  await expect(dialog.getByRole('alert')).toContainText(P.img);
  expect(await liveMarkupInPage(page)).toEqual([]);
  expect(await xssRan(page)).toBeNull();
});
