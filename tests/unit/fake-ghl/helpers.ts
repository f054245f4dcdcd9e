/**
 * Calling the fake from the fake's own tests: the API through Node's fetch (its bare-IP origin
 * counts as the API host), app pages through node:https with an explicit Host header (fetch
 * does not let a caller set Host).
 */
import { request as httpsRequest } from 'node:https';
import { type FakeGhl, SAMPLE } from '../../fake-ghl/index';

export interface ApiCall {
  token?: string;
  /** Defaults to 2021-07-28; `null` leaves the header out. */
  version?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export function apiHeaders(call: ApiCall = {}): Record<string, string> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${call.token ?? SAMPLE.token}`,
    Accept: 'application/json',
  };
  if (call.version !== null) headers.Version = call.version ?? '2021-07-28';
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  return { ...headers, ...call.headers };
}

export async function callApi(
  fake: FakeGhl,
  method: string,
  path: string,
  call: ApiCall = {},
): Promise<ApiResult> {
  const response = await fetch(`${fake.apiBaseUrl}${path}`, {
    method,
    headers: apiHeaders(call),
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    ...(call.signal ? { signal: call.signal } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

export const contactTagsPath = (contactId: string) => `/contacts/${contactId}/tags`;

export function tagsOf(fake: FakeGhl, contactId: string): string[] | undefined {
  return fake.state.getContact(contactId)?.tags;
}

export interface PageResult {
  status: number;
  contentType: string;
  text: string;
}

/** GET on the fake with the given Host header, as Chromium mapped by host-resolver-rules would send. */
export function getWithHost(fake: FakeGhl, host: string, path: string): Promise<PageResult> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      {
        host: '127.0.0.1',
        port: fake.port,
        path,
        method: 'GET',
        servername: host,
        headers: { Host: host },
        rejectUnauthorized: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
