import type { BrowserContext, Page } from '@playwright/test';

/** The extension API as seen by code evaluated in an extension page. */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * Sends a protocol message from an extension page, as the toolbar popup and the options
 * page do, and returns the background's answer.
 */
export function ask<T = unknown>(page: Page, message: Record<string, unknown>): Promise<T> {
  return page.evaluate((request) => chrome.runtime.sendMessage(request), message) as Promise<T>;
}

/**
 * Stops the extension's service worker as Chrome does when it is idle (PITFALLS.md: a CDP
 * session on an extension page, the worker's versionId, ServiceWorker.stopWorker).
 */
export async function stopServiceWorker(
  context: BrowserContext,
  extensionPage: Page,
  extensionId: string,
) {
  const session = await context.newCDPSession(extensionPage);
  const versions = new Map<string, string>();
  session.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const version of updated) {
      if (
        version.scriptURL.startsWith(`chrome-extension://${extensionId}/`) &&
        version.runningStatus === 'running'
      ) {
        versions.set(version.versionId, version.scriptURL);
      }
    }
  });
  await session.send('ServiceWorker.enable');
  const deadline = Date.now() + 5_000;
  while (versions.size === 0 && Date.now() < deadline) {
    await new Promise((resolve) => session.once('ServiceWorker.workerVersionUpdated', resolve));
  }
  if (versions.size === 0) throw new Error('The extension’s service worker was not found running.');
  for (const versionId of versions.keys())
    await session.send('ServiceWorker.stopWorker', { versionId });
  await session.detach();
}

/** The id Chrome gives the tab showing `url` (asked from an extension page). */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (wanted) => {
    const tabs = await (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
      }
    ).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === wanted)?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

/**
 * Reloads the unpacked extension as chrome://extensions' reload button does: the way an
 * update reaches open tabs (`runtime.reload()` leaves a command-line extension unloaded).
 */
export async function reloadExtension(context: BrowserContext, extensionId: string): Promise<void> {
  const manager = await context.newPage();
  await manager.goto('chrome://extensions');
  await manager.locator('#devMode').click();
  const restarted = context.waitForEvent('serviceworker');
  await manager.locator(`extensions-item#${extensionId} #dev-reload-button`).click();
  await restarted;
  await manager.close();
}
