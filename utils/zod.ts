import { z } from 'zod';

/**
 * zod, set up for extension contexts. MV3 pages forbid `new Function`, which zod otherwise
 * probes and compiles validators with; the probe can run as soon as a schema is built, so
 * the setting must come before any schema module is evaluated. Every module that builds a
 * schema imports `z` from here, never from 'zod' directly.
 */
z.config({ jitless: true });

export { z };
