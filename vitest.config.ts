import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest does not apply wxt.config.ts's `vite` section (PITFALLS.md).
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/unit.json' },
    // The fake HighLevel serves HTTPS with a self-signed certificate.
    env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' },
  },
});
