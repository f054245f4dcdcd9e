import { browser } from 'wxt/browser';
import type { TagOp } from '@/utils/api/client';
import { ApiError } from '@/utils/api/errors';
import { locationOfUrl } from '@/utils/detect/paths';
import { selectionFrom } from '@/utils/detect/selection';
import { type MenuTarget, resolveMenuTarget } from '@/utils/menus/menu-target';
import { ProtocolError } from '@/utils/messages/errors';
import { READ_PAGE } from '@/utils/messages/page-protocol';
import { type InPageToast, pageReadingSchema, type SelectionView } from '@/utils/messages/protocol';
import { CONFIRM_ABOVE } from '@/utils/queue/jobs';
import type { Bulk } from './bulk';
import type { Changes } from './changes';
import type { Contacts } from './contacts';
import type { Injection } from './injection';

/** A toast's contact name may wait this long for HighLevel; then it says "this contact". */
const NAME_WAIT_MS = 1_500;

export interface QuickActionsDeps {
  changes: Changes;
  contacts: Contacts;
  injection: Injection;
  /** A selection of rows is tagged through a bulk job. */
  bulk: Bulk;
}

export type QuickActions = ReturnType<typeof createQuickActions>;

/**
 * What a context-menu click or a quick-tag command does: find the target, queue the change
 * (with its undo window) and say so in the page: "Added 'vip' to Jane Doe", with Undo.
 */
export function createQuickActions(deps: QuickActionsDeps) {
  const { changes, contacts, injection } = deps;

  /** What the always-on script says about the page, where it runs (else undefined). */
  async function readPage(tabId: number, frameId = 0) {
    const answer: unknown = await browser.tabs
      .sendMessage(tabId, { type: READ_PAGE }, { frameId })
      .catch(() => undefined);
    const reading = pageReadingSchema.safeParse(answer);
    return reading.success ? reading.data : undefined;
  }

  /** Says something in the page, or on the toolbar badge when the page cannot show it. */
  async function tell(tabId: number, toast: InPageToast) {
    if (await injection.showToast(tabId, toast)) return;
    await browser.action.setBadgeText({ tabId, text: toast.tone === 'error' ? '!' : '✓' });
    await browser.action.setTitle({ tabId, title: toast.text });
  }

  /** The one contact a target names (a conversation or an opportunity is looked up). */
  async function contactOf(
    target: Extract<MenuTarget, { kind: 'contact' | 'lookup' }>,
  ): Promise<{ locationId: string; contactId: string }> {
    if (target.kind === 'lookup') return contacts.contactOfPage(target.url);
    return { locationId: target.locationId, contactId: target.contactId };
  }

  async function nameOf(locationId: string, contactId: string): Promise<string> {
    const cached = await contacts.cachedName(contactId);
    if (cached) return cached;
    const fetched = contacts
      .refresh(locationId, contactId)
      .then(() => contacts.cachedName(contactId));
    const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, NAME_WAIT_MS));
    return (await Promise.race([fetched.catch(() => undefined), timeout])) ?? 'this contact';
  }

  /** A selection is tagged through a bulk job; a big one through the in-page panel, to confirm. */
  async function tagSelection(
    tabId: number,
    target: Extract<MenuTarget, { kind: 'selection' }>,
    op: TagOp,
    tags: string[],
  ) {
    const count = target.contactIds.length;
    if (count > CONFIRM_ABOVE && (await injection.openBulk(tabId, { op, tags }))) return;
    const job = await deps.bulk.start({
      locationId: target.locationId,
      op,
      tags,
      contactIds: target.contactIds,
    });
    const verb = op === 'add' ? 'Adding' : 'Removing';
    const seen = target.claimed
      ? ` (HighLevel says ${target.claimed} are selected; ${count} are on this page)`
      : '';
    await tell(tabId, {
      text: `${verb} ${tags.map((tag) => `‘${tag}’`).join(', ')} ${op === 'add' ? 'to' : 'from'} ${count} contacts${seen}`,
      tone: 'info',
      jobId: job.id,
      locationId: job.locationId,
      undoUntil: job.undoUntil,
    });
  }

  /** What a tab's contact list has selected, as its always-on script reads it now. */
  async function selectionOf(tabId: number): Promise<SelectionView> {
    const reading = await readPage(tabId);
    return {
      locationId: locationOfUrl(reading?.url),
      ...selectionFrom(reading?.rows ?? [], reading?.selectionClaim),
    };
  }

  async function apply(tabId: number, target: MenuTarget, op: TagOp, tag: string) {
    if (target.kind === 'none') return tell(tabId, { text: target.reason, tone: 'error' });
    try {
      if (target.kind === 'selection') return await tagSelection(tabId, target, op, [tag]);
      const contact = await contactOf(target);
      const entry = await changes.change({ ...contact, op, tags: [tag] });
      const name = await nameOf(contact.locationId, contact.contactId);
      const verb = op === 'add' ? `Added ‘${tag}’ to` : `Removed ‘${tag}’ from`;
      await tell(tabId, {
        text: entry ? `${verb} ${name}` : `${verb} ${name}: it reversed a change not yet sent`,
        tone: 'info',
        changeId: entry?.id,
        undoUntil: entry?.sendAfter,
      });
    } catch (error) {
      await tellFailure(tabId, error, 'The change could not be made.');
    }
  }

  /** "Edit tags...": the in-page popup on that contact (its own window for another location's). */
  async function edit(tabId: number, target: MenuTarget, pageLocationId: string | undefined) {
    if (target.kind === 'none' || target.kind === 'selection') {
      return tell(tabId, {
        text: target.kind === 'none' ? target.reason : 'Edit tags works on one contact.',
        tone: 'error',
      });
    }
    try {
      const contact = await contactOf(target);
      if (contact.locationId === pageLocationId && (await injection.openPopup(tabId, contact)))
        return;
      const query = new URLSearchParams({
        locationId: contact.locationId,
        contactId: contact.contactId,
      });
      await browser.windows.create({
        url: browser.runtime.getURL(`/popup.html?${query}`),
        type: 'popup',
        width: 420,
        height: 560,
      });
    } catch (error) {
      await tellFailure(tabId, error, 'The tag editor could not be opened.');
    }
  }

  /** A menu click or a key has no one to answer it: a failure is told in the page, in words. */
  async function tellFailure(tabId: number, error: unknown, fallback: string) {
    const text =
      error instanceof ApiError || error instanceof ProtocolError ? error.message : fallback;
    await tell(tabId, { text, tone: 'error' });
  }

  return {
    selectionOf,
    tell,
    apply,
    edit,
    /** The target of a click: Chrome's link and page URLs, and the page's own account of it. */
    async targetOfClick(
      tabId: number,
      click: { linkUrl?: string; pageUrl?: string; frameId?: number },
    ) {
      const reading = click.linkUrl ? undefined : await readPage(tabId, click.frameId);
      return resolveMenuTarget({ ...click, reading });
    },
    /** The target of a command: the selection, or the page's contact (no right-click involved). */
    async targetOfCommand(tabId: number, pageUrl: string | undefined) {
      const reading = await readPage(tabId);
      return resolveMenuTarget({
        pageUrl,
        reading: reading && { ...reading, rightClicked: undefined },
      });
    },
  };
}
