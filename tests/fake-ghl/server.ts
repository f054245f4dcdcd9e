/**
 * The HTTPS server: one port for the API and the app pages, routed by the Host header
 * (hosts.ts). Reads request bodies, answers CORS preflights, and hands requests on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ApiEndpoint } from './api-endpoint';
import type { AppPages } from './app-pages/routes-app';
import type { Certificate } from './certificate';
import { hostName, hostRole } from './hosts';

/** Far above any real call (5,000 contact IDs are about 120 kB). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The extension needs no CORS (host permissions), but a page-context caller might; allow
 * everything, echoing what the preflight asks for.
 */
function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(204, {
    'Access-Control-Allow-Origin': request.headers.origin ?? '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      request.headers['access-control-request-headers'] ??
      'Authorization, Version, Content-Type, Accept',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  });
  response.end();
}

type BodyRead =
  | { kind: 'complete'; body: Buffer }
  | { kind: 'too-large' }
  | { kind: 'client-gone' };

function readBody(request: IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(
        size <= MAX_BODY_BYTES
          ? { kind: 'complete', body: Buffer.concat(chunks) }
          : { kind: 'too-large' },
      ),
    );
    // The client went away mid-upload: there is nobody to answer. (After 'end' these are no-ops.)
    request.on('error', () => resolve({ kind: 'client-gone' }));
    request.on('close', () => resolve({ kind: 'client-gone' }));
  });
}

export function createFakeServer(
  certificate: Certificate,
  api: ApiEndpoint,
  app: AppPages,
): Server {
  return createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    const role = hostRole(request.headers.host);
    if (role === 'unknown') {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`fake-ghl does not serve the host "${hostName(request.headers.host)}"`);
      return;
    }
    if (role === 'app') {
      app.handle(request, response);
      return;
    }
    // Preflights are not API calls: they are answered without being recorded or rate-limited.
    if (request.method === 'OPTIONS') {
      answerPreflight(request, response);
      return;
    }
    void readBody(request)
      .then((read) => {
        if (read.kind === 'complete') return api.handle(request, response, read.body);
        if (read.kind === 'too-large' && !response.destroyed) response.writeHead(413).end();
      })
      .catch((error: unknown) => {
        console.error('fake-ghl: API request failed', error);
        if (!response.headersSent) response.writeHead(500).end();
      });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive and hung connections would otherwise hold close() open.
    server.closeAllConnections();
  });
}
