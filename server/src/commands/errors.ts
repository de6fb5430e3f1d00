/**
 * Why a command refused: domain errors with a typed reason (never HTTP;
 * http/errors.ts maps them to statuses in one place). Messages are for
 * people and go to the API caller as they are; the reason is the stable
 * word the client translates (shared/src/api/errorReasons.ts).
 */
import type { ConflictReason, InvalidInputReason, NotAllowedReason, NotFoundReason } from '../../../shared/src/api/errorReasons.js'

/** Something a command needs does not exist (or must not be revealed). */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
  constructor(
    readonly reason: NotFoundReason,
    message: string,
  ) {
    super(message)
  }
}

/** The change conflicts with the current state. */
export class ConflictError extends Error {
  override name = 'ConflictError'
  constructor(
    readonly reason: ConflictReason,
    message: string,
  ) {
    super(message)
  }
}

/** A rule of the domain forbids the change whoever asks (roles are checked before a command runs). */
export class NotAllowedError extends Error {
  override name = 'NotAllowedError'
  constructor(
    readonly reason: NotAllowedReason,
    message: string,
  ) {
    super(message)
  }
}

/** An input that fits its schema but not the state or the calendar (a past end date, a wrong recipient). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError'
  constructor(
    readonly reason: InvalidInputReason,
    message: string,
    /** Values the reason's text names (a limit). */
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message)
  }
}

/** Any of the command errors. */
export type CommandError = NotFoundError | ConflictError | NotAllowedError | InvalidInputError
