/** The change log's filters (issue 16): who, what (a few groups of entry types), when (a range of days). */
import type { AuditEvent, AuditEventType } from '../../../../shared/src/api/audit.js'

/** What an entry is about, as the "what" filter offers it. */
export type AuditTopic = 'access' | 'people' | 'consent' | 'plan' | 'data'
export const AuditTopics: readonly AuditTopic[] = ['access', 'people', 'consent', 'plan', 'data']

/** The topic of each entry type (a new type must be placed here). */
export const auditTopicOf: Readonly<Record<AuditEventType, AuditTopic>> = {
  login: 'access',
  roomOpened: 'access',
  memberAdded: 'people',
  memberRemoved: 'people',
  coachReassigned: 'people',
  substituteCoachAdded: 'people',
  invitationCreated: 'people',
  invitationAccepted: 'people',
  invitationRevoked: 'people',
  invitationRenewed: 'people',
  invitationAcceptFailed: 'people',
  accessLinkCreated: 'people',
  passwordResetWithLink: 'people',
  accountChanged: 'people',
  consentGranted: 'consent',
  consentRevoked: 'consent',
  consentLapsed: 'consent',
  releaseRecorded: 'consent',
  releaseRevoked: 'consent',
  releaseLapsed: 'consent',
  agreementGiven: 'plan',
  caseUpdated: 'plan',
  caseClosed: 'plan',
  versionRestored: 'plan',
  agreementRestamped: 'plan',
  fundingChanged: 'plan',
  approvalRecorded: 'plan',
  hoursMonthConfirmed: 'plan',
  requestAccepted: 'plan',
  jobSearchEntryAdded: 'plan',
  jobSearchEntryChanged: 'plan',
  invoiceIssued: 'data',
  invoiceCancelled: 'data',
  dataExported: 'data',
  supervisionCopyCreated: 'data',
  supervisionCopyReleased: 'data',
  finalReportExported: 'data',
  attachmentUploaded: 'data',
  attachmentDownloaded: 'data',
  attachmentDeleted: 'data',
  // Pool events concern no case; listed for completeness of the map.
  poolClassified: 'data',
  poolAdmissionApproved: 'data',
  poolAdmitted: 'data',
  poolDeclined: 'data',
  poolDataErased: 'data',
  poolInvitationCreated: 'data',
  poolInvitationAccepted: 'data',
}

/** The filter's state; empty strings mean "all". */
export interface AuditFilter {
  /** An actor's user id, `system` for entries without a person, or ''. */
  who: string
  what: AuditTopic | ''
  /** First and last day (YYYY-MM-DD, the viewer's local days), or ''. */
  from: string
  to: string
}

export const NoAuditFilter: AuditFilter = { who: '', what: '', from: '', to: '' }

/** The viewer's local calendar day of an instant. */
function localDay(iso: string): string {
  const date = new Date(iso)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The entries the filter lets through, in their order. */
export function filterAudit(events: readonly AuditEvent[], filter: AuditFilter): AuditEvent[] {
  return events.filter((event) => {
    if (filter.who !== '' && (event.actorId ?? 'system') !== filter.who) {
      return false
    }
    if (filter.what !== '' && auditTopicOf[event.type] !== filter.what) {
      return false
    }
    const day = localDay(event.at)
    return (filter.from === '' || day >= filter.from) && (filter.to === '' || day <= filter.to)
  })
}

/** The people who appear as actors, each once, by name (the "who" filter's choices). */
export function auditActors(events: readonly AuditEvent[]): { id: string; name: string | null }[] {
  const seen = new Map<string, string | null>()
  for (const event of events) {
    const id = event.actorId ?? 'system'
    if (!seen.has(id)) {
      seen.set(id, event.actorId === null ? null : event.actorName)
    }
  }
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'de'))
}
