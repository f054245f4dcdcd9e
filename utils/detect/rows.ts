// Runs in the always-on content script (10 kB budget): DOM reads only, no libraries.
import { HIGHLEVEL_ID_LENGTH, isHighLevelId } from './ids';

export type ContactRow = { contactId: string; selected: boolean };

const CONTACT_LINK = 'a[href*="/contacts/detail/"]';
const ROW = 'tr, [role="row"]';
const CHECKBOX = 'input[type="checkbox"], [role="checkbox"]';
const CONTACT_ID_IN_HREF = new RegExp(
  `/contacts/detail/([A-Za-z0-9]{${HIGHLEVEL_ID_LENGTH}})(?![A-Za-z0-9])`,
);

const COUNT = String.raw`(?<![\d.,])(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)`;
/**
 * Ways the page says how many contacts are selected: "All 1,234 contacts
 * selected", "3 selected", "1,234 contacts are selected", "Selected: 12",
 * "You have selected 25 contacts". Not "Select all 1,234 contacts", which is
 * an offer. Elements' texts run together (`<b>25</b>selected`), hence `\s*`.
 */
const SELECTION_CLAIMS = [
  new RegExp(String.raw`${COUNT}\s*(?:contacts?\s*)?(?:are\s+|is\s+)?selected`, 'giu'),
  new RegExp(String.raw`selected\s*[:(]\s*${COUNT}`, 'giu'),
  new RegExp(String.raw`selected\s+(?:all\s+)?${COUNT}\s*contacts?`, 'giu'),
];
/** How far up from a "selected" text to look for its number, in elements and characters. */
const CLAIM_MAX_LEVELS = 3;
const CLAIM_MAX_TEXT = 300;

/**
 * The contacts a list shows, in page order, each once: `tr[id]` rows whose id
 * is a contact ID, and links to contact pages (inside any kind of row).
 * A contact counts as selected if any row showing it is.
 */
export function readContactRows(root: ParentNode): ContactRow[] {
  const rows = new Map<string, ContactRow>();
  for (const element of root.querySelectorAll(`tr[id], ${CONTACT_LINK}`)) {
    const isLink = element.matches(CONTACT_LINK);
    const contactId = isLink ? contactIdOfLink(element) : idOfContactRow(element);
    if (contactId === undefined) continue;
    const row = isLink ? element.closest(ROW) : element;
    const selected = row !== null && isChecked(row);
    const known = rows.get(contactId);
    if (known === undefined) rows.set(contactId, { contactId, selected });
    else known.selected ||= selected;
  }
  return [...rows.values()];
}

/**
 * The contact a right-clicked element stands for: the closest link to a
 * contact page, else the closest `tr[id]` row with a contact ID, else the
 * closest row that links to exactly one contact.
 */
export function contactAt(target: Element): string | undefined {
  const link = target.closest(CONTACT_LINK);
  const fromLink = link === null ? undefined : contactIdOfLink(link);
  if (fromLink !== undefined) return fromLink;

  for (
    let row = target.closest('tr[id]');
    row !== null;
    row = row.parentElement?.closest('tr[id]') ?? null
  ) {
    const fromRow = idOfContactRow(row);
    if (fromRow !== undefined) return fromRow;
  }

  const row = target.closest(ROW);
  if (row === null) return undefined;
  const linked = new Set<string>();
  for (const rowLink of row.querySelectorAll(CONTACT_LINK)) {
    const contactId = contactIdOfLink(rowLink);
    if (contactId !== undefined) linked.add(contactId);
  }
  return linked.size === 1 ? [...linked][0] : undefined;
}

/** Whether the row holding `target` is selected (its selection checkbox is checked). */
export function isRowSelected(target: Element): boolean {
  const row = target.closest(ROW);
  return row !== null && isChecked(row);
}

/**
 * How many contacts the page says are selected ("All 1,234 contacts
 * selected"), which can be more than the rows it shows; the largest such
 * number if it says several. Undefined when it says none.
 */
export function readSelectionClaim(root: ParentNode): number | undefined {
  // A Document has no ownerDocument: it is its own.
  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const claimTexts = new Set<string>();
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.nodeValue !== null && /select/i.test(node.nodeValue)) {
      claimTexts.add(surroundingText(node, root));
    }
  }
  let claim: number | undefined;
  for (const text of claimTexts) {
    for (const pattern of SELECTION_CLAIMS) {
      for (const match of text.matchAll(pattern)) {
        const count = Number((match[1] ?? '').replace(/\D/g, ''));
        if (claim === undefined || count > claim) claim = count;
      }
    }
  }
  return claim;
}

function contactIdOfLink(link: Element): string | undefined {
  return CONTACT_ID_IN_HREF.exec(link.getAttribute('href') ?? '')?.[1];
}

function idOfContactRow(row: Element): string | undefined {
  return isHighLevelId(row.id) ? row.id : undefined;
}

/**
 * A row's selection checkbox is its first one: lists put it in the first
 * column, and later columns may hold unrelated toggles.
 */
function isChecked(row: Element): boolean {
  const box = row.querySelector(CHECKBOX);
  if (box instanceof HTMLInputElement) return box.checked;
  const ariaChecked = box?.getAttribute('aria-checked');
  if (ariaChecked !== null && ariaChecked !== undefined) return ariaChecked === 'true';
  // A styled wrapper that leaves the state to the native input inside it.
  return box?.querySelector('input[type="checkbox"]:checked') != null;
}

/**
 * The text of the widest element around `node`, within a few levels and
 * characters and inside `root`, so "All <b>1,234</b> contacts selected" reads
 * as one sentence without reading the whole page.
 */
function surroundingText(node: Node, root: Node): string {
  let text = node.nodeValue ?? '';
  let element = node.parentElement;
  for (let level = 0; element !== null && level < CLAIM_MAX_LEVELS; level++) {
    if (!root.contains(element)) break;
    const elementText = element.textContent ?? '';
    if (elementText.length > CLAIM_MAX_TEXT) break;
    text = elementText;
    element = element.parentElement;
  }
  return text.replace(/\s+/g, ' ');
}
