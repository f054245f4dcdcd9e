import { type FakeGhl, SAMPLE } from '../../fake-ghl';
import { endChecks } from './checks';
import type { Cell, Fault } from './faults';
import { LOCATION, okValue, type PathDriver } from './paths';
import { createWorld } from './world';

/** A bulk job's size in every cell: three chunks of 50, 50 and 20. */
export const BULK_CONTACTS = 120;
export const BULK_CHUNK_SIZE = 50;
const TAG = 'Reliability check';

export interface CellResult {
  path: PathDriver['name'];
  fault: string;
  outcome: 'pass' | 'fail';
  /** One short sentence of what happened (the first problem when it failed). */
  detail: string;
  problems: string[];
  /** The distinct texts the path showed the user during the run. */
  shown: string[];
  ms: number;
}

/**
 * One cell of the matrix: fresh background services on an empty JSON storage area,
 * connected to the fake, a change (or a job) entered through the path, the fault driven
 * through to the end, then the end checks.
 */
export async function runCell(fake: FakeGhl, path: PathDriver, fault: Fault): Promise<CellResult> {
  const started = performance.now();
  const world = createWorld(fake, LOCATION);
  const worker = world.startWorker({ callTimeoutMs: fault.callTimeoutMs });
  const targets = fake.state.addContacts(LOCATION, path.bulk ? BULK_CONTACTS : fault.singles);
  const cell: Cell = {
    fake,
    world,
    worker,
    path,
    targets,
    tag: TAG,
    submission: { toasts: [] },
    shown: new Set(),
    problems: [],
    async submit() {
      cell.submission = await path.submit(cell.worker, targets, TAG);
    },
    async look() {
      const { here, elsewhere } = await path.shown(cell.worker, targets, cell.submission);
      for (const text of [...here, ...elsewhere]) cell.shown.add(text);
      return { here, elsewhere };
    },
    settled: () => path.settled(cell.worker, targets, cell.submission),
  };
  let detail = '';
  try {
    okValue(
      await worker.ask({ type: 'connections.save', locationId: LOCATION, token: SAMPLE.token }),
      'connections.save',
    );
    okValue(
      await worker.ask({
        type: 'settings.update',
        undoWindowSeconds: 3,
        bulkChunkSize: BULK_CHUNK_SIZE,
      }),
      'settings.update',
    );
    // The contacts were seen before (their names are known, as in a toast "Added … to Jane").
    if (!path.bulk) {
      for (const id of targets) await worker.services.contacts.refresh(LOCATION, id);
    }
    detail = await fault.run(cell);
    cell.problems.push(
      ...(await path.endProblems(cell.worker, targets, TAG, cell.submission)),
      ...(await endChecks({ fake, worker: cell.worker, targets, tag: TAG, shown: cell.shown })),
    );
  } catch (error) {
    cell.problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    for (const live of [cell.worker, worker]) live.kill();
  }
  const failed = cell.problems.length > 0;
  return {
    path: path.name,
    fault: fault.name,
    outcome: failed ? 'fail' : 'pass',
    detail: failed ? (cell.problems[0] ?? '') : detail,
    problems: cell.problems,
    shown: [...cell.shown],
    ms: Math.round(performance.now() - started),
  };
}
