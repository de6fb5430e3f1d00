/**
 * Why a command refused: domain errors with a typed reason (never HTTP;
 * http/errors.ts maps them to statuses in one place). Messages are for
 * people and go to the API caller as they are.
 */

/** Something a command needs does not exist (or must not be revealed). */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
  constructor(
    readonly reason: 'case' | 'member' | 'user' | 'consent' | 'invitation' | 'passwordReset' | 'group' | 'copy',
    message: string,
  ) {
    super(message)
  }
}

/** The change conflicts with the current state. */
export class ConflictError extends Error {
  override name = 'ConflictError'
  constructor(
    readonly reason:
      | 'caseClosed'
      | 'finalReportMissing'
      | 'alreadyMember'
      | 'lastCoach'
      | 'consentExists'
      | 'consentEnded'
      | 'invitationUsed'
      | 'emailTaken'
      | 'invitationNotAccepted'
      | 'copyReleased'
      | 'caseErased'
      | 'lastAdmin'
      | 'ownAccount'
      | 'alreadySetUp',
    message: string,
  ) {
    super(message)
  }
}

/** A rule of the domain forbids the change whoever asks (roles are checked before a command runs). */
export class NotAllowedError extends Error {
  override name = 'NotAllowedError'
  constructor(
    readonly reason: 'coachMustBeStaff' | 'notInGroup',
    message: string,
  ) {
    super(message)
  }
}

/** An input that fits its schema but not the state or the calendar (a past end date, a wrong recipient). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError'
  constructor(
    readonly reason: 'validUntilPast' | 'signedOnFuture' | 'recipient' | 'notStaff' | 'tooManyRedactions',
    message: string,
  ) {
    super(message)
  }
}

/** Any of the command errors. */
export type CommandError = NotFoundError | ConflictError | NotAllowedError | InvalidInputError
