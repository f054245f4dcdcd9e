/**
 * The record of API requests and contract violations, and the waiters of `waitForRequest`.
 * The arrays keep their identity across `clear()`, so a test may hold on to them.
 */
import type { ContractViolation, RecordedRequest } from './types';

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
}

export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  readonly violations: ContractViolation[] = [];
  private readonly waiters = new Set<Waiter>();

  add(request: RecordedRequest): void {
    this.requests.push(request);
  }

  addViolation(violation: ContractViolation): void {
    this.violations.push(violation);
  }

  /** Call once a request's outcome is final (answered, client gone or hung). */
  settle(request: RecordedRequest): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate(request)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(request);
    }
  }

  /**
   * The first request matching `predicate` whose outcome is final: one already in the log (since
   * the last reset), else the next to settle. Rejects after `timeoutMs`, listing what was seen.
   */
  waitFor(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs: number,
  ): Promise<RecordedRequest> {
    const settled = this.requests.find(
      (request) => request.outcome !== 'pending' && predicate(request),
    );
    if (settled) return Promise.resolve(settled);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.requests.map((r) => `${r.method} ${r.path} → ${r.status} ${r.outcome}`);
        reject(
          new Error(
            `fake-ghl: no matching request settled within ${timeoutMs} ms; seen: ${seen.join(', ') || 'none'}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Fails every pending `waitFor` (when the server closes). */
  rejectWaiters(reason: string): void {
    for (const waiter of [...this.waiters]) {
      this.waiters.delete(waiter);
      waiter.reject(new Error(reason));
    }
  }

  clear(): void {
    this.requests.length = 0;
    this.violations.length = 0;
  }
}
