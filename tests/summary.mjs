// Adds up the unit (Vitest) and end-to-end (Playwright) JSON reports into the one line
// CI reads: "N passed, M failed". A missing or unreadable report counts as a failure.
import { readFileSync } from 'node:fs';

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;

const unit = read('reports/unit.json');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  // A test file that fails to load has no failed tests of its own: count the file.
  failed += (unit.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
} else {
  console.error('No unit test report (reports/unit.json).');
  failed += 1;
}

const e2e = read('reports/e2e.json');
if (e2e?.stats) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected ?? 0;
  // Errors outside any test (a crashed global setup, a file that does not load).
  failed += (e2e.errors ?? []).length;
} else {
  console.error('No end-to-end report (reports/e2e.json).');
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
