/**
 * `npm start`: the product on the embedded sandbox. Builds the extension, starts the fake
 * HighLevel with the sample data, opens headed Chromium with the build loaded and HighLevel's
 * host names mapped to the fake, saves the sample connection through the real options page and
 * opens a sample contact. Runs until Ctrl+C, SIGTERM or the browser window is closed.
 *
 *   npm start [-- --port 8443] [-- --screenshot picture.png]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readFile, readlink, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from '@playwright/test';
import { CHROMIUM_PATH, EXTENSION_DIR, launchWithExtension } from '../e2e/browser';
import { tabIdOf } from '../e2e/extension-api';
import { APP_HOST, appPath, type FakeGhl, SAMPLE, startFakeGhl } from '../fake-ghl';

const DEFAULT_PORT = 8443;
const PROFILE_DIR = path.resolve('.cache/sandbox-profile');
const ADA = SAMPLE.contacts.ada;
const SAMPLE_QUICK_TAGS = ['hot-lead', 'VIP-Client', 'follow-up'];

const HELP = `npm start [-- options]: the extension on the sandbox (a fake HighLevel with sample data).

  --port <n>               port for the fake HighLevel (default ${DEFAULT_PORT}, or any free one if taken)
  --screenshot <file.png>  after set-up, save a screenshot of the contact page and exit
  --help                   this text

Needs a display; without one: xvfb-run -a npm start
Chromium: ${CHROMIUM_PATH} (set CHROMIUM_PATH for another build).`;

/** An expected failure: printed as one sentence, without a stack trace. */
class SandboxError extends Error {}

const say = (line: string) => console.log(`sandbox: ${line}`);

let build: ChildProcess | undefined;
let fake: FakeGhl | undefined;
let context: BrowserContext | undefined;
let stopping = false;

/** Closes whatever has started (build, browser, fake), then exits. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), 10_000).unref(); // should a close hang
  build?.kill('SIGTERM');
  await context?.close().catch(() => undefined);
  await fake?.close().catch(() => undefined);
  if (code === 0) say('stopped.');
  process.exit(code);
}

function options(): { port: number | undefined; screenshot: string | undefined } {
  let values: { port?: string | undefined; screenshot?: string | undefined; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        screenshot: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new SandboxError(`${message(error)} (see npm start -- --help).`);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535))
    throw new SandboxError(`--port takes a port number (0 to 65535), not "${values.port}".`);
  // npm runs scripts from the package root; a relative path means where npm was started.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  return { port, screenshot: values.screenshot && path.resolve(cwd, values.screenshot) };
}

async function checkPrerequisites(): Promise<void> {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    throw new SandboxError(
      'npm start opens a browser window and needs a display, but DISPLAY is not set: run it in a virtual one with `xvfb-run -a npm start`.',
    );
  await access(CHROMIUM_PATH, constants.X_OK).catch(() => {
    throw new SandboxError(
      `No Chromium at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium build.`,
    );
  });
  // Chromium's lock in the profile names the browser that holds it: "host-pid".
  const lock = await readlink(path.join(PROFILE_DIR, 'SingletonLock')).catch(() => '');
  const pid = lock.startsWith(`${hostname()}-`) ? Number(lock.slice(hostname().length + 1)) : 0;
  if (pid > 0 && isAlive(pid))
    throw new SandboxError(
      `Another npm start is running (its Chromium, process ${pid}, uses .cache/sandbox-profile): stop it first.`,
    );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * npm runs this script as `sh -c "tsx …"`, and tsx runs it in a child Node. A SIGTERM sent to npm
 * alone kills that shell without passing it on; so, on Linux, stop as soon as the chain that
 * started us breaks (our parent or its parent is gone), leaving nothing running behind.
 */
async function stopWhenOrphaned(): Promise<void> {
  const parent = process.ppid;
  const parentOf = async (pid: number) => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) || 0; // "pid (name) S ppid"
  };
  const launcher = await parentOf(parent);
  if (launcher <= 1) return; // no /proc, or nothing to watch
  setInterval(async () => {
    if (process.ppid !== parent || (await parentOf(parent)) !== launcher) void stop(0);
  }, 1000).unref();
}

/** `npx wxt build`, its output streamed; resolves when it succeeded. */
function buildExtension(): Promise<void> {
  say('building the extension (npx wxt build)');
  return new Promise((resolve, reject) => {
    build = spawn('npx', ['wxt', 'build'], { stdio: 'inherit' });
    build.on('error', (error) =>
      reject(new SandboxError(`Could not run npx wxt build: ${message(error)}.`)),
    );
    build.on('exit', (code, signal) => {
      build = undefined;
      if (code === 0) resolve();
      else
        reject(
          new SandboxError(
            `The extension did not build (npx wxt build ended with ${signal ?? `exit code ${code}`}); see its output above.`,
          ),
        );
    });
  });
}

/** The fixed port when free; an explicit --port must be free. */
async function startFake(port: number | undefined): Promise<FakeGhl> {
  try {
    return await startFakeGhl({ port: port ?? DEFAULT_PORT });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && port === undefined) return startFakeGhl({ port: 0 });
    if (code === 'EADDRINUSE')
      throw new SandboxError(
        `Port ${port} is in use: pick another with --port, or leave --port out to take a free one.`,
      );
    throw new SandboxError(`The fake HighLevel could not start: ${message(error)}.`);
  }
}

/**
 * A fresh profile every time, so the sample state is known. Playwright's SIGINT handler closes
 * the browser and then exits with code 130; this script closes everything itself and exits 0,
 * so it removes that handler (Playwright's SIGTERM/SIGHUP ones only close the browser).
 */
async function launchBrowser(rules: string): Promise<BrowserContext> {
  await rm(PROFILE_DIR, { recursive: true, force: true });
  await mkdir(PROFILE_DIR, { recursive: true });
  const before = new Set(process.listeners('SIGINT'));
  const launched = await launchWithExtension({
    profileDir: PROFILE_DIR,
    hostResolverRules: rules,
    headless: false,
  }).catch((error: unknown) => {
    throw new SandboxError(`Chromium did not start: ${message(error)}.`);
  });
  for (const listener of process.listeners('SIGINT'))
    if (!before.has(listener)) process.off('SIGINT', listener);
  return launched;
}

async function extensionIdOf(browser: BrowserContext): Promise<string> {
  const worker =
    browser.serviceWorkers()[0] ??
    (await browser.waitForEvent('serviceworker', { timeout: 15_000 }).catch(() => {
      throw new SandboxError(
        `The extension did not start in Chromium (loaded from ${EXTENSION_DIR}).`,
      );
    }));
  return new URL(worker.url()).host;
}

/** The same steps as a person: options page, both fields, "Save connection". */
async function saveSampleConnection(browser: BrowserContext, extensionId: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('textbox', { name: 'Location ID' }).fill(SAMPLE.locationId);
  await page.getByLabel('Private Integration Token').fill(SAMPLE.token);
  await page.getByRole('button', { name: 'Save connection' }).click();
  const status = page.getByRole('status');
  await status
    .filter({ hasText: /saved/ })
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      const said = (await status.textContent().catch(() => null))?.trim();
      throw new SandboxError(
        `The options page did not save the sample connection${said ? ` (it said "${said}")` : ''}.`,
      );
    });
  // A few quick tags, so a right-click on a contact tags it straight away.
  for (const tag of SAMPLE_QUICK_TAGS) {
    await page.getByRole('textbox', { name: 'New quick tag' }).fill(tag);
    await page.getByRole('button', { name: 'Add quick tag' }).click();
    await page
      .getByRole('button', { name: `Remove quick tag ${tag}` })
      .waitFor({ timeout: 10_000 });
  }
  await page.close();
}

/** The in-page popup over the contact, opened as the toolbar's "Open in page" does, for a picture. */
async function showInPagePopup(
  browser: BrowserContext,
  extensionId: string,
  page: Page,
): Promise<void> {
  const helper = await browser.newPage();
  await helper.goto(`chrome-extension://${extensionId}/options.html`);
  const tabId = await tabIdOf(helper, page.url());
  await helper.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await helper.getByRole('button', { name: 'Open in page' }).click();
  await helper.close().catch(() => undefined);
  await page.bringToFront();
  const input = page
    .getByRole('dialog', { name: 'Contact tags' })
    .getByRole('combobox', { name: 'Add tag' });
  await input.fill('vip');
  await page.getByRole('option').first().waitFor({ timeout: 10_000 });
}

async function openSampleContact(browser: BrowserContext): Promise<Page> {
  // The window's first tab, so closing the options tab never leaves the window empty.
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`https://${APP_HOST}${appPath.contact(SAMPLE.locationId, ADA.id)}`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 10_000 });
  await page.bringToFront();
  return page;
}

function banner(extensionId: string, contactUrl: string): string {
  return `
  The extension is running on the sandbox.

  Fake HighLevel   port ${fake?.port}, sample data; ${APP_HOST} and the API host map to it
  Chromium         extension ${extensionId}, fresh profile in .cache/sandbox-profile
  Connected        ${SAMPLE.name}, location ${SAMPLE.locationId}
  Contact page     ${ADA.firstName} ${ADA.lastName}: ${contactUrl}

  Alt+Shift+G:     the in-page tag popup on this contact (type, Enter, Escape).
  Right-click:     a contact link or a row, then Contact tags › Add 'hot-lead' (quick tags).
  Toolbar popup:   click the extension's icon (pin it from the puzzle-piece menu).
  Bulk:            on the contact list, tick rows, then Alt+Shift+G.

  Ctrl+C to stop (or close the browser window).
`;
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').replace(/\.$/, '');
}

async function main(): Promise<void> {
  const { port, screenshot } = options();
  await checkPrerequisites();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void stop(0));
  await stopWhenOrphaned();

  await buildExtension();

  fake = await startFake(port);
  say(`fake HighLevel listening on port ${fake.port} with the ${SAMPLE.name} sample data`);

  context = await launchBrowser(fake.hostResolverRules);
  context.on('close', () => void stop(0)); // the window was closed
  const extensionId = await extensionIdOf(context);
  say(`Chromium started (${CHROMIUM_PATH}) with the extension ${extensionId}`);

  await saveSampleConnection(context, extensionId);
  say(`sample connection and quick tags saved on the options page (location ${SAMPLE.locationId})`);

  const page = await openSampleContact(context);
  say(`contact page open: ${ADA.firstName} ${ADA.lastName}`);

  if (screenshot) {
    await showInPagePopup(context, extensionId, page);
    await page.screenshot({ path: screenshot });
    say(`screenshot saved to ${screenshot}`);
    await stop(0);
    return;
  }
  say('running');
  console.log(banner(extensionId, page.url()));
}

main().catch((error: unknown) => {
  if (stopping) return;
  console.error(`sandbox: ${error instanceof SandboxError ? error.message : `${message(error)}.`}`);
  void stop(1);
});
