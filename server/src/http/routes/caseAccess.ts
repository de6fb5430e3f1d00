/**
 * Loading a case for a caller, with the "members only, and no leak" rule, and
 * the shared action policy (shared/src/policy/actions.ts) as 403 (the 409 of
 * a closed case: commands/cases.ts assertCaseOpenFor).
 */
import { isOpaqueId } from '../../../../shared/src/ids.js'
import type { Action } from '../../../../shared/src/policy/actions.js'
import type { CaseRecord, MemberRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { notFound } from '../errors.js'
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
    throw notFound('caseNotFound', 'No such case')
  }
  const [record, member] = await Promise.all([ctx.storage.findCase(caseId), ctx.storage.findMember(caseId, userId)])
  if (!record || !member) {
    throw notFound('caseNotFound', 'No such case')
  }
  return { record, member }
}

/** Like {@link loadCaseOfMember}, and 403 unless the member's role may do `action`. */
export async function loadCaseFor(ctx: AppContext<Ports>, caseId: string, userId: string, action: Action): Promise<CaseOfMember> {
  const found = await loadCaseOfMember(ctx, caseId, userId)
  assertMay(found.member.role, action)
  return found
}
