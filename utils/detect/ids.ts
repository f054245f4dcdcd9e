/** Length of HighLevel's location, contact and conversation IDs (Firestore-style). */
export const HIGHLEVEL_ID_LENGTH = 20;

const HIGHLEVEL_ID = new RegExp(`^[A-Za-z0-9]{${HIGHLEVEL_ID_LENGTH}}$`);

/** Whether `value` has the shape of a HighLevel ID: 20 ASCII letters and digits. */
export function isHighLevelId(value: string): boolean {
  return HIGHLEVEL_ID.test(value);
}
