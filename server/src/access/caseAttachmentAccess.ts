/**
 * A member's access to a case's attachments, per category (issue 20): the
 * shared rule (shared/src/policy/attachments.ts) with the facts it needs —
 * whether the case is closed, and for scanned releases from confidentiality
 * whether the member holds an active consent for that field now (a revoked
 * or lapsed consent closes them at once, like the field's room).
 */
import type { CaseAttachmentCategory } from '../../../shared/src/api/attachments.js'
import { caseAttachmentAccess } from '../../../shared/src/policy/attachments.js'
import type { Access } from '../../../shared/src/policy/access.js'
import type { Clock } from '../clock.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { MemberRecord } from '../storage/members/MemberStorage.js'
import { consentedFieldsOf, type RoomAccessStorage } from './roomAccess.js'

/** The access of one member to each category, read once per request. */
export type AttachmentAccessOf = (category: CaseAttachmentCategory) => Access

export async function caseAttachmentAccessOf(
  storage: Pick<RoomAccessStorage, 'activeConsentFields'>,
  record: Pick<CaseRecord, 'closedAt'>,
  member: MemberRecord,
  clock: Clock,
): Promise<AttachmentAccessOf> {
  const consented = await consentedFieldsOf(storage as RoomAccessStorage, member, clock)
  const facts = { caseClosed: record.closedAt !== null, hasReleaseConsent: consented.has('releaseFromConfidentiality') }
  return (category) => caseAttachmentAccess(category, member.role, facts)
}
