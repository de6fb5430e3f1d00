/**
 * Funding (issue 18): the directory of funding bodies, and a case's funding
 * body and approvals. A case's records are only ever added (a change or a
 * correction is a new record). After an approval is recorded, the plan's
 * hours budget is set to what the approvals make, through the plan room's
 * commit path like any server change, and marked derived so clients can no
 * longer type another one (shared/src/caseDocument/roomSchemas.ts).
 */
import type { ApprovalFields, CaseFundingFields, CreateFundingBodyFields, UpdateFundingBodyBody } from '../../../shared/src/api/funding.js'
import { setDerivedHoursBudget } from '../../../shared/src/caseDocument/plan.js'
import { totalApprovedHours } from '../../../shared/src/funding/approvals.js'
import { Limits } from '../../../shared/src/limits.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { ApprovalRecord, ApprovalWithNames, CaseFundingWithNames, FundingBodyRecord, FundingStorage } from '../storage/funding/FundingStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js'

type Actor = Pick<UserRecord, 'id' | 'name'>

/** Adds an entry to the directory (an admin; checked before). */
export async function createFundingBody(services: Services<FundingStorage>, body: CreateFundingBodyFields): Promise<FundingBodyRecord> {
  const existing = await services.storage.listFundingBodies({ includeInactive: true })
  if (existing.length >= Limits.maxFundingBodies) {
    throw new InvalidInputError('invalidInput', `the directory holds at most ${Limits.maxFundingBodies} funding bodies`)
  }
  const at = services.clock().toISOString()
  const record: FundingBodyRecord = {
    id: newId(),
    kind: body.kind,
    name: body.name,
    address: body.address,
    contact: body.contact,
    active: true,
    createdAt: at,
    updatedAt: at,
  }
  await services.storage.addFundingBody(record)
  return record
}

/** Changes a directory entry (an admin). */
export async function updateFundingBody(services: Services<FundingStorage>, id: string, change: UpdateFundingBodyBody): Promise<FundingBodyRecord> {
  const updated = await services.storage.updateFundingBody(id, change, services.clock().toISOString())
  if (updated === null) {
    throw new NotFoundError('fundingBodyNotFound', 'No such funding body')
  }
  return updated
}

/** Deletes a directory entry no case named (an admin); one in use is deactivated instead. */
export async function deleteFundingBody(services: Services<FundingStorage>, id: string): Promise<void> {
  const outcome = await services.storage.deleteFundingBody(id)
  if (outcome === 'notFound') {
    throw new NotFoundError('fundingBodyNotFound', 'No such funding body')
  }
  if (outcome === 'inUse') {
    throw new ConflictError('fundingBodyInUse', 'A case names this funding body; deactivate it instead')
  }
}

/** Records the case's funding body, file number and referring body from now on. */
export async function setCaseFunding(services: Services<FundingStorage>, record: CaseRecord, body: CaseFundingFields, actor: Actor): Promise<CaseFundingWithNames> {
  assertCaseOpenFor(record, 'funding.write')
  let fundingBody: FundingBodyRecord | null = null
  if (body.fundingBodyId !== null) {
    fundingBody = await services.storage.findFundingBody(body.fundingBodyId)
    if (fundingBody === null) {
      throw new NotFoundError('fundingBodyNotFound', 'No such funding body')
    }
    const current = (await services.storage.listCaseFunding(record.id))[0]
    // An inactive body may stay where it is, but is not chosen anew.
    if (!fundingBody.active && current?.fundingBodyId !== fundingBody.id) {
      throw new ConflictError('fundingBodyInactive', 'This funding body is no longer active')
    }
  }
  const now = services.clock()
  const funding = {
    id: newId(),
    caseId: record.id,
    fundingBodyId: body.fundingBodyId,
    fileNumber: body.fileNumber,
    referringBody: body.referringBody,
    recordedAt: now.toISOString(),
    recordedBy: actor.id,
  }
  await services.storage.addCaseFunding(funding, [auditEntry(record.id, 'fundingChanged', actor.id, now, { fundingId: funding.id, fundingBodyId: funding.fundingBodyId })])
  services.events.notify(record.id, 'funding')
  return { ...funding, fundingBodyName: fundingBody?.name ?? null, fundingBodyKind: fundingBody?.kind ?? null, recordedByName: actor.name }
}

/**
 * Records an approval, an extension or a correction, then sets the plan's
 * budget to the approvals' total. Resolves with the record and that total.
 */
export async function addApproval(
  services: Services<FundingStorage>,
  record: CaseRecord,
  body: ApprovalFields,
  actor: Actor,
): Promise<{ approval: ApprovalWithNames; derivedHoursBudget: number }> {
  assertCaseOpenFor(record, 'funding.write')
  if (body.validUntil < body.validFrom) {
    throw new InvalidInputError('approvalPeriod', 'validUntil: must not be before validFrom')
  }
  if ((body.kind === 'extension') !== (body.extendsId !== null)) {
    throw new InvalidInputError('extensionTarget', 'extendsId: an extension names the approval it extends, an approval names none')
  }
  const now = services.clock()
  const approval: ApprovalRecord = { id: newId(), caseId: record.id, ...body, recordedAt: now.toISOString(), recordedBy: actor.id }
  const audit = [auditEntry(record.id, 'approvalRecorded', actor.id, now, { approvalId: approval.id, kind: approval.kind, corrects: approval.correctsId !== null })]
  const refusal = await services.storage.addApproval(approval, audit)
  if (refusal === 'extendsNotFound') {
    throw new InvalidInputError('extensionTarget', 'extendsId: no such approval in this case')
  }
  if (refusal === 'correctsNotFound') {
    throw new NotFoundError('approvalNotFound', 'correctsId: no such approval record in this case')
  }
  const derivedHoursBudget = await applyDerivedBudget(services, record.id)
  services.events.notify(record.id, 'funding')
  services.logger.info({ caseId: record.id, approvalId: approval.id, by: actor.id }, 'approval recorded')
  return { approval: { ...approval, recordedByName: actor.name }, derivedHoursBudget }
}

/**
 * Writes the approvals' total into the plan as its derived budget (also
 * when the plan already holds it: the mark may be missing). A total above
 * the plan's own limit is capped there, the approvals keep the full number.
 */
export async function applyDerivedBudget(services: Services<FundingStorage>, caseId: string): Promise<number> {
  const total = totalApprovedHours(await services.storage.listApprovals(caseId))
  await services.documents.changeDocument({ kind: 'plan', caseId }, (doc) => setDerivedHoursBudget(doc, Math.min(total, Limits.maxHoursBudget)))
  return total
}
