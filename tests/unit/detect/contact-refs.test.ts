import { describe, expect, it } from 'vitest';
import {
  MAX_QUOTED_LENGTH,
  MAX_REFUSED_LISTED,
  parseContactRefs,
} from '../../../utils/detect/contact-refs';

const LOC = 'ocQHyuzHvysMo5N5VsXc';
const OTHER_LOC = 'Zq7Wn3Kd9Lp2Xv5Tb8Ms';
const TAB_LOC = 'Hb6Fg2Jk4Lm8Np1Qr3St';
const A = 'Rk3pT9wQ2LmN8vB1xZ7a';
const B = 'pL5mK8nJ2hG4fD6sA9qW';
const C = 'xC3vB7nM1qW5eR9tY2uI';
const contactLink = (loc: string, id: string) =>
  `https://app.gohighlevel.com/v2/location/${loc}/contacts/detail/${id}`;

describe('parseContactRefs: what it accepts', () => {
  it('reads one bare ID, with the caller’s location', () => {
    expect(parseContactRefs(A, { locationId: TAB_LOC })).toEqual({
      refs: [{ contactId: A, locationId: TAB_LOC, source: A }],
      refused: [],
      refusedCount: 0,
    });
  });

  it('leaves the location out of a bare ID when the caller has none', () => {
    const { refs } = parseContactRefs(` ${A}\n`);
    expect(refs).toEqual([{ contactId: A, source: A }]);
    expect(refs[0]).not.toHaveProperty('locationId');
  });

  it('reduces an address-bar URL to its location and contact', () => {
    const url = `${contactLink(LOC, A)}?view=note#activity`;
    expect(parseContactRefs(url, { locationId: TAB_LOC }).refs).toEqual([
      { contactId: A, locationId: LOC, source: url },
    ]);
  });

  it('accepts links without the scheme, bare paths, old paths and white-label hosts', () => {
    const pasted = [
      `app.myagency.com/v2/location/${LOC}/contacts/detail/${A}`,
      `/v2/location/${OTHER_LOC}/contacts/detail/${B}`,
      `http://crm.example.org/location/${LOC}/contacts/detail/${C}/`,
    ].join('\n');
    expect(parseContactRefs(pasted).refs.map((r) => [r.contactId, r.locationId])).toEqual([
      [A, LOC],
      [B, OTHER_LOC],
      [C, LOC],
    ]);
  });

  it.each([
    ['newlines', `${A}\n${B}\r\n${C}`],
    ['commas', `${A},${B}, ${C}`],
    ['spaces', `${A} ${B}  ${C}`],
    ['tabs', `${A}\t${B}\t${C}`],
    ['semicolons', `${A};${B};${C}`],
    ['a mix, with blank lines', `\n\n${A},\t${B}\n\n ;${C},,\n`],
  ])('splits a list separated by %s', (_label, pasted) => {
    expect(parseContactRefs(pasted).refs.map((r) => r.contactId)).toEqual([A, B, C]);
  });

  it('unwraps quotes, angle brackets and a full stop after a link', () => {
    const pasted = `"${A}" <${contactLink(LOC, B)}> see ${contactLink(LOC, C)}.`;
    const { refs } = parseContactRefs(pasted);
    expect(refs.map((r) => r.contactId)).toEqual([A, B, C]);
  });

  it('merges repeats of a contact, keeping the first and filling in a location', () => {
    const pasted = `${A}\n${contactLink(LOC, A)}\n${B}\n${B}\n${contactLink(OTHER_LOC, A)}`;
    expect(parseContactRefs(pasted).refs).toEqual([
      { contactId: A, locationId: LOC, source: A },
      { contactId: B, source: B },
    ]);
  });

  it('does not merge IDs that differ only by case (IDs are case-sensitive)', () => {
    expect(parseContactRefs(`${A} ${A.toLowerCase()}`).refs).toHaveLength(2);
  });

  it('returns nothing for an empty or blank paste', () => {
    for (const pasted of ['', ' \n\t ', ',,;']) {
      expect(parseContactRefs(pasted)).toEqual({ refs: [], refused: [], refusedCount: 0 });
    }
  });
});

describe('parseContactRefs: what it refuses, and why', () => {
  const base = `https://app.gohighlevel.com/v2/location/${LOC}`;

  it.each([
    [`${base}/conversations/conversations/${B}`, 'a link to a conversation, not a contact'],
    [`${base}/opportunities/list`, 'a link to an opportunity, not a contact'],
    [`${base}/contacts/smart_list/All`, 'a link to a contact list, not a contact'],
    [`${base}/dashboard`, 'a link to a HighLevel page that is not a contact'],
    ['https://www.google.com/search?q=contacts', 'not a contact ID or contact link'],
    ['hello', 'not a contact ID or contact link'],
    ['jane.doe@example.com', 'not a contact ID or contact link'],
    ['+1-555-0100', 'not a contact ID or contact link'],
    ['🔥🔥🔥', 'not a contact ID or contact link'],
    [`${base}/contacts/detail/tooShort`, 'not a contact ID or contact link'],
  ])('%s', (input, reason) => {
    expect(parseContactRefs(input)).toEqual({
      refs: [],
      refused: [{ input, reason }],
      refusedCount: 1,
    });
  });

  it('says how long a cut-off or overlong ID is', () => {
    const { refused } = parseContactRefs(`${A.slice(0, 19)} ${A}7`);
    expect(refused.map((r) => r.reason)).toEqual([
      'not a contact ID: contact IDs are 20 letters and digits, this has 19',
      'not a contact ID: contact IDs are 20 letters and digits, this has 21',
    ]);
  });

  it('keeps the good pieces of a mixed paste, in order', () => {
    const { refs, refused } = parseContactRefs(`${A}\njunk\n${contactLink(LOC, B)}\n???`);
    expect(refs.map((r) => r.contactId)).toEqual([A, B]);
    expect(refused.map((r) => r.input)).toEqual(['junk', '???']);
  });

  it('quotes a huge refused piece shortened', () => {
    const huge = 'x'.repeat(10_000);
    const [item] = parseContactRefs(`${huge}-`).refused;
    expect(item?.input.length).toBe(MAX_QUOTED_LENGTH);
    expect(item?.input.endsWith('…')).toBe(true);
  });

  it('shortens a quoted piece without splitting an emoji', () => {
    const [item] = parseContactRefs('🔥'.repeat(MAX_QUOTED_LENGTH)).refused;
    expect(item?.input.isWellFormed()).toBe(true);
    expect(item?.input.length).toBeLessThanOrEqual(MAX_QUOTED_LENGTH);
  });
});

describe('parseContactRefs on a 1 MB paste', () => {
  it('reads tens of thousands of IDs and merges repeats', () => {
    const ids = Array.from({ length: 25_000 }, (_, n) => `C${String(n).padStart(19, '0')}`);
    const pasted = [...ids, ...ids.slice(0, 1000)].join('\n');
    expect(pasted.length).toBeGreaterThan(500_000);
    const { refs, refusedCount } = parseContactRefs(pasted);
    expect(refs).toHaveLength(ids.length);
    expect(refs.at(-1)?.contactId).toBe(ids.at(-1));
    expect(refusedCount).toBe(0);
  });

  it(`lists the first ${MAX_REFUSED_LISTED} refusals and counts the rest`, () => {
    const junk = Array.from({ length: 100_000 }, (_, n) => `junk${n}`);
    const pasted = junk.join(', ');
    expect(pasted.length).toBeGreaterThan(1_000_000);
    const { refs, refused, refusedCount } = parseContactRefs(`${pasted}, ${A}`);
    expect(refs.map((r) => r.contactId)).toEqual([A]);
    expect(refused).toHaveLength(MAX_REFUSED_LISTED);
    expect(refused[0]?.input).toBe('junk0');
    expect(refusedCount).toBe(junk.length);
  });

  it('survives one unbroken megabyte of brackets and letters', () => {
    const pasted = `${'('.repeat(500_000)}a${')'.repeat(500_000)}b`;
    const { refs, refusedCount } = parseContactRefs(pasted);
    expect(refs).toEqual([]);
    expect(refusedCount).toBe(1);
  });
});
