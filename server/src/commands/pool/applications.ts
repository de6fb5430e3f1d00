/**
 * Pool applications (issue 20 points 1, 3, 4, 5): the applicant's own form,
 * profile and evidence items; the office's evidence check, classification
 * and Kennenlerngespräch; the admission with two approvals (the office and
 * the Integrationsamt, two different people); further trainings and
 * supervisions. The group rules are shared (shared/src/pool/groups.ts).
 */
import {
  PoolForm,
  PoolProfile,
  type AddEvidenceFields,
  type AddSupervisionFields,
  type AddTrainingFields,
  type Approval,
  type ClassifyFields,
  type MeetingBody,
  type PoolGroup,
  type SaveOwnApplicationFields,
} from '../../../../shared/src/api/pool.js'
import { evidenceCounts, missingFor } from '../../../../shared/src/pool/groups.js'
import { isoDay } from '../../clock.js'
import { newId } from '../../ids.js'
import type { Services } from '../../services/Services.js'
import type { AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import type { ApplicationRecord, ApplicationWithName, PoolStorage } from '../../storage/pool/PoolStorage.js'
import type { AuditRecord, AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'
import { eraseOwnerAttachments } from '../attachments.js'
import { auditEntry } from '../audit.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { assertLinkableFile, discardEvidenceFile, evidenceOwner } from './evidenceFiles.js'

type Actor = Pick<UserRecord, 'id' | 'name'>
type PoolServices = Services<PoolStorage>
/** What changes an evidence item's file, or erases the files with the application, uses. */
type EvidenceServices = Services<PoolStorage & AttachmentStorage>
/** What erasing a member's pool data uses (an erasure without an application is audited on its own). */
type ErasureServices = Services<PoolStorage & AttachmentStorage & AuditStorage>

/** The form and profile of a new application, every field at its default. */
export function emptyApplication(userId: string, at: string): ApplicationRecord {
  return {
    id: newId(),
    userId,
    status: 'draft',
    group: null,
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    admittedAt: null,
    form: PoolForm.parse({}),
    profile: PoolProfile.parse({}),
    evidence: [],
    meeting: { scheduledFor: null, place: '', withPerson: '', heldOn: null, notes: '' },
    trainings: [],
    supervisions: [],
    classifiedAt: null,
    officeApproval: null,
    integrationsamtApproval: null,
    decisionNote: '',
  }
}

/** The caller's own application, started as a draft on first use. */
export async function ownApplication(services: PoolServices, user: Actor): Promise<ApplicationWithName> {
  const found = await services.storage.findApplicationOfUser(user.id)
  if (found !== null) {
    return found
  }
  // A parallel first call may have created it: either way there is one now.
  await services.storage.addApplication(emptyApplication(user.id, services.clock().toISOString()))
  const created = await services.storage.findApplicationOfUser(user.id)
  if (created === null) {
    throw new NotFoundError('applicationNotFound', 'No such application')
  }
  return created
}

export async function loadApplication(services: PoolServices, id: string): Promise<ApplicationWithName> {
  const found = await services.storage.findApplication(id)
  if (found === null) {
    throw new NotFoundError('applicationNotFound', 'No such application')
  }
  return found
}

/** Saves a change made on `current`; a change that came in between is a conflict (reload and retry). */
async function save(
  services: PoolServices,
  current: ApplicationWithName,
  change: Partial<ApplicationRecord>,
  audit?: (at: Date) => AuditRecord[],
): Promise<ApplicationWithName> {
  const now = services.clock()
  let updatedAt = now.toISOString()
  if (updatedAt <= current.updatedAt) {
    // Two changes within one millisecond still need distinct stamps for the compare-and-set.
    updatedAt = new Date(Date.parse(current.updatedAt) + 1).toISOString()
  }
  const { name: _name, ...stored } = current
  const saved = await services.storage.saveApplication({ ...stored, ...change, updatedAt }, current.updatedAt, audit?.(now))
  if (!saved) {
    throw new ConflictError('applicationDecided', 'The application changed meanwhile; reload it')
  }
  return loadApplication(services, current.id)
}

function assertOpen(application: ApplicationRecord): void {
  if (application.status === 'declined') {
    throw new ConflictError('applicationDecided', 'This application has been declined')
  }
}

/** The applicant's form (until classified) and profile (always). */
export async function saveOwnApplication(services: PoolServices, application: ApplicationWithName, body: SaveOwnApplicationFields): Promise<ApplicationWithName> {
  assertOpen(application)
  if (body.form !== undefined && application.status !== 'draft' && application.status !== 'submitted') {
    throw new ConflictError('applicationDecided', 'The form is fixed once the application is classified')
  }
  return save(services, application, { ...(body.form !== undefined ? { form: body.form } : {}), ...(body.profile !== undefined ? { profile: body.profile } : {}) })
}

/** Hands the draft to the coordination office. */
export async function submitApplication(services: PoolServices, application: ApplicationWithName): Promise<ApplicationWithName> {
  if (application.status !== 'draft') {
    throw new ConflictError('applicationDecided', 'This application has been submitted already')
  }
  return save(services, application, { status: 'submitted', submittedAt: services.clock().toISOString() })
}

export async function addEvidence(services: EvidenceServices, application: ApplicationWithName, body: AddEvidenceFields): Promise<ApplicationWithName> {
  assertOpen(application)
  if (body.attachmentId !== null) {
    await assertLinkableFile(services, application, body.attachmentId, null)
  }
  const item = { id: newId(), kind: body.kind, description: body.description, attachmentId: body.attachmentId, confirmed: false, confirmedAt: null }
  return save(services, application, { evidence: [...application.evidence, item] })
}

/** Removes an evidence item, and its file with it; a confirmed one only by the office. */
export async function removeEvidence(services: EvidenceServices, application: ApplicationWithName, evidenceId: string, byOffice: boolean): Promise<ApplicationWithName> {
  const item = application.evidence.find((entry) => entry.id === evidenceId)
  if (item === undefined || (item.confirmed && !byOffice)) {
    throw new NotFoundError('evidenceNotFound', 'No such evidence (a confirmed item is removed by the office)')
  }
  const saved = await save(services, application, { evidence: application.evidence.filter((entry) => entry.id !== evidenceId) })
  // Deleted after the save: a failed save leaves the item with its file.
  await discardEvidenceFile(services, application, item.attachmentId)
  return saved
}

/**
 * Links the applicant's own upload `attachmentId` to an unconfirmed item
 * (null unlinks) and deletes the file linked before. A confirmed item
 * keeps the file the office checked.
 */
export async function setEvidenceFile(services: EvidenceServices, application: ApplicationWithName, evidenceId: string, attachmentId: string | null): Promise<ApplicationWithName> {
  assertOpen(application)
  const item = application.evidence.find((entry) => entry.id === evidenceId)
  if (item === undefined || item.confirmed) {
    throw new NotFoundError('evidenceNotFound', 'No such evidence (a confirmed item keeps its file)')
  }
  // A report Fallbuch made counts unconfirmed because of its file: another file would count without anyone checking it.
  if (item.fromFallbuchCase !== undefined) {
    throw new ConflictError('fallbuchReportKeepsFile', 'A final report made in Fallbuch keeps its file; remove the item instead')
  }
  if (attachmentId !== null) {
    await assertLinkableFile(services, application, attachmentId, evidenceId)
  }
  const saved = await save(services, application, { evidence: application.evidence.map((entry) => (entry.id === evidenceId ? { ...entry, attachmentId } : entry)) })
  if (item.attachmentId !== attachmentId) {
    await discardEvidenceFile(services, application, item.attachmentId)
  }
  return saved
}

/** The office's check of one evidence item (the file was looked at). */
export async function confirmEvidence(services: PoolServices, application: ApplicationWithName, evidenceId: string, confirmed: boolean): Promise<ApplicationWithName> {
  if (!application.evidence.some((entry) => entry.id === evidenceId)) {
    throw new NotFoundError('evidenceNotFound', 'No such evidence')
  }
  const at = services.clock().toISOString()
  const evidence = application.evidence.map((entry) => (entry.id === evidenceId ? { ...entry, confirmed, confirmedAt: confirmed ? at : null } : entry))
  return save(services, application, { evidence })
}

/** The evidence kinds that count, one per item: the office's confirmed ones and Fallbuch's own final reports (groups.ts evidenceCounts). */
export function confirmedKinds(application: ApplicationRecord): ApplicationRecord['evidence'][number]['kind'][] {
  return application.evidence.filter(evidenceCounts).map((entry) => entry.kind)
}

/**
 * Classifies a submitted application (or reclassifies one, e.g. a group 3
 * member who completed the training) into a group it meets on today's
 * date. A new classification of a not yet admitted application drops the
 * approvals given for the old one.
 */
export async function classifyApplication(services: PoolServices, application: ApplicationWithName, body: ClassifyFields, actor: Actor): Promise<ApplicationWithName> {
  assertOpen(application)
  if (application.status === 'draft') {
    throw new ConflictError('applicationNotSubmitted', 'The application has not been submitted yet')
  }
  const missing = missingFor(body.group, { form: application.form, confirmedEvidence: confirmedKinds(application) }, isoDay(services.clock()))
  if (missing.length > 0) {
    throw new ConflictError('groupNotMet', `Group ${body.group} lacks: ${missing.join(', ')}`)
  }
  const admitted = application.status === 'admitted'
  const change: Partial<ApplicationRecord> = {
    group: body.group,
    classifiedAt: services.clock().toISOString(),
    decisionNote: body.note,
    ...(admitted ? {} : { status: 'classified' as const, officeApproval: null, integrationsamtApproval: null }),
  }
  return save(services, application, change, (at) => [auditEntry(null, 'poolClassified', actor.id, at, { applicationId: application.id, group: body.group })])
}

/**
 * One approval of the admission. The office and the Integrationsamt decide
 * together: both approvals, by two different people; the second one admits.
 */
export async function approveAdmission(services: PoolServices, application: ApplicationWithName, as: 'office' | 'integrationsamt', actor: Actor): Promise<ApplicationWithName> {
  if (application.status !== 'classified' || application.group === null) {
    throw new ConflictError('applicationNotClassified', 'Only a classified application can be admitted')
  }
  const field = as === 'office' ? 'officeApproval' : 'integrationsamtApproval'
  const other = as === 'office' ? application.integrationsamtApproval : application.officeApproval
  if (application[field] !== null || other?.byId === actor.id) {
    throw new ConflictError('alreadyApproved', 'This approval is given already, or the other one was given by the same person')
  }
  const now = services.clock()
  const approval: Approval = { byId: actor.id, byName: actor.name, at: now.toISOString() }
  const complete = other !== null
  const group: PoolGroup = application.group
  return save(services, application, { [field]: approval, ...(complete ? { status: 'admitted' as const, admittedAt: now.toISOString() } : {}) }, (at) => [
    auditEntry(null, 'poolAdmissionApproved', actor.id, at, { applicationId: application.id, as }),
    ...(complete ? [auditEntry(null, 'poolAdmitted', actor.id, at, { applicationId: application.id, group })] : []),
  ])
}

export async function declineApplication(services: PoolServices, application: ApplicationWithName, note: string, actor: Actor): Promise<ApplicationWithName> {
  if (application.status === 'admitted' || application.status === 'declined') {
    throw new ConflictError('applicationDecided', 'This application has been decided already')
  }
  return save(services, application, { status: 'declined', decisionNote: note }, (at) => [auditEntry(null, 'poolDeclined', actor.id, at, { applicationId: application.id })])
}

/** Schedules or documents the Kennenlerngespräch. */
export async function saveMeeting(services: PoolServices, application: ApplicationWithName, body: MeetingBody): Promise<ApplicationWithName> {
  assertOpen(application)
  const defined = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
  return save(services, application, { meeting: { ...application.meeting, ...defined } })
}

export async function addTraining(services: PoolServices, application: ApplicationWithName, body: AddTrainingFields): Promise<ApplicationWithName> {
  return save(services, application, { trainings: [...application.trainings, { id: newId(), ...body }].sort((a, b) => a.on.localeCompare(b.on)) })
}

export async function addSupervision(services: PoolServices, application: ApplicationWithName, body: AddSupervisionFields): Promise<ApplicationWithName> {
  return save(services, application, { supervisions: [...application.supervisions, { id: newId(), ...body }].sort((a, b) => a.on.localeCompare(b.on)) })
}

export async function removeRecord(services: PoolServices, application: ApplicationWithName, kind: 'trainings' | 'supervisions', id: string): Promise<ApplicationWithName> {
  if (!application[kind].some((entry) => entry.id === id)) {
    throw new NotFoundError('evidenceNotFound', 'No such entry')
  }
  return save(services, application, { [kind]: application[kind].filter((entry) => entry.id !== id) })
}

/** Who erased a member's pool data: the member (withdrawal), the coordination office, or an admin (deactivated account). */
export type PoolErasureBy = 'member' | 'office' | 'admin'

/**
 * Erases a member's pool data (issue 20 point 2, "erased with their
 * owner"): every evidence file of theirs (linked or not; keys destroyed,
 * rows and chunks deleted), the application with its profile and its
 * keeping-qualified records, their proposals, then the pool key (backups
 * stay unreadable). Audited with ids only, never content. Resolves with
 * whether there was anything to erase.
 */
export async function erasePoolData(services: ErasureServices, userId: string, by: PoolErasureBy, actor: Actor): Promise<boolean> {
  const application = await services.storage.findApplicationOfUser(userId)
  // The files go first: a failure after this leaves an application without files, never files without their erasure.
  const files = await eraseOwnerAttachments(services, evidenceOwner({ userId }))
  const at = services.clock()
  const audit = [auditEntry(null, 'poolDataErased', actor.id, at, { userId, applicationId: application?.id ?? null, by, files })]
  let erased = files > 0
  if (application !== null && (await services.storage.deleteApplication(application.id, audit))) {
    erased = true
  } else if (erased) {
    await services.storage.appendAudit(audit)
  }
  await services.keyring.destroyPoolKey(userId)
  services.logger.info({ applicationId: application?.id ?? null, by, files }, 'pool data erased')
  return erased
}

/** Erases an application with everything of its member's pool data ({@link erasePoolData}). */
export async function eraseApplication(services: ErasureServices, application: ApplicationWithName, by: PoolErasureBy, actor: Actor): Promise<void> {
  await erasePoolData(services, application.userId, by, actor)
}

/**
 * Adds the anonymised final report Fallbuch made from a closed case of the
 * applicant (issue 20 point 7), its file stored before: counts toward 2b
 * without the office's confirmation ({@link evidenceCounts}). One per case:
 * 409 when the case's digest is in the application already. `audit` is
 * written with the item, in one transaction.
 */
export async function addFallbuchFinalReport(
  services: EvidenceServices,
  application: ApplicationWithName,
  report: { description: string; attachmentId: string; caseDigest: string },
  audit: (at: Date) => AuditRecord[],
): Promise<{ application: ApplicationWithName; evidenceId: string }> {
  assertOpen(application)
  if (application.evidence.some((item) => item.fromFallbuchCase === report.caseDigest)) {
    throw new ConflictError('finalReportExported', 'The final report of this case is in the application already')
  }
  await assertLinkableFile(services, application, report.attachmentId, null)
  const item = { id: newId(), kind: 'anonymisedFinalReport' as const, description: report.description, attachmentId: report.attachmentId, confirmed: false, confirmedAt: null, fromFallbuchCase: report.caseDigest }
  return { application: await save(services, application, { evidence: [...application.evidence, item] }, audit), evidenceId: item.id }
}
