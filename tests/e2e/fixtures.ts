import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import type { RequestOf } from '../../utils/messages/protocol';
import { type FakeGhl, SAMPLE, startFakeGhl } from '../fake-ghl';
import { launchWithExtension } from './browser';
import { ask, tabIdOf } from './extension-api';

/** What a `settings.update` request may set (e.g. the undo window, the bulk chunk size). */
export type SettingsUpdate = Omit<RequestOf<'settings.update'>, 'type'>;

export interface ExtensionFixtures {
  /** A fresh fake HighLevel for this test; its contract violations fail the test. */
  fake: FakeGhl;
  /** Chromium with the production build loaded, in a profile of this test's own. */
  context: BrowserContext;
  extensionId: string;
  /** Opens one of the extension's pages (e.g. `options.html`). */
  openExtensionPage(path: string): Promise<Page>;
  /** Saves a connection through the real options page. */
  connect(locationId?: string, token?: string): Promise<void>;
  /**
   * Opens the options page and applies `settings` from it through the background; returns
   * the page, still open, for further `ask`s.
   */
  applySettings(settings: SettingsUpdate): Promise<Page>;
  /**
   * The usual start of a test: the sample connection saved, then `settings` applied (most
   * often an undo window of 0, so changes go out at once). Returns the options page used.
   */
  connectWithSettings(settings: SettingsUpdate): Promise<Page>;
  /** The toolbar popup for the tab showing `page`, opened as a page (`popup.html?tabId=N`). */
  popupFor(page: Page): Promise<Page>;
  /** Opens `url` in a new tab, then the toolbar popup for that tab. */
  openWithPopup(url: string): Promise<{ page: Page; popup: Page }>;
}

/** Real-input tests run headed (xdotool needs a real window); the rest headless. */
const headed = (projectName: string) => projectName === 'real-input' || process.env.HEADED === '1';

export const test = base.extend<ExtensionFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
  fake: async ({}, use) => {
    const fake = await startFakeGhl();
    await use(fake);
    const violations = fake.violations.map((violation) => JSON.stringify(violation));
    await fake.close();
    expect(violations, 'every request must follow the OpenAPI contract').toEqual([]);
  },

  context: async ({ fake }, use, testInfo) => {
    const context = await launchWithExtension({
      profileDir: testInfo.outputPath('profile'),
      hostResolverRules: fake.hostResolverRules,
      headless: !headed(testInfo.project.name),
    });
    await use(context);
    await context.close();
  },

  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
  },

  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },

  connect: async ({ openExtensionPage }, use) => {
    await use(async (locationId = SAMPLE.locationId, token = SAMPLE.token) => {
      const options = await openExtensionPage('options.html');
      await options.getByRole('textbox', { name: 'Location ID' }).fill(locationId);
      await options.getByLabel('Private Integration Token').fill(token);
      await options.getByRole('button', { name: 'Save connection' }).click();
      await expect(options.getByRole('status')).toContainText('saved');
      await options.close();
    });
  },

  applySettings: async ({ openExtensionPage }, use) => {
    await use(async (settings) => {
      const options = await openExtensionPage('options.html');
      await ask(options, { type: 'settings.update', ...settings });
      return options;
    });
  },

  connectWithSettings: async ({ connect, applySettings }, use) => {
    await use(async (settings) => {
      await connect();
      return applySettings(settings);
    });
  },

  popupFor: async ({ openExtensionPage }, use) => {
    await use(async (page) => {
      const helper = await openExtensionPage('options.html');
      const tabId = await tabIdOf(helper, page.url());
      await helper.close();
      return openExtensionPage(`popup.html?tabId=${tabId}`);
    });
  },

  openWithPopup: async ({ context, popupFor }, use) => {
    await use(async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      return { page, popup: await popupFor(page) };
    });
  },
});

export { expect };
