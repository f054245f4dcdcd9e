#!/usr/bin/env node
/**
 * `npm run reliability`: turns reports/reliability.json (written by the fault matrix,
 * tests/unit/reliability/matrix.test.ts, during `npm run test:unit`) into a Markdown table,
 * rows = faults, columns = paths, and puts it in README.md between
 * `<!-- reliability:start -->` and `<!-- reliability:end -->`.
 *
 *   node tests/reliability/readme-table.mjs [--report reports/reliability.json] [--readme README.md] [--check]
 *
 * `--check` changes nothing and exits 1 when the README's table differs from the report's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const START = '<!-- reliability:start -->';
const END = '<!-- reliability:end -->';

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const reportPath = resolve(option('--report', 'reports/reliability.json'));
const readmePath = resolve(option('--readme', 'README.md'));
const checkOnly = process.argv.includes('--check');

function fail(message) {
  console.error(`reliability: ${message}`);
  process.exit(1);
}

let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (error) {
  fail(
    `cannot read ${reportPath} (${error.code ?? error.message}); run \`npm run test:unit\` first`,
  );
}
if (!Array.isArray(report.cells) || !Array.isArray(report.paths) || !Array.isArray(report.faults)) {
  fail(`${reportPath} is not a reliability report`);
}

/** Display width: code points, so ✓, ✗ and curly quotes count as one. */
const width = (text) => [...text].length;
const pad = (text, size) => text + ' '.repeat(Math.max(0, size - width(text)));
const inCell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function cellText(cell) {
  if (!cell) return '— not run';
  return `${cell.outcome === 'pass' ? '✓' : '✗'} ${inCell(cell.detail)}`;
}

function table(data) {
  const header = ['Fault', ...data.paths.map(capital)];
  const rows = data.faults.map((fault) => [
    capital(fault),
    ...data.paths.map((path) =>
      cellText(data.cells.find((cell) => cell.fault === fault && cell.path === path)),
    ),
  ]);
  const widths = header.map((title, column) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[column]))),
  );
  const line = (cells) =>
    `| ${cells.map((text, column) => pad(text, widths[column])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((size) => '-'.repeat(size)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

function summary(data) {
  const total = data.paths.length * data.faults.length;
  const passed = data.cells.filter((cell) => cell.outcome === 'pass').length;
  const failed = data.cells.filter((cell) => cell.outcome === 'fail').length;
  const notRun = total - data.cells.length;
  const parts = [`${passed} of ${total} cells pass`];
  if (failed > 0) parts.push(`${failed} fail`);
  if (notRun > 0) parts.push(`${notRun} not run`);
  const seconds = (data.durationMs / 1000).toFixed(1);
  return `${parts.join(', ')}; the matrix took ${seconds} s (run of ${data.generatedAt.slice(0, 10)}).`;
}

const block = `${START}\n\n${table(report)}\n\n${summary(report)}\n\n${END}`;

const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) fail(`${readmePath} has no ${START} … ${END} block`);
const updated = readme.slice(0, start) + block + readme.slice(end + END.length);

if (checkOnly) {
  if (updated !== readme) fail('README.md does not hold the table of the last run');
  console.log('reliability: README.md is up to date');
} else {
  if (updated !== readme) writeFileSync(readmePath, updated);
  console.log(block);
  const failed = report.cells.filter((cell) => cell.outcome === 'fail');
  for (const cell of failed) console.error(`✗ ${cell.fault} × ${cell.path}: ${cell.detail}`);
}
