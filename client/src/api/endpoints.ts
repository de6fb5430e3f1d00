/** The API calls the client makes (contract §5), each with its shared reply schema. */
import {
  CaseFlowReply,
  CaseReply,
  CasesReply,
  MemberReply,
  type AddMemberBody,
  type CreateCaseBody,
  type SetCaseFlowBody,
  type UpdateCaseBody,
} from '../../../shared/src/api/cases.js'
import { SetupStatusReply, UserReply, UsersReply, type CreateUserBody, type LoginBody, type SetupBody } from '../../../shared/src/api/users.js'
import type { ResetPasswordBody, UpdateUserBody } from '../../../shared/src/api/users.js'
import {
  AcceptedInvitationReply,
  CreatedInvitationReply,
  InvitationPreviewReply,
  InvitationsReply,
  type AcceptInvitationBody,
  type CreateInvitationBody,
} from '../../../shared/src/api/invitations.js'
import { RoomAuthorsReply, type AuthorRoomKind } from '../../../shared/src/api/roomAuthors.js'
import { CreatedAccessLinkReply, PasswordResetPreviewReply, type PasswordResetBody } from '../../../shared/src/api/passwordResets.js'
import { AgreementReply, AgreementsReply } from '../../../shared/src/api/agreements.js'
import { AuditReply } from '../../../shared/src/api/audit.js'
import { VersionReply, VersionsReply, type VersionDoc } from '../../../shared/src/api/versions.js'
import { ConsentGrantReply, ConsentGrantsReply, type GrantConsentBody } from '../../../shared/src/api/consents.js'
import { ReleaseReply, ReleasesReply, type RecordReleaseBody } from '../../../shared/src/api/releases.js'
import {
  AccountSettingsReply,
  CalendarFeedReply,
  OutboxReply,
  PasswordResetStatusReply,
  type AccountSettingsBody,
  type PasswordResetRequestBody,
} from '../../../shared/src/api/mail.js'
import { z } from 'zod'
import { CaseloadSummariesReply } from '../../../shared/src/api/caseloadSummaries.js'
import { request } from './http.js'
import { lastUserId } from './offlineCache.js'

const caseUrl = (caseId: string): string => `/api/cases/${encodeURIComponent(caseId)}`
const UserOrEmptyReply = UserReply.or(z.object({}).loose())

const CreatedCaseReply = z.object({ case: z.object({ id: z.string() }).loose() })

export const api = {
  setupStatus: () => request('/api/setup', { reply: SetupStatusReply }),
  setup: (body: SetupBody) => request('/api/setup', { method: 'POST', body, reply: UserReply }),
  login: (body: LoginBody) => request('/api/auth/login', { method: 'POST', body, reply: UserReply }),
  logout: () => request('/api/auth/logout', { method: 'POST' }),
  /** Falls back to the last logged-in user's cached `me` when offline. */
  me: () => request('/api/me', { reply: UserReply, cacheFor: lastUserId() ?? undefined }),
  users: () => request('/api/users', { reply: UsersReply }),
  createUser: (body: CreateUserBody) => request('/api/users', { method: 'POST', body, reply: UserReply }),
  cases: (userId: string) => request('/api/cases', { reply: CasesReply, cacheFor: userId }),
  caseloadSummaries: () => request('/api/caseload/summaries', { reply: CaseloadSummariesReply }),
  createCase: (body: CreateCaseBody) => request('/api/cases', { method: 'POST', body, reply: CreatedCaseReply }),
  case: (userId: string, caseId: string) =>
    request(`/api/cases/${encodeURIComponent(caseId)}`, { reply: CaseReply, cacheFor: userId }),
  updateCase: (caseId: string, body: UpdateCaseBody) =>
    request(`/api/cases/${encodeURIComponent(caseId)}`, { method: 'PATCH', body, reply: CaseReply.or(z.object({}).loose()) }),
  /** A case's own flow (issue 19), or null to follow the service's default again. */
  setCaseFlow: (caseId: string, body: SetCaseFlowBody) => request(`${caseUrl(caseId)}/flow`, { method: 'PATCH', body, reply: CaseFlowReply }),
  addMember: (caseId: string, body: AddMemberBody) =>
    request(`/api/cases/${encodeURIComponent(caseId)}/members`, { method: 'POST', body, reply: MemberReply }),
  removeMember: (caseId: string, memberId: string) =>
    request(`/api/cases/${encodeURIComponent(caseId)}/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),

  /** Admin: deactivate / reactivate an account, change the admin flag or the name. */
  updateUser: (userId: string, body: UpdateUserBody) =>
    request(`/api/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body, reply: UserOrEmptyReply }),
  /** Admin: set a new password (ends the account's sessions). 204. */
  resetPassword: (userId: string, body: ResetPasswordBody) =>
    request(`/api/users/${encodeURIComponent(userId)}/password`, { method: 'POST', body }),

  createInvitation: (caseId: string, body: CreateInvitationBody) =>
    request(`${caseUrl(caseId)}/invitations`, { method: 'POST', body, reply: CreatedInvitationReply }),
  invitations: (caseId: string) => request(`${caseUrl(caseId)}/invitations`, { reply: InvitationsReply }),
  /** A new link for an open invitation (after failed accepts limited it); the old link stops working. */
  renewInvitation: (caseId: string, invitationId: string) =>
    request(`${caseUrl(caseId)}/invitations/${encodeURIComponent(invitationId)}/renew`, { method: 'POST', body: {}, reply: CreatedInvitationReply }),
  /** A new access link (password reset) for an external member of the case (coach). */
  createAccessLink: (caseId: string, memberId: string) =>
    request(`${caseUrl(caseId)}/members/${encodeURIComponent(memberId)}/access-link`, { method: 'POST', body: {}, reply: CreatedAccessLinkReply }),
  /** Public: whom a password-reset link is for (404 when unknown, used or expired). */
  passwordResetPreview: (token: string) => request(`/api/auth/password-reset/${encodeURIComponent(token)}`, { reply: PasswordResetPreviewReply }),
  /** Public: sets the new password; the reply logs the person in. */
  resetPasswordWithLink: (token: string, body: PasswordResetBody) =>
    request(`/api/auth/password-reset/${encodeURIComponent(token)}`, { method: 'POST', body, reply: UserReply }),
  /** The accounts bound to the Yjs client ids of a case document (who really wrote what). */
  roomAuthors: (caseId: string, kind: AuthorRoomKind) => request(`${caseUrl(caseId)}/rooms/${kind}/authors`, { reply: RoomAuthorsReply }),
  revokeInvitation: (caseId: string, invitationId: string) =>
    request(`${caseUrl(caseId)}/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' }),
  /** Public: what an invitation link is for (404 when unknown, used, withdrawn or expired). */
  invitationPreview: (token: string) => request(`/api/invitations/${encodeURIComponent(token)}`, { reply: InvitationPreviewReply }),
  /** Accepts with a new external account, or (no body) as the logged-in account. */
  acceptInvitation: (token: string, body: AcceptInvitationBody | Record<string, never>) =>
    request(`/api/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body, reply: AcceptedInvitationReply }),

  agreements: (caseId: string) => request(`${caseUrl(caseId)}/agreements`, { reply: AgreementsReply }),
  agree: (caseId: string) => request(`${caseUrl(caseId)}/agreements`, { method: 'POST', body: {}, reply: AgreementReply }),

  /** Versions of the plan or the notes (contract §8.4), newest first. */
  versions: (caseId: string, doc: VersionDoc) => request(`${caseUrl(caseId)}/versions?doc=${doc}`, { reply: VersionsReply }),
  version: (caseId: string, doc: VersionDoc, versionId: string) =>
    request(`${caseUrl(caseId)}/versions/${encodeURIComponent(versionId)}?doc=${doc}`, { reply: VersionReply }),
  restoreVersion: (caseId: string, doc: VersionDoc, versionId: string) =>
    request(`${caseUrl(caseId)}/versions/${encodeURIComponent(versionId)}/restore?doc=${doc}`, { method: 'POST', body: {}, reply: VersionReply }),

  audit: (caseId: string) => request(`${caseUrl(caseId)}/audit`, { reply: AuditReply }),

  /** Every consent grant of the case (any member may list them); cached for offline reading. */
  consents: (userId: string, caseId: string) => request(`${caseUrl(caseId)}/consents`, { reply: ConsentGrantsReply, cacheFor: userId }),
  /** The coachee grants (evidence inApp), or a coach records a signed form (evidence signedForm + signedOn). */
  grantConsent: (caseId: string, body: GrantConsentBody) =>
    request(`${caseUrl(caseId)}/consents`, { method: 'POST', body, reply: ConsentGrantReply }),
  /** A coach closes the case (after the final report): read-only for everyone, retention starts. */
  closeCase: (caseId: string) => request(`${caseUrl(caseId)}/close`, { method: 'POST', body: {}, reply: CaseReply }),
  /** A coach (or an admin) erases the case and everything of it; 204. */
  eraseCase: (caseId: string) => request(caseUrl(caseId), { method: 'DELETE' }),

  /** Revokes a grant (the coachee or a coach); replies with the revoked grant. */
  /** The releases from confidentiality the caller may see (issue 16). */
  releases: (caseId: string) => request(`${caseUrl(caseId)}/releases`, { reply: ReleasesReply }),
  recordRelease: (caseId: string, body: RecordReleaseBody) => request(`${caseUrl(caseId)}/releases`, { method: 'POST', body, reply: ReleaseReply }),
  revokeRelease: (caseId: string, releaseId: string) =>
    request(`${caseUrl(caseId)}/releases/${encodeURIComponent(releaseId)}`, { method: 'DELETE', reply: ReleaseReply }),
  revokeConsent: (caseId: string, grantId: string) =>
    request(`${caseUrl(caseId)}/consents/${encodeURIComponent(grantId)}`, { method: 'DELETE', reply: ConsentGrantReply }),

  /** Whether the server sends mail at all (the reset page says so when it does not). */
  passwordResetStatus: () => request('/api/auth/password-reset', { reply: PasswordResetStatusReply }),
  /** "Passwort vergessen": 204 whether or not the address has an account. */
  requestPasswordReset: (body: PasswordResetRequestBody) => request('/api/auth/password-reset', { method: 'POST', body }),
  settings: () => request('/api/me/settings', { reply: AccountSettingsReply }),
  updateSettings: (body: AccountSettingsBody) => request('/api/me/settings', { method: 'PATCH', body, reply: AccountSettingsReply }),
  /** Admin: the mail outbox (never the mails' bodies). */
  mailOutbox: () => request('/api/admin/mail', { reply: OutboxReply }),
  calendarFeed: () => request('/api/calendar/feed', { reply: CalendarFeedReply }),
  /** Makes a new subscription URL (the old one stops working); its URL is in this reply only. */
  createCalendarFeed: () => request('/api/calendar/feed', { method: 'POST', body: {}, reply: CalendarFeedReply }),
  deleteCalendarFeed: () => request('/api/calendar/feed', { method: 'DELETE' }),
}

/** The download of one meeting as an .ics file (coaches). */
export function meetingIcsUrl(caseId: string, meetingId: string): string {
  return `${caseUrl(caseId)}/meetings/${encodeURIComponent(meetingId)}/ics`
}

/** The address of a coachee's data export (GDPR Art. 15): JSON to download, or the readable page to print. */
export function caseExportUrl(
  caseId: string,
  options: { format: 'json' | 'html'; lang?: 'de' | 'de-CH' | 'en'; tz?: string | undefined; memberId?: string | undefined },
): string {
  const query = new URLSearchParams({ format: options.format })
  if (options.lang !== undefined) {
    query.set('lang', options.lang)
  }
  if (options.tz !== undefined) {
    query.set('tz', options.tz)
  }
  if (options.memberId !== undefined) {
    query.set('memberId', options.memberId)
  }
  return `${caseUrl(caseId)}/export?${query.toString()}`
}

/** The URL of a case's server-sent event stream (contract: shared/src/api/caseEvents.ts). */
export function caseEventsUrl(caseId: string): string {
  return `${caseUrl(caseId)}/events`
}
