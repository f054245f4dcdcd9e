/**
 * What the background asks the always-on content script, kept free of libraries so the
 * script stays within its 10 kB budget. The question carries no data: checking its type
 * and its sender is the whole validation there. The answer is validated with zod by the
 * background, which receives it (`pageReadingSchema` in protocol.ts).
 */
export const READ_PAGE = 'page.read';

export interface PageReading {
  url: string;
  /** Contact rows of a list, in page order, with whether each is selected. */
  rows: { contactId: string; selected: boolean }[];
  /** "All 1,234 contacts selected": what the page claims, which may exceed the rows held. */
  selectionClaim?: number;
  /** What the last right-click landed on, remembered for the context menu. */
  rightClicked?: { contactId?: string; onSelectedRow: boolean };
}

export function isReadPage(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === READ_PAGE &&
    Object.keys(message).length === 1
  );
}
