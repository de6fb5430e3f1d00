/**
 * Why the server refused, as a stable machine word (issue 16): every error
 * body carries one next to its broad `code`, and the client shows the
 * translation of the reason (client/src/i18n: errors.reason.<reason>), never
 * the English `message`, which is for logs and API callers. Grouped by the
 * command error that carries them, so a command's reason type is one list.
 */

/** Something does not exist (or must not be revealed): 404. */
export const NotFoundReasons = [
  'caseNotFound',
  'memberNotFound',
  'userNotFound',
  'consentNotFound',
  'releaseNotFound',
  'invitationNotFound',
  'invalidLink',
  'groupNotFound',
  'copyNotFound',
  'versionNotFound',
  'meetingNotFound',
  'calendarNotFound',
  'roomNotFound',
  'pageNotFound',
  'noCoachee',
  'fundingBodyNotFound',
  'approvalNotFound',
  'invoiceNotFound',
  'hoursMonthNotFound',
  'requestNotFound',
  'attachmentNotFound',
  'applicationNotFound',
  'evidenceNotFound',
  'proposalNotFound',
  'employerNotFound',
  'jobSearchEntryNotFound',
] as const
export type NotFoundReason = (typeof NotFoundReasons)[number]

/** The change conflicts with the current state: 409. */
export const ConflictReasons = [
  'caseClosed',
  'finalReportMissing',
  'alreadyMember',
  'lastCoach',
  'consentExists',
  'consentEnded',
  'releaseEnded',
  'invitationUsed',
  'invitationWithdrawn',
  'emailTaken',
  'invitationNotAccepted',
  'copyReleased',
  'caseErased',
  'lastAdmin',
  'ownAccount',
  'alreadySetUp',
  'versionUnreadable',
  'fundingBodyInUse',
  'fundingBodyInactive',
  'invoiceDraftChanged',
  'invoiceNotIssuable',
  'invoiceIssued',
  'invoiceCancelled',
  'invoiceIsCancellation',
  'hoursProofChanged',
  'requestDecided',
  'applicationDecided',
  'applicationNotSubmitted',
  'applicationNotClassified',
  'groupNotMet',
  'alreadyApproved',
  'evidenceFileInUse',
  'proposalAnswered',
  'matchNeedsMissing',
  'coachNotAdmitted',
  'requestConsentMissing',
  /** Pool data of an account is erased by an admin only once the account is deactivated (issue 20). */
  'accountStillActive',
  /** The anonymised final report is made of a closed case only (issue 20 point 7). */
  'caseNotClosed',
  /** The final report of this case is in the caller's pool application already. */
  'finalReportExported',
  /** The case changed between the author's review and the approval: review the new draft. */
  'finalReportDraftChanged',
  /** A final report made in Fallbuch keeps its file. */
  'fallbuchReportKeepsFile',
] as const
export type ConflictReason = (typeof ConflictReasons)[number]

/** A rule forbids it whoever asks, or the caller's role does: 403. */
export const NotAllowedReasons = [
  'notAllowed',
  'coachesOnly',
  'eraseCoachesOrAdmin',
  'invitationNotForYou',
  'coacheeGrantsOnly',
  'paperConsentCoachesOnly',
  'revokeCoacheeOrCoach',
  'releasesCoachesOnly',
  'releasesOwnOnly',
  'planNotReadable',
  'notesVersionsCoachesOnly',
  'exportCoacheeOrCoach',
  'accessLinkCoachesOnly',
  'adminOnly',
  'staffCredentialsOnly',
  'staffOnly',
  'coachMustBeStaff',
  'coachInviteNeedsLogin',
  'notInGroup',
  'copyAuthorOnly',
  'setupTokenWrong',
  'ownDataOnly',
  'documentNotReadable',
  'crossSite',
  'metricsRefused',
  'leadOnly',
  'statisticsLeadOrAdmin',
  'fundingCoachesOrAdmin',
  /** Only coaches of the case (or an admin) switch its flow between German and Swiss (issue 19). */
  'flowCoachesOrAdmin',
  'invoicesCoachesOrBilling',
  'hoursProofConfirmers',
  'requestsIntakeStaff',
  'attachmentsNotAllowed',
  'poolStaffOnly',
  'poolCoordinatorOnly',
  'poolReviewersOnly',
  'poolIntegrationsamtOnly',
  /** An invited freelance applicant does no case work until matched to a case (issue 20). */
  'poolApplicantOnly',
  'jobSearchNotForEmployer',
  'employersIntakeStaff',
] as const
export type NotAllowedReason = (typeof NotAllowedReasons)[number]

/** An input that fits no schema, or fits its schema but not the state or the calendar: 400, 413, 414, 415. */
export const InvalidInputReasons = [
  'invalidInput',
  'notJson',
  'bodyTooLarge',
  'uriTooLong',
  'validUntilPast',
  'signedOnFuture',
  'recipient',
  'notStaff',
  'tooManyRedactions',
  'severalCoachees',
  'evidenceInApp',
  'releasor',
  'participantNotMember',
  'approvalPeriod',
  'extensionTarget',
  'attachmentTooLarge',
  'attachmentType',
  'attachmentEmpty',
] as const
export type InvalidInputReason = (typeof InvalidInputReasons)[number]

/** Everything else the server answers with: login, limits, failures. */
export const OtherReasons = [
  'loginRequired',
  'wrongCredentials',
  'tooManyLogins',
  'tooManyRequests',
  'tooManyAccepts',
  'internalError',
  'serviceUnavailable',
] as const
export type OtherReason = (typeof OtherReasons)[number]

/** Every reason an error body can carry. */
export const ErrorReasons = [...NotFoundReasons, ...ConflictReasons, ...NotAllowedReasons, ...InvalidInputReasons, ...OtherReasons] as const
export type ErrorReason = (typeof ErrorReasons)[number]

/** Whether a string is a reason this build knows (a newer server may send one it does not). */
export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && (ErrorReasons as readonly string[]).includes(value)
}
