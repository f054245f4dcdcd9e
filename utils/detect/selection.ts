import type { ContactRow } from './rows';

/** Rows selected on a contact list, read at the moment of use. */
export interface Selection {
  contactIds: string[];
  /** HighLevel says this many are selected, more than the page holds rows for. */
  claimed?: number;
  /** Every contact row on the page, for "Select all on this page". */
  allOnPage: string[];
}

/** The selection a page's rows and its "N selected" claim describe. */
export function selectionFrom(rows: readonly ContactRow[], claim?: number): Selection {
  const contactIds = rows.filter((row) => row.selected).map((row) => row.contactId);
  return {
    contactIds,
    ...(claim !== undefined && claim > contactIds.length ? { claimed: claim } : {}),
    allOnPage: rows.map((row) => row.contactId),
  };
}
