/**
 * The message fuzzer that runs inside the browser: in an extension page and in the content
 * script's isolated world, as the source text `fuzzMessagesScript` builds (Playwright and
 * CDP ship source text, not closures). So `fuzzMessages` must stay self-contained; its
 * random source comes in as a parameter, built in the browser from `seededRandom`'s own
 * source (also self-contained).
 */
import { type SeededRandom, seededRandom } from '../../support/random';

export interface FuzzArgs {
  seed: number;
  count: number;
  /** Request types to build near-valid messages for. */
  types: string[];
  /** Location IDs to use: valid ones (own, other) and junk. */
  locationIds: string[];
  contactIds: string[];
  urls: string[];
  /** Messages in flight at once. */
  concurrency: number;
}

export interface FuzzResult {
  /** The message's `type` when it had a string one. */
  type: string | null;
  /** What the message looked like, cut short, for the failure report. */
  sent: string;
  /** The message's `locationId` and `url` when they were strings (cut short). */
  locationId?: string;
  url?: string;
  answer?: unknown;
  /** `sendMessage` rejected or threw: the background never answered. */
  thrown?: string;
}

/**
 * An expression that runs `fuzzMessages(args)` where it is evaluated (an extension page, or
 * the content script's isolated world) and resolves to its results.
 */
export function fuzzMessagesScript(args: FuzzArgs): string {
  return `(${fuzzMessages})(${JSON.stringify(args)}, (${seededRandom})(${args.seed}))`;
}

/**
 * Sends `args.count` fuzzed messages through `chrome.runtime.sendMessage`. In the browser,
 * run it through `fuzzMessagesScript`, which passes `random`: the default refers to this
 * module's import, which exists only for a direct call (as in the unit tests).
 */
export async function fuzzMessages(
  args: FuzzArgs,
  random: SeededRandom = seededRandom(args.seed),
): Promise<FuzzResult[]> {
  const runtime = (
    globalThis as unknown as {
      chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
    }
  ).chrome.runtime;
  const { next, int, pick } = random;
  const MEGABYTE = 1_000_000;

  const strings = [
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\u202Eevil',
    '😀,😀',
    'a,b,c',
    'vip',
    'VIP-Client',
    '<img src=x onerror="window.__xss=1">',
    '<script>window.__xss=2</script>',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'javascript:alert(1)',
    'chrome-extension://x/options.html',
    '../../../etc/passwd',
    '%00%2e%2e',
    '{"ok":true}',
    'pit-00000000-0000-4000-8000-000000000000',
    ...args.locationIds,
    ...args.contactIds,
    ...args.urls,
  ];
  const keys = [
    'type',
    'locationId',
    'contactId',
    'tags',
    'op',
    'url',
    'token',
    'query',
    'changeId',
    'jobId',
    'tabId',
    'undoWindowSeconds',
    'bulkChunkSize',
    'name',
    'domain',
    'text',
    'contactIds',
    'topic',
    '__proto__',
    'constructor',
    'prototype',
  ];

  function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
    // An own `__proto__` key, as JSON.parse makes one, rather than a new prototype.
    Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  }

  function value(depth: number): unknown {
    switch (int(14)) {
      case 0:
        return int(2e9) - 1e9;
      case 1:
        return next();
      case 2:
        return pick([Number.NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER, 1e308, -1]);
      case 3:
      case 4:
      case 5:
        return pick(strings);
      case 6:
        return 'x'.repeat(int(5_000));
      case 7:
        return null;
      case 8:
        return undefined;
      case 9:
        return next() < 0.5;
      case 10:
        return depth > 3 ? [] : Array.from({ length: int(5) }, () => value(depth + 1));
      case 11:
        return depth > 3 ? {} : object(depth + 1);
      case 12:
        return pick(args.locationIds);
      default:
        return Array.from({ length: int(3) + 1 }, () => pick(strings));
    }
  }

  function object(depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (let k = int(7); k > 0; k--) setOwn(result, pick(keys), value(depth));
    return result;
  }

  function tags(): unknown {
    const r = next();
    if (r < 0.1) return [];
    if (r < 0.15) return Array.from({ length: 101 + int(50) }, (_, i) => `t${i}`);
    return Array.from({ length: int(3) + 1 }, () => pick(strings));
  }

  const idShaped = (id: string) => /^[A-Za-z0-9]{20}$/.test(id);
  const wellFormedLocations = args.locationIds.filter(idShaped);
  const wellFormedContacts = args.contactIds.filter(idShaped);

  /** A message of `type` that passes or nearly passes its schema. */
  function nearValid(type: string): Record<string, unknown> {
    // Half of them well-formed where it matters, so requests get past validation.
    const sane = next() < 0.5;
    const message: Record<string, unknown> = {
      type,
      locationId: pick(sane ? wellFormedLocations : args.locationIds),
      contactId: pick(sane ? wellFormedContacts : args.contactIds),
      op: sane ? pick(['add', 'remove']) : pick(['add', 'remove', 'delete', 'ADD']),
      tags: sane ? [pick(['vip', 'fuzz-tag', 'newsletter', ' spaced  out ', '⭐'])] : tags(),
      url: pick(args.urls),
      query: pick(strings),
      changeId: pick(['', 'no-such-change', `c-${int(1e6)}`]),
      jobId: pick(['', 'no-such-job', `j-${int(1e6)}`]),
      tabId: pick([int(40), -1, 1.5, 2 ** 31]),
      undoWindowSeconds: pick([0, 3, 10, 11, -1, 1.5, 1e9]),
      bulkChunkSize: pick([1, 50, 100, 0, 1.5, 1e9]),
      token: `pit-fuzz-${int(1e6)}`,
      name: pick(strings),
      domain: pick(['crm.fuzz.example', '*', '<b>x</b>', 'app.gohighlevel.com', '127.0.0.1']),
      text: pick(['{}', 'null', '{"version":1}', '[]', pick(strings)]),
      contactIds: Array.from({ length: int(4) + 1 }, () => pick(args.contactIds)),
    };
    // Drop a few fields (each schema reads only some; the rest are extra keys), then mutate.
    if (sane) return message;
    for (const key of Object.keys(message)) {
      if (key !== 'type' && next() < 0.1) delete message[key];
    }
    if (next() < 0.3) setOwn(message, pick(keys), value(0));
    if (next() < 0.05) message.type = pick([...args.types, 'no.such.type', 'TAGS.CHANGE']);
    return message;
  }

  /** One field about a megabyte long (or a list far over its limit); the rest plausible. */
  function oversized(): Record<string, unknown> {
    const huge = 'A'.repeat(MEGABYTE);
    const message = nearValid(pick(args.types));
    switch (int(7)) {
      case 0:
        message.locationId = huge;
        break;
      case 1:
        message.tags = [huge];
        break;
      case 2:
        message.tags = Array.from({ length: 10_000 }, (_, i) => `tag-${i}`);
        break;
      case 3:
        message.query = huge;
        break;
      case 4:
        message.url = `https://app.gohighlevel.com/v2/location/${huge}`;
        break;
      case 5:
        message.text = huge;
        break;
      default:
        message.contactIds = Array.from({ length: 20_000 }, () => pick(args.contactIds));
    }
    return message;
  }

  function deep(): unknown {
    let nested: unknown = { type: pick(args.types) };
    for (let i = 0; i < 500; i++) nested = next() < 0.5 ? [nested] : { tags: nested };
    return { type: pick(args.types), tags: nested, locationId: nested };
  }

  function message(): unknown {
    const r = next();
    // `sendMessage(undefined)` is refused by Chrome itself, before anything is sent.
    if (r < 0.05) return value(0) ?? null;
    if (r < 0.08)
      return JSON.parse(
        `{"type":"${pick(args.types)}","__proto__":{"polluted":"yes","ok":true},"constructor":{"prototype":{"polluted":"yes"}}}`,
      );
    if (r < 0.09) return oversized();
    if (r < 0.1) return deep();
    if (r < 0.2) return object(0);
    return nearValid(pick(args.types));
  }

  const summarize = (sent: unknown) => {
    try {
      return (JSON.stringify(sent) ?? String(sent)).slice(0, 300);
    } catch {
      return String(sent).slice(0, 300);
    }
  };

  const messages = Array.from({ length: args.count }, message);
  const results: FuzzResult[] = [];
  for (let start = 0; start < messages.length; start += args.concurrency) {
    const batch = messages.slice(start, start + args.concurrency);
    results.push(
      ...(await Promise.all(
        batch.map(async (sent): Promise<FuzzResult> => {
          const fields = (typeof sent === 'object' && sent !== null ? sent : {}) as Record<
            string,
            unknown
          >;
          const text = (field: unknown, length: number) =>
            typeof field === 'string' ? field.slice(0, length) : undefined;
          const seen = {
            type: typeof fields.type === 'string' ? fields.type : null,
            sent: summarize(sent),
            locationId: text(fields.locationId, 40),
            url: text(fields.url, 200),
          };
          try {
            return { ...seen, answer: await runtime.sendMessage(sent) };
          } catch (error) {
            return { ...seen, thrown: String(error) };
          }
        }),
      )),
    );
  }
  return results;
}

/**
 * Opens ports under several names, posts junk on each, and says which were closed by the
 * background within a moment (self-contained, like `fuzzMessages`; needs no random source,
 * so `page.evaluate(portJunk, args)` runs it as it is).
 */
export async function portJunk(args: { names: string[]; junk: unknown[] }): Promise<boolean[]> {
  const runtime = (
    globalThis as unknown as {
      chrome: {
        runtime: {
          connect(info: { name: string }): {
            postMessage(message: unknown): void;
            onDisconnect: { addListener(listener: () => void): void };
          };
        };
      };
    }
  ).chrome.runtime;
  const closed: boolean[] = [];
  for (const name of args.names) {
    const port = runtime.connect({ name });
    const gone = new Promise<boolean>((resolve) =>
      port.onDisconnect.addListener(() => resolve(true)),
    );
    for (const message of args.junk) {
      try {
        port.postMessage(message);
      } catch {
        break; // Already disconnected.
      }
    }
    const waited = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300));
    closed.push(await Promise.race([gone, waited]));
  }
  return closed;
}
