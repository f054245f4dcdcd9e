import { APP_HOST, appPath, SAMPLE, SECOND } from '../fake-ghl';
import { ask } from './extension-api';
import { expect, test } from './fixtures';

test('connections added in bulk, named and searchable; each sub-account’s changes use its own token', async ({
  openExtensionPage,
  fake,
  openWithPopup,
}) => {
  const options = await openExtensionPage('options.html');
  await options.getByText('Add many connections at once').click();
  await options
    .getByRole('textbox', { name: 'Connections, one per line: location ID, token, optional name' })
    .fill(
      [
        `${SAMPLE.locationId}\t${SAMPLE.token}\tSunrise Dental`,
        `${SECOND.locationId}, ${SECOND.token}`,
        'junk line',
      ].join('\n'),
    );
  await options.getByRole('button', { name: 'Add connections' }).click();
  const results = options.getByRole('list', { name: 'Results' }).getByRole('listitem');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toContainText('Line 1: Rk7sWq2LmX9dTz4NbV1c saved and working.');
  await expect(results.nth(1)).toContainText(`Line 2: ${SECOND.locationId} saved and working.`);
  await expect(results.nth(2)).toContainText('Line 3: The first column must be a location ID');

  const saved = options.getByRole('list', { name: 'Saved connections' }).getByRole('listitem');
  await expect(saved).toHaveCount(2);
  await expect(options.getByRole('textbox', { name: `Name of ${SAMPLE.locationId}` })).toHaveValue(
    'Sunrise Dental',
  );
  const secondName = options.getByRole('textbox', { name: `Name of ${SECOND.locationId}` });
  await secondName.fill('Harbor Fitness');
  await secondName.press('Enter');
  await expect(options.getByRole('status')).toContainText('is now called Harbor Fitness');
  await expect(saved.first()).toContainText(SECOND.locationId); // sorted by name: Harbor before Sunrise

  // With many sub-accounts, a search narrows the list by name or location ID.
  for (const suffix of ['A', 'B', 'C', 'D']) {
    await ask(options, {
      type: 'connections.save',
      locationId: `Extra${suffix}00000000000000`,
      token: `pit-extra-${suffix}`,
    });
  }
  await options.reload();
  await expect(saved).toHaveCount(6);
  await options.getByRole('searchbox', { name: 'Search connections' }).fill('harbor');
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText(SECOND.locationId);
  await options.getByRole('searchbox', { name: 'Search connections' }).fill('ExtraC');
  await expect(saved).toHaveCount(1);

  // A change on each sub-account's page goes out with that sub-account's token.
  await ask(options, { type: 'settings.update', undoWindowSeconds: 0 });
  for (const [location, contact] of [
    [SAMPLE, SAMPLE.contacts.ada],
    [SECOND, Object.values(SECOND.contacts)[0]],
  ] as const) {
    const { popup } = await openWithPopup(
      `https://${APP_HOST}${appPath.contact(location.locationId, contact?.id ?? '')}`,
    );
    const input = popup.getByRole('combobox', { name: 'Add tag' });
    await input.fill('per-location-token');
    await popup.getByRole('option', { name: /Create tag/ }).click();
    const request = await fake.waitForRequest((r) => r.path === `/contacts/${contact?.id}/tags`);
    expect(request.headers.authorization).toBe(`Bearer ${location.token}`);
    expect(request.status).toBe(201);
  }
  expect(fake.requests.filter((r) => r.status === 403)).toEqual([]);
});
