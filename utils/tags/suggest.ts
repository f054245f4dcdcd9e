import { foldTag, normalizeTag, tidyTagText } from './rules';

/** How a suggestion matched the typed text, best first; `empty-query` when nothing was typed. */
export type MatchKind = 'exact' | 'prefix' | 'word-start' | 'substring' | 'empty-query';

export type Suggestion = { tag: string; match: MatchKind; recent: boolean };

export type SuggestResult = {
  /** Best first; the first one is the highlighted option. */
  suggestions: Suggestion[];
  /** Offered when the typed text is a valid tag that no existing tag equals exactly. */
  create?: { tag: string; caseVariantOf?: string };
  /** The contact already has this tag (spelled as here, possibly in another case): nothing to add. */
  alreadyOnContact?: string;
  /** Why the typed text can't be a tag. */
  invalid?: string;
};

export type SuggestRequest = {
  query: string;
  contactTags: readonly string[];
  /** Most recent first. */
  recentTags: readonly string[];
  limit: number;
};

type IndexedTag = {
  readonly tag: string;
  readonly folded: string;
  readonly length: number;
  /** Position in the alphabetical order, so that ranking compares numbers, not strings. */
  readonly alphabeticalRank: number;
};

/** A location's tags folded and sorted once per tag list, so each keystroke only scans. */
export type TagIndex = {
  /** In alphabetical order. */
  readonly entries: readonly IndexedTag[];
  readonly byFolded: ReadonlyMap<string, readonly IndexedTag[]>;
  readonly spellings: ReadonlySet<string>;
};

const MATCH_ORDER: Record<MatchKind, number> = {
  exact: 0,
  prefix: 1,
  'word-start': 2,
  substring: 3,
  'empty-query': 4,
};

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;

/** Builds the index the UI keeps for a location's tag list (rebuild when the list changes). */
export function createTagIndex(locationTags: readonly string[]): TagIndex {
  // The user's locale, numeric so that "week 2" comes before "week 10".
  const collator = new Intl.Collator(undefined, { numeric: true });
  const sorted = [...new Set(locationTags)]
    .filter((tag) => tag.trim() !== '')
    .sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  const entries = sorted.map((tag, alphabeticalRank) => indexTag(tag, alphabeticalRank));
  const byFolded = new Map<string, IndexedTag[]>();
  for (const entry of entries) {
    const sameFold = byFolded.get(entry.folded);
    if (sameFold) sameFold.push(entry);
    else byFolded.set(entry.folded, [entry]);
  }
  return { entries, byFolded, spellings: new Set(sorted) };
}

/**
 * Ranks the index's tags for what is typed. Tags the contact has (in any case)
 * are left out. Empty query: recent tags in recency order, then the rest
 * alphabetically. Otherwise exact (ignoring case), prefix, word-start, then
 * substring matches; within each, recent first, then shorter, then alphabetical.
 */
export function suggest(index: TagIndex, request: SuggestRequest): SuggestResult {
  const limit = Math.max(0, Math.floor(request.limit));
  const onContact = new Set(request.contactTags.map(foldTag));
  const recentRanks = rankRecentTags(request.recentTags);
  const unindexedRecent = recentTagsMissingFrom(index, request.recentTags);
  const typed = tidyTagText(request.query);

  if (typed === '') {
    return { suggestions: listWithoutQuery(index, unindexedRecent, recentRanks, onContact, limit) };
  }

  const needle = foldTag(typed);
  const ranked: { entry: IndexedTag; match: MatchKind; recentRank: number }[] = [];
  for (const candidates of [index.entries, unindexedRecent]) {
    for (const entry of candidates) {
      if (onContact.has(entry.folded)) continue;
      const match = matchKind(entry.folded, needle);
      if (match === undefined) continue;
      ranked.push({ entry, match, recentRank: recentRanks.get(entry.folded) ?? Infinity });
    }
  }
  ranked.sort(
    (a, b) =>
      MATCH_ORDER[a.match] - MATCH_ORDER[b.match] ||
      a.recentRank - b.recentRank ||
      a.entry.length - b.entry.length ||
      a.entry.alphabeticalRank - b.entry.alphabeticalRank,
  );
  const suggestions = ranked.slice(0, limit).map(({ entry, match, recentRank }) => ({
    tag: entry.tag,
    match,
    recent: recentRank !== Infinity,
  }));

  const check = normalizeTag(typed);
  if (!check.ok) return { suggestions, invalid: check.reason };
  const contactSpelling = request.contactTags.find((tag) => foldTag(tag) === needle);
  if (contactSpelling !== undefined) return { suggestions, alreadyOnContact: contactSpelling };
  const exists =
    index.spellings.has(check.tag) || unindexedRecent.some((entry) => entry.tag === check.tag);
  if (exists) return { suggestions };
  const caseVariant = ranked[0]?.match === 'exact' ? ranked[0].entry.tag : undefined;
  return {
    suggestions,
    create:
      caseVariant === undefined
        ? { tag: check.tag }
        : { tag: check.tag, caseVariantOf: caseVariant },
  };
}

/** `suggest` over a tag list indexed on the spot: for one-off use; the UI keeps the index. */
export function suggestTags(
  request: SuggestRequest & { locationTags: readonly string[] },
): SuggestResult {
  return suggest(createTagIndex(request.locationTags), request);
}

function indexTag(tag: string, alphabeticalRank: number): IndexedTag {
  const folded = foldTag(tag);
  return { tag, folded, length: [...folded].length, alphabeticalRank };
}

function rankRecentTags(recentTags: readonly string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const tag of recentTags) {
    const folded = foldTag(tag);
    if (!ranks.has(folded)) ranks.set(folded, ranks.size);
  }
  return ranks;
}

/**
 * Recent tags the location's list does not hold yet (created since the list was
 * fetched) are still offered. They are ordered by recency before alphabetical
 * order could matter, so a rank past the index's end is enough.
 */
function recentTagsMissingFrom(index: TagIndex, recentTags: readonly string[]): IndexedTag[] {
  const missing: IndexedTag[] = [];
  const seen = new Set<string>();
  for (const tag of recentTags) {
    const entry = indexTag(tag, index.entries.length + missing.length);
    if (entry.folded === '' || index.byFolded.has(entry.folded) || seen.has(entry.folded)) continue;
    seen.add(entry.folded);
    missing.push(entry);
  }
  return missing;
}

function listWithoutQuery(
  index: TagIndex,
  unindexedRecent: readonly IndexedTag[],
  recentRanks: ReadonlyMap<string, number>,
  onContact: ReadonlySet<string>,
  limit: number,
): Suggestion[] {
  const recent: IndexedTag[] = [];
  for (const folded of recentRanks.keys()) {
    if (onContact.has(folded)) continue;
    const entries =
      index.byFolded.get(folded) ?? unindexedRecent.filter((e) => e.folded === folded);
    recent.push(...entries);
  }
  const suggestions = recent
    .slice(0, limit)
    .map((entry): Suggestion => ({ tag: entry.tag, match: 'empty-query', recent: true }));
  for (const entry of index.entries) {
    if (suggestions.length >= limit) break;
    if (recentRanks.has(entry.folded) || onContact.has(entry.folded)) continue;
    suggestions.push({ tag: entry.tag, match: 'empty-query', recent: false });
  }
  return suggestions;
}

function matchKind(folded: string, needle: string): MatchKind | undefined {
  if (folded === needle) return 'exact';
  let at = folded.indexOf(needle);
  if (at === -1) return undefined;
  if (at === 0) return 'prefix';
  while (at !== -1) {
    if (startsWord(folded, at)) return 'word-start';
    at = folded.indexOf(needle, at + 1);
  }
  return 'substring';
}

/**
 * A word starts after anything that is not a letter, mark or digit: the space,
 * hyphen and underscore of "new-lead_2024 vip", but also "source:ads" or "#vip".
 */
function startsWord(text: string, at: number): boolean {
  return !WORD_CHARACTER.test(text.charAt(at - 1));
}
