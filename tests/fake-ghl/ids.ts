/**
 * Deterministic identifiers, so the seed and every `reset()` produce the same IDs run after run
 * and a failing test can be replayed by hand.
 */

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** HighLevel's location, contact and tag IDs: 20 `[A-Za-z0-9]` characters (Firestore-style). */
export const FIRESTORE_ID = /^[A-Za-z0-9]{20}$/;

/** 32-bit FNV-1a hash of a string, as the seed of a generator. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded generator of numbers in [0, 1). */
function generator(seed: number): () => number {
  let current = seed >>> 0;
  return () => {
    current = (current + 0x6d2b79f5) >>> 0;
    let mixed = current;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function idFrom(next: () => number): string {
  let id = '';
  for (let index = 0; index < 20; index++) {
    id += ALPHANUMERIC[Math.floor(next() * ALPHANUMERIC.length)];
  }
  return id;
}

/** The same Firestore-style ID for the same name, every time. */
export function firestoreIdFor(name: string): string {
  return idFrom(generator(hashString(name)));
}

/** A stream of Firestore-style IDs that restarts identically for the same seed name. */
export function firestoreIdStream(seedName: string): () => string {
  const next = generator(hashString(seedName));
  return () => idFrom(next);
}
