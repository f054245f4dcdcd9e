import type { ErrorKind } from './protocol';

/** A typed refusal a handler throws; the router turns it into a typed error answer. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** The location the problem is about (e.g. the one with no token), for the UI's button. */
    readonly locationId?: string,
  ) {
    super(message);
  }
}
