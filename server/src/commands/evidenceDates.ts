/** The date rules a consent grant and a release from confidentiality share (issue 4, issue 16). */
import { InvalidInputError } from './errors.js'

/** Refuses a last day before `today` and a signing day after it. */
export function assertEvidenceDates(body: { validUntil?: string | undefined; signedOn?: string | undefined }, today: string): void {
  if (body.validUntil !== undefined && body.validUntil < today) {
    throw new InvalidInputError('validUntilPast', 'validUntil: must not be in the past')
  }
  if (body.signedOn !== undefined && body.signedOn > today) {
    throw new InvalidInputError('signedOnFuture', 'signedOn: must not be in the future')
  }
}
