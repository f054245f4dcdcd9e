import path from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

/** The production build that the tests load (`npm run build`). */
export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere (e.g. Playwright's own). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches Chromium with the built extension, every HighLevel host name mapped to the
 * local fake, and a fresh profile. Flags that make Chromium phone home are off: this
 * machine has no network, and refused connections only slow a test down.
 */
export function launchWithExtension(options: {
  profileDir: string;
  hostResolverRules: string;
  headless: boolean;
}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(options.profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless,
    viewport: options.headless ? { width: 1280, height: 800 } : null,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=${options.hostResolverRules}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-gpu',
      ...(options.headless ? [] : ['--window-position=0,0', '--window-size=1280,800']),
    ],
  });
}
