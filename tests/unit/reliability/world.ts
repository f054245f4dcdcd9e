import type { Services } from '@/entrypoints/background/services';
import { API_ORIGIN } from '@/utils/hosts';
import type { Clock } from '@/utils/queue/limiter';
import type { FakeGhl } from '../../fake-ghl';
import { createTestServices, EXTENSION, PAGE_SENDER } from '../support/background';
import { createManualClock } from '../support/manual-clock';
import { createJsonArea, type JsonArea, never } from './json-area';

/** What the router answers. */
export interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string };
}

/** A tag change on the wire: one contact's add/remove, or a bulk call. */
export function isTagCall(method: string, path: string): boolean {
  return (
    (/^\/contacts\/[^/]+\/tags$/.test(path) && (method === 'POST' || method === 'DELETE')) ||
    /^\/contacts\/bulk\/tags\/update\/(add|remove)$/.test(path)
  );
}

export const isBulkCall = (path: string) => path.startsWith('/contacts/bulk/tags/update/');

/** One call as the worker's network saw it (times on the manual clock). */
export interface NetworkCall {
  at: number;
  method: string;
  path: string;
  tag: boolean;
  status?: number;
  retryAfter?: string;
  /** Why no answer came: 'offline', or the abort's name. */
  error?: string;
}

/**
 * The network between the workers and the fake HighLevel. Faults are switched here:
 * `offline` makes every call throw as Chrome's fetch does without a network; in
 * `serialTagCalls` mode tag calls cross one at a time (a slow link), and `afterTagAnswer`
 * runs between one answer and the next call, so a fault lands exactly mid-job.
 */
export function createNetwork(fake: FakeGhl) {
  const state = {
    offline: false,
    serialTagCalls: false,
    afterTagAnswer: undefined as ((answered: number) => void) | undefined,
    calls: [] as NetworkCall[],
    tagAnswers: 0,
    offlineRefusals: 0,
    inFlight: 0,
  };
  let line: Promise<void> = Promise.resolve();

  /** Waits for the line; resolves with the function that frees it. */
  function takeLine(): Promise<() => void> {
    let free: () => void = () => undefined;
    const freed = new Promise<void>((resolve) => {
      free = resolve;
    });
    const turn = line.then(() => free);
    line = line.then(() => freed);
    return turn;
  }

  function fetchFor(worker: WorkerHandle, clock: Clock): typeof fetch {
    return async (input, init) => {
      if (!worker.alive()) return never();
      const url = String(input).replace(API_ORIGIN, fake.apiBaseUrl);
      const method = (init?.method ?? 'GET').toUpperCase();
      const path = new URL(url).pathname;
      const tag = isTagCall(method, path);
      const free = tag && state.serialTagCalls ? await takeLine() : undefined;
      try {
        // A stopped worker sends nothing more (free the line for the next worker first).
        if (!worker.alive()) {
          free?.();
          return never();
        }
        const call: NetworkCall = { at: clock.now(), method, path, tag };
        state.calls.push(call);
        if (state.offline) {
          state.offlineRefusals += 1;
          call.error = 'offline';
          throw new TypeError('fetch failed');
        }
        const controller = new AbortController();
        worker.controllers.add(controller);
        const signal = init?.signal
          ? AbortSignal.any([init.signal, controller.signal])
          : controller.signal;
        state.inFlight += 1;
        try {
          const response = await fetch(url, { ...init, signal });
          call.status = response.status;
          call.retryAfter = response.headers.get('retry-after') ?? undefined;
          if (tag) {
            state.tagAnswers += 1;
            state.afterTagAnswer?.(state.tagAnswers);
          }
          return response;
        } catch (error) {
          call.error = error instanceof Error ? error.name : 'error';
          throw error;
        } finally {
          state.inFlight -= 1;
          worker.controllers.delete(controller);
        }
      } finally {
        free?.();
      }
    };
  }

  return Object.assign(state, { fetchFor });
}

export type Network = ReturnType<typeof createNetwork>;

interface WorkerHandle {
  alive(): boolean;
  controllers: Set<AbortController>;
}

export interface Worker {
  services: Services;
  /** Asks as an extension page (toolbar popup, options page) would. */
  ask(message: Record<string, unknown>): Promise<Reply>;
  /** Asks as the in-page popup would, from the contact's page in tab 3. */
  askFromPage(message: Record<string, unknown>, contactId: string): Promise<Reply>;
  /**
   * Stops the worker as Chrome does: its fetches are aborted (HighLevel sees the client go
   * away) and nothing it does afterwards reaches storage or the network.
   */
  kill(): void;
}

export const TAB_ID = 3;

export function contactPageSender(locationId: string, contactId: string) {
  return {
    id: EXTENSION.id,
    url: `https://app.gohighlevel.com/v2/location/${locationId}/contacts/detail/${contactId}`,
    tab: { id: TAB_ID },
  };
}

export function sleepReal(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls (in real time) until `condition` holds; fails naming what was awaited. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleepReal(5);
  }
}

/**
 * One run of the background: a manual clock, a network and a storage area shared by the
 * workers started one after another (a restart, an update), the fake HighLevel behind it.
 */
export function createWorld(fake: FakeGhl, locationId: string) {
  const { clock, advance } = createManualClock(Date.now());
  const network = createNetwork(fake);
  let area: JsonArea = createJsonArea();
  let live: Worker | undefined;
  let wake: number | undefined;

  function startWorker(options: { callTimeoutMs?: number; area?: JsonArea } = {}): Worker {
    if (options.area) area = options.area;
    let alive = true;
    const handle: WorkerHandle = { alive: () => alive, controllers: new Set() };
    wake = undefined;
    const services = createTestServices({
      area: area.view(handle.alive),
      clock,
      wakeAt: (at) => {
        if (alive) wake = at;
      },
      fetch: network.fetchFor(handle, clock),
      callTimeoutMs: options.callTimeoutMs,
    });
    const worker: Worker = {
      services,
      ask: (message) => services.route(message, PAGE_SENDER) as Promise<Reply>,
      askFromPage: (message, contactId) =>
        services.route(message, contactPageSender(locationId, contactId)) as Promise<Reply>,
      kill() {
        alive = false;
        for (const controller of handle.controllers) controller.abort(new Error('worker stopped'));
      },
    };
    live = worker;
    return worker;
  }

  /** Lets time pass; the queue runs what falls due, as the wake alarm would. */
  async function passTime(ms: number) {
    await advance(ms);
    if (live && wake !== undefined && wake <= clock.now()) void live.services.changes.queue.drain();
  }

  /**
   * Moves the clock in steps until `done`: backoffs, pauses and undo windows pass at once,
   * while the fake's real latencies and windows take real time.
   */
  async function runUntil(
    done: () => boolean | Promise<boolean>,
    what: string,
    options: { stepMs?: number; realPauseMs?: number; probe?: () => Promise<void> } = {},
  ) {
    const { stepMs = 250, realPauseMs = 3, probe } = options;
    const deadline = Date.now() + 20_000;
    for (;;) {
      await probe?.();
      if (await done()) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await passTime(stepMs);
      await sleepReal(realPauseMs);
    }
  }

  return {
    clock,
    network,
    get area() {
      return area;
    },
    startWorker,
    passTime,
    runUntil,
  };
}

export type World = ReturnType<typeof createWorld>;
