/**
 * The fault and behaviour switches, and the consumption of the one-shot ones
 * (`failNext`, `hangNext` count down and turn themselves off).
 */
import type { FailNextSwitch, HangNextSwitch, RequestMatcher, Switches } from './types';

export function defaultSwitches(): Switches {
  return {
    latencyMs: 0,
    rateLimit: { max: 100, intervalMs: 10_000 },
    retryAfterHeader: false,
    failNext: null,
    hangNext: null,
    lowercaseTags: false,
    tagAnswer: 'whole',
    bulkMaxContacts: 500,
  };
}

function matches(match: RequestMatcher | undefined, method: string, path: string): boolean {
  return match ? match({ method, path }) : true;
}

export class SwitchBoard {
  private current: Switches = defaultSwitches();

  /** A frozen snapshot: change switches through `set`, never by mutating this. */
  get view(): Readonly<Switches> {
    const { rateLimit, failNext, hangNext } = this.current;
    return Object.freeze({
      ...this.current,
      rateLimit: Object.freeze({ ...rateLimit }),
      failNext: failNext && Object.freeze({ ...failNext }),
      hangNext: hangNext && Object.freeze({ ...hangNext }),
    });
  }

  /** Applies a patch; copies the one-shot switches so the caller's objects are not counted down. */
  set(patch: Partial<Switches>): void {
    const next: Switches = { ...this.current, ...patch };
    if (patch.failNext) next.failNext = { ...patch.failNext };
    if (patch.hangNext) next.hangNext = { ...patch.hangNext };
    if (patch.rateLimit) next.rateLimit = { ...patch.rateLimit };
    this.current = next;
  }

  reset(): void {
    this.current = defaultSwitches();
  }

  /** True (and counts one down) when `hangNext` claims this request. */
  takeHang(method: string, path: string): boolean {
    const hang: HangNextSwitch | null = this.current.hangNext;
    if (!hang || hang.count <= 0 || !matches(hang.match, method, path)) return false;
    const count = hang.count - 1;
    this.current = { ...this.current, hangNext: count > 0 ? { ...hang, count } : null };
    return true;
  }

  /** The failure to answer (and counts one down) when `failNext` claims this request. */
  takeFailure(
    method: string,
    path: string,
  ): { status: number; message?: string | string[] } | undefined {
    const fail: FailNextSwitch | null = this.current.failNext;
    if (!fail || fail.count <= 0 || !matches(fail.match, method, path)) return undefined;
    const count = fail.count - 1;
    this.current = { ...this.current, failNext: count > 0 ? { ...fail, count } : null };
    return { status: fail.status, message: fail.message };
  }
}
