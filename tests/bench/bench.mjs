// `npm run bench`: the performance budgets (tests/bench/run.ts). The shortcut budget presses
// real keys with xdotool in headed Chromium: without a display, everything runs inside a
// virtual X server, as the end-to-end suite does.
import { runWithDisplay } from '../with-display.mjs';

runWithDisplay(['tsx', 'tests/bench/run.ts', ...process.argv.slice(2)]);
