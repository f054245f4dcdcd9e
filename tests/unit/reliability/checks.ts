import type { FakeGhl, RecordedRequest } from '../../fake-ghl';
import { connection, LOCATION } from './paths';
import { isBulkCall, isTagCall, type Worker } from './world';

/**
 * Why a text shown to the user is not plain words (undefined when it is): no JSON or
 * markup, no stack trace, no raw error names, no status codes on their own, no token.
 */
export function notWords(text: string): string | undefined {
  if (text.trim().length < 8) return 'too short to say anything';
  if (/[{}[\]<>]/.test(text)) return 'looks like JSON or markup';
  if (/\n\s*at\s|\.[jt]sx?:\d+/.test(text)) return 'looks like a stack trace';
  if (/\b(TypeError|AbortError|TimeoutError|Error:|undefined|null|NaN)\b|\[object/.test(text))
    return 'raw error text';
  if (/\bstatus(Code)?\b|\bHTTP\b/i.test(text)) return 'a status code instead of words';
  if (/\bpit-|\bBearer\b/i.test(text)) return 'a token';
  if (!/[a-z]{3,}.*\s.*[a-z]{3,}/i.test(text)) return 'not a sentence';
  return undefined;
}

/** The fake's tag calls (single add/remove and bulk) as HighLevel received them. */
export function tagRequests(fake: FakeGhl): RecordedRequest[] {
  return fake.requests.filter((request) => isTagCall(request.method, request.path));
}

/** Whether a recorded tag call was about the contact. */
export function touches(request: RecordedRequest, contactId: string): boolean {
  if (isBulkCall(request.path)) {
    const contacts = (request.body as { contacts?: unknown } | undefined)?.contacts;
    return Array.isArray(contacts) && contacts.includes(contactId);
  }
  return request.path === `/contacts/${contactId}/tags`;
}

/**
 * The checks every cell ends with: nothing lost (the tag on every target), nothing applied
 * twice (one applied call per contact, the tag once in its list), the queue empty, the
 * connection fine, no contract violations, and every text shown in words.
 */
export async function endChecks(options: {
  fake: FakeGhl;
  worker: Worker;
  targets: readonly string[];
  tag: string;
  shown: Iterable<string>;
}): Promise<string[]> {
  const { fake, worker, targets, tag } = options;
  const problems: string[] = [];
  const calls = tagRequests(fake).filter((request) => request.applied);
  const missing: string[] = [];
  const doubled: string[] = [];
  const reapplied: string[] = [];
  for (const id of targets) {
    const tags = fake.state.getContact(id)?.tags ?? [];
    // Once, whatever the case: "VIP" beside "vip" is the same tag twice to the user.
    const count = tags.filter((candidate) => candidate.toLowerCase() === tag.toLowerCase()).length;
    if (count === 0) missing.push(id);
    if (count > 1) doubled.push(id);
    const applied = calls.filter((request) => touches(request, id)).length;
    if (applied !== 1) reapplied.push(`${id} (${applied})`);
  }
  if (missing.length > 0)
    problems.push(`lost: ${missing.length} of ${targets.length} contacts lack the tag`);
  if (doubled.length > 0) problems.push(`the tag is listed twice on ${doubled.join(', ')}`);
  if (reapplied.length > 0)
    problems.push(`applied calls per contact not exactly 1: ${reapplied.slice(0, 5).join(', ')}`);

  const entries = await worker.services.changes.queue.entries();
  if (entries.length > 0) problems.push(`${entries.length} entries left in the queue`);

  const view = await connection(worker);
  if (!view || view.refused || view.waiting !== 0) {
    problems.push(
      `connection ${LOCATION}: ${view ? `refused "${view.refused ?? ''}", ${view.waiting} waiting` : 'gone'}`,
    );
  }
  if (fake.violations.length > 0) {
    problems.push(`contract violations: ${fake.violations.map((v) => v.description).join('; ')}`);
  }
  for (const text of new Set(options.shown)) {
    const why = notWords(text);
    if (why) problems.push(`shown "${text}": ${why}`);
  }
  return problems;
}
