/**
 * The app pages in a real Chromium, reached at their real host names through the fake's
 * hostResolverRules: proves the rules string works and that the page script renders, navigates
 * in-app with pushState, and keeps HighLevel's own panel stale until a reload.
 * Skipped (reported as skipped) where Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_HOST,
  appPath,
  type FakeGhl,
  SAMPLE,
  startFakeGhl,
  WHITE_LABEL_HOST,
} from '../../fake-ghl/index';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const loc = SAMPLE.locationId;
const { ada, grace } = SAMPLE.contacts;

describe.skipIf(!existsSync(CHROMIUM))('app pages in Chromium', () => {
  let fake: FakeGhl;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeGhl();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [`--host-resolver-rules=${fake.hostResolverRules}`, '--ignore-certificate-errors'],
    });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.reset();
    page = await browser.newPage();
  });
  afterEach(() => page.close());

  async function open(url: string): Promise<void> {
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor();
  }

  /** A value on window survives in-app navigation and is lost on a real page load. */
  async function markDocument(): Promise<void> {
    await page.evaluate(() => {
      Object.assign(window, { sameDocument: true });
    });
  }
  const stillSameDocument = () => page.evaluate(() => 'sameDocument' in window);

  it('renders a contact and navigates to others in-app, by link, button and Back', async () => {
    await open(`https://${APP_HOST}${appPath.contact(loc, ada.id)}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Ada Lovelace');
    expect(
      await page
        .getByRole('list', { name: 'HighLevel tag chips' })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(ada.tags);
    await markDocument();

    await page.getByRole('link', { name: 'Grace Hopper' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Grace Hopper');
    expect(new URL(page.url()).pathname).toBe(appPath.contact(loc, grace.id));

    await page.getByRole('button', { name: 'Next contact' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Alan Turing');

    await page.goBack();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Grace Hopper');
    expect(await stillSameDocument()).toBe(true);
    expect(await page.locator('body').getAttribute('data-render-count')).toBe('4');
  });

  it("shows HighLevel's old tags until the page reloads", async () => {
    await open(`https://${APP_HOST}${appPath.contact(loc, ada.id)}`);
    fake.state.setContactTags(ada.id, ['fresh']);

    expect(await page.locator('.ghl-tags li').allTextContents()).toEqual(ada.tags);
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('.ghl-tags li').allTextContents()).toEqual(['fresh']);
  });

  it('lists contacts as tr[id] rows with checkboxes, and claims "all N selected" on request', async () => {
    await open(`https://${WHITE_LABEL_HOST}${appPath.contactList(loc)}?rows=5&claimAll=1234`);

    expect(
      await page.locator('tbody tr[id]').evaluateAll((rows) => rows.map((row) => row.id)),
    ).toHaveLength(5);
    expect(await page.locator(`tr[id="${ada.id}"] input[type="checkbox"]`).isChecked()).toBe(true);
    expect(await page.getByRole('status').textContent()).toBe('All 1,234 contacts are selected.');

    await open(`https://${WHITE_LABEL_HOST}${appPath.contactList(loc)}?rows=3`);
    expect(await page.getByRole('status').isHidden()).toBe(true);
    await page.getByRole('checkbox', { name: 'Select all contacts' }).check();
    expect(await page.locator('tbody input:checked').count()).toBe(3);
    await page.getByRole('button', { name: /^Select all \d+ contacts$/ }).click();
    expect(await page.getByRole('status').textContent()).toMatch(
      /^All \d+ contacts are selected\.$/,
    );

    await page.getByRole('checkbox', { name: 'Select Ada Lovelace' }).uncheck();
    expect(await page.getByRole('checkbox', { name: 'Select all contacts' }).isChecked()).toBe(
      false,
    );
  });

  it('opens a conversation with its contact, and renders markup in names as text', async () => {
    await open(
      `https://${WHITE_LABEL_HOST}${appPath.conversation(loc, SAMPLE.conversations.ada.id)}`,
    );
    expect(await page.locator('#conversation-contact').textContent()).toBe('Ada Lovelace');
    expect(await page.locator('.topbar .brand').textContent()).toBe('Example CRM');

    await open(`https://${APP_HOST}${appPath.contact(loc, SAMPLE.contacts.markup.id)}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('<img src=x');
    expect(await page.evaluate(() => '__xss' in window)).toBe(false);
  });

  it('shows opportunity cards that link to their contacts', async () => {
    await open(`https://${APP_HOST}${appPath.opportunities(loc)}`);

    await page.getByRole('article', { name: 'Grace Hopper - Implant' }).getByRole('link').click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Grace Hopper');
  });
});
