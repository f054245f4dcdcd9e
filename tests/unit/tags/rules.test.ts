import { describe, expect, it } from 'vitest';
import {
  findCaseVariant,
  foldTag,
  hasListSeparator,
  MAX_TAG_LENGTH,
  newTags,
  normalizeTag,
  sameTag,
  splitTagList,
  type TagCheck,
} from '../../../utils/tags/rules';

function acceptedTag(check: TagCheck): string {
  if (!check.ok) throw new Error(`expected a tag, got refusal: ${check.reason}`);
  return check.tag;
}

function refusal(check: TagCheck): string {
  if (check.ok) throw new Error(`expected a refusal, got tag "${check.tag}"`);
  return check.reason;
}

describe('normalizeTag', () => {
  it('keeps an ordinary tag as typed, case included', () => {
    expect(normalizeTag('VIP')).toEqual({ ok: true, tag: 'VIP' });
    expect(normalizeTag('new lead - facebook')).toEqual({ ok: true, tag: 'new lead - facebook' });
  });

  it('trims and collapses ASCII and Unicode whitespace', () => {
    expect(acceptedTag(normalizeTag('  hot   lead \t'))).toBe('hot lead');
    // no-break space, ideographic space, em space, byte-order mark, line separator
    expect(acceptedTag(normalizeTag('\u00a0hot\u3000\u2003lead\ufeff\u2028'))).toBe('hot lead');
    expect(acceptedTag(normalizeTag('hot\nlead'))).toBe('hot lead');
  });

  it('keeps emoji, joined emoji and non-Latin scripts intact', () => {
    expect(acceptedTag(normalizeTag(' 🔥 hot '))).toBe('🔥 hot');
    expect(acceptedTag(normalizeTag('👨‍👩‍👧 family'))).toBe('👨‍👩‍👧 family');
    expect(acceptedTag(normalizeTag('клиент VIP'))).toBe('клиент VIP');
    expect(acceptedTag(normalizeTag('顧客'))).toBe('顧客');
  });

  it('composes decomposed accents, so the same word is the same tag', () => {
    const decomposed = 'cafe\u0301';
    expect(acceptedTag(normalizeTag(decomposed))).toBe('caf\u00e9');
  });

  it('refuses empty and whitespace-only input', () => {
    expect(refusal(normalizeTag(''))).toBe("A tag can't be empty.");
    expect(refusal(normalizeTag(' \t\n\u00a0\u3000'))).toBe("A tag can't be empty.");
  });

  it('refuses a comma and points at pasting a list', () => {
    const reason = refusal(normalizeTag('vip, lead'));
    expect(reason).toMatch(/comma/);
    expect(reason).toMatch(/paste a list/);
  });

  it('accepts commas of other scripts, which HighLevel does not split on', () => {
    expect(acceptedTag(normalizeTag('東京、大阪'))).toBe('東京、大阪');
  });

  it('refuses control characters and broken surrogates', () => {
    expect(refusal(normalizeTag('vip\u0000'))).toMatch(/control characters/);
    expect(refusal(normalizeTag('bell\u0007'))).toMatch(/control characters/);
    expect(refusal(normalizeTag('del\u007f'))).toMatch(/control characters/);
    expect(refusal(normalizeTag('half \ud83d emoji'))).toMatch(/control characters/);
  });

  it(`accepts ${MAX_TAG_LENGTH} characters and refuses one more, saying how many`, () => {
    expect(acceptedTag(normalizeTag('a'.repeat(MAX_TAG_LENGTH)))).toHaveLength(MAX_TAG_LENGTH);
    const reason = refusal(normalizeTag('a'.repeat(MAX_TAG_LENGTH + 1)));
    expect(reason).toContain(String(MAX_TAG_LENGTH));
    expect(reason).toContain(String(MAX_TAG_LENGTH + 1));
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    const emoji = '🔥'.repeat(MAX_TAG_LENGTH);
    expect(emoji.length).toBe(MAX_TAG_LENGTH * 2);
    expect(normalizeTag(emoji).ok).toBe(true);
    expect(normalizeTag(`${emoji}🔥`).ok).toBe(false);
  });

  it('measures length after trimming and collapsing whitespace', () => {
    const padded = `   ${'a'.repeat(MAX_TAG_LENGTH - 2)}      b   `;
    expect(acceptedTag(normalizeTag(padded))).toHaveLength(MAX_TAG_LENGTH);
  });
});

describe('hasListSeparator', () => {
  it('says a paste is a list exactly when splitTagList would split it', () => {
    for (const list of [
      'a,b',
      'a\tb',
      'a\nb',
      'a\rb',
      'a\vb',
      'a\fb',
      'a\u0085b',
      'a\u2028b',
      'a\u2029b',
    ]) {
      expect(hasListSeparator(list), JSON.stringify(list)).toBe(true);
      expect(splitTagList(list).tags).toEqual(['a', 'b']);
    }
    for (const single of ['hot lead', 'Q3; follow up', 'a\u00a0b', '']) {
      expect(hasListSeparator(single), JSON.stringify(single)).toBe(false);
    }
  });
});

describe('splitTagList', () => {
  it('splits a pasted comma list into tags', () => {
    expect(splitTagList('a, b, c')).toEqual({ tags: ['a', 'b', 'c'], refused: [] });
  });

  it('splits at line breaks and tabs from a spreadsheet, but not at semicolons', () => {
    expect(splitTagList('hot lead\r\ncold lead\nwarm\tnew').tags).toEqual([
      'hot lead',
      'cold lead',
      'warm',
      'new',
    ]);
    expect(splitTagList('Q3; follow up').tags).toEqual(['Q3; follow up']);
  });

  it('skips empty pieces silently', () => {
    expect(splitTagList('a,,b, ,\n\n,')).toEqual({ tags: ['a', 'b'], refused: [] });
    expect(splitTagList('')).toEqual({ tags: [], refused: [] });
  });

  it('drops repeats ignoring case and keeps the first spelling', () => {
    expect(splitTagList('VIP, vip, Lead, LEAD, vip ').tags).toEqual(['VIP', 'Lead']);
    expect(splitTagList('Ärger, ärger, ÄRGER').tags).toEqual(['Ärger']);
    expect(splitTagList('café, cafe\u0301').tags).toEqual(['café']);
  });

  it('refuses bad pieces with a reason and keeps the good ones', () => {
    const long = 'x'.repeat(MAX_TAG_LENGTH + 5);
    const result = splitTagList(`ok, ${long}, bad\u0007tag, 🔥`);
    expect(result.tags).toEqual(['ok', '🔥']);
    expect(result.refused.map((item) => item.input)).toEqual([long, 'bad\u0007tag']);
    expect(result.refused[0]?.reason).toMatch(/at most/);
    expect(result.refused[1]?.reason).toMatch(/control/);
  });
});

describe('newTags', () => {
  it('keeps only tags that are new, ignoring case, in the order given, tidied', () => {
    expect(newTags(['  VIP ', 'lead', 'Lead', 'newsletter'], ['vip', 'Newsletter'])).toEqual({
      ok: true,
      tags: ['lead'],
    });
  });

  it('refuses the whole list, in words, when one piece breaks a rule', () => {
    const answer = newTags(['ok', 'a,b', 'fine'], []);
    expect(answer.ok).toBe(false);
    expect(answer).toMatchObject({ reason: expect.stringContaining("can't contain a comma") });
  });

  it('treats a decomposed accent in another case as the same tag', () => {
    expect(newTags(['café'], ['CAFE\u0301'])).toEqual({
      ok: true,
      tags: [],
    });
  });
});

describe('sameTag and foldTag', () => {
  it('compares ignoring case, across scripts', () => {
    expect(sameTag('VIP', 'vip')).toBe(true);
    expect(sameTag('ÉTÉ', 'été')).toBe(true);
    expect(sameTag('КЛИЕНТ', 'клиент')).toBe(true);
    expect(sameTag('ΟΔΟΣ', 'οδος')).toBe(true);
  });

  it('treats composed and decomposed accents as the same tag', () => {
    expect(sameTag('caf\u00e9', 'cafe\u0301')).toBe(true);
    expect(foldTag('CAFE\u0301')).toBe('caf\u00e9');
  });

  it('tells different tags apart', () => {
    expect(sameTag('vip', 'vip2')).toBe(false);
    expect(sameTag('cafe', 'café')).toBe(false);
    expect(sameTag('🔥', '🔥🔥')).toBe(false);
    // Lowercasing does not fold ß into ss: a server that lowercases keeps them apart too.
    expect(sameTag('STRASSE', 'straße')).toBe(false);
  });

  it('does not depend on a Turkish or other locale', () => {
    expect(foldTag('TITLE')).toBe('title');
    expect(foldTag('İstanbul')).toBe('i\u0307stanbul');
  });

  it('folds emoji to themselves', () => {
    expect(sameTag('🔥 HOT', '🔥 hot')).toBe(true);
  });
});

describe('findCaseVariant', () => {
  const existing = ['VIP', 'Lead', 'Ärger', '🔥 Hot'];

  it('finds the existing tag that differs only by case', () => {
    expect(findCaseVariant('vip', existing)).toBe('VIP');
    expect(findCaseVariant('ärger', existing)).toBe('Ärger');
    expect(findCaseVariant('🔥 HOT', existing)).toBe('🔥 Hot');
  });

  it('finds nothing when the tag exists as typed or not at all', () => {
    expect(findCaseVariant('VIP', ['VIP'])).toBeUndefined();
    expect(findCaseVariant('vip2', existing)).toBeUndefined();
    expect(findCaseVariant('vip', [])).toBeUndefined();
  });

  it('still names a case variant when the exact spelling also exists', () => {
    expect(findCaseVariant('vip', ['vip', 'VIP'])).toBe('VIP');
  });
});
