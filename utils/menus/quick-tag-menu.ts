import type { TagOp } from '../api/client';

/**
 * The context menu of quick tags (SPEC.md, UI contract): a parent "Contact tags" with
 * "Add '{tag}'" per quick tag in the user's order, a separator, a "Remove" submenu, then
 * "Edit tags...". Entry ids carry the tag, not its position, so a list edited between the
 * menu opening and the click can never apply the wrong tag.
 */

export interface MenuEntry {
  id: string;
  parentId?: string;
  title?: string;
  type?: 'normal' | 'separator';
}

export type MenuAction = { kind: 'quick-tag'; op: TagOp; tag: string } | { kind: 'edit' };

/** Where the menu hangs: page and selection clicks on HighLevel pages, or contact links anywhere. */
export type MenuPlace = 'page' | 'link';

const SEPARATOR = '|';

function parentId(place: MenuPlace): string {
  return `contact-tags${SEPARATOR}${place}`;
}

function entryId(place: MenuPlace, action: MenuAction): string {
  const key =
    action.kind === 'edit' ? 'edit' : `${action.op}${SEPARATOR}${encodeURIComponent(action.tag)}`;
  return `${parentId(place)}${SEPARATOR}${key}`;
}

/** The entries under one parent, in the order the UI contract gives. */
export function quickTagMenu(place: MenuPlace, quickTags: readonly string[]): MenuEntry[] {
  const parent = parentId(place);
  const entries: MenuEntry[] = [{ id: parent, title: 'Contact tags' }];
  for (const tag of quickTags) {
    entries.push({
      id: entryId(place, { kind: 'quick-tag', op: 'add', tag }),
      parentId: parent,
      title: `Add '${menuText(tag)}'`,
    });
  }
  if (quickTags.length > 0) {
    entries.push({ id: `${parent}${SEPARATOR}separator`, parentId: parent, type: 'separator' });
    const removeMenu = `${parent}${SEPARATOR}remove-menu`;
    entries.push({ id: removeMenu, parentId: parent, title: 'Remove' });
    for (const tag of quickTags) {
      entries.push({
        id: entryId(place, { kind: 'quick-tag', op: 'remove', tag }),
        parentId: removeMenu,
        title: `Remove '${menuText(tag)}'`,
      });
    }
  }
  entries.push({ id: entryId(place, { kind: 'edit' }), parentId: parent, title: 'Edit tags...' });
  return entries;
}

/** What a clicked entry asks for; undefined for ids that are not ours or not actions. */
export function readMenuId(id: string | number): MenuAction | undefined {
  const parts = String(id).split(SEPARATOR);
  if (parts[0] !== 'contact-tags' || (parts[1] !== 'page' && parts[1] !== 'link')) return undefined;
  if (parts.length === 3 && parts[2] === 'edit') return { kind: 'edit' };
  const [, , op, encoded] = parts;
  if (parts.length !== 4 || (op !== 'add' && op !== 'remove') || encoded === undefined)
    return undefined;
  try {
    return { kind: 'quick-tag', op, tag: decodeURIComponent(encoded) };
  } catch {
    return undefined;
  }
}

/** "&" marks an access key in Chrome's menu titles; doubled, it shows as itself. */
function menuText(tag: string): string {
  return tag.replaceAll('&', '&&');
}
