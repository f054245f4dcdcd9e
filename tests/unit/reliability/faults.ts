import { createStores } from '@/utils/storage/stores';
import { ALL_SCOPES, type FakeGhl, SAMPLE } from '../../fake-ghl';
import { tagRequests, touches } from './checks';
import { createJsonArea } from './json-area';
import { activity, connection, LOCATION, okValue, type PathDriver, type Submission } from './paths';
import { isBulkCall, type Network, sleepReal, until, type Worker, type World } from './world';

/** The undo window every cell keeps (the default): the manual clock passes it at once. */
export const UNDO_MS = 3_000;
/** How long a call may hang in these tests; production gives up after 25 s (CALL_TIMEOUT_MS). */
export const TEST_CALL_TIMEOUT_MS = 300;
const ROTATED_TOKEN = 'pit-0d4f7a92-3c1b-4e8d-9f60-rotated0001';

/** One cell's run: the live worker is replaced when the fault restarts it. */
export interface Cell {
  fake: FakeGhl;
  world: World;
  worker: Worker;
  path: PathDriver;
  targets: string[];
  tag: string;
  submission: Submission;
  /** Every text the path's UI showed during the run (checked to be words at the end). */
  shown: Set<string>;
  problems: string[];
  submit(): Promise<void>;
  /** Reads what the path shows now, keeps it, and returns it. */
  look(): Promise<{ here: string[]; elsewhere: string[] }>;
  settled(): Promise<boolean>;
}

export interface Fault {
  readonly name: string;
  /** Contacts for a single-contact path (a bulk job always has 120). */
  readonly singles: number;
  readonly callTimeoutMs?: number;
  /** Drives the fault through to the end; answers one short sentence of what happened. */
  run(cell: Cell): Promise<string>;
}

const entries = (cell: Cell) => cell.worker.services.changes.queue.entries();

/** A matcher for the fault switches: the first target's tag call, or any bulk call. */
function firstTargetCall(cell: Cell) {
  const first = cell.targets[0] ?? '';
  return ({ path }: { method: string; path: string }) =>
    cell.path.bulk ? isBulkCall(path) : path === `/contacts/${first}/tags`;
}

/** The path's own surface (`where`) says it in words now. */
async function expectShown(cell: Cell, words: RegExp, what: string) {
  const { here } = await cell.look();
  if (!here.some((text) => words.test(text))) {
    cell.problems.push(
      `${what} not shown ${cell.path.where}; it showed: ${here.join(' | ') || 'nothing'}`,
    );
  }
}

/** A transient problem: a single change shows it where it was made, a bulk job in its panel. */
async function expectWaitingReason(cell: Cell, words: RegExp, what: string) {
  if (!cell.path.bulk) return expectShown(cell, words, what);
  const { elsewhere } = await cell.look();
  if (!elsewhere.some((text) => words.test(text))) {
    cell.problems.push(
      `${what} not shown in the bulk panel; it showed: ${elsewhere.join(' | ') || 'nothing'}`,
    );
  }
}

function waitingDetail(cell: Cell, bulkWhat: string, singleWhat: string, quoted: string) {
  return cell.path.bulk
    ? `${bulkWhat}; “${quoted}” in the bulk panel`
    : `${singleWhat}; “${quoted}” ${cell.path.where}`;
}

/** One change waits in the queue with a problem, not in flight; the others have landed. */
async function oneWaitingWithProblem(cell: Cell): Promise<boolean> {
  const queue = await entries(cell);
  return queue.length === 1 && queue.every((entry) => entry.problem && !entry.inFlightSince);
}

async function untilSettled(cell: Cell, what: string, options: { realPauseMs?: number } = {}) {
  await cell.world.runUntil(() => cell.settled(), what, {
    ...options,
    probe: async () => void (await cell.look()),
  });
}

/** The network is idle and has stayed so for a moment (waiters sleep on the manual clock). */
async function quiet(network: Network) {
  let seen = -1;
  let since = Date.now();
  await until(() => {
    if (network.calls.length !== seen || network.inFlight > 0) {
      seen = network.calls.length;
      since = Date.now();
      return false;
    }
    return Date.now() - since >= 100;
  }, 'the network to go quiet');
}

/** Stops the worker with a change in flight; starts the next one (after an update: on a JSON copy). */
async function stopMidChange(cell: Cell, update: boolean): Promise<string> {
  const { fake, world, path, problems } = cell;
  // The first change lands; the next stays in flight (HighLevel slows down) until the stop.
  fake.setSwitches({ latencyMs: 100 });
  world.network.serialTagCalls = true;
  world.network.afterTagAnswer = (answered) => {
    if (answered === 1) fake.setSwitches({ latencyMs: 10_000 });
  };
  await cell.submit();
  await world.passTime(UNDO_MS);
  const stores = () => createStores(world.area.view(() => true));
  await until(async () => {
    const landed = path.bulk
      ? ((await stores().jobs.read())[0]?.done.length ?? 0) > 0
      : (await stores().activity.read()).some((item) => item.state === 'done');
    return landed && tagRequests(fake).some((request) => request.outcome === 'pending');
  }, 'one change settled and the next in flight');
  const inFlight = tagRequests(fake).filter((request) => request.outcome === 'pending');
  cell.worker.kill();
  await until(
    () => inFlight.every((request) => request.outcome === 'client-gone'),
    'HighLevel to see the stopped worker go away',
  );
  fake.setSwitches({ latencyMs: 100 });

  let area = world.area;
  if (update) {
    // The new version finds only what storage kept as JSON, and re-reads it through its formats.
    area = createJsonArea(world.area.dump());
    const reread = createStores(area.view(() => true));
    const queue = await reread.queue.read();
    const jobs = await reread.jobs.read();
    if (queue.length === 0) problems.push('the queue came back empty from its JSON');
    if (path.bulk && jobs[0]?.id !== cell.submission.jobId)
      problems.push('the job came back missing from its JSON');
  }
  cell.worker = world.startWorker({ area });
  await cell.worker.services.start();
  await untilSettled(cell, 'the next worker to finish the changes');
  if (update) {
    const unreadable = area.keys().filter((key) => key.endsWith('.unreadable'));
    if (unreadable.length > 0)
      problems.push(`stored formats not understood: ${unreadable.join(', ')}`);
    return `${path.bulk ? 'job and queue' : 'queue'} re-read from JSON by the new version; aborted call resent`;
  }
  return 'call in flight aborted (nothing applied), resent by the new worker';
}

const workerStopped: Fault = {
  name: 'worker stopped mid-change',
  singles: 3,
  run: (cell) => stopMidChange(cell, false),
};

const serverErrors: Fault = {
  name: '5xx twice, then success',
  singles: 3,
  async run(cell) {
    const { fake, world, path, problems } = cell;
    const match = firstTargetCall(cell);
    fake.setSwitches({ failNext: { count: 1, status: 500, match } });
    await cell.submit();
    await world.passTime(UNDO_MS);
    await until(() => oneWaitingWithProblem(cell), 'the failed change back in the queue');
    await expectWaitingReason(cell, /problem answering.*retrying/i, 'the retry reason');
    fake.setSwitches({ failNext: { count: 1, status: 503, match } });
    await untilSettled(cell, 'the change to land after two 5xx');
    const failed = tagRequests(fake).find((request) => request.status === 500);
    const contact = path.bulk
      ? ((failed?.body as { contacts?: string[] } | undefined)?.contacts?.[0] ?? '')
      : (cell.targets[0] ?? '');
    const statuses = tagRequests(fake)
      .filter((request) => touches(request, contact))
      .map((request) => request.status);
    const [first, second, third, ...more] = statuses;
    if (first !== 500 || second !== 503 || !third || third < 200 || third > 299 || more.length > 0)
      problems.push(`calls for ${contact} answered ${statuses.join(', ')}, expected 500, 503, 2xx`);
    return waitingDetail(
      cell,
      'chunk lands after 2 retries (500, 503)',
      'lands after 2 retries (500, 503)',
      'retrying shortly',
    );
  },
};

function rateLimitStorm(withRetryAfter: boolean): Fault {
  return {
    name: `429 storm ${withRetryAfter ? 'with' : 'without'} Retry-After`,
    singles: 12,
    async run(cell) {
      const { fake, world, path, problems } = cell;
      const network = world.network;
      fake.setSwitches({
        rateLimit: { max: path.bulk ? 1 : 2, intervalMs: 300 },
        retryAfterHeader: withRetryAfter,
      });
      const seenAsFailure = new Set<string>();
      const neverShownAsFailure = async () => {
        const { here, elsewhere } = await cell.look();
        for (const text of [...here, ...elsewhere]) {
          if (/slow down|rate limit|\b429\b/i.test(text)) seenAsFailure.add(`shown: "${text}"`);
        }
        for (const item of await activity(cell.worker)) {
          if (item.state === 'failed') seenAsFailure.add(`activity says failed: ${item.reason}`);
        }
        if ((await connection(cell.worker))?.refused) seenAsFailure.add('connection refused');
      };
      await cell.submit();
      await world.passTime(UNDO_MS);
      await until(
        () => network.calls.some((call) => call.tag && call.status === 429),
        'a first 429',
      );
      await quiet(network);
      await neverShownAsFailure();
      // Half a second later: still waiting out Retry-After (1 s), or past the 300 ms window.
      const sent = () => network.calls.filter((call) => call.tag).length;
      const before = sent();
      await world.passTime(500);
      await quiet(network);
      const resent = sent() - before;
      if (withRetryAfter && resent > 0)
        problems.push(`${resent} calls sent 500 ms after a 429 that said Retry-After: 1`);
      if (!withRetryAfter && resent === 0)
        problems.push('nothing sent 500 ms after a 429 without Retry-After (window 300 ms)');
      await world.runUntil(() => cell.settled(), 'the storm to pass', {
        realPauseMs: 10,
        probe: neverShownAsFailure,
      });
      problems.push(...seenAsFailure);
      const storms = network.calls.filter((call) => call.tag && call.status === 429).length;
      if (storms < 2) problems.push(`only ${storms} 429 answers: no storm`);
      return withRetryAfter
        ? '429s retried quietly, waiting out Retry-After; never shown as failed'
        : '429s retried quietly, paced by the announced window; never shown as failed';
    },
  };
}

const hangingCall: Fault = {
  name: 'call hangs past the timeout',
  singles: 3,
  callTimeoutMs: TEST_CALL_TIMEOUT_MS,
  async run(cell) {
    const { fake, world, problems } = cell;
    fake.setSwitches({ hangNext: { count: 1, match: firstTargetCall(cell) } });
    await cell.submit();
    await world.passTime(UNDO_MS);
    await until(() => oneWaitingWithProblem(cell), 'the hung call to be abandoned');
    await expectWaitingReason(cell, /did not answer in time/i, 'the timeout');
    await untilSettled(cell, 'the change to land after the hang');
    const hung = tagRequests(fake).filter((request) => request.outcome === 'hung');
    if (hung.length !== 1 || hung.some((request) => request.applied))
      problems.push(`${hung.length} hung calls, expected 1 that changed nothing`);
    return waitingDetail(
      cell,
      'chunk abandoned after 0.3 s (25 s in production), resent',
      'abandoned after 0.3 s (25 s in production), resent',
      'did not answer in time',
    );
  },
};

const networkCut: Fault = {
  name: 'network cut and restored',
  singles: 3,
  async run(cell) {
    const { world, path, problems } = cell;
    const network = world.network;
    network.serialTagCalls = true;
    network.afterTagAnswer = (answered) => {
      if (answered === 1) network.offline = true;
    };
    await cell.submit();
    await world.passTime(UNDO_MS);
    const waiting = path.bulk ? 2 : cell.targets.length - 1;
    await until(async () => {
      const queue = await entries(cell);
      return (
        queue.length === waiting && queue.every((entry) => entry.problem && !entry.inFlightSince)
      );
    }, 'the changes after the cut to fail and wait');
    await expectWaitingReason(cell, /could not reach highlevel/i, 'the network problem');
    // Still offline while backoffs pass: every retry fails again, nothing is dropped.
    await world.runUntil(
      () => network.offlineRefusals >= waiting * 3,
      'retries to fail while offline',
      { probe: async () => void (await cell.look()) },
    );
    if ((await entries(cell)).length !== waiting)
      problems.push('changes left the queue while offline');
    network.offline = false;
    await untilSettled(cell, 'the changes to land once back online');
    return waitingDetail(
      cell,
      'chunks retried through the cut, landed once back',
      'retried through the cut, landed once back',
      'Could not reach HighLevel',
    );
  },
};

const tokenRevoked: Fault = {
  name: 'token revoked mid-job, replaced',
  singles: 3,
  async run(cell) {
    const { fake, world, path, problems } = cell;
    const network = world.network;
    network.serialTagCalls = true;
    network.afterTagAnswer = (answered) => {
      if (answered === 1) fake.state.revokeToken(SAMPLE.token);
    };
    await cell.submit();
    await world.passTime(UNDO_MS);
    await until(async () => {
      const queue = await entries(cell);
      return (
        Boolean((await connection(cell.worker))?.refused) &&
        queue.length > 0 &&
        queue.every((entry) => !entry.inFlightSince)
      );
    }, 'the connection marked refused and its changes held');
    await expectShown(cell, /token refused/i, 'the refused token');
    const waiting = (await connection(cell.worker))?.waiting ?? 0;
    const expectedWaiting = path.bulk ? 2 : cell.targets.length - 1;
    if (waiting !== expectedWaiting)
      problems.push(`the connection says ${waiting} waiting, expected ${expectedWaiting}`);
    // Held: a minute passes and nothing is sent with the refused token.
    const calls = tagRequests(fake).length;
    await world.passTime(60_000);
    await sleepReal(50);
    if (tagRequests(fake).length !== calls)
      problems.push('changes were sent again with the refused token');
    fake.state.addToken(ROTATED_TOKEN, LOCATION, ALL_SCOPES);
    okValue(
      await cell.worker.ask({
        type: 'connections.save',
        locationId: LOCATION,
        token: ROTATED_TOKEN,
      }),
      'connections.save',
    );
    await untilSettled(cell, 'the held changes to go out with the new token');
    const withNew = tagRequests(fake).filter(
      (request) => request.applied && request.headers.authorization === `Bearer ${ROTATED_TOKEN}`,
    );
    if (withNew.length !== expectedWaiting)
      problems.push(
        `${withNew.length} calls landed with the new token, expected ${expectedWaiting}`,
      );
    return `${expectedWaiting} ${path.bulk ? 'chunks' : 'changes'} held, “Token refused” ${path.where}; sent with the new token`;
  },
};

const extensionUpdated: Fault = {
  name: 'extension updated mid-job',
  singles: 3,
  run: (cell) => stopMidChange(cell, true),
};

export const FAULTS: readonly Fault[] = [
  workerStopped,
  serverErrors,
  rateLimitStorm(true),
  rateLimitStorm(false),
  hangingCall,
  networkCut,
  tokenRevoked,
  extensionUpdated,
];
