/** Cases: list, create (with seeded documents), read, update (contract §5). */
import type { FastifyInstance } from 'fastify'
import * as Y from 'yjs'
import {
  CreateCaseBody,
  UpdateCaseBody,
  type CaseDetail,
  type CaseReply,
  type CasesReply,
  type CaseSummary,
} from '../../../../shared/src/api/cases.js'
import { initConfidentialDoc } from '../../../../shared/src/caseDocument/confidential.js'
import { initNotesDoc } from '../../../../shared/src/caseDocument/notes.js'
import { initPlanDoc, planMeta } from '../../../../shared/src/caseDocument/plan.js'
import { caseRoomNames, formatRoomName, type RoomName } from '../../../../shared/src/protocol/roomName.js'
import { recordAudit } from '../../audit/auditLog.js'
import { newId } from '../../ids.js'
import { caseRoomAccess, consentedFieldsOf } from '../../access/roomAccess.js'
import type { CaseRecord, MemberRecord, RoomSeed } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, authenticateStaff } from '../authenticate.js'
import { parseBody } from '../parseBody.js'
import { toApiMember, toCaseSummary } from '../toApi.js'
import { assertCaseOpenFor, loadCaseFor, loadCaseOfMember } from './caseAccess.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage, ErasureStorage } from '../../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { SupervisionCopyStorage, SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & ConsentStorage & ErasureStorage & MemberStorage & SessionStorage & SupervisionCopyStorage & SupervisionGroupStorage

/**
 * The first stored update of each room of a new case. The server seeds them
 * so every client sees the same schemaVersion and nobody initialises a
 * document concurrently.
 */
function seedCaseRooms(caseId: string, title: string): RoomSeed[] {
  return caseRoomNames(caseId).map((room: RoomName) => {
    const doc = new Y.Doc()
    if (room.kind === 'plan') {
      initPlanDoc(doc, { title })
    } else if (room.kind === 'notes') {
      initNotesDoc(doc)
    } else if (room.kind === 'confidential') {
      initConfidentialDoc(doc, room.field)
    }
    const update = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return { room: formatRoomName(room), update }
  })
}

/** A case as `GET /api/cases/:id` shows it to `me`. */
export async function caseDetail(ctx: AppContext<Ports>, record: CaseRecord, me: MemberRecord): Promise<CaseDetail> {
  const [members, consented] = await Promise.all([ctx.storage.listMembers(record.id), consentedFieldsOf(ctx.storage, me, ctx.clock)])
  return {
    ...toCaseSummary(record, me.role, ctx.config.retentionYears),
    members: members.map(toApiMember),
    rooms: caseRoomNames(record.id).map((room) => ({
      name: formatRoomName(room),
      access: caseRoomAccess(room, me.role, record, consented),
    })),
  }
}

export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/cases', async (request): Promise<CasesReply> => {
    const { user } = await authenticate(ctx, request)
    const cases = await ctx.storage.listCasesOfUser(user.id)
    return { cases: cases.map(({ record, role }) => toCaseSummary(record, role, ctx.config.retentionYears)) }
  })

  app.post('/api/cases', async (request, reply): Promise<{ case: CaseSummary }> => {
    const { user } = await authenticateStaff(ctx, request)
    const body = parseBody(CreateCaseBody, request.body)
    const now = new Date().toISOString()
    const record: CaseRecord = {
      id: newId(),
      title: body.title,
      type: body.type ?? 'placement',
      employerCanEdit: false,
      createdAt: now,
      createdBy: user.id,
      closedAt: null,
      closedBy: null,
    }
    const coach: MemberRecord = { id: newId(), caseId: record.id, userId: user.id, role: 'coach', addedAt: now }
    await ctx.storage.createCase(record, coach, seedCaseRooms(record.id, record.title))
    ctx.logger.info({ caseId: record.id, userId: user.id }, 'case created')
    reply.code(201)
    return { case: toCaseSummary(record, 'coach', ctx.config.retentionYears) }
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id', async (request): Promise<CaseReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    return { case: await caseDetail(ctx, record, member) }
  })

  app.patch<{ Params: { id: string } }>('/api/cases/:id', async (request): Promise<CaseReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseFor(ctx, request.params.id, user.id, 'case.update')
    const body = parseBody(UpdateCaseBody, request.body)
    assertCaseOpenFor(record, 'case.update')
    await ctx.storage.updateCase(record.id, body)
    if (body.title !== undefined && body.title !== record.title) {
      const title = body.title
      // Through the relay, so open editors see the new title after it is committed.
      await ctx.relay.changeDocument({ kind: 'plan', caseId: record.id }, (doc) => planMeta(doc).set('title', title))
    }
    // Which settings changed; never the title text (the audit log holds no content).
    const changed: Record<string, string | boolean> = {}
    if (body.employerCanEdit !== undefined && body.employerCanEdit !== record.employerCanEdit) {
      changed.employerCanEdit = body.employerCanEdit
    }
    if (body.title !== undefined && body.title !== record.title) {
      changed.title = true
    }
    if (body.type !== undefined && body.type !== record.type) {
      changed.type = body.type
    }
    if (Object.keys(changed).length > 0) {
      await recordAudit(ctx.storage, { caseId: record.id, type: 'caseUpdated', actorId: user.id, details: changed })
      // employerCanEdit switches open employer connections between read and write in place;
      // members re-read the case (its `rooms` carry their access).
      await ctx.accessChanges.publish({ kind: changed.employerCanEdit === undefined ? 'details' : 'employerCanEdit', caseId: record.id })
    }
    const updated = (await ctx.storage.findCase(record.id)) ?? record
    return { case: await caseDetail(ctx, updated, member) }
  })
}
