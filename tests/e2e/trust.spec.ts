import { APP_HOST, appPath, SAMPLE } from '../fake-ghl';
import { expect, test } from './fixtures';

test('neither a page script nor the content script can read the extension’s storage', async ({
  connect,
  context,
}) => {
  await connect(); // a token is now in storage
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  const contexts: { id: number; name: string; type?: string }[] = [];
  session.on('Runtime.executionContextCreated', ({ context: created }) => {
    contexts.push({ id: created.id, name: created.name, type: created.auxData?.type });
  });
  await session.send('Runtime.enable');
  await page.goto(
    `https://${APP_HOST}${appPath.contact(SAMPLE.locationId, SAMPLE.contacts.ada.id)}`,
  );

  // The page's own scripts have no extension API at all.
  expect(
    await page.evaluate(
      () => typeof (globalThis as { chrome?: { storage?: unknown } }).chrome?.storage,
    ),
  ).toBe('undefined');

  // The content script runs in its isolated world; storage is closed to it (TRUSTED_CONTEXTS).
  await expect
    .poll(() =>
      contexts.some((c) => c.type === 'isolated' && c.name === 'Contact Tags for HighLevel'),
    )
    .toBe(true);
  const isolated = contexts.find(
    (c) => c.type === 'isolated' && c.name === 'Contact Tags for HighLevel',
  );
  const result = await session.send('Runtime.evaluate', {
    contextId: isolated?.id,
    awaitPromise: true,
    returnByValue: true,
    expression: `chrome.storage.local.get(null).then(
      (items) => 'read ' + JSON.stringify(items).length + ' characters',
      (error) => 'refused: ' + error.message)`,
  });
  expect(result.result.value).toMatch(/^refused: .*not allowed/i);
});
