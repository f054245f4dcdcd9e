import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension } from '../e2e/browser';
import { type FakeGhl, SAMPLE, startFakeGhl } from '../fake-ghl';

/**
 * What each browser budget runs in: a fresh fake HighLevel, Chromium with the production
 * build (the e2e rig's `launchWithExtension`) in a throw-away profile, and the sample
 * connection saved through the real options page, as a person (and the e2e fixtures) do.
 */
export interface Session {
  fake: FakeGhl;
  context: BrowserContext;
  extensionId: string;
  /** Opens one of the extension's pages in a new tab, e.g. `options.html`. */
  openExtensionPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

export async function openSession(options: { headless: boolean }): Promise<Session> {
  const fake = await startFakeGhl();
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'bench-profile-'));
  let context: BrowserContext | undefined;
  try {
    context = await launchWithExtension({
      profileDir,
      hostResolverRules: fake.hostResolverRules,
      headless: options.headless,
    });
    const worker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const launched = context;
    const openExtensionPage = async (file: string) => {
      const page = await launched.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    };
    await connect(openExtensionPage);
    return {
      fake,
      context,
      extensionId,
      openExtensionPage,
      async close() {
        await launched.close().catch(() => undefined);
        await fake.close().catch(() => undefined);
        await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await fake.close().catch(() => undefined);
    await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** Saves the sample connection through the options page (its UI contract names). */
async function connect(openExtensionPage: (file: string) => Promise<Page>) {
  const options = await openExtensionPage('options.html');
  await options.getByRole('textbox', { name: 'Location ID' }).fill(SAMPLE.locationId);
  await options.getByLabel('Private Integration Token').fill(SAMPLE.token);
  await options.getByRole('button', { name: 'Save connection' }).click();
  await options.getByRole('status').filter({ hasText: 'saved' }).waitFor({ timeout: 10_000 });
  await options.close();
}

/** Runs `body` in a fresh session and always closes it. */
export async function withSession<T>(
  options: { headless: boolean },
  body: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await openSession(options);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
