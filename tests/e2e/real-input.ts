import { execFileSync } from 'node:child_process';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Real keyboard and mouse input through the X server (xdotool), for what Playwright cannot
 * drive: extension keyboard shortcuts and the native context menu. These tests run headed,
 * one at a time (the focused window receives the input).
 */
function xdotool(...args: string[]): string {
  return execFileSync('xdotool', args, { encoding: 'utf8' }).trim();
}

/** Gives the browser window of `page` the X input focus. */
export async function focusWindow(page: Page): Promise<void> {
  await page.bringToFront();
  const title = await page.title();
  const ids = xdotool('search', '--sync', '--onlyvisible', '--name', escapeForSearch(title)).split(
    '\n',
  );
  const id = ids.at(-1);
  if (!id) throw new Error(`No X window titled ${title}`);
  xdotool('windowfocus', '--sync', id);
}

/**
 * Opens `url`, a page of the fake HighLevel, in a new tab, waits until it has rendered, and
 * gives its window the focus, ready for real input.
 */
export async function openFocused(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('body[data-ready]')).toBeAttached();
  await focusWindow(page);
  return page;
}

/** Presses a key chord for real, e.g. `alt+shift+g`. */
export function pressKeys(chord: string): void {
  xdotool('key', '--clearmodifiers', chord);
}

/**
 * Presses the real Alt+Shift+G (a `chrome.commands` shortcut: only real input triggers it)
 * until the in-page popup is `open` or closed. A key that a busy machine lost is pressed
 * again; it is pressed only while the popup is not yet as wanted, so one that was merely
 * slow is not undone for good.
 */
export async function shortcutUntil(page: Page, state: 'open' | 'closed'): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Contact tags' });
  await expect(async () => {
    if ((await dialog.isVisible()) !== (state === 'open')) {
      await focusWindow(page);
      pressKeys('alt+shift+g');
    }
    if (state === 'open') await expect(dialog).toBeVisible({ timeout: 4_000 });
    else await expect(dialog).toBeHidden({ timeout: 4_000 });
  }).toPass({ timeout: 30_000 });
  return dialog;
}

/** Types text for real into whatever has the focus. */
export function typeText(text: string): void {
  xdotool('type', '--delay', '20', text);
}

/** Right-clicks the middle of `locator` on screen (opens Chrome's native context menu). */
export async function rightClick(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element to right-click is not visible');
  const origin = await page.evaluate(() => ({
    x: window.screenX + (window.outerWidth - window.innerWidth),
    y: window.screenY + (window.outerHeight - window.innerHeight),
  }));
  const x = Math.round(origin.x + box.x + box.width / 2);
  const y = Math.round(origin.y + box.y + box.height / 2);
  // Not --sync: it waits for a pointer move, which never comes when it is already there.
  xdotool('mousemove', String(x), String(y), 'click', '3');
}

function escapeForSearch(title: string): string {
  return title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where "Contact tags" sits in Chromium's native context menu, counted from the bottom:
 * on a link only "Inspect" comes after it; on the page, "View page source" and "Inspect".
 */
const MENU_PLACE = { link: 2, page: 3 } as const;

/**
 * The top-level X windows now shown. Chromium draws a native menu, and each submenu, as a
 * window of its own: a new one here is the sign that a menu has opened.
 */
function shownWindows(): string[] {
  try {
    return xdotool('search', '--onlyvisible', '--maxdepth', '1', '--name', '').split('\n');
  } catch {
    return []; // xdotool exits 1 when it finds nothing.
  }
}

/** How many more windows are shown than `before`: the menus open since then. */
const menusSince = (before: readonly string[]) =>
  shownWindows().filter((id) => !before.includes(id)).length;

/** Waits until `count` menus have opened since `before` (a menu, then its submenu). */
async function waitForMenus(before: readonly string[], count: number, what: string) {
  await expect.poll(() => menusSince(before), { message: what }).toBeGreaterThanOrEqual(count);
}

/**
 * Right-clicks `target` and picks the first entry of our submenu (the first quick tag), by
 * keyboard: Up from the bottom to "Contact tags", Right into the submenu, Return. Each key
 * waits for the menu it needs to be shown, so a slow machine cannot lose one.
 * `place`: whether `target` is a link or plain page content.
 */
export async function rightClickFirstQuickTag(
  page: Page,
  target: Locator,
  place: keyof typeof MENU_PLACE,
): Promise<void> {
  const before = shownWindows();
  await rightClick(page, target);
  await waitForMenus(before, 1, 'the context menu to open');
  // Paced like a person: a menu just shown may take a moment to take the keyboard.
  xdotool('key', '--delay', '150', ...Array<string>(MENU_PLACE[place]).fill('Up'), 'Right');
  await waitForMenus(before, 2, 'the "Contact tags" submenu to open');
  xdotool('key', 'Return');
  await expect.poll(() => menusSince(before), { message: 'the context menu to close' }).toBe(0);
}

/**
 * A contact's e-mail cell in the fake HighLevel's contact list: not a link, so only the
 * always-on script can tell which row a right-click was on.
 */
export function emailCellOf(page: Page, contact: { id: string; email?: string }): Locator {
  return page.locator(`tr[id="${contact.id}"] td`).filter({ hasText: contact.email ?? '' });
}

/**
 * Clicks "Allow" on Chrome's permission prompt (a dialog drawn in the browser window, so
 * only real input reaches it). Where the button sits was read off Chromium's prompt for a
 * 1280×800 window at (0, 0); a click that lands before the prompt shows hits the options
 * page's form, harmlessly, and the caller tries again until the grant is seen.
 */
export function clickPermissionAllow(): void {
  xdotool('mousemove', '809', '256', 'click', '1');
}
