import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH } from '../e2e/browser';

/** One line of the results table. `info` rows are reported beside a budget, not judged. */
export interface BudgetRow {
  /** Stable key, e.g. `content-script-size`. */
  id: string;
  /** What is measured, in words (the budget as SPEC.md states it, shortened). */
  budget: string;
  measured: string;
  limit: string;
  status: 'pass' | 'fail' | 'info';
  /** Raw numbers for the JSON report. */
  details?: Record<string, unknown>;
}

export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  machine: Record<string, unknown>;
  rows: BudgetRow[];
  /** Budgets whose measurement itself broke (counted as failures). */
  errors: { module: string; message: string }[];
  passed: boolean;
}

export function machineInfo(): Record<string, unknown> {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // Reported as unknown; the browser budgets will say why they could not run.
  }
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    chromium,
    display: process.env.DISPLAY ?? null,
  };
}

const METHODS = [
  'Sizes (`size.ts`): the production build, gzip level 9, 1 kB = 1,000 bytes; the manifest read for `content_scripts`.',
  'Shortcut (`shortcut.ts`): real Alt+Shift+G (xdotool) in headed Chromium on the fake contact page; from the key event the page receives to the popup open with "Add tag" focused and every chip shown (a probe in the page); p50 judged. Baseline: a new tab loading an empty, script-free extension page the bench adds to the unpacked build for the run (Navigation Timing `loadEventEnd`).',
  'Tag change (`tag-change.ts`): from an extension page, `tags.change` (undo window 0) against a plain `fetch` of the same API call, both timed to the moment the fake applies it, fake latency 100 ms; medians compared.',
  "Suggestions (`suggest.ts`): `createTagIndex` + `suggest` in Node over 10,000 generated tags, every keystroke of six typed queries, 20 passes; each keystroke's median judged.",
  'Bulk (`bulk.ts`): `bulk.start` from an extension page, 5,000 contacts, 50 per call, undo window 0, fake at 10 calls per 2 s; until `bulk.get` says finished; every contact checked on the fake.',
  "Idle (`idle.ts`): a Chrome trace of the untouched contact page for 10 s; callbacks (timers, frames, observers, listeners) of the extension's content scripts counted, with a right-click canary proving they would show; a host without content scripts as control.",
];

const RESULT: Record<BudgetRow['status'], string> = { pass: 'pass', fail: 'FAIL', info: '—' };

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function markdown(report: BenchReport): string {
  const lines = [
    '| Budget | Measured | Limit | Result |',
    '| --- | --- | --- | --- |',
    ...report.rows.map(
      (row) =>
        `| ${cell(row.budget)} | ${cell(row.measured)} | ${cell(row.limit)} | ${RESULT[row.status]} |`,
    ),
  ];
  const machine = report.machine;
  return [
    '# Performance budgets (`npm run bench`)',
    '',
    `Run ${report.startedAt}, ${report.durationSeconds} s, on ${machine.cores} × ${machine.cpu} ` +
      `(load average ${(machine.loadAverageAtStart as number[] | undefined)?.join(' ') ?? '?'} at start, ` +
      `${(machine.loadAverage as number[]).join(' ')} at end), Node ${machine.node}, ${machine.chromium}.`,
    '',
    ...lines,
    '',
    ...(report.errors.length > 0
      ? [
          '## Measurements that broke',
          '',
          ...report.errors.map((error) => `- ${error.module}: ${error.message}`),
          '',
        ]
      : []),
    report.passed ? 'Every budget holds.' : '**At least one budget fails.**',
    '',
    '## How each is measured (details in each module of tests/bench/)',
    '',
    ...METHODS.map((line) => `- ${line}`),
    '',
  ].join('\n');
}

/** A plain-text table for the terminal. */
export function consoleTable(report: BenchReport): string {
  const header = ['Budget', 'Measured', 'Limit', 'Result'];
  const body = report.rows.map((row) => [row.budget, row.measured, row.limit, RESULT[row.status]]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => (line[column] ?? '').length)),
  );
  const format = (line: string[]) =>
    line.map((text, column) => text.padEnd(widths[column] ?? 0)).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(format)]
    .concat(report.errors.map((error) => `ERROR in ${error.module}: ${error.message}`))
    .join('\n');
}

export async function writeReports(report: BenchReport, dir = 'reports'): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, 'bench.json');
  const md = path.join(dir, 'bench.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(md, markdown(report));
  return [json, md];
}
