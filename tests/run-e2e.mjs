// Runs the Playwright suite against the production build. The real-input tests need a
// display for xdotool: without one, the suite runs inside a virtual X server.
import { runWithDisplay } from './with-display.mjs';

runWithDisplay(['playwright', 'test', ...process.argv.slice(2)]);
