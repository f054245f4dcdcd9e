// Runs the Playwright suite against the production build. The real-input tests need a
// display for xdotool: without one, the suite runs inside a virtual X server (xvfb-run).
import { spawnSync } from 'node:child_process';

const args = ['playwright', 'test', ...process.argv.slice(2)];
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
