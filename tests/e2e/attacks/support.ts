/**
 * Helpers shared by the attack specs: pages of the fake HighLevel, the content script's
 * isolated world (CDP `Runtime.evaluate` with its `contextId`, as trust.spec.ts does), the
 * toolbar popup for a tab, the in-page popup, a fast paste, and detectors for markup that
 * came alive (`window.__xss`, elements created in the extension's UI).
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { APP_HOST, appPath, SAMPLE, SECOND } from '../../fake-ghl';
import { tabIdOf } from '../extension-api';
import { type ExtensionFixtures, expect } from '../fixtures';

/** The name Chrome gives the extension's isolated world (the manifest's `name`). */
export const ISOLATED_WORLD_NAME = 'Contact Tags for HighLevel';

/** Elements that would mean markup in a tag, name or message was parsed as HTML. */
export const LIVE_MARKUP = 'img, script, iframe, svg, object, embed, video, audio, link, style';

/**
 * Payloads that set `window.__xss` if parsed as HTML anywhere. Each is at most 100 code
 * points (a tag's limit) and holds no comma (a tag cannot).
 */
export const PAYLOADS = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=2</script>',
  svg: '<svg onload="window.__xss=3"></svg>',
  iframe: '<iframe srcdoc="<script>parent.__xss=4</script>"></iframe>',
} as const;

/**
 * Saves connections for both sample sub-accounts, SAMPLE (location A) and SECOND (location
 * B), each with its own token: a request about the other location can then be refused only
 * by the sender check.
 */
export async function connectBothLocations(connect: ExtensionFixtures['connect']) {
  await connect(SAMPLE.locationId, SAMPLE.token);
  await connect(SECOND.locationId, SECOND.token);
}

export async function openAppPage(context: BrowserContext, path: string, host = APP_HOST) {
  const page = await context.newPage();
  const url = `https://${host}${path}`;
  await page.goto(url);
  return { page, url };
}

export function openContactPage(context: BrowserContext, locationId: string, contactId: string) {
  return openAppPage(context, appPath.contact(locationId, contactId));
}

/** The toolbar popup for the tab showing `url`, opened as a page (`popup.html?tabId=N`). */
export async function toolbarPopupFor(
  openExtensionPage: (path: string) => Promise<Page>,
  url: string,
): Promise<Page> {
  const helper = await openExtensionPage('options.html');
  const tabId = await tabIdOf(helper, url);
  await helper.close();
  return openExtensionPage(`popup.html?tabId=${tabId}`);
}

/** The in-page popup on `page`, opened by the toolbar popup's "Open in page" button. */
export async function openInPagePopup(
  openExtensionPage: (path: string) => Promise<Page>,
  page: Page,
  url: string,
): Promise<Locator> {
  const popup = await toolbarPopupFor(openExtensionPage, url);
  await popup.getByRole('button', { name: 'Open in page' }).click();
  const dialog = page.getByRole('dialog', { name: 'Contact tags' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** A contact's page in a new tab, with the in-page popup opened on it. */
export async function openContactWithInPagePopup(
  context: BrowserContext,
  openExtensionPage: (path: string) => Promise<Page>,
  locationId: string,
  contactId: string,
) {
  const { page, url } = await openContactPage(context, locationId, contactId);
  const dialog = await openInPagePopup(openExtensionPage, page, url);
  return { page, url, dialog };
}

/** Evaluates expressions in the extension's isolated world of a page (its content scripts). */
export interface IsolatedWorld {
  evaluate<T = unknown>(expression: string): Promise<T>;
}

export async function isolatedWorldOf(context: BrowserContext, page: Page): Promise<IsolatedWorld> {
  const session = await context.newCDPSession(page);
  const contexts: { id: number; name: string; type?: string; frameId?: string }[] = [];
  session.on('Runtime.executionContextCreated', ({ context: created }) => {
    contexts.push({
      id: created.id,
      name: created.name,
      type: created.auxData?.type,
      frameId: created.auxData?.frameId,
    });
  });
  session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
    const at = contexts.findIndex((c) => c.id === executionContextId);
    if (at >= 0) contexts.splice(at, 1);
  });
  // Enabling reports the contexts that already exist.
  await session.send('Runtime.enable');
  const { frameTree } = await session.send('Page.getFrameTree');
  const mainFrame = frameTree.frame.id;
  const find = () =>
    contexts.find(
      (c) => c.type === 'isolated' && c.name === ISOLATED_WORLD_NAME && c.frameId === mainFrame,
    );
  await expect.poll(() => find() !== undefined, { message: 'the content script runs' }).toBe(true);
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const world = find();
      if (!world) throw new Error('The extension’s isolated world is gone.');
      const answer = await session.send('Runtime.evaluate', {
        contextId: world.id,
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (answer.exceptionDetails) {
        throw new Error(
          `Isolated world threw: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`,
        );
      }
      return answer.result.value as T;
    },
  };
}

/**
 * Pastes into a text field: one input event, as a real paste is (Playwright's `fill` takes
 * most of a minute for long text).
 */
export async function pasteInto(field: Locator, text: string) {
  await field.evaluate((box, value) => {
    (box as HTMLTextAreaElement | HTMLInputElement).value = value;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

/** Whether any payload ran in the page's main world (`window.__xss`). */
export function xssRan(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as { __xss?: unknown }).__xss ?? null);
}

/** Elements of LIVE_MARKUP inside the in-page popup's shadow root (past its own stylesheet). */
export function liveMarkupInPage(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector('[data-ghl-tags-root]')?.shadowRoot;
    const rendered = [...(root?.children ?? [])].filter((child) => child.tagName !== 'STYLE');
    return rendered.flatMap((child) =>
      [...child.querySelectorAll(selector)].map((element) => element.outerHTML),
    );
  }, LIVE_MARKUP);
}

/** Elements of LIVE_MARKUP in an extension page's body (its own stylesheet links are in head). */
export function liveMarkupInExtensionPage(page: Page): Promise<string[]> {
  return page.evaluate(
    (selector) => [...document.body.querySelectorAll(selector)].map((element) => element.outerHTML),
    LIVE_MARKUP,
  );
}

interface WorkerProbe {
  __attack?: { marker: string; errors: string[]; prototypeKeys: string[] };
}

/**
 * Watches the extension's service worker through an attack: marks this worker instance,
 * records uncaught errors and unhandled rejections, and the keys of `Object.prototype`.
 * `check()` then says whether the same worker is still running (a crash or restart loses
 * the mark), what it threw, and whether anything polluted its prototypes.
 */
export async function watchServiceWorker(context: BrowserContext) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => {
    const probe = globalThis as WorkerProbe;
    const errors: string[] = [];
    probe.__attack = {
      marker: 'same worker',
      errors,
      prototypeKeys: Object.getOwnPropertyNames(Object.prototype),
    };
    self.addEventListener('error', (event) => errors.push(`error: ${event.message}`));
    self.addEventListener('unhandledrejection', (event) =>
      errors.push(`unhandled rejection: ${String(event.reason)}`),
    );
    self.addEventListener('securitypolicyviolation', (event) =>
      errors.push(`CSP: ${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`),
    );
  });
  return {
    async check() {
      return worker.evaluate(() => {
        const probe = (globalThis as WorkerProbe).__attack;
        const added = Object.getOwnPropertyNames(Object.prototype).filter(
          (key) => !probe?.prototypeKeys.includes(key),
        );
        return {
          marker: probe?.marker,
          errors: probe?.errors ?? [],
          pollutedPrototype: added,
          pollutedObject: ({} as { polluted?: unknown }).polluted ?? null,
        };
      });
    },
  };
}

interface CspIssue {
  code: string;
  details: {
    contentSecurityPolicyIssueDetails?: {
      violatedDirective: string;
      contentSecurityPolicyViolationType: string;
      blockedURL?: string;
      sourceCodeLocation?: { url: string; lineNumber: number; columnNumber: number };
    };
  };
}

function describeCspIssue(where: string, issue: CspIssue): string | undefined {
  const details = issue.details.contentSecurityPolicyIssueDetails;
  if (issue.code !== 'ContentSecurityPolicyIssue' || !details) return undefined;
  const source = details.sourceCodeLocation;
  const at = source ? ` at ${source.url}:${source.lineNumber + 1}:${source.columnNumber + 1}` : '';
  return `${where}: ${details.contentSecurityPolicyViolationType} (${details.violatedDirective})${at}`;
}

/**
 * Collects Content Security Policy violations as Chrome's DevTools "Issues" report them
 * (`Audits.issueAdded`): in every page of the context (extension pages, and web pages, where
 * the content scripts' isolated world reports too) and in the extension's service worker.
 * `Audits.enable` replays what a target raised before it was watched, so violations at a
 * page's or the worker's start are caught.
 */
export async function watchCsp(context: BrowserContext, extensionId: string) {
  const seen: string[] = [];
  const watchPage = async (page: Page) => {
    const session = await context.newCDPSession(page).catch(() => undefined);
    if (!session) return;
    session.on('Audits.issueAdded', ({ issue }) => {
      const line = describeCspIssue(page.url(), issue as CspIssue);
      if (line) seen.push(line);
    });
    await session.send('Audits.enable').catch(() => undefined);
  };
  context.on('page', (page) => void watchPage(page));
  for (const page of context.pages()) await watchPage(page);

  // The worker has no Playwright CDP session: reach it through a page's, by target ID.
  const anchor = await context.newPage();
  const session = await context.newCDPSession(anchor);
  const { targetInfos } = await session.send('Target.getTargets');
  const worker = targetInfos.find(
    (target) =>
      target.type === 'service_worker' &&
      target.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!worker) throw new Error('The extension’s service worker is not running.');
  const { sessionId } = await session.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  session.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { method?: string; params?: { issue: CspIssue } };
    if (message.method !== 'Audits.issueAdded' || !message.params) return;
    const line = describeCspIssue(worker.url, message.params.issue);
    if (line) seen.push(line);
  });
  await session.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({ id: 1, method: 'Audits.enable' }),
  });
  return {
    /** The violations seen so far (each once per page or worker that raised it). */
    violations: () => [...seen],
  };
}
