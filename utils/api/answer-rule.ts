import { sameTag } from '../tags/rules';
import type { TagOp } from './client';

/**
 * Reads an add/remove answer, which HighLevel documents only as `{"tags": [...]}`:
 * it may be the contact's whole list or only the tags just changed (ghl-api/README.md).
 * An answer holding only tags of the request is the changed tags, merged into (or taken
 * out of) the known list; any other answer is the whole list. Tags compare
 * case-insensitively, because the service may lowercase what it stores.
 *
 * Returns the contact's tags as now known, or undefined when they cannot be known
 * (a changed-only answer with no list to merge it into).
 */
export function applyTagAnswer(
  op: TagOp,
  requested: readonly string[],
  answer: readonly string[],
  known: readonly string[] | undefined,
): string[] | undefined {
  const onlyRequested = answer.every((tag) => requested.some((asked) => sameTag(asked, tag)));
  if (!onlyRequested) return [...answer];
  if (known === undefined) return undefined;
  const withoutChanged = known.filter((tag) => !answer.some((changed) => sameTag(changed, tag)));
  if (op === 'remove') {
    // A remove answer of only requested tags lists the removed ones, or is a whole list that
    // happens to hold nothing else; either way none of the requested tags remain.
    return withoutChanged.filter((tag) => !requested.some((asked) => sameTag(asked, tag)));
  }
  return [...withoutChanged, ...answer];
}
