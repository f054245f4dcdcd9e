// `npm run bench`: the performance budgets (tests/bench/run.ts). The shortcut budget presses
// real keys with xdotool in headed Chromium: without a display, everything runs inside a
// virtual X server (xvfb-run), as the end-to-end suite does (tests/run-e2e.mjs).
import { spawnSync } from 'node:child_process';

const args = ['tsx', 'tests/bench/run.ts', ...process.argv.slice(2)];
const needsDisplay = !process.env.DISPLAY;
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
if (needsDisplay && !hasXvfb) {
  console.error(
    'No display and no xvfb-run: install xvfb (apt-get install xvfb) or run under a desktop.',
  );
  process.exit(1);
}
const [command, commandArgs] = needsDisplay
  ? ['xvfb-run', ['-a', '--server-args=-screen 0 1920x1080x24', 'npx', ...args]]
  : ['npx', args];
const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
