import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CellResult } from './cell';

/** Read by `npm run reliability` (tests/reliability/readme-table.mjs) to table the README. */
export const REPORT_PATH = resolve('reports/reliability.json');

/** `{generatedAt, durationMs, paths, faults, cells: [{path, fault, outcome, detail, shown, ms}]}`. */
export async function writeReport(report: {
  durationMs: number;
  paths: readonly string[];
  faults: readonly string[];
  cells: readonly CellResult[];
}): Promise<void> {
  const body = {
    generatedAt: new Date().toISOString(),
    durationMs: report.durationMs,
    paths: [...report.paths],
    faults: [...report.faults],
    cells: report.cells.map(({ problems, ...cell }) =>
      problems.length > 0 ? { ...cell, problems } : cell,
    ),
  };
  await mkdir(dirname(REPORT_PATH), { recursive: true });
  await writeFile(REPORT_PATH, `${JSON.stringify(body, null, 2)}\n`);
}
