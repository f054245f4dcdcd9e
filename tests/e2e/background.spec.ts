import { SAMPLE } from '../fake-ghl';
import { ask, stopServiceWorker } from './extension-api';
import { expect, test } from './fixtures';

const ada = SAMPLE.contacts.ada.id;

function change(contactId: string, tags: string[], op: 'add' | 'remove' = 'add') {
  return { type: 'tags.change', locationId: SAMPLE.locationId, contactId, op, tags };
}

const tagCallsTo = (contactId: string) => (r: { path: string; operationId?: string }) =>
  r.path === `/contacts/${contactId}/tags`;

test('a change from an extension page lands after the undo window; an undone one sends nothing', async ({
  connect,
  openExtensionPage,
  fake,
}) => {
  await connect();
  const page = await openExtensionPage('options.html');
  const sentAt = Date.now();
  const answer = await ask<{ ok: boolean; value: { changeId: string; undoUntil: number } }>(
    page,
    change(ada, ['spring-promo']),
  );
  expect(answer.ok).toBe(true);
  const request = await fake.waitForRequest(tagCallsTo(ada));
  expect(request).toMatchObject({
    method: 'POST',
    body: { tags: ['spring-promo'] },
    applied: true,
  });
  expect(request.at - sentAt).toBeGreaterThanOrEqual(2_900);
  expect(fake.state.getContact(ada)?.tags).toContain('spring-promo');

  const grace = SAMPLE.contacts.grace.id;
  const undone = await ask<{ value: { changeId: string } }>(page, change(grace, ['spring-promo']));
  const undo = await ask<{ value: { undone: boolean } }>(page, {
    type: 'change.undo',
    changeId: undone.value.changeId,
  });
  expect(undo.value.undone).toBe(true);
  // A later change to the same contact lands; nothing of the undone one ever went out.
  await ask(page, change(grace, ['after-undo']));
  const later = await fake.waitForRequest(tagCallsTo(grace));
  expect(later.body).toEqual({ tags: ['after-undo'] });
  expect(fake.requests.filter(tagCallsTo(grace))).toHaveLength(1);
});

test('the worker stopped with a change in flight: the change still lands', async ({
  connect,
  openExtensionPage,
  extensionId,
  context,
  fake,
}) => {
  await connect();
  const page = await openExtensionPage('options.html');
  await ask(page, { type: 'settings.update', undoWindowSeconds: 0 });
  fake.setSwitches({ latencyMs: 3_000 });
  await ask(page, change(ada, ['in-flight']));
  await expect.poll(() => fake.requests.filter(tagCallsTo(ada)).length).toBe(1);
  await stopServiceWorker(context, page, extensionId);

  // The first call dies with the worker (the fake applies nothing); the next start resends it.
  const first = await fake.waitForRequest(tagCallsTo(ada));
  expect(first.applied).toBe(false);
  await page.reload(); // any event starts the worker again, as the user opening a page does
  const applied = await fake.waitForRequest((r) => tagCallsTo(ada)(r) && r.applied, 20_000);
  expect(applied.body).toEqual({ tags: ['in-flight'] });
  expect(fake.state.getContact(ada)?.tags).toContain('in-flight');
});

test('200 changes to 200 contacts against a fake allowing 10 calls per 2 s: all land, none failed', async ({
  connect,
  openExtensionPage,
  fake,
}) => {
  test.setTimeout(120_000);
  const ids = fake.state.addContacts(SAMPLE.locationId, 200);
  fake.setSwitches({ rateLimit: { max: 10, intervalMs: 2_000 } });
  await connect();
  const page = await openExtensionPage('options.html');
  await ask(page, { type: 'settings.update', undoWindowSeconds: 0 });
  for (const id of ids) await ask(page, change(id, ['webinar-2026']));

  await expect
    .poll(
      () => ids.filter((id) => fake.state.getContact(id)?.tags.includes('webinar-2026')).length,
      {
        timeout: 90_000,
        intervals: [1_000],
      },
    )
    .toBe(200);
  const log = await ask<{ value: { items: { state: string }[] } }>(page, { type: 'activity.list' });
  expect(log.value.items.filter((item) => item.state === 'failed')).toEqual([]);
  expect(log.value.items.filter((item) => item.state === 'done')).toHaveLength(200);
  // 429s may happen (another client could share the budget) but were retried, never shown.
  const tagCalls = fake.requests.filter((r) => r.operationId === 'add-tags');
  expect(tagCalls.filter((r) => r.applied)).toHaveLength(200);
});

test('a revoked token: changes wait, the connection shows broken, and they land once it is replaced', async ({
  connect,
  openExtensionPage,
  fake,
}) => {
  const newToken = 'pit-2f1e0d9c-8b7a-4654-9321-0fedcba98765';
  await connect();
  fake.state.revokeToken(SAMPLE.token);
  const page = await openExtensionPage('options.html');
  await ask(page, { type: 'settings.update', undoWindowSeconds: 0 });
  await ask(page, change(ada, ['after-rotation']));
  await ask(page, change(SAMPLE.contacts.grace.id, ['after-rotation']));

  await page.reload();
  const saved = page.getByRole('list', { name: 'Saved connections' }).getByRole('listitem');
  await expect(saved).toContainText('Broken: Token refused', { timeout: 15_000 });
  await expect(saved).toContainText('2 changes waiting');
  expect(fake.requests.filter((r) => r.applied && r.operationId === 'add-tags')).toEqual([]);

  fake.state.addToken(newToken, SAMPLE.locationId, [
    'contacts.readonly',
    'contacts.write',
    'locations/tags.readonly',
  ]);
  await page.getByRole('textbox', { name: 'Location ID' }).fill(SAMPLE.locationId);
  await page.getByLabel('Private Integration Token').fill(newToken);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByRole('status')).toContainText('saved');
  await expect.poll(() => fake.state.getContact(ada)?.tags.includes('after-rotation')).toBe(true);
  await expect
    .poll(() => fake.state.getContact(SAMPLE.contacts.grace.id)?.tags.includes('after-rotation'))
    .toBe(true);
  await expect(saved).not.toContainText('Broken');
  const landed = fake.requests.filter((r) => r.applied && r.operationId === 'add-tags');
  expect(landed.every((r) => r.headers.authorization === `Bearer ${newToken}`)).toBe(true);
});
