/**
 * The app hosts (`app.gohighlevel.com`, `*.gohighlevel.com`, the white-label `crm.example.com`):
 * the same pages on each, at HighLevel's real paths.
 *   /v2/location/{loc}/contacts/detail/{id}      (and without /v2)
 *   /v2/location/{loc}/contacts/smart_list/{id}  (?rows=N, ?claimAll=N)
 *   /v2/location/{loc}/conversations/conversations[/{id}]
 *   /v2/location/{loc}/opportunities/list
 *   /fake-app/router.js, /fake-app/api/view?path=...   (the page script and its data)
 *   /                                                 (an index of sample links, for people)
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fullName } from '../api-answers';
import { SAMPLE, SECOND } from '../seed';
import type { FakeState } from '../state';
import { appPath, parseAppPath } from './app-paths';
import { appShell } from './shell';
import { buildView } from './view-models';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    // Every load reads the state afresh; a cached page would hide changes.
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function indexPage(): string {
  const links: [string, string][] = [
    [
      `${SAMPLE.name}: ${fullName(SAMPLE.contacts.ada)}`,
      appPath.contact(SAMPLE.locationId, SAMPLE.contacts.ada.id),
    ],
    [`${SAMPLE.name}: contact list`, appPath.contactList(SAMPLE.locationId)],
    [
      `${SAMPLE.name}: contact list, 1,234 claimed selected`,
      `${appPath.contactList(SAMPLE.locationId)}?claimAll=1234`,
    ],
    [
      `${SAMPLE.name}: conversation with Ada`,
      appPath.conversation(SAMPLE.locationId, SAMPLE.conversations.ada.id),
    ],
    [`${SAMPLE.name}: opportunities`, appPath.opportunities(SAMPLE.locationId)],
    [`${SECOND.name}: contact list`, appPath.contactList(SECOND.locationId)],
  ];
  const items = links
    .map(([label, href]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake HighLevel</title></head>
<body><h1>Fake HighLevel</h1><ul>${items}</ul></body></html>`;
}

export class AppPages {
  private readonly routerScript = readFileSync(new URL('./router.js', import.meta.url), 'utf8');

  constructor(private readonly state: FakeState) {}

  handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'https://app.invalid');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return;
    }
    if (url.pathname === '/fake-app/router.js') {
      send(response, 200, 'text/javascript; charset=utf-8', this.routerScript);
    } else if (url.pathname === '/fake-app/api/view') {
      const view = buildView(this.state, request.headers.host, url.searchParams.get('path') ?? '/');
      send(response, 200, 'application/json; charset=utf-8', JSON.stringify(view));
    } else if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
    } else if (url.pathname === '/') {
      send(response, 200, 'text/html; charset=utf-8', indexPage());
    } else if (parseAppPath(url.pathname)) {
      send(response, 200, 'text/html; charset=utf-8', appShell());
    } else {
      send(
        response,
        404,
        'text/html; charset=utf-8',
        '<!doctype html><title>Not found</title><h1>Not found</h1>',
      );
    }
  }
}
