// Runs an npx command where real keyboard and mouse input (xdotool) can reach a headed
// Chromium: on the desktop's display when there is one, else inside a virtual X server
// (xvfb-run). Exits with the command's status.
import { spawnSync } from 'node:child_process';

export function runWithDisplay(npxArgs) {
  const needsDisplay = !process.env.DISPLAY;
  const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
  if (needsDisplay && !hasXvfb) {
    console.error(
      'No display and no xvfb-run: install xvfb (apt-get install xvfb) or run under a desktop.',
    );
    process.exit(1);
  }
  const [command, commandArgs] = needsDisplay
    ? ['xvfb-run', ['-a', '--server-args=-screen 0 1920x1080x24', 'npx', ...npxArgs]]
    : ['npx', npxArgs];
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
