import { HIGHLEVEL_ID_LENGTH, isHighLevelId } from './ids';
import { type PageTarget, readHighLevelUrl } from './paths';

export type ContactRef = {
  contactId: string;
  /** From the pasted link, else the caller's context; a bare ID alone does not say. */
  locationId?: string;
  /** The piece of the paste this contact came from. */
  source: string;
};

export type RefusedRef = { input: string; reason: string };

export type ParsedContactRefs = {
  refs: ContactRef[];
  /** The first `MAX_REFUSED_LISTED` refused pieces, in paste order. */
  refused: RefusedRef[];
  /** How many pieces were refused in all, listed or not. */
  refusedCount: number;
};

/** Refused pieces listed one by one; a 1 MB paste of junk would otherwise bury the answer. */
export const MAX_REFUSED_LISTED = 50;
/** A refused piece is quoted back at most this long: room for a full address-bar URL, not for a flood. */
export const MAX_QUOTED_LENGTH = 200;

/**
 * Separators between pasted contacts: whitespace (line breaks, spaces, tabs),
 * commas, and semicolons (spreadsheet exports in many locales). None can be
 * part of an ID, and links are split only where a pasted list would be.
 */
const SEPARATORS = /[\s,;]+/u;
// Quotes and brackets around a piece ("ID", <link>), and sentence punctuation after it.
const OPENING_WRAPPERS = new Set(['"', "'", '“', '‘', '<', '(', '[', '{']);
const CLOSING_WRAPPERS = new Set(['"', "'", '”', '’', '>', ')', ']', '}', '.', ':', '!', '?']);
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const ID_CHARACTERS = /^[A-Za-z0-9]+$/;
/** Letters and digits this long are taken for a mistyped or cut-off ID, and told so; shorter ones are words or numbers. */
const ID_LIKE_MIN_LENGTH = 12;

const OTHER_PAGE_REASONS: Record<Exclude<PageTarget['kind'], 'contact'>, string> = {
  conversation: 'a link to a conversation, not a contact',
  opportunity: 'a link to an opportunity, not a contact',
  'contact-list': 'a link to a contact list, not a contact',
  location: 'a link to a HighLevel page that is not a contact',
  none: 'not a contact ID or contact link',
};

/**
 * Reads contact IDs and contact links (address-bar URLs with or without
 * `https://`, or bare paths) out of pasted text. Each contact comes once (the
 * first mention wins; a later link fills in a location a bare ID lacked).
 * Bare IDs take `context.locationId`. Linear in the size of the paste.
 */
export function parseContactRefs(
  text: string,
  context: { locationId?: string } = {},
): ParsedContactRefs {
  const refs: ContactRef[] = [];
  const refsById = new Map<string, ContactRef>();
  const refused: RefusedRef[] = [];
  let refusedCount = 0;

  for (const piece of text.split(SEPARATORS)) {
    // Only the ends of the text give empty pieces; a piece of bare punctuation is refused below.
    if (piece === '') continue;
    const read = readContactToken(unwrap(piece), context.locationId);
    if ('reason' in read) {
      refusedCount++;
      if (refused.length < MAX_REFUSED_LISTED) {
        refused.push({ input: quote(piece), reason: read.reason });
      }
      continue;
    }
    const earlier = refsById.get(read.contactId);
    if (earlier === undefined) {
      refsById.set(read.contactId, read);
      refs.push(read);
    } else if (earlier.locationId === undefined && read.locationId !== undefined) {
      earlier.locationId = read.locationId;
    }
  }
  return { refs, refused, refusedCount };
}

function readContactToken(
  token: string,
  contextLocationId: string | undefined,
): ContactRef | { reason: string } {
  if (isHighLevelId(token)) {
    return contextLocationId === undefined
      ? { contactId: token, source: token }
      : { contactId: token, locationId: contextLocationId, source: token };
  }
  if (token.length >= ID_LIKE_MIN_LENGTH && ID_CHARACTERS.test(token)) {
    return {
      reason: `not a contact ID: contact IDs are ${HIGHLEVEL_ID_LENGTH} letters and digits, this has ${token.length}`,
    };
  }
  const target = readHighLevelUrl(toAbsoluteUrl(token));
  if (target.kind === 'contact') {
    return { contactId: target.contactId, locationId: target.locationId, source: token };
  }
  return { reason: OTHER_PAGE_REASONS[target.kind] };
}

/** Pasted links often lack the scheme (`app.example.com/v2/...`) or the host (`/v2/...`). */
function toAbsoluteUrl(token: string): string {
  if (HAS_SCHEME.test(token)) return token;
  // Any host will do: only the path is read.
  if (token.startsWith('/')) return `https://host.invalid${token}`;
  return `https://${token}`;
}

/** Loops rather than an anchored regex, whose backtracking is quadratic on a long run of brackets. */
function unwrap(piece: string): string {
  let start = 0;
  let end = piece.length;
  while (start < end && OPENING_WRAPPERS.has(piece.charAt(start))) start++;
  while (end > start && CLOSING_WRAPPERS.has(piece.charAt(end - 1))) end--;
  return piece.slice(start, end);
}

function quote(piece: string): string {
  if (piece.length <= MAX_QUOTED_LENGTH) return piece;
  let cut = MAX_QUOTED_LENGTH - 1;
  // Never split an emoji's surrogate pair.
  if (/[\uD800-\uDBFF]/.test(piece.charAt(cut - 1))) cut--;
  return `${piece.slice(0, cut)}…`;
}
