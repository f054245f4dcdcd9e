import type { Page } from '@playwright/test';
import { APP_HOST, appPath, type FakeGhl, SAMPLE } from '../fake-ghl';
import { ask, reloadExtension, stopServiceWorker } from './extension-api';
import { expect, test } from './fixtures';

/** A contact list with nothing selected: its toolbar popup offers the paste box, in its location. */
const CONTACT_LIST = `https://${APP_HOST}${appPath.contactList(SAMPLE.locationId)}`;

/**
 * Pastes into the box: one input event, as a real paste is. (Playwright's `fill` types a
 * long text in a way that takes most of a minute for 5,000 lines.)
 */
async function paste(popup: Page, text: string) {
  await popup.getByRole('textbox', { name: 'Contact IDs or links' }).evaluate((box, value) => {
    (box as HTMLTextAreaElement).value = value;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

async function pasteAndStart(popup: Page, ids: string[], tag: string) {
  await paste(popup, ids.join('\n'));
  await popup.getByRole('button', { name: 'Open tag editor' }).click();
  await expect(popup.getByText(`${ids.length} contacts selected`)).toBeVisible();
  // Typed but not confirmed with Enter: it counts.
  await popup.getByRole('combobox', { name: 'Tag' }).fill(tag);
  await popup.getByRole('button', { name: `Add to ${ids.length} contacts` }).click();
  await expect(popup.getByText(`${ids.length} contacts?`)).toBeVisible();
  await popup.getByRole('button', { name: 'Confirm' }).click();
}

const bulkCalls = (fake: FakeGhl) =>
  fake.requests.filter((r) => r.path === '/contacts/bulk/tags/update/add');
const appliedContacts = (fake: FakeGhl) =>
  bulkCalls(fake)
    .filter((r) => r.applied)
    .flatMap((r) => (r.body as { contacts: string[] }).contacts);

test('250 pasted IDs, 2 not real, one chunk failing once with 500: "248 updated, 2 failed", the 2 not offered for retry', async ({
  connect,
  applySettings,
  fake,
  openWithPopup,
}) => {
  await connect();
  const real = fake.state.addContacts(SAMPLE.locationId, 248);
  const unreal = ['NoSuchContact0000001', SAMPLE.contacts.deleted.id];
  const { popup } = await openWithPopup(CONTACT_LIST);
  await applySettings({ undoWindowSeconds: 0 });
  fake.setSwitches({
    failNext: { count: 1, status: 500, match: (r) => r.path.startsWith('/contacts/bulk') },
  });
  await pasteAndStart(popup, [...unreal, ...real], 'webinar-2026');

  await expect(popup.getByText('248 updated, 2 failed', { exact: true })).toBeVisible({
    timeout: 30_000,
  });
  const failures = popup.getByRole('list', { name: 'Failures' }).getByRole('listitem');
  await expect(failures).toHaveCount(2);
  await expect(failures.filter({ hasText: unreal[0] })).toContainText('not found');
  await expect(failures.filter({ hasText: SAMPLE.contacts.deleted.id })).toContainText('deleted');
  await expect(popup.getByRole('button', { name: 'Retry failed' })).toHaveCount(0);
  expect(bulkCalls(fake).filter((r) => r.status === 500)).toHaveLength(1);
  expect(real.every((id) => fake.state.getContact(id)?.tags.includes('webinar-2026'))).toBe(true);
});

test('5,000 contacts in chunks of 50 against a fake allowing 10 calls per 2 s: every contact tagged, no 429 shown', async ({
  connect,
  applySettings,
  fake,
  openWithPopup,
}) => {
  test.setTimeout(120_000);
  await connect();
  const ids = fake.state.addContacts(SAMPLE.locationId, 5_000);
  const { popup } = await openWithPopup(CONTACT_LIST);
  await applySettings({ undoWindowSeconds: 0, bulkChunkSize: 50 });
  fake.setSwitches({ rateLimit: { max: 10, intervalMs: 2_000 } });
  await pasteAndStart(popup, ids, 'spring-campaign');

  await expect(popup.getByRole('progressbar', { name: 'Bulk progress' })).toBeVisible();
  await expect(popup.getByText('5000 updated, 0 failed', { exact: true })).toBeVisible({
    timeout: 90_000,
  });
  await expect(popup.getByRole('alert')).toHaveCount(0);
  expect(new Set(appliedContacts(fake)).size).toBe(5_000);
  expect(ids.every((id) => fake.state.getContact(id)?.tags.includes('spring-campaign'))).toBe(true);
});

const CHUNK = 25;

test('the worker stopped mid-job: the job finishes and every contact is tagged once', async ({
  connect,
  context,
  applySettings,
  extensionId,
  fake,
  openWithPopup,
}) => {
  test.setTimeout(120_000);
  await connect();
  const ids = fake.state.addContacts(SAMPLE.locationId, 600);
  const { popup } = await openWithPopup(CONTACT_LIST);
  const helper = await applySettings({ undoWindowSeconds: 0, bulkChunkSize: CHUNK });
  // 24 chunks, 4 at a time, each answered 1.5 s after it is sent: once the first 4 have
  // landed, the next 4 are in the air for long enough that the stop surely cuts them off.
  fake.setSwitches({ latencyMs: 1_500 });
  await pasteAndStart(popup, ids, 'resilient');
  await expect.poll(() => bulkCalls(fake).filter((r) => r.applied).length).toBeGreaterThan(3);
  await stopServiceWorker(context, helper, extensionId);

  // The popup reconnects (waking the worker), which resumes the job from storage.
  await expect(popup.getByText('600 updated, 0 failed', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  // Every contact carries the tag once, and the job counted each contact once.
  for (const id of ids) {
    expect(fake.state.getContact(id)?.tags.filter((tag) => tag === 'resilient')).toEqual([
      'resilient',
    ]);
  }
  // Chunks cut off with the worker were sent again; only those (at most 4 in flight) went twice.
  const applied = appliedContacts(fake);
  expect(new Set(applied).size).toBe(600);
  expect(applied.length - 600).toBeLessThanOrEqual(4 * CHUNK);
  expect(bulkCalls(fake).some((r) => r.outcome === 'client-gone')).toBe(true);
});

test('the extension updated (reloaded) mid-job: the new version finishes the job from storage', async ({
  connect,
  context,
  applySettings,
  openExtensionPage,
  extensionId,
  fake,
}) => {
  test.setTimeout(120_000);
  await connect();
  const ids = fake.state.addContacts(SAMPLE.locationId, 600);
  const setup = await applySettings({ undoWindowSeconds: 0, bulkChunkSize: 50 });
  fake.setSwitches({ latencyMs: 400 });
  const started = await ask<{ value: { id: string } }>(setup, {
    type: 'bulk.start',
    locationId: SAMPLE.locationId,
    op: 'add',
    tags: ['survives-updates'],
    contactIds: ids,
  });
  await expect.poll(() => bulkCalls(fake).filter((r) => r.applied).length).toBeGreaterThan(1);
  await reloadExtension(context, extensionId);

  const after = await openExtensionPage('options.html');
  await expect
    .poll(
      async () =>
        (
          await ask<{ value: { text: string; finished: boolean } }>(after, {
            type: 'bulk.get',
            locationId: SAMPLE.locationId,
            jobId: started.value.id,
          })
        ).value.text,
      { timeout: 60_000 },
    )
    .toBe('600 updated, 0 failed');
  expect(
    ids.every(
      (id) =>
        fake.state.getContact(id)?.tags.filter((tag) => tag === 'survives-updates').length === 1,
    ),
  ).toBe(true);
});

test('selected rows in the toolbar popup: "Select all on this page", and what HighLevel claims beyond the page', async ({
  connect,
  openWithPopup,
  popupFor,
}) => {
  await connect();
  const { page } = await openWithPopup(CONTACT_LIST);
  const rows = page.locator('tr[id] input[type="checkbox"]');
  await rows.nth(0).check();
  await rows.nth(1).check();
  const popup = await popupFor(page);
  await expect(popup.getByText('2 contacts selected')).toBeVisible();
  const onPage = await rows.count();
  await popup.getByRole('button', { name: `Select all on this page (${onPage})` }).click();
  await expect(popup.getByText(`${onPage} contacts selected`)).toBeVisible();
  await expect(popup.getByRole('button', { name: `Add to ${onPage} contacts` })).toBeVisible();

  // HighLevel's "all 1,234 selected" while the page holds fewer rows: the panel says so.
  const claimed = await openWithPopup(`${CONTACT_LIST}?claimAll=1234`);
  await expect(claimed.popup.getByText(`${onPage} contacts selected`)).toBeVisible();
  await expect(
    claimed.popup.getByText(
      `HighLevel says 1,234 are selected; ${onPage} are on this page, and only those will be changed.`,
    ),
  ).toBeVisible();
});
