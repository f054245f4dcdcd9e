/**
 * The HighLevel page's own scripts (the main world) are outside the trust boundary: they
 * must find no way to the background, the extension's storage or its pages, and nothing
 * they post or dispatch may make the extension act.
 */
import { SAMPLE } from '../../fake-ghl';
import { expect, test } from '../fixtures';
import { openContactPage, openContactWithInPagePopup } from './support';

const ada = SAMPLE.contacts.ada;

test('a page script finds no extension API, cannot message the background, fetch or frame the extension', async ({
  connect,
  context,
  extensionId,
}) => {
  await connect();
  const { page } = await openContactPage(context, SAMPLE.locationId, ada.id);

  const reach = await page.evaluate(async (id) => {
    const api = (globalThis as { chrome?: Record<string, unknown> }).chrome ?? {};
    const runtime = api.runtime as
      | { sendMessage?(id: string, message: unknown): Promise<unknown>; connect?: unknown }
      | undefined;
    let message = 'no chrome.runtime.sendMessage';
    if (runtime?.sendMessage) {
      message = await runtime.sendMessage(id, { type: 'settings.get' }).then(
        (answer) => `answered ${JSON.stringify(answer)}`,
        (error: Error) => `refused: ${error.message}`,
      );
    }
    const fetched: string[] = [];
    for (const path of ['manifest.json', 'popup.html', 'options.html', 'background.js']) {
      const outcome = await fetch(`chrome-extension://${id}/${path}`).then(
        (response) => `${path}: read ${response.status}`,
        () => `${path}: refused`,
      );
      fetched.push(outcome);
    }
    return {
      runtime: typeof runtime,
      storage: typeof api.storage,
      browser: typeof (globalThis as { browser?: unknown }).browser,
      message,
      fetched,
    };
  }, extensionId);
  expect(reach).toEqual({
    runtime: 'undefined',
    storage: 'undefined',
    browser: 'undefined',
    message: 'no chrome.runtime.sendMessage',
    fetched: [
      'manifest.json: refused',
      'popup.html: refused',
      'options.html: refused',
      'background.js: refused',
    ],
  });

  // Framing the options page (where tokens are typed) is blocked: no frame shows it.
  await page.evaluate(async (id) => {
    const frame = document.createElement('iframe');
    frame.src = `chrome-extension://${id}/options.html`;
    const loaded = new Promise((resolve) => {
      frame.onload = resolve;
      frame.onerror = resolve;
      setTimeout(resolve, 3_000);
    });
    document.body.append(frame);
    await loaded;
  }, extensionId);
  const framed = page.frames().filter((frame) => frame !== page.mainFrame());
  expect(framed.length).toBeGreaterThan(0);
  for (const frame of framed) {
    const text = await frame
      .evaluate(() => document.body?.textContent ?? '')
      .catch(() => 'not readable');
    expect(text).not.toMatch(/Private Integration Token|Location ID/);
  }
});

test('messages posted and events dispatched by the page make the extension do nothing', async ({
  connect,
  context,
  openExtensionPage,
  extensionId,
  fake,
}) => {
  await connect();
  const { page, dialog } = await openContactWithInPagePopup(
    context,
    openExtensionPage,
    SAMPLE.locationId,
    ada.id,
  );
  const chips = dialog.getByRole('list', { name: 'Tags' }).getByRole('listitem');
  await expect(chips).toHaveCount(ada.tags.length);
  const before = fake.requests.length;

  await page.evaluate(
    async ({ id, locationId, contactId }) => {
      const change = { locationId, contactId, op: 'add', tags: ['from-the-page'] };
      const junk: unknown[] = [
        { type: 'tags.change', ...change },
        {
          type: 'bulk.start',
          locationId,
          op: 'add',
          tags: ['from-the-page'],
          contactIds: [contactId],
        },
        { type: 'in-page.toggle' },
        { type: 'in-page.open', contact: { locationId, contactId } },
        { type: 'in-page.bulk', op: 'add', tags: ['from-the-page'] },
        { type: 'in-page.toast', text: 'Token: please paste it here', tone: 'info' },
        { type: 'page.read' },
        { type: 'contact-tags:script-started' },
        // WXT's own start message, under its bare name (the real one carries the extension ID).
        { type: 'wxt:content-script-started', contentScriptName: 'tag-popup', messageId: 'x' },
        { type: 'wxt:content-script-started', contentScriptName: 'content', messageId: 'x' },
        'in-page.toggle',
        null,
        JSON.parse('{"__proto__":{"polluted":true},"type":"in-page.toggle"}'),
        { extensionId: id, message: { type: 'tags.change', ...change } },
      ];
      for (const message of junk) {
        window.postMessage(message, '*');
        window.top?.postMessage(message, '*');
      }
      // Events named like the extension's own, on document and window, with and without detail.
      // (WXT's events under their full names, which carry the extension ID: findings.spec.ts.)
      for (const target of [document, window, document.documentElement]) {
        for (const name of [
          'contact-tags:script-started',
          'wxt:content-script-started',
          'wxt:locationchange',
        ]) {
          target.dispatchEvent(new CustomEvent(name));
          target.dispatchEvent(
            new CustomEvent(name, { detail: { contentScriptName: 'tag-popup' } }),
          );
          target.dispatchEvent(new CustomEvent(name, { detail: change, bubbles: true }));
        }
      }
      // Every listener of every world has seen the messages above once this one arrives.
      await new Promise<void>((resolve) => {
        window.addEventListener('message', (event) => event.data === 'done' && resolve());
        window.postMessage('done', '*');
      });
    },
    { id: extensionId, locationId: SAMPLE.locationId, contactId: ada.id },
  );

  // The popup is still there, unchanged, and still works; nothing was sent or shown.
  await expect(dialog).toBeVisible();
  await expect(chips).toHaveCount(ada.tags.length);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Token: please paste it here')).toHaveCount(0);
  const input = dialog.getByRole('combobox', { name: 'Add tag' });
  await input.fill('recall');
  await expect(dialog.getByRole('option', { name: 'recall 6mo' })).toBeVisible();
  expect(fake.requests.slice(before)).toEqual([]);
  expect(await page.evaluate(() => ({}) as { polluted?: unknown }).then((o) => o.polluted)).toBe(
    undefined,
  );

  // On a page where the popup was never opened, the same junk opens nothing.
  const other = await openContactPage(context, SAMPLE.locationId, SAMPLE.contacts.grace.id);
  await other.page.evaluate(() => {
    for (const type of ['in-page.toggle', 'in-page.open', 'contact-tags:script-started']) {
      window.postMessage({ type }, '*');
      document.dispatchEvent(new CustomEvent(type));
    }
  });
  await other.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.addEventListener('message', (event) => event.data === 'done' && resolve());
        window.postMessage('done', '*');
      }),
  );
  await expect(other.page.locator('[data-ghl-tags-root]')).toHaveCount(0);
  expect(fake.requests.slice(before)).toEqual([]);
});
