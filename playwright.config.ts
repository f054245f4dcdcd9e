import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the production build (`wxt build`) in a real Chromium, each test
 * in its own browser profile against its own fake HighLevel. Tests that use real browser
 * UI (the keyboard shortcut, the context menu, permission prompts) run headed under Xvfb,
 * one at a time, because xdotool types into whichever window has the focus.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'headless', testIgnore: /\.real-input\.spec\.ts$/ },
    { name: 'real-input', testMatch: /\.real-input\.spec\.ts$/, workers: 1 },
  ],
});
