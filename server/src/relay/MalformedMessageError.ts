import { HoursMonthLocked, MalformedMessage, MessageTooLarge, RateLimited, UpdateRefused, type CloseCode } from '../../../shared/src/protocol/closeCodes.js'

/** A frame the relay refuses; the connection is closed with {@link closeCode}. */
export class MessageRefusedError extends Error {
  override name = 'MessageRefusedError'
  constructor(
    message: string,
    /** The contract close code (§5) the connection closes with. */
    readonly closeCode: CloseCode,
  ) {
    super(message)
  }
}

/** Thrown by a message handler when a frame cannot be decoded or breaks the protocol; the connection is closed with 4400. */
export class MalformedMessageError extends MessageRefusedError {
  override name = 'MalformedMessageError'
  constructor(message: string) {
    super(message, MalformedMessage)
  }
}

/** A valid message over a size bound (e.g. too many structs); the connection is closed with 4413. */
export class MessageTooLargeError extends MessageRefusedError {
  override name = 'MessageTooLargeError'
  constructor(message: string) {
    super(message, MessageTooLarge)
  }
}

/** The connection sent more than its rate allows; it is closed with 4429. */
export class RateLimitedError extends MessageRefusedError {
  override name = 'RateLimitedError'
  constructor(message: string) {
    super(message, RateLimited)
  }
}

/**
 * An update that decoded and integrates but does not fit the room's schema
 * or the writer's role (contract §8.2); nothing of it is stored, and the
 * connection is closed with 4400 'update refused'.
 */
export class UpdateRefusedError extends MessageRefusedError {
  override name = 'UpdateRefusedError'
  constructor(message: string, options: { hoursLocked?: boolean } = {}) {
    // A locked month of hours (issue 18) has a reason of its own, for the client's message.
    super(message, options.hoursLocked === true ? HoursMonthLocked : UpdateRefused)
  }
}

/** Runs a decoding step; any throw becomes a {@link MalformedMessageError}. */
export function decodeOrReject<T>(what: string, decode: () => T): T {
  try {
    return decode()
  } catch {
    throw new MalformedMessageError(`could not decode ${what}`)
  }
}
