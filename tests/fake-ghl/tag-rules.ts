/**
 * How the fake treats tag names. The real rules are partly undocumented (ghl-api/README.md,
 * "Tags"); these are the fake's choices, in one place:
 * - names are trimmed; an empty `tags` array is a 400, an empty or whitespace-only name a 422;
 * - a name longer than 255 characters (counted in code points) is a 422;
 * - commas are kept as part of the name (the API does not split them; the app's UI does);
 * - comparison is exact (case-sensitive, as the seed document says) unless the
 *   `lowercaseTags` switch is on: then new names are stored lowercased and every comparison
 *   ignores case, so tags seeded in mixed case still match.
 */

export const MAX_TAG_LENGTH = 255;

export function sameTag(left: string, right: string, ignoreCase: boolean): boolean {
  return ignoreCase ? left.toLowerCase() === right.toLowerCase() : left === right;
}

function includesTag(list: readonly string[], tag: string, ignoreCase: boolean): boolean {
  return list.some((item) => sameTag(item, tag, ignoreCase));
}

/** Trims, lowercases when asked, and drops repeats, keeping the first spelling. */
export function normalizeTags(tags: readonly string[], lowercase: boolean): string[] {
  const normalized: string[] = [];
  for (const raw of tags) {
    const tag = lowercase ? raw.trim().toLowerCase() : raw.trim();
    if (!includesTag(normalized, tag, lowercase)) normalized.push(tag);
  }
  return normalized;
}

export type TagListProblem = { status: 400; message: string } | { status: 422; messages: string[] };

/** Why a requested list of tags is refused, or undefined when it is acceptable. */
export function tagListProblem(tags: readonly string[]): TagListProblem | undefined {
  if (tags.length === 0) return { status: 400, message: 'tags should not be empty' };
  const messages: string[] = [];
  if (tags.some((tag) => tag.trim() === ''))
    messages.push('each value in tags should not be empty');
  if (tags.some((tag) => [...tag].length > MAX_TAG_LENGTH)) {
    messages.push(
      `each value in tags must be shorter than or equal to ${MAX_TAG_LENGTH} characters`,
    );
  }
  return messages.length > 0 ? { status: 422, messages } : undefined;
}

export interface TagChange {
  /** The contact's tags after the change. */
  readonly after: string[];
  /** The tags that actually changed (added ones not already there, removed ones that were there). */
  readonly changed: string[];
}

export function withTagsAdded(
  current: readonly string[],
  adding: readonly string[],
  ignoreCase: boolean,
): TagChange {
  const changed = adding.filter((tag) => !includesTag(current, tag, ignoreCase));
  return { after: [...current, ...changed], changed };
}

export function withTagsRemoved(
  current: readonly string[],
  removing: readonly string[],
  ignoreCase: boolean,
): TagChange {
  const changed = current.filter((tag) => includesTag(removing, tag, ignoreCase));
  const after = current.filter((tag) => !includesTag(removing, tag, ignoreCase));
  return { after, changed };
}
