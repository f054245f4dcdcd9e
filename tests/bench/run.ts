/**
 * `npm run bench`: measures each budget of SPEC.md "Performance budgets" on the production
 * build, prints a table, writes reports/bench.json and reports/bench.md, and exits non-zero
 * when a budget fails (or could not be measured). Speed is judged here, never in tests.
 *
 *   npm run bench                       build, then every budget
 *   npm run bench -- --no-build         reuse .output/chrome-mv3
 *   npm run bench -- --only size,change  some budgets (size suggest shortcut change bulk idle)
 *
 * The shortcut budget needs a display (xdotool); tests/bench/bench.mjs runs this file inside
 * xvfb-run when there is none.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { measureBulk } from './bulk';
import { measureIdle } from './idle';
import {
  type BenchReport,
  type BudgetRow,
  consoleTable,
  machineInfo,
  writeReports,
} from './report';
import { measureShortcut } from './shortcut';
import { measureSizes } from './size';
import { measureSuggestions } from './suggest';
import { measureTagChange } from './tag-change';

/** In SPEC.md's order. Each returns its rows; a throw is reported as a failed measurement. */
const MODULES: Record<string, () => Promise<BudgetRow[]>> = {
  size: measureSizes,
  shortcut: measureShortcut,
  change: measureTagChange,
  suggest: measureSuggestions,
  bulk: measureBulk,
  idle: measureIdle,
};

function options() {
  const { values } = parseArgs({
    options: { 'no-build': { type: 'boolean' }, only: { type: 'string' } },
  });
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !(name in MODULES)) ?? [];
  if (unknown.length > 0) {
    console.error(`Unknown budget ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(' ')}`);
    process.exit(2);
  }
  return { build: !values['no-build'], only };
}

async function main() {
  const { build, only } = options();
  const started = Date.now();
  const loadAtStart = os.loadavg().map((load) => Math.round(load * 100) / 100);
  if (build) {
    console.log('bench: building the extension (npx wxt build)');
    const result = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('bench: the build failed; nothing measured.');
      process.exit(1);
    }
  }
  const rows: BudgetRow[] = [];
  const errors: BenchReport['errors'] = [];
  for (const [name, measure] of Object.entries(MODULES)) {
    if (only && !only.includes(name)) continue;
    const moduleStart = Date.now();
    console.log(`bench: ${name}…`);
    try {
      const measured = await measure();
      rows.push(...measured);
      for (const row of measured)
        console.log(`  ${row.status.padEnd(4)}  ${row.budget}: ${row.measured}`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      errors.push({ module: name, message: message.split('\n').slice(0, 4).join(' ') });
      console.error(`bench: ${name} could not be measured: ${message}`);
    }
    console.log(`bench: ${name} took ${Math.round((Date.now() - moduleStart) / 1000)} s`);
  }
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { ...machineInfo(), loadAverageAtStart: loadAtStart },
    rows,
    errors,
    passed: errors.length === 0 && rows.every((row) => row.status !== 'fail'),
  };
  const written = await writeReports(report);
  console.log(`\n${consoleTable(report)}\n`);
  console.log(
    `bench: ${report.passed ? 'every budget holds' : 'BUDGET FAILED'}; wrote ${written.join(', ')}`,
  );
  process.exit(report.passed ? 0 : 1);
}

void main();
