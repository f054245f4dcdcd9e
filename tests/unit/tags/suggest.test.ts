import { describe, expect, it } from 'vitest';
import { MAX_TAG_LENGTH } from '../../../utils/tags/rules';
import {
  createTagIndex,
  type MatchKind,
  type SuggestRequest,
  suggest,
  suggestTags,
} from '../../../utils/tags/suggest';

const LOCATION_TAGS = [
  'VIP',
  'lead',
  'Lead Magnet',
  'leader',
  'LEADS',
  'new-lead',
  'cold_lead',
  'hot lead 2024',
  'mislead',
  'customer',
  'Newsletter',
  '🔥 hot',
  'Ärger',
];

function request(overrides: Partial<SuggestRequest> = {}): SuggestRequest {
  return { query: '', contactTags: [], recentTags: [], limit: 50, ...overrides };
}

function tagsFor(overrides: Partial<SuggestRequest>, locationTags = LOCATION_TAGS): string[] {
  return suggestTags({ ...request(overrides), locationTags }).suggestions.map((s) => s.tag);
}

describe('suggest with an empty query', () => {
  it('lists recent tags in recency order, then the rest alphabetically', () => {
    const tags = tagsFor({ recentTags: ['customer', 'VIP', 'lead'] }, [
      'zebra',
      'VIP',
      'apple',
      'customer',
      'lead',
      'Mango',
    ]);
    expect(tags).toEqual(['customer', 'VIP', 'lead', 'apple', 'Mango', 'zebra']);
  });

  it('marks the recent ones', () => {
    const { suggestions } = suggestTags({
      ...request({ recentTags: ['lead'] }),
      locationTags: ['lead', 'apple'],
    });
    expect(suggestions).toEqual([
      { tag: 'lead', match: 'empty-query', recent: true },
      { tag: 'apple', match: 'empty-query', recent: false },
    ]);
  });

  it('stops at the limit', () => {
    expect(tagsFor({ limit: 2, recentTags: ['lead'] }, ['b', 'lead', 'c', 'a'])).toEqual([
      'lead',
      'a',
    ]);
    expect(tagsFor({ limit: 0 })).toEqual([]);
  });

  it("leaves out the contact's tags, whatever their case, recent or not", () => {
    const tags = tagsFor({ contactTags: ['vip', 'LEAD'], recentTags: ['lead', 'mislead'] });
    expect(tags[0]).toBe('mislead');
    expect(tags).not.toContain('VIP');
    expect(tags).not.toContain('lead');
    expect(tags).toHaveLength(LOCATION_TAGS.length - 2);
  });

  it('treats a whitespace-only query as empty, without complaining', () => {
    const result = suggestTags({ ...request({ query: '  \u00a0' }), locationTags: LOCATION_TAGS });
    expect(result.invalid).toBeUndefined();
    expect(result.create).toBeUndefined();
    expect(result.suggestions).toHaveLength(LOCATION_TAGS.length);
  });

  it('offers a recent tag the cached location list does not hold yet', () => {
    expect(tagsFor({ recentTags: ['just created'] }, ['apple'])).toEqual(['just created', 'apple']);
  });

  it('orders numbered tags naturally', () => {
    expect(tagsFor({}, ['week 10', 'week 2', 'week 1'])).toEqual(['week 1', 'week 2', 'week 10']);
  });
});

describe('suggest with a query', () => {
  it('ranks exact, then prefix, then word-start, then substring matches', () => {
    const { suggestions } = suggestTags({
      ...request({ query: 'lead' }),
      locationTags: LOCATION_TAGS,
    });
    expect(suggestions.map((s) => [s.tag, s.match])).toEqual([
      ['lead', 'exact'],
      // prefix: shorter first
      ['LEADS', 'prefix'],
      ['leader', 'prefix'],
      ['Lead Magnet', 'prefix'],
      ['new-lead', 'word-start'],
      ['cold_lead', 'word-start'],
      ['hot lead 2024', 'word-start'],
      ['mislead', 'substring'],
    ]);
  });

  it('puts recent tags first within a match group, then shorter, then alphabetical', () => {
    const tags = tagsFor({ query: 'lead', recentTags: ['Lead Magnet', 'hot lead 2024'] });
    expect(tags.slice(0, 5)).toEqual(['lead', 'Lead Magnet', 'LEADS', 'leader', 'hot lead 2024']);
    expect(tagsFor({ query: 'x' }, ['box', 'axe', 'fix'])).toEqual(['axe', 'box', 'fix']);
  });

  it('never lets a recent weak match beat a better match', () => {
    const tags = tagsFor({ query: 'lead', recentTags: ['mislead'] });
    expect(tags[0]).toBe('lead');
    expect(tags.at(-1)).toBe('mislead');
  });

  it('matches ignoring case and whitespace runs', () => {
    expect(tagsFor({ query: 'HOT   LEAD' })).toEqual(['hot lead 2024']);
    expect(tagsFor({ query: 'ärg' })).toEqual(['Ärger']);
  });

  it('treats emoji and punctuation as word boundaries', () => {
    const { suggestions } = suggestTags({
      ...request({ query: 'hot' }),
      locationTags: ['🔥hot', 'source:hot', 'shot', 'hot'],
    });
    expect(suggestions.map((s) => [s.tag, s.match])).toEqual([
      ['hot', 'exact'],
      ['🔥hot', 'word-start'],
      ['source:hot', 'word-start'],
      ['shot', 'substring'],
    ]);
  });

  it('finds an emoji query', () => {
    expect(tagsFor({ query: '🔥' })).toEqual(['🔥 hot']);
  });

  it('finds a word start after an earlier substring hit in the same tag', () => {
    const { suggestions } = suggestTags({
      ...request({ query: 'ad' }),
      locationTags: ['lead ads'],
    });
    expect(suggestions[0]?.match).toBe('word-start');
  });

  it("leaves out the contact's tags", () => {
    const tags = tagsFor({ query: 'lead', contactTags: ['LEAD', 'leads'] });
    expect(tags).not.toContain('lead');
    expect(tags).not.toContain('LEADS');
    expect(tags).toContain('leader');
  });

  it('returns nothing for a query nothing contains', () => {
    expect(tagsFor({ query: 'zzz' })).toEqual([]);
  });
});

describe('the "Create tag" option', () => {
  it('is offered for a new tag, tidied', () => {
    const result = suggestTags({
      ...request({ query: '  brand   new ' }),
      locationTags: LOCATION_TAGS,
    });
    expect(result.create).toEqual({ tag: 'brand new' });
  });

  it('is not offered when a tag equals the query exactly', () => {
    const result = suggestTags({ ...request({ query: 'VIP' }), locationTags: LOCATION_TAGS });
    expect(result.create).toBeUndefined();
    expect(result.suggestions[0]).toEqual({ tag: 'VIP', match: 'exact', recent: false });
  });

  it('notes a case variant, which is then the first suggestion ("vip" picks "VIP")', () => {
    const result = suggestTags({ ...request({ query: 'vip' }), locationTags: LOCATION_TAGS });
    expect(result.suggestions[0]?.tag).toBe('VIP');
    expect(result.create).toEqual({ tag: 'vip', caseVariantOf: 'VIP' });
  });

  it('names the best-ranked variant when several differ only by case', () => {
    const result = suggestTags({
      ...request({ query: 'vip', recentTags: ['Vip'] }),
      locationTags: ['VIP', 'Vip', 'VIP member'],
    });
    expect(result.suggestions.map((s) => s.tag)).toEqual(['Vip', 'VIP', 'VIP member']);
    expect(result.create?.caseVariantOf).toBe('Vip');
  });

  it('is not offered for a tag the contact already has, in any case', () => {
    const result = suggestTags({
      ...request({ query: 'vip', contactTags: ['VIP'] }),
      locationTags: LOCATION_TAGS,
    });
    expect(result.create).toBeUndefined();
    expect(result.alreadyOnContact).toBe('VIP');
  });

  it('is not offered for a recent tag the location list lacks', () => {
    const result = suggestTags({
      ...request({ query: 'just created', recentTags: ['just created'] }),
      locationTags: LOCATION_TAGS,
    });
    expect(result.create).toBeUndefined();
    expect(result.suggestions[0]).toEqual({ tag: 'just created', match: 'exact', recent: true });
  });

  it('gives way to the reason when the query cannot be a tag', () => {
    const withComma = suggestTags({
      ...request({ query: 'vip, lead' }),
      locationTags: LOCATION_TAGS,
    });
    expect(withComma.create).toBeUndefined();
    expect(withComma.invalid).toMatch(/comma/);

    const tooLong = suggestTags({
      ...request({ query: 'lead'.repeat(MAX_TAG_LENGTH) }),
      locationTags: LOCATION_TAGS,
    });
    expect(tooLong.create).toBeUndefined();
    expect(tooLong.invalid).toMatch(/at most/);
  });
});

describe('createTagIndex', () => {
  it('drops blank and exactly repeated tags, keeps case variants', () => {
    const index = createTagIndex(['VIP', 'VIP', '', '  ', 'vip']);
    expect(index.entries.map((entry) => entry.tag).sort()).toEqual(['VIP', 'vip']);
  });

  it('answers every keystroke like a fresh index would', () => {
    const index = createTagIndex(LOCATION_TAGS);
    for (const query of ['', 'l', 'le', 'lea', 'lead', 'leade', 'vip', '🔥', 'zz']) {
      const perKeystroke = request({ query, recentTags: ['mislead'], contactTags: ['customer'] });
      expect(suggest(index, perKeystroke)).toEqual(
        suggestTags({ ...perKeystroke, locationTags: LOCATION_TAGS }),
      );
    }
  });
});

describe('10,000 location tags', () => {
  const WORDS = ['lead', 'customer', 'vip', 'webinar', 'Follow-up', 'cold', 'Hot', 'no_show'];
  const manyTags = Array.from(
    { length: 10_000 },
    (_, n) => `${WORDS[n % WORDS.length]} ${WORDS[(n * 7 + 3) % WORDS.length]} ${n}`,
  );
  const index = createTagIndex(manyTags);
  const rank: Record<MatchKind, number> = {
    exact: 0,
    prefix: 1,
    'word-start': 2,
    substring: 3,
    'empty-query': 4,
  };

  it('returns the limit of matching tags, each containing the query, best groups first', () => {
    const { suggestions } = suggest(index, request({ query: 'UP', limit: 20 }));
    expect(suggestions).toHaveLength(20);
    for (const suggestion of suggestions) {
      expect(suggestion.tag.toLowerCase()).toContain('up');
    }
    const groups = suggestions.map((s) => rank[s.match]);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
  });

  it('finds every match when the limit allows', () => {
    const expected = manyTags.filter((tag) => tag.toLowerCase().includes('hot')).length;
    const { suggestions } = suggest(index, request({ query: 'hot', limit: 10_000 }));
    expect(suggestions).toHaveLength(expected);
    expect(new Set(suggestions.map((s) => s.tag)).size).toBe(expected);
  });

  it('puts the one exact match first, then the shortest prefixes', () => {
    const target = manyTags[9995] ?? '';
    const { suggestions, create } = suggest(
      index,
      request({ query: target.toUpperCase(), limit: 5 }),
    );
    expect(suggestions[0]).toEqual({ tag: target, match: 'exact', recent: false });
    expect(create).toEqual({ tag: target.toUpperCase(), caseVariantOf: target });

    const prefixes = suggest(index, request({ query: 'cold', limit: 30 })).suggestions;
    const lengths = prefixes.map((s) => s.tag.length);
    expect(prefixes.every((s) => s.match === 'prefix')).toBe(true);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });

  it('lifts a recent tag from deep in the list and skips the contact', () => {
    const deepest = manyTags.findLast((tag) => tag.startsWith('webinar')) ?? '';
    const first = manyTags.find((tag) => tag.startsWith('webinar')) ?? '';
    const { suggestions } = suggest(
      index,
      request({
        query: 'webinar',
        recentTags: [deepest],
        contactTags: [first.toUpperCase()],
        limit: 10_000,
      }),
    );
    expect(suggestions[0]).toEqual({ tag: deepest, match: 'prefix', recent: true });
    expect(suggestions.map((s) => s.tag)).not.toContain(first);
    expect(suggestions).toHaveLength(manyTags.filter((tag) => tag.includes('webinar')).length - 1);
  });

  it('lists recent then alphabetical on an empty query', () => {
    const recent = manyTags[9990] ?? '';
    const { suggestions } = suggest(index, request({ recentTags: [recent], limit: 4 }));
    expect(suggestions[0]?.tag).toBe(recent);
    const collator = new Intl.Collator(undefined, { numeric: true });
    const alphabetical = [...manyTags].sort(collator.compare).filter((tag) => tag !== recent);
    expect(suggestions.slice(1).map((s) => s.tag)).toEqual(alphabetical.slice(0, 3));
  });
});
