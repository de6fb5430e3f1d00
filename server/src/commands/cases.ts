/** Cases: create (with seeded documents), change settings, close (issue 10). */
import * as Y from 'yjs'
import type { CaseType } from '../../../shared/src/api/cases.js'
import { allowedWhileClosed, type Action } from '../../../shared/src/policy/actions.js'
import { initConfidentialDoc } from '../../../shared/src/caseDocument/confidential.js'
import { initNotesDoc } from '../../../shared/src/caseDocument/notes.js'
import { initProfileDoc } from '../../../shared/src/caseDocument/profile.js'
import { initPlanDoc, setPlanMetaField } from '../../../shared/src/caseDocument/plan.js'
import { caseRoomNames, formatRoomName } from '../../../shared/src/protocol/roomName.js'
import { isFinalReportWritten } from '../../../shared/src/report/parts.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord, CaseStorage } from '../storage/cases/CaseStorage.js'
import type { MemberRecord } from '../storage/members/MemberStorage.js'
import type { RoomSeed } from '../storage/rooms/RoomStorage.js'
import { auditEntry } from './audit.js'
import { ConflictError } from './errors.js'
import { detachedDoc } from '../../../shared/src/caseDocument/detachedDoc.js'

/** Refuses an action a closed case no longer allows (shared action policy): it is read-only for everyone (issue 10). */
export function assertCaseOpenFor(record: Pick<CaseRecord, 'closedAt'>, action: Action): void {
  if (record.closedAt !== null && !allowedWhileClosed(action)) {
    throw new ConflictError('caseClosed', 'This case is closed and can no longer be changed')
  }
}

/**
 * The first stored update of each room of a new case. The server seeds them
 * so every client sees the same schemaVersion and nobody initialises a
 * document concurrently.
 */
function seedCaseRooms(caseId: string, title: string): RoomSeed[] {
  return caseRoomNames(caseId).map((room) => {
    const doc = detachedDoc()
    if (room.kind === 'plan') {
      initPlanDoc(doc, { title })
    } else if (room.kind === 'notes') {
      initNotesDoc(doc)
    } else if (room.kind === 'profile') {
      initProfileDoc(doc)
    } else if (room.kind === 'confidential') {
      initConfidentialDoc(doc, room.field)
    }
    const update = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return { room: formatRoomName(room), update }
  })
}

/** Creates a case with its seeded rooms; the creator (a staff account) becomes its first coach. */
export async function createCase(services: Services<CaseStorage>, input: { title: string; type?: CaseType; creatorId: string }): Promise<CaseRecord> {
  const now = services.clock().toISOString()
  const record: CaseRecord = {
    id: newId(),
    title: input.title,
    type: input.type ?? 'placement',
    employerCanEdit: false,
    createdAt: now,
    createdBy: input.creatorId,
    closedAt: null,
    closedBy: null,
    flow: null,
  }
  const coach: MemberRecord = { id: newId(), caseId: record.id, userId: input.creatorId, role: 'coach', addedAt: now }
  await services.storage.createCase(record, coach, seedCaseRooms(record.id, record.title))
  services.logger.info({ caseId: record.id, userId: input.creatorId }, 'case created')
  return record
}

/** What a coach may change of a case (`PATCH /api/cases/:id`). */
export interface CaseSettings {
  title?: string
  type?: CaseType
  employerCanEdit?: boolean
}

/**
 * Renames a case, changes its type and switches the employer's plan editing,
 * as one change with one audit entry naming what changed (never the title
 * text: the audit log holds no content). Resolves with the case as stored.
 */
export async function updateCase(services: Services<CaseStorage>, record: CaseRecord, changes: CaseSettings, actorId: string): Promise<CaseRecord> {
  assertCaseOpenFor(record, 'case.update')
  const changed: Record<string, string | boolean> = {}
  if (changes.employerCanEdit !== undefined && changes.employerCanEdit !== record.employerCanEdit) {
    changed.employerCanEdit = changes.employerCanEdit
  }
  const title = changes.title !== undefined && changes.title !== record.title ? changes.title : undefined
  if (title !== undefined) {
    changed.title = true
  }
  if (changes.type !== undefined && changes.type !== record.type) {
    changed.type = changes.type
  }
  const audit = Object.keys(changed).length > 0 ? [auditEntry(record.id, 'caseUpdated', actorId, services.clock(), changed)] : []
  await services.storage.updateCase(record.id, changes, audit)
  if (title !== undefined) {
    // Contract §8.2: a server change through the relay, so open editors see
    // it once committed. The title's Y.Text is edited in place (only the
    // changed middle), so a coach typing in it at the same time keeps that.
    await services.documents.changeDocument({ kind: 'plan', caseId: record.id }, (doc) => setPlanMetaField(doc, 'title', title))
  }
  if (changes.employerCanEdit !== undefined && changes.employerCanEdit !== record.employerCanEdit) {
    // Open employer connections switch between read and write in place; members re-read the case.
    await services.accessChanged({ kind: 'employerCanEdit', caseId: record.id })
  } else if (audit.length > 0) {
    // No access changes, but every process's event streams tell the members to re-read the case.
    await services.accessChanged({ kind: 'details', caseId: record.id })
  }
  return (await services.storage.findCase(record.id)) ?? record
}

/** Closes a case once its final report is written: read-only for everyone from then on, and retention starts. */
export async function closeCase(services: Services<CaseStorage>, record: CaseRecord, actorId: string): Promise<CaseRecord> {
  if (record.closedAt !== null) {
    throw new ConflictError('caseClosed', 'This case is closed already')
  }
  // The process ends with the final report (Abschlussbericht); the case closes after it.
  if (!(await services.documents.readDocument({ kind: 'notes', caseId: record.id }, isFinalReportWritten))) {
    throw new ConflictError('finalReportMissing', 'Write the final report before closing the case')
  }
  const now = services.clock()
  if (!(await services.storage.closeCase(record.id, now.toISOString(), actorId, [auditEntry(record.id, 'caseClosed', actorId, now)]))) {
    throw new ConflictError('caseClosed', 'This case is closed already')
  }
  // Open editors switch to read-only in place; members re-read the case.
  await services.accessChanged({ kind: 'closed', caseId: record.id })
  services.logger.info({ caseId: record.id, by: actorId }, 'case closed')
  return (await services.storage.findCase(record.id)) ?? record
}
