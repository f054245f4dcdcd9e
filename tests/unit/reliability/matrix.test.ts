/**
 * The reliability fault matrix (the "faults, for each path"): every way a change
 * enters the one queue (editor, in-page popup, quick tag, bulk) against every fault
 * (worker stopped, 5xx, 429 storms, a hanging call, the network cut, a revoked token, an
 * update mid-job), each cell run on the real background services over JSON storage and a
 * manual clock, against the in-process fake HighLevel. Each cell ends checking that nothing
 * was lost, nothing applied twice, the queue is empty, and what the user saw was words.
 * The results go to reports/reliability.json; `npm run reliability` tables them in README.md.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGhl, startFakeGhl } from '../../fake-ghl';
import { type CellResult, runCell } from './cell';
import { FAULTS } from './faults';
import { PATHS } from './paths';
import { writeReport } from './report';

let fake: FakeGhl;
let started = 0;
const results: CellResult[] = [];

beforeAll(async () => {
  started = performance.now();
  fake = await startFakeGhl();
});
afterAll(async () => {
  await fake.close();
  await writeReport({
    durationMs: Math.round(performance.now() - started),
    paths: PATHS.map((path) => path.name),
    faults: FAULTS.map((fault) => fault.name),
    cells: results,
  });
});
beforeEach(() => fake.reset());

describe.each(FAULTS.map((fault) => [fault.name, fault] as const))('%s', (_name, fault) => {
  it.each(PATHS.map((path) => [path.name, path] as const))(
    '%s',
    async (_path, path) => {
      const result = await runCell(fake, path, fault);
      results.push(result);
      expect(result.problems).toEqual([]);
    },
    30_000,
  );
});
