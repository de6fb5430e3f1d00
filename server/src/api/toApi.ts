/** Maps storage records to the API shapes of shared/src/api (never a password hash). */
import { grantHolds, isHealthData, type ConsentGrant } from '../../../shared/src/api/consents.js'
import type { Agreement } from '../../../shared/src/api/agreements.js'
import type { AuditEvent } from '../../../shared/src/api/audit.js'
import type { CaseSummary, Member } from '../../../shared/src/api/cases.js'
import type { Invitation } from '../../../shared/src/api/invitations.js'
import type { User } from '../../../shared/src/api/users.js'
import { actsForCoachee, type CaseRole } from '../../../shared/src/policy/access.js'
import { retentionEndsAt } from '../../../shared/src/process/retention.js'
import { acceptLimitedUntil } from '../../../shared/src/policy/invitationAccept.js'
import type {
  AgreementRecord,
  CaseRecord,
  ConsentWithNames,
  InvitationWithNames,
  MemberWithUser,
  StoredAuditEvent,
  UserRecord,
} from '../storage/Storage.js'

/** A user as the API returns it. */
export function toApiUser(user: UserRecord): User {
  return { id: user.id, name: user.name, email: user.email, kind: user.kind, isAdmin: user.isAdmin, active: user.active, isLead: user.isLead, staffSharePercent: user.staffSharePercent, isBilling: user.isBilling, coachRate: user.coachRate, isCoordinator: user.isCoordinator ?? false, isIntegrationsamt: user.isIntegrationsamt ?? false }
}

/** A case as listed, with the caller's role. */
export function toCaseSummary(record: CaseRecord, myRole: CaseRole, retentionYears: number): CaseSummary {
  return {
    id: record.id,
    title: record.title,
    type: record.type,
    employerCanEdit: record.employerCanEdit,
    createdAt: record.createdAt,
    myRole,
    closedAt: record.closedAt,
    erasesAt: record.closedAt === null ? null : retentionEndsAt(record.closedAt, retentionYears),
  }
}

/** A member with name and e-mail. */
export function toApiMember(member: MemberWithUser): Member {
  return {
    id: member.id,
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    addedAt: member.addedAt,
  }
}

/** An invitation as coaches see it: names, never the token or its hash. */
export function toApiInvitation(invitation: InvitationWithNames, now: Date): Invitation {
  return {
    id: invitation.id,
    role: invitation.role,
    createdAt: invitation.createdAt,
    createdBy: invitation.createdByName,
    expiresAt: invitation.expiresAt,
    acceptedAt: invitation.acceptedAt,
    acceptedBy: invitation.acceptedByName,
    revokedAt: invitation.revokedAt,
    limitedUntil: acceptLimitedUntil(invitation, now)?.toISOString() ?? null,
  }
}

/** An agreement with the agreeing member's name. */
export function toApiAgreement(agreement: AgreementRecord & { userName: string }, versionId: string | null = null, coacheeName: string | null = null): Agreement {
  return {
    onBehalfOfName: actsForCoachee(agreement.role) ? coacheeName : null,
    id: agreement.id,
    planHash: agreement.planHash,
    userId: agreement.userId,
    userName: agreement.userName,
    role: agreement.role,
    at: agreement.at,
    versionId,
  }
}

/** Who acts for the coachee in a case (its guardians) and the coachee's name: what a "für" needs (issue 16). */
export function guardiansOf(members: ReadonlyArray<{ userId: string; role: CaseRole; name: string }>): { userIds: ReadonlySet<string>; coacheeName: string | null } {
  return {
    userIds: new Set(members.filter((member) => actsForCoachee(member.role)).map((member) => member.userId)),
    coacheeName: members.find((member) => member.role === 'coachee')?.name ?? null,
  }
}

/** A consent grant as every member of the case sees it; `today` decides whether validUntil passed. */
export function toApiConsentGrant(grant: ConsentWithNames, today: string, guardians?: { userIds: ReadonlySet<string>; coacheeName: string | null }): ConsentGrant {
  const active = grant.lapsedAt === null && grantHolds(grant, today)
  return {
    id: grant.id,
    field: grant.field,
    healthData: isHealthData(grant.field),
    memberId: grant.memberId,
    memberName: grant.recipientName,
    memberRole: grant.recipientRole,
    purpose: grant.purpose,
    evidence: grant.evidence,
    signedOn: grant.signedOn,
    grantedAt: grant.grantedAt,
    grantedBy: grant.grantedBy,
    grantedByName: grant.grantedByName,
    onBehalfOfName: guardians?.userIds.has(grant.grantedBy) === true ? guardians.coacheeName : null,
    validUntil: grant.validUntil,
    revokedAt: grant.revokedAt,
    revokedBy: grant.revokedBy,
    revokedByName: grant.revokedByName,
    active,
    endedBy: active ? null : grant.revokedAt !== null ? 'revoked' : 'lapsed',
  }
}

/** An audit event as the case's log shows it. */
export function toApiAuditEvent(event: StoredAuditEvent): AuditEvent {
  return {
    id: event.id,
    at: event.at,
    type: event.type,
    actorId: event.actorId,
    actorName: event.actorName,
    details: event.details,
  }
}
