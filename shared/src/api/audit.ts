/**
 * The case audit log (contract §4, issue "roles"): what coaches see under
 * "Protokoll". Details never hold document content or tokens.
 */
import { z } from 'zod'
import { Id } from './common.js'

export const AuditEventTypes = [
  /** A member of the case logged in (details: {}). */
  'login',
  /** A room of the case was opened (details: {room, access: read|write}). */
  'roomOpened',
  /** details: {memberId, userId, role} */
  'memberAdded',
  /** details: {memberId, userId, role} */
  'memberRemoved',
  /** details: {employerCanEdit?, title?: true, type?, flow?: de|ch|null} — which settings changed */
  'caseUpdated',
  /** details: {invitationId, role} */
  'invitationCreated',
  /** details: {invitationId, role, memberId} */
  'invitationAccepted',
  /** details: {invitationId} */
  'invitationRevoked',
  /** A coach gave an open invitation a new link (details: {invitationId}); issue 17. */
  'invitationRenewed',
  /** Someone's accept of an open invitation was refused (details: {invitationId}; never the e-mail tried); actor: unknown. */
  'invitationAcceptFailed',
  /** A coach made a new access link (password reset) for an external member (details: {memberId, userId}); issue 17. */
  'accessLinkCreated',
  /** An external member set a new password with an access link; their other sessions ended (details: {userId}). */
  'passwordResetWithLink',
  /** details: {agreementId, planHash} */
  'agreementGiven',
  /** An admin deactivated or reactivated a member's account (details: {userId, active}). */
  'accountChanged',
  /** details: {grantId, field, memberId, evidence} */
  'consentGranted',
  /** details: {grantId, field, memberId} */
  'consentRevoked',
  /** A grant passed its validUntil day (details: {grantId, field, memberId}); actor: the system. */
  'consentLapsed',
  /** A coach closed the case (details: {}). */
  'caseClosed',
  /** Someone downloaded a person's data export (details: {memberId, format}). */
  'dataExported',
  /** A coach made a supervision copy of the case (details: {copyId, replacedCopyId?}); issue 6. */
  'supervisionCopyCreated',
  /** A coach released a supervision copy of the case to a group (details: {copyId, groupId}). */
  'supervisionCopyReleased',
  /**
   * A coach approved the anonymised final report of the closed case for their own pool application
   * (details: {attachmentId}; never its text); issue 20 point 7.
   */
  'finalReportExported',
  /** A coach restored an earlier version of the plan or the notes (details: {doc, versionId, newVersionId}); contract §8.4. */
  'versionRestored',
  /**
   * The system re-stamped an agreement from before the agreed-content hash
   * (contract §8.3) because its agreed content is unchanged (details:
   * {agreementId, planHash, previousPlanHash}); actor: the system.
   */
  'agreementRestamped',
  /** A coach recorded a release from confidentiality (details: {releaseId, evidence}; never the names or the purpose); issue 16. */
  'releaseRecorded',
  /** Someone revoked a release (details: {releaseId}). */
  'releaseRevoked',
  /** A release passed its last day (details: {releaseId}); actor: the system. */
  'releaseLapsed',
  /**
   * A team lead handed the case from one coach to another (details: {memberId, userId: the new coach,
   * previousUserId}); the previous coach's access ended with it (issue 22).
   */
  'coachReassigned',
  /** A team lead added a substitute coach (details: {memberId, userId}); issue 22. */
  'substituteCoachAdded',
  /** A coach or an admin recorded the case's funding body, file number or referring body (details: {fundingId, fundingBodyId}); issue 18. */
  'fundingChanged',
  /** An approval, extension or correction was recorded (details: {approvalId, kind, corrects}); issue 18. */
  'approvalRecorded',
  /** An invoice billing the case's month was issued (details: {invoiceId, number, month}); issue 18. */
  'invoiceIssued',
  /** An invoice billing the case's month was cancelled by a cancellation (details: {invoiceId, number, cancels}); issue 18. */
  'invoiceCancelled',
  /** The employer, the coachee or the guardian confirmed a month's proof of hours (details: {month, role}; never its entries); issue 18. */
  'hoursMonthConfirmed',
  /** A coach attached a file to the case (details: {attachmentId, category}; never the file's name); issue 20. */
  'attachmentUploaded',
  /** Someone downloaded a file of the case (details: {attachmentId, category}). */
  'attachmentDownloaded',
  /** A coach deleted a file of the case (details: {attachmentId, category}). */
  'attachmentDeleted',
  /** The case was made from an intake request (details: {requestId}); issue 19. */
  'requestAccepted',
  /** Pool (issue 20), on no case: the coordination office classified an application (details: {applicationId, group}). */
  'poolClassified',
  /** One approval of a pool admission (details: {applicationId, as: office | integrationsamt}). */
  'poolAdmissionApproved',
  /** Both approvals are there: the applicant is admitted to the pool (details: {applicationId, group}). */
  'poolAdmitted',
  /** The office declined an application (details: {applicationId}; never the note). */
  'poolDeclined',
  /** A member's pool data was erased: application, profile, evidence files, keeping-qualified records (details: {userId, applicationId, by: member | office | admin, files}; never content). */
  'poolDataErased',
  /** The coordination office invited a freelance job coach to apply (details: {invitationId}; never the name or address). */
  'poolInvitationCreated',
  /** An invited freelance job coach made their account with the link (details: {invitationId}). */
  'poolInvitationAccepted',
  /** A coach added an entry to the application and contact log (details: {entryId, status}; never the employer or the texts); issue 19. */
  'jobSearchEntryAdded',
  /** A coach changed an entry of the log (details: {entryId, status}). */
  'jobSearchEntryChanged',
] as const
export const AuditEventType = z.enum(AuditEventTypes)
export type AuditEventType = z.infer<typeof AuditEventType>

export const AuditEvent = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  type: AuditEventType,
  /** Who did it (null for the system). */
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
})
export type AuditEvent = z.infer<typeof AuditEvent>

/** `GET /api/cases/:id/audit` (coach): newest first. */
export const AuditReply = z.object({ events: z.array(AuditEvent) })
export type AuditReply = z.infer<typeof AuditReply>
