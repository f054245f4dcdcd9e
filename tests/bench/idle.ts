/**
 * Budget 6: idle cost on a HighLevel page, no timers or observers firing when nothing changes.
 *
 * The fake's contact page is loaded and left alone for SETTLE_MS, then watched for WINDOW_MS
 * with a Chrome trace (categories `devtools.timeline`, as DevTools' Performance panel records
 * them): every timer, animation frame, idle callback, event listener and MutationObserver
 * callback that runs shows as a `FunctionCall` event carrying its script's URL, so callbacks
 * of the extension's content scripts (chrome-extension://ID/content-scripts/…) can be counted
 * exactly; any one of them while nothing changes fails the budget. Three pages, one at a time:
 * - the always-on script alone (the page as loaded; tag-popup.js must not be there yet);
 * - after the in-page popup was used: opened (`tab.openInPage`, as the toolbar popup's
 *   button does), then closed with Escape, so tag-popup.js stays in the page;
 * - a control: the same page on the white-label test host, where no content script runs
 *   until the user grants the domain.
 * `Performance.getMetrics` deltas over the window (main-thread task and script time) are
 * reported for each, so the extension's pages can be compared with the control.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { ask, tabIdOf } from '../e2e/extension-api';
import { APP_HOST, appPath, SAMPLE, WHITE_LABEL_HOST } from '../fake-ghl';
import type { BudgetRow } from './report';
import { withSession } from './session';
import { round, sleep } from './stats';

const SETTLE_MS = 2_000;
const WINDOW_MS = 10_000;
const SCRIPT_WORLD = 'Contact Tags for HighLevel';

type TraceEvent = {
  name: string;
  ts: number;
  args?: { data?: { url?: string; functionName?: string; message?: string } };
};

interface Watched {
  extensionCallbacks: { script: string; functionName: string }[];
  /** Callbacks of ours seen right after the window, for a canary event: the method sees them. */
  canaryCallbacks: number;
  pageCallbacks: number;
  timerFires: number;
  animationFrames: number;
  taskMs: number;
  scriptMs: number;
  contentScriptWorld: boolean;
}

/** A page whose CDP session saw its execution contexts from the start. */
async function openWatched(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  const worlds: string[] = [];
  session.on('Runtime.executionContextCreated', ({ context: created }) => {
    if (created.auxData?.type === 'isolated') worlds.push(created.name);
  });
  await session.send('Runtime.enable');
  await session.send('Performance.enable');
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, session, worlds };
}

async function metrics(session: CDPSession) {
  const { metrics: list } = await session.send('Performance.getMetrics');
  const value = (name: string) => list.find((metric) => metric.name === name)?.value ?? 0;
  return { task: value('TaskDuration'), script: value('ScriptDuration') };
}

/** A trace marker in the page (a `TimeStamp` event), to cut the trace into phases. */
const mark = (page: Page, label: string) => page.evaluate((text) => console.timeStamp(text), label);

/**
 * A right-click, as real input (CDP), which the always-on script's `contextmenu` listener
 * hears: proof that the trace does show our callbacks. (An event dispatched from page script
 * would not do: a trace's `FunctionCall` marks only the outermost call into JavaScript.)
 */
async function canary(page: Page) {
  await page.mouse.click(5, 5, { button: 'right' });
  await sleep(200);
}

async function watch(
  page: Page,
  session: CDPSession,
  extensionId: string,
  worlds: string[],
): Promise<Watched> {
  const events: TraceEvent[] = [];
  const collect = ({ value }: { value: object[] }) => events.push(...(value as TraceEvent[]));
  session.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  const before = await metrics(session);
  await mark(page, 'bench-window-start');
  await sleep(WINDOW_MS);
  await mark(page, 'bench-window-end');
  const after = await metrics(session);
  await canary(page);
  await session.send('Tracing.end');
  await complete;
  session.off('Tracing.dataCollected', collect);

  const markAt = (label: string) =>
    events.find((event) => event.name === 'TimeStamp' && event.args?.data?.message === label)?.ts;
  const start = markAt('bench-window-start');
  const end = markAt('bench-window-end');
  if (start === undefined || end === undefined) throw new Error('The trace lost its markers.');
  const ours = `chrome-extension://${extensionId}/content-scripts/`;
  const isOurs = (event: TraceEvent) => event.args?.data?.url?.startsWith(ours) === true;
  const calls = events.filter((event) => event.name === 'FunctionCall');
  const during = (event: TraceEvent) => event.ts > start && event.ts < end;
  const extensionCallbacks = calls
    .filter((event) => during(event) && isOurs(event))
    .map((event) => ({
      script: event.args?.data?.url?.slice(ours.length) ?? '',
      functionName: event.args?.data?.functionName ?? '',
    }));
  const inWindow = events.filter(during);
  return {
    extensionCallbacks,
    canaryCallbacks: calls.filter((event) => event.ts > end && isOurs(event)).length,
    pageCallbacks:
      inWindow.filter((event) => event.name === 'FunctionCall').length - extensionCallbacks.length,
    timerFires: inWindow.filter((event) => event.name === 'TimerFire').length,
    animationFrames: inWindow.filter((event) => event.name === 'FireAnimationFrame').length,
    taskMs: round((after.task - before.task) * 1000),
    scriptMs: round((after.script - before.script) * 1000),
    contentScriptWorld: worlds.includes(SCRIPT_WORLD),
  };
}

const hasPopupHost = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-ghl-tags-root]') !== null);

function pageRow(id: string, budget: string, watched: Watched, checks: Record<string, boolean>) {
  const fired = watched.extensionCallbacks.length;
  const failedChecks = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  return {
    id,
    budget,
    measured:
      `${fired} extension callbacks in ${WINDOW_MS / 1000} s (canary seen: ${watched.canaryCallbacks}); ` +
      `main thread ${watched.taskMs} ms tasks, ${watched.scriptMs} ms script` +
      (failedChecks.length > 0 ? `; failed: ${failedChecks.join(', ')}` : ''),
    limit: '0 callbacks',
    status: fired === 0 && failedChecks.length === 0 ? 'pass' : 'fail',
    details: { ...watched, checks },
  } satisfies BudgetRow;
}

export function measureIdle(): Promise<BudgetRow[]> {
  return withSession({ headless: true }, async ({ context, extensionId, openExtensionPage }) => {
    const path = appPath.contact(SAMPLE.locationId, SAMPLE.contacts.ada.id);
    const helper = await openExtensionPage('options.html');

    const app = await openWatched(context, `https://${APP_HOST}${path}`);
    const injectedAtLoad = await hasPopupHost(app.page);
    await sleep(SETTLE_MS);
    const alwaysOn = await watch(app.page, app.session, extensionId, app.worlds);

    // Use the in-page popup once, then leave the page alone again.
    const tabId = await tabIdOf(helper, app.page.url());
    const opened = await ask<{ ok: boolean }>(helper, { type: 'tab.openInPage', tabId });
    if (!opened.ok) throw new Error('tab.openInPage was refused');
    const dialog = app.page.getByRole('dialog', { name: 'Contact tags' });
    await dialog.getByRole('list', { name: 'Tags' }).getByRole('listitem').first().waitFor();
    await app.page.bringToFront();
    await dialog.getByRole('combobox', { name: 'Add tag' }).press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const injectedAfterUse = await hasPopupHost(app.page);
    await sleep(SETTLE_MS);
    const afterUse = await watch(app.page, app.session, extensionId, app.worlds);
    await app.page.close();

    const control = await openWatched(context, `https://${WHITE_LABEL_HOST}${path}`);
    await sleep(SETTLE_MS);
    const controlWatched = await watch(control.page, control.session, extensionId, control.worlds);
    await control.page.close();

    return [
      pageRow('idle-always-on', 'Idle: contact page with the always-on script', alwaysOn, {
        'content script running': alwaysOn.contentScriptWorld,
        'tag-popup.js absent after load': !injectedAtLoad,
        'canary seen': alwaysOn.canaryCallbacks > 0,
      }),
      pageRow(
        'idle-after-use',
        'Idle: the same page after the in-page popup was opened and closed',
        afterUse,
        { 'tag-popup.js present': injectedAfterUse, 'canary seen': afterUse.canaryCallbacks > 0 },
      ),
      {
        id: 'idle-control',
        budget: 'Idle: control, the same page on a host with no content script',
        measured:
          `${controlWatched.pageCallbacks} page callbacks in ${WINDOW_MS / 1000} s; ` +
          `main thread ${controlWatched.taskMs} ms tasks, ${controlWatched.scriptMs} ms script`,
        limit: 'reported',
        status: controlWatched.contentScriptWorld ? 'fail' : 'info',
        details: { ...controlWatched },
      },
    ];
  });
}
