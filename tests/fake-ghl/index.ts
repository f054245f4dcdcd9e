/**
 * The fake HighLevel: one local HTTPS server answering the API (services.leadconnectorhq.com)
 * and HighLevel-like app pages (app.gohighlevel.com and the white-label crm.example.com).
 *
 *   const fake = await startFakeGhl();
 *   // Chromium: --host-resolver-rules="${fake.hostResolverRules}" --ignore-certificate-errors
 *   // Node: fetch(`${fake.apiBaseUrl}/contacts/${SAMPLE.contacts.ada.id}`, { headers: ... })
 *   fake.setSwitches({ latencyMs: 100, tagAnswer: 'changed' });
 *   await fake.waitForRequest((r) => r.operationId === 'add-tags');
 *   fake.reset(); await fake.close();
 */
import { ApiEndpoint } from './api-endpoint';
import { AppPages } from './app-pages/routes-app';
import { fakeCertificate } from './certificate';
import { Contract } from './contract';
import { hostResolverRules } from './hosts';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './request-log';
import { closeServer, createFakeServer, listen } from './server';
import { FakeState } from './state';
import { SwitchBoard } from './switches';
import type { ContractViolation, RecordedRequest, Switches } from './types';

export { type AppRoute, appPath, parseAppPath } from './app-pages/app-paths';
export { DEFAULT_LIST_ROWS } from './app-pages/view-models';
export { API_HOST, APP_HOST, MAPPED_HOSTS, WHITE_LABEL_HOST } from './hosts';
export { FIRESTORE_ID } from './ids';
export { DAILY_LIMIT } from './rate-limit';
export {
  LIMITED_TOKEN,
  LIMITED_TOKEN_SCOPES,
  READ_ONLY_TOKEN,
  SAMPLE,
  SECOND,
  type SeedContact,
  UNKNOWN_TOKEN,
} from './seed';
export type { ContactRecord, FakeState, LocationTagRecord, TokenRecord } from './state';
export { defaultSwitches } from './switches';
export { MAX_TAG_LENGTH } from './tag-rules';
export * from './types';

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The address to listen on; default 127.0.0.1. */
  host?: string;
}

export interface FakeGhl {
  readonly port: number;
  /** e.g. `MAP services.leadconnectorhq.com 127.0.0.1:PORT, MAP app.gohighlevel.com 127.0.0.1:PORT, MAP crm.example.com 127.0.0.1:PORT` for Chromium's --host-resolver-rules. */
  readonly hostResolverRules: string;
  /** `https://127.0.0.1:PORT`: a bare IP Host counts as the API host, so Node's fetch can call the API here. */
  readonly apiBaseUrl: string;
  /** Seeded data, mutable by tests. */
  readonly state: FakeState;
  /** The current switches (a frozen snapshot; change them with `setSwitches`). */
  readonly switches: Readonly<Switches>;
  /** Changing `rateLimit` also starts fresh windows for every token. */
  setSwitches(patch: Partial<Switches>): void;
  /** Every API request received, in order, with its outcome (CORS preflights are not recorded). */
  readonly requests: RecordedRequest[];
  /** Requests that broke the OpenAPI contract. A test fixture asserts this is empty after each test. */
  readonly violations: ContractViolation[];
  /**
   * Resolves with the first request matching the predicate whose outcome is final: answered
   * (check `applied` for whether it took effect), client gone, or hung. Requests already settled
   * since the last reset count. Rejects after `timeoutMs` (default 10 s).
   */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedRequest>;
  /** Fresh seed, switches off, logs cleared, unanswered requests dropped. */
  reset(): void;
  close(): Promise<void>;
}

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

export async function startFakeGhl(options: StartOptions = {}): Promise<FakeGhl> {
  const listenHost = options.host ?? '127.0.0.1';
  // A wildcard listen address is reachable on loopback; clients need a concrete one.
  const address = listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost === '::' ? '::1' : listenHost;

  const state = new FakeState();
  const switches = new SwitchBoard();
  const log = new RequestLog();
  const limiter = new RateLimiter();
  const api = new ApiEndpoint({ state, switches, log, contract: new Contract(), limiter });
  const server = createFakeServer(await fakeCertificate(), api, new AppPages(state));
  const port = await listen(server, options.port ?? 0, listenHost);

  return {
    port,
    hostResolverRules: hostResolverRules(address, port),
    apiBaseUrl: `https://${urlHost(address)}:${port}`,
    state,
    get switches() {
      return switches.view;
    },
    setSwitches(patch) {
      if (patch.rateLimit) limiter.clear();
      switches.set(patch);
    },
    requests: log.requests,
    violations: log.violations,
    waitForRequest: (predicate, timeoutMs = 10_000) => log.waitFor(predicate, timeoutMs),
    reset() {
      api.abandonInFlight();
      switches.reset();
      limiter.clear();
      state.reset();
      log.clear();
    },
    async close() {
      api.abandonInFlight();
      log.rejectWaiters('fake-ghl: the server closed');
      await closeServer(server);
    },
  };
}
