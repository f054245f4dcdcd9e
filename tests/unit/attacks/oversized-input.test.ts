/**
 * Oversized and hostile input to the pure functions behind the UI and the background: each
 * answers (no catastrophic backtracking or quadratic blow-up on a megabyte), and what it
 * quotes back to the user stays short.
 */
import { describe, expect, it } from 'vitest';
import { serverMessageOf } from '@/utils/api/errors';
import {
  MAX_QUOTED_LENGTH,
  MAX_REFUSED_LISTED,
  parseContactRefs,
} from '@/utils/detect/contact-refs';
import { readHighLevelUrl } from '@/utils/detect/paths';
import { parseRequest } from '@/utils/messages/protocol';
import { MAX_CONNECTION_LINES, parseConnectionLines } from '@/utils/settings/connection-lines';
import { readDomain } from '@/utils/settings/domains';
import { readSettingsFile, SETTINGS_FILE_FORMAT } from '@/utils/settings/transfer';
import { normalizeTag, splitTagList } from '@/utils/tags/rules';
import { createTagIndex, suggest } from '@/utils/tags/suggest';
import { SAMPLE } from '../../fake-ghl';

const MEGABYTE = 1_000_000;
const HTML = '<img src=x onerror="window.__xss=1">';

describe('a megabyte of input', () => {
  it('the paste box reader lists at most 50 refusals, each quoted short, and counts the rest', () => {
    const pieces = ['(((((((((((((', 'x'.repeat(5_000), HTML.replaceAll(' ', '_'), 'hello'];
    let text = '';
    for (let i = 0; text.length < MEGABYTE; i++) text += `${pieces[i % pieces.length]} `;
    const parsed = parseContactRefs(text, { locationId: SAMPLE.locationId });
    expect(parsed.refs).toEqual([]);
    expect(parsed.refused).toHaveLength(MAX_REFUSED_LISTED);
    expect(parsed.refusedCount).toBeGreaterThan(500);
    for (const item of parsed.refused)
      expect(item.input.length).toBeLessThanOrEqual(MAX_QUOTED_LENGTH);
    // One unbroken megabyte of brackets or of a URL-like run.
    for (const run of ['('.repeat(MEGABYTE), `https://a/${'v2/location/'.repeat(80_000)}`]) {
      const single = parseContactRefs(run);
      expect(single.refusedCount).toBe(1);
      expect(single.refused[0]?.input.length).toBeLessThanOrEqual(MAX_QUOTED_LENGTH);
    }
  });

  it('the paste box reader takes 50,000 links once each, the first spelling winning', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `Zz${String(i).padStart(18, '0')}`);
    const link = (id: string) =>
      `https://app.gohighlevel.com/v2/location/${SAMPLE.locationId}/contacts/detail/${id}`;
    const parsed = parseContactRefs([...ids.map(link), ...ids].join('\n'));
    expect(parsed.refs).toHaveLength(50_000);
    expect(parsed.refused).toEqual([]);
  });

  it('tag rules refuse a megabyte-long tag in one short sentence, and split a megabyte list', () => {
    const long = normalizeTag('y'.repeat(MEGABYTE));
    expect(long).toEqual({
      ok: false,
      reason: 'A tag can be at most 100 characters long; this one has 1000000.',
    });
    const list = Array.from({ length: 100_000 }, (_, i) => `tag-${i}`).join(', ');
    expect(list.length).toBeGreaterThan(MEGABYTE);
    const split = splitTagList(list);
    expect(split.tags).toHaveLength(100_000);
    expect(split.refused).toEqual([]);
    expect(normalizeTag(`${HTML}\u0000`)).toMatchObject({ ok: false });
  });

  it('suggestions over 100,000 tags answer a megabyte-long query with the reason it is no tag', () => {
    const index = createTagIndex(Array.from({ length: 100_000 }, (_, i) => `label-${i}`));
    const result = suggest(index, {
      query: 'label-'.repeat(MEGABYTE / 6),
      contactTags: [],
      recentTags: [],
      limit: 8,
    });
    expect(result.suggestions).toEqual([]);
    expect(result.invalid).toMatch(/at most 100 characters/);
  });

  it('a typed domain, a settings file and connection lines: refused with short reasons', () => {
    const domain = readDomain(`${HTML}${'a'.repeat(MEGABYTE)}`);
    expect(domain.ok).toBe(false);
    if (!domain.ok) expect(domain.reason.length).toBeLessThan(120);

    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const text of [
      'x'.repeat(3 * MEGABYTE),
      deep,
      JSON.stringify({ format: 'x'.repeat(MEGABYTE) }),
    ]) {
      const file = readSettingsFile(text);
      expect(file.ok).toBe(false);
      if (!file.ok) expect(file.reason.length).toBeLessThan(120);
    }
    const hostile = readSettingsFile(
      JSON.stringify({
        format: SETTINGS_FILE_FORMAT,
        version: 1,
        undoWindowSeconds: 3,
        quickTags: [],
        quickTagsByLocation: { [`${HTML}${'z'.repeat(100_000)}`]: [] },
        domains: [],
      }),
    );
    expect(hostile.ok).toBe(false);
    if (!hostile.ok) expect(hostile.reason.length).toBeLessThan(120);

    const lines = parseConnectionLines(
      Array.from({ length: 20_000 }, (_, i) => `${HTML} token-${i}`).join('\n'),
    );
    expect(lines.connections).toEqual([]);
    expect(lines.refused).toHaveLength(MAX_CONNECTION_LINES + 1);
  });

  it('server words are cut to 300 characters, and a megabyte URL or request is simply refused', () => {
    const message = serverMessageOf({ message: [`${HTML}${'m'.repeat(MEGABYTE)}`, HTML] });
    expect(message?.length).toBeLessThanOrEqual(300);
    expect(message?.startsWith(HTML)).toBe(true); // Text: rendering it is the UI's business.
    expect(
      readHighLevelUrl(`https://app.gohighlevel.com/v2/location/${'a'.repeat(MEGABYTE)}`),
    ).toEqual({
      kind: 'none',
    });
    expect(parseRequest({ type: 'page.contact', url: 'u'.repeat(MEGABYTE) })).toBeUndefined();
    expect(
      parseRequest({
        type: 'tags.change',
        locationId: SAMPLE.locationId,
        contactId: SAMPLE.contacts.ada.id,
        op: 'add',
        tags: Array.from({ length: 101 }, (_, i) => `t${i}`),
      }),
    ).toBeUndefined();
  });
});

describe('prototype pollution through messages', () => {
  it('an own "__proto__" key neither pollutes nor fills in a field', () => {
    const before = Object.getOwnPropertyNames(Object.prototype);
    const polluted = JSON.parse(
      '{"type":"settings.update","__proto__":{"undoWindowSeconds":0,"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    );
    const request = parseRequest(polluted);
    expect(request).toEqual({ type: 'settings.update' });
    expect(parseRequest(JSON.parse('{"__proto__":{"type":"settings.get"}}'))).toBeUndefined();
    expect(parseRequest(JSON.parse('{"type":"__proto__"}'))).toBeUndefined();
    expect(parseRequest(JSON.parse('{"type":"toString"}'))).toBeUndefined();
    expect(parseRequest(JSON.parse('{"type":"hasOwnProperty"}'))).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(before);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
