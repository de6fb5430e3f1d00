/** Loading a case for a caller, with the "members only, and no leak" rule. */
import { isOpaqueId } from '../../../../shared/src/ids.js'
import type { CaseRecord, MemberRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { conflict, forbidden, notFound } from '../errors.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & MemberStorage

/** A case and the caller's membership in it. */
export interface CaseOfMember {
  record: CaseRecord
  member: MemberRecord
}

/** The case if the user is a member; 404 otherwise, so non-members cannot tell whether it exists. */
export async function loadCaseOfMember(ctx: AppContext<Ports>, caseId: string, userId: string): Promise<CaseOfMember> {
  if (!isOpaqueId(caseId)) {
    throw notFound('No such case')
  }
  const [record, member] = await Promise.all([ctx.storage.findCase(caseId), ctx.storage.findMember(caseId, userId)])
  if (!record || !member) {
    throw notFound('No such case')
  }
  return { record, member }
}

/** Like {@link loadCaseOfMember}, and 403 unless the caller is a coach of the case. */
export async function loadCaseOfCoach(ctx: AppContext<Ports>, caseId: string, userId: string): Promise<CaseOfMember> {
  const found = await loadCaseOfMember(ctx, caseId, userId)
  if (found.member.role !== 'coach') {
    throw forbidden('Only the coaches of this case can do this')
  }
  return found
}

/** 409 for a change to a closed case: it is read-only for everyone (issue 10). */
export function assertCaseOpen(record: CaseRecord): void {
  if (record.closedAt !== null) {
    throw conflict('This case is closed and can no longer be changed')
  }
}
