/** What a user typed or pasted as one tag, checked: the clean tag, or why it can't be one. */
export type TagCheck = { ok: true; tag: string } | { ok: false; reason: string };

/** A piece of user input that was not accepted, with the reason to show beside it. */
export type RefusedInput = { input: string; reason: string };

/**
 * Longest tag accepted, in code points (not UTF-16 units, so an emoji counts
 * as one, not two). A tag is a label for automations and smart lists, not
 * text: HighLevel's own tag chips truncate long names, so anything near this
 * limit is already unreadable there. Code points rather than grapheme
 * clusters because the count then never depends on the browser's Unicode
 * version, and it also bounds the size of what is sent; after NFC an accented
 * letter is one code point, so only emoji sequences count as several.
 */
export const MAX_TAG_LENGTH = 100;

/** Tags in one change (one API call); a longer pasted list is refused, to paste in parts. */
export const MAX_TAGS_PER_CHANGE = 100;

export function tooManyTags(count: number): string {
  return `At most ${MAX_TAGS_PER_CHANGE} tags at once: this has ${count.toLocaleString('en')}. Paste them in parts.`;
}

// Unicode White_Space plus the byte-order mark, which pastes from files carry.
const WHITESPACE_RUN = /[\p{White_Space}\uFEFF]+/gu;
// Control characters (Cc) and lone surrogates (Cs in a `u` regex): invisible or
// broken characters that would make a tag that looks like another one.
const CONTROL_OR_BROKEN = /[\p{Cc}\p{Cs}]/u;
/**
 * A pasted list splits at commas (HighLevel's own UI and CSV import separate
 * tags with commas), line breaks (a column copied from a spreadsheet) and tabs
 * (a row copied from a spreadsheet); none of them can be part of a tag.
 * Semicolons do not split: they are ordinary characters in a tag name.
 */
const LIST_SEPARATORS = /[,\t\n\r\v\f\u0085\u2028\u2029]/;

/** Whether pasted text is a list of tags (it holds a separator) rather than one tag. */
export function hasListSeparator(text: string): boolean {
  return LIST_SEPARATORS.test(text);
}

/** NFC-normalizes, collapses whitespace runs to one space and trims; checks nothing. */
export function tidyTagText(raw: string): string {
  return raw.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/** Tidies `raw` (see `tidyTagText`) and checks the rules for a tag. */
export function normalizeTag(raw: string): TagCheck {
  const tag = tidyTagText(raw);
  if (tag === '') {
    return { ok: false, reason: "A tag can't be empty." };
  }
  if (tag.includes(',')) {
    return {
      ok: false,
      reason:
        "A tag can't contain a comma: type one tag at a time, or paste a list to add several.",
    };
  }
  if (CONTROL_OR_BROKEN.test(tag)) {
    return { ok: false, reason: "A tag can't contain invisible control characters." };
  }
  const length = countCodePoints(tag);
  if (length > MAX_TAG_LENGTH) {
    return {
      ok: false,
      reason: `A tag can be at most ${MAX_TAG_LENGTH} characters long; this one has ${length}.`,
    };
  }
  return { ok: true, tag };
}

/**
 * Splits a pasted list such as `a, b, c` into tags. Empty pieces (`a,,b`) are
 * skipped silently; repeats are dropped case-insensitively, keeping the first
 * spelling; pieces that break a rule are returned with the reason.
 */
export function splitTagList(raw: string): { tags: string[]; refused: RefusedInput[] } {
  const tags: string[] = [];
  const refused: RefusedInput[] = [];
  const seen = new Set<string>();
  for (const piece of raw.split(LIST_SEPARATORS)) {
    const check = normalizeTag(piece);
    if (check.ok) {
      const key = foldTag(check.tag);
      if (!seen.has(key)) {
        seen.add(key);
        tags.push(check.tag);
      }
    } else if (piece.replace(WHITESPACE_RUN, '') !== '') {
      refused.push({ input: piece.trim(), reason: check.reason });
    }
  }
  return { tags, refused };
}

/** What a pasted list left out, and why, in words (one sentence per piece). */
export function describeLeftOut(refused: readonly RefusedInput[]): string {
  return refused.map((item) => `‘${item.input}’ was left out: ${item.reason}`).join(' ');
}

/**
 * Checks tags typed or picked to join `present` ones: the clean tags that are new (repeats
 * dropped ignoring case, first spelling kept), or the first rule broken, so nothing changes.
 */
export function newTags(
  raw: readonly string[],
  present: readonly string[],
): { ok: true; tags: string[] } | { ok: false; reason: string } {
  const seen = new Set(present.map(foldTag));
  const tags: string[] = [];
  for (const text of raw) {
    const check = normalizeTag(text);
    if (!check.ok) return check;
    const key = foldTag(check.tag);
    if (!seen.has(key)) {
      seen.add(key);
      tags.push(check.tag);
    }
  }
  return { ok: true, tags };
}

/**
 * The key under which tags compare case-insensitively. `toLowerCase` is
 * locale-independent (unlike `toLocaleLowerCase`) and is also what a server
 * that lowercases tags does, so two tags that fold alike are the ones it
 * would merge. NFC first, so a decomposed "é" equals a composed one.
 */
export function foldTag(tag: string): string {
  return tag.normalize('NFC').toLowerCase();
}

/** Whether two tags are the same ignoring case. */
export function sameTag(a: string, b: string): boolean {
  return a === b || foldTag(a) === foldTag(b);
}

/** An existing tag that differs from `tag` only by case (or Unicode normalization), if any. */
export function findCaseVariant(tag: string, existing: readonly string[]): string | undefined {
  const key = foldTag(tag);
  return existing.find((candidate) => candidate !== tag && foldTag(candidate) === key);
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
