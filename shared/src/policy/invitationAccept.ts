/**
 * The accept limit of an invitation link (contract §8.5): after too many
 * failed accepts within the window the link answers 429 until the window
 * ends. One rule for the accept route, the invitation list the coaches see
 * and the commands that count failures.
 */
import { InvitationAcceptLimit } from '../api/invitations.js'

/** What the rule needs of an invitation. */
export interface AcceptAttempts {
  failedAccepts: number
  /** When the counted failures began, or null when none are counted. */
  failedAcceptsSince: string | null
}

/** Until when accepting is refused after too many failed accepts, or null when it may be accepted. */
export function acceptLimitedUntil(invitation: AcceptAttempts, now: Date): Date | null {
  if (invitation.failedAcceptsSince === null || invitation.failedAccepts < InvitationAcceptLimit.maxFailures) {
    return null
  }
  const until = Date.parse(invitation.failedAcceptsSince) + InvitationAcceptLimit.windowMs
  return until > now.getTime() ? new Date(until) : null
}
