/**
 * One API request, from arrival to delivery:
 *   record → contract check (violations are recorded whatever the answer) → rate limit (429)
 *   → 404/400 for a contract violation → hangNext → failNext → token (401) → scope (401)
 *   → the operation's answer (routes-api.ts) → latency → deliver.
 * The rate limit comes first because the real gateway counts every request it sees;
 * the fault switches come after the contract so a malformed request never uses one up.
 *
 * "Applied only when delivered": the operation's change runs in the same tick as the answer
 * is written, and only if the client is still connected then. A client that went away during
 * the latency (an aborted fetch, a killed service worker) changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ApiAnswer,
  contractViolation,
  injectedFault,
  invalidToken,
  json,
  scopeMissing,
  tooManyRequests,
} from './api-answers';
import type { Contract, OperationMatch, ParsedBody } from './contract';
import type { RateLimiter } from './rate-limit';
import type { RequestLog } from './request-log';
import { answerOperation, isHandledOperation, REQUIRED_SCOPES } from './routes-api';
import type { FakeState } from './state';
import type { SwitchBoard } from './switches';
import type { RecordedRequest, Switches } from './types';

export interface ApiEndpointParts {
  state: FakeState;
  switches: SwitchBoard;
  log: RequestLog;
  contract: Contract;
  limiter: RateLimiter;
}

/** Lets the extension's fetches read the rate-limit headers even if they ever run under CORS. */
const API_CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'X-RateLimit-Max, X-RateLimit-Remaining, X-RateLimit-Interval-Milliseconds, X-RateLimit-Limit-Daily, X-RateLimit-Daily-Remaining, Retry-After',
};

export function parseBody(raw: Buffer): ParsedBody {
  const text = raw.toString('utf8');
  if (text.trim() === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', text };
  }
}

function recordedBody(body: ParsedBody): unknown {
  if (body.kind === 'json') return body.value;
  return body.kind === 'invalid' ? body.text : undefined;
}

function lowercasedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function bearerToken(authorization: string | undefined): string | undefined {
  const found = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return found?.[1];
}

function isClientGone(response: ServerResponse): boolean {
  return response.destroyed || (response.socket?.destroyed ?? false);
}

export class ApiEndpoint {
  /** Bumped by `abandonInFlight`, so answers computed before a reset never apply after it. */
  private generation = 0;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(private readonly parts: ApiEndpointParts) {}

  async handle(request: IncomingMessage, response: ServerResponse, rawBody: Buffer): Promise<void> {
    const { log, contract, state, limiter, switches } = this.parts;
    const url = new URL(request.url ?? '/', 'https://fake-ghl.invalid');
    const method = (request.method ?? 'GET').toUpperCase();
    const headers = lowercasedHeaders(request);
    const query = Object.fromEntries(url.searchParams);
    const body = parseBody(rawBody);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query,
      headers,
      body: recordedBody(body),
      status: 0,
      applied: false,
      at: Date.now(),
      outcome: 'pending',
    };
    log.add(record);

    const match = contract.match(method, url.pathname);
    if (match) record.operationId = match.operationId;
    const problems = match
      ? contract.check(match, { headers, query, body })
      : [`no operation ${method} ${url.pathname} in the OpenAPI subset`];
    const description = `${method} ${match?.template ?? url.pathname}: ${problems.join('; ')}`;
    if (problems.length > 0) {
      log.addViolation({
        at: record.at,
        method,
        path: url.pathname,
        ...(match ? { operationId: match.operationId } : {}),
        description,
        problems,
      });
    }

    const tokenText = bearerToken(headers.authorization);
    const token = tokenText === undefined ? undefined : state.getToken(tokenText);
    if (token) record.locationId = token.locationId;
    const current = switches.view;
    const burstKey = tokenText ?? '(no token)';
    const verdict = limiter.take(burstKey, token?.locationId ?? burstKey, current.rateLimit);

    let answer: ApiAnswer | 'hang';
    if (!verdict.allowed) {
      answer = withRetryAfter(tooManyRequests(), current, verdict.retryAfterSeconds);
    } else if (!match) {
      answer = contractViolation(description, 404);
    } else if (problems.length > 0) {
      answer = contractViolation(description);
    } else if (switches.takeHang(method, url.pathname)) {
      answer = 'hang';
    } else {
      const failure = switches.takeFailure(method, url.pathname);
      answer =
        failure === undefined
          ? this.answer(match, body, tokenText, current)
          : withRetryAfter(
              injectedFault(failure.status, failure.message),
              current,
              limiter.retryAfterSeconds(burstKey, current.rateLimit),
            );
    }

    if (answer === 'hang') {
      this.hang(record, response);
      return;
    }
    await this.deliver(
      record,
      response,
      answer,
      { ...verdict.headers, ...API_CORS_HEADERS },
      current.latencyMs,
    );
  }

  private answer(
    match: OperationMatch,
    body: ParsedBody,
    tokenText: string | undefined,
    current: Readonly<Switches>,
  ): ApiAnswer {
    const { state } = this.parts;
    const token = tokenText === undefined ? undefined : state.getToken(tokenText);
    if (!token) return invalidToken();
    if (!isHandledOperation(match.operationId)) {
      return json(501, {
        statusCode: 501,
        message: `fake-ghl does not implement ${match.operationId}`,
      });
    }
    if (!token.scopes.includes(REQUIRED_SCOPES[match.operationId])) return scopeMissing();
    try {
      return answerOperation(match.operationId, {
        match,
        body: body.kind === 'json' ? body.value : undefined,
        token,
        state,
        switches: current,
      });
    } catch (error) {
      console.error('fake-ghl: handler failed', error);
      return json(500, { statusCode: 500, message: `fake-ghl bug: ${String(error)}` });
    }
  }

  /** Never answers; the socket stays open until the client gives up (or reset/close). */
  private hang(record: RecordedRequest, response: ServerResponse): void {
    record.outcome = 'hung';
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
    this.parts.log.settle(record);
  }

  private async deliver(
    record: RecordedRequest,
    response: ServerResponse,
    answer: ApiAnswer,
    headers: Record<string, string>,
    latencyMs: number,
  ): Promise<void> {
    const generation = this.generation;
    this.inFlight.add(response);
    const stillThere = await this.waitOutLatency(response, latencyMs);
    this.inFlight.delete(response);

    if (!stillThere || generation !== this.generation || isClientGone(response)) {
      record.outcome = 'client-gone';
      this.parts.log.settle(record);
      return;
    }

    const succeeded = answer.status >= 200 && answer.status < 300;
    let delivered = answer;
    if (succeeded && answer.apply) {
      try {
        answer.apply();
      } catch (error) {
        console.error('fake-ghl: applying a change failed', error);
        delivered = json(500, { statusCode: 500, message: `fake-ghl bug: ${String(error)}` });
      }
    }
    const text = JSON.stringify(delivered.body);
    response.writeHead(delivered.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      ...headers,
      ...delivered.headers,
    });
    response.end(text);
    record.status = delivered.status;
    record.applied = delivered === answer && succeeded;
    record.answer = delivered.body;
    record.outcome = 'answered';
    this.parts.log.settle(record);
  }

  /** Resolves true after `latencyMs`, or false as soon as the client goes away. */
  private waitOutLatency(response: ServerResponse, latencyMs: number): Promise<boolean> {
    if (isClientGone(response)) return Promise.resolve(false);
    if (latencyMs <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onClose = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        response.off('close', onClose);
        resolve(true);
      }, latencyMs);
      response.once('close', onClose);
    });
  }

  /** Drops every unanswered request (on reset and close) so none leaks into the next test. */
  abandonInFlight(): void {
    this.generation += 1;
    for (const response of this.inFlight) response.destroy();
    this.inFlight.clear();
  }
}

function withRetryAfter(
  answer: ApiAnswer,
  current: Readonly<Switches>,
  seconds: number,
): ApiAnswer {
  if (answer.status !== 429 || !current.retryAfterHeader) return answer;
  return { ...answer, headers: { ...answer.headers, 'Retry-After': String(seconds) } };
}
