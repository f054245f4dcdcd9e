import { describe, expect, it } from 'vitest';
import { quickTagMenu, readMenuId } from '@/utils/menus/quick-tag-menu';

describe('quick-tag menu', () => {
  it('lists Add entries in order, a separator, a Remove submenu, then Edit tags...', () => {
    const entries = quickTagMenu('page', ['hot-lead', 'VIP & friends']);
    const parent = entries[0];
    expect(parent?.title).toBe('Contact tags');
    const children = entries.filter((entry) => entry.parentId === parent?.id);
    expect(children.map((entry) => entry.title ?? entry.type)).toEqual([
      "Add 'hot-lead'",
      "Add 'VIP && friends'",
      'separator',
      'Remove',
      'Edit tags...',
    ]);
    const removeMenu = children.find((entry) => entry.title === 'Remove');
    expect(
      entries.filter((entry) => entry.parentId === removeMenu?.id).map((entry) => entry.title),
    ).toEqual(["Remove 'hot-lead'", "Remove 'VIP && friends'"]);
  });

  it('entry ids carry the tag, not its position: reordering never changes what an id applies', () => {
    const before = quickTagMenu('link', ['a', 'b']);
    const after = quickTagMenu('link', ['b', 'a']);
    const idOf = (entries: typeof before, title: string) =>
      entries.find((entry) => entry.title === title)?.id ?? '';
    expect(idOf(before, "Add 'a'")).toBe(idOf(after, "Add 'a'"));
    expect(readMenuId(idOf(after, "Add 'a'"))).toEqual({ kind: 'quick-tag', op: 'add', tag: 'a' });
    expect(readMenuId(idOf(after, "Remove 'b'"))).toEqual({
      kind: 'quick-tag',
      op: 'remove',
      tag: 'b',
    });
  });

  it('round-trips tags with separators, unicode and emoji through the id', () => {
    for (const tag of ['a|b', 'ümlaut', '⭐ 5-star review', '100%']) {
      const entry = quickTagMenu('page', [tag]).find((candidate) =>
        candidate.title?.startsWith('Add'),
      );
      expect(readMenuId(entry?.id ?? '')).toEqual({ kind: 'quick-tag', op: 'add', tag });
    }
  });

  it('with no quick tags, only Edit tags...; foreign and malformed ids are not actions', () => {
    expect(quickTagMenu('page', []).map((entry) => entry.title)).toEqual([
      'Contact tags',
      'Edit tags...',
    ]);
    expect(readMenuId(quickTagMenu('page', [])[1]?.id ?? '')).toEqual({ kind: 'edit' });
    for (const id of [
      'other-extension|x',
      'contact-tags|page',
      'contact-tags|page|add',
      'contact-tags|page|drop|x',
      'contact-tags|page|add|%E0%A4%A',
      42,
    ]) {
      expect(readMenuId(id)).toBeUndefined();
    }
  });
});
