import { foldTag, normalizeTag } from '../tags/rules';

/** Enough for every menu and key binding; more would not fit a context menu usefully. */
export const MAX_QUICK_TAGS = 30;

export type QuickTagsCheck = { ok: true; tags: string[] } | { ok: false; reason: string };

/** Checks an ordered quick-tag list against the tag rules; a refused tag says why. */
export function checkQuickTags(raw: readonly string[]): QuickTagsCheck {
  if (raw.length > MAX_QUICK_TAGS) {
    return { ok: false, reason: `At most ${MAX_QUICK_TAGS} quick tags.` };
  }
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const text of raw) {
    const check = normalizeTag(text);
    if (!check.ok) return { ok: false, reason: `‘${text.trim()}’: ${check.reason}` };
    const key = foldTag(check.tag);
    if (seen.has(key)) return { ok: false, reason: `‘${check.tag}’ is already a quick tag.` };
    seen.add(key);
    tags.push(check.tag);
  }
  return { ok: true, tags };
}

/** The list that applies on a location's pages: its own, when it has one, else the shared one. */
export function quickTagsFor(
  settings: {
    quickTags: readonly string[];
    quickTagsByLocation: Readonly<Record<string, readonly string[]>>;
  },
  locationId: string | undefined,
): readonly string[] {
  return (locationId && settings.quickTagsByLocation[locationId]) || settings.quickTags;
}
