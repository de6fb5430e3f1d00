/**
 * Versions of plan and notes (contract §8.4, shared/src/api/versions.ts):
 * list, read, restore. Access follows the room: whoever may read the room
 * reads its versions (plan: every member; notes: coaches); a restore needs
 * the coach role on a writable room.
 */
import type { FastifyInstance } from 'fastify'
import {
  RestoreVersionBody,
  VersionsQuery,
  type VersionDoc,
  type VersionPerson,
  type VersionReply,
  type VersionsReply,
  type VersionSummary,
} from '../../../../shared/src/api/versions.js'
import { restoreDocument } from '../../../../shared/src/caseDocument/restoreDoc.js'
import { readVersionContent, versionDoc } from '../../../../shared/src/caseDocument/versionContent.js'
import { auditEntry } from '../../commands/audit.js'
import { assertCaseOpenFor } from '../../commands/cases.js'
import type { AgreementStorage } from '../../storage/agreements/AgreementStorage.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'
import type { DocumentVersionRecord, VersionStorage } from '../../storage/versions/VersionStorage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { assertMay } from '../assertMay.js'
import { conflict, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor, type CaseOfMember } from './caseAccess.js'

/** The storage ports this module uses. */
type Ports = VersionStorage & AgreementStorage & AuditStorage & CaseStorage & MemberStorage & SessionStorage & UserStorage

interface VersionRequest {
  Params: { id: string; versionId?: string }
  Querystring: unknown
}

/** The case, the caller's membership and the document, 403 unless the caller may read the document (its versions follow the room). */
async function loadReadableDoc(ctx: AppContext<Ports>, caseId: string, userId: string, query: unknown): Promise<CaseOfMember & { doc: VersionDoc }> {
  const { doc } = parseBody(VersionsQuery, query)
  const found = await loadCaseFor(ctx, caseId, userId, doc === 'plan' ? 'versions.readPlan' : 'versions.readNotes')
  return { ...found, doc }
}

/** Names of the people a list of versions mentions: members first, then (people who left) their accounts. */
async function namesOf(ctx: AppContext<Ports>, caseId: string, userIds: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map((await ctx.storage.listMembers(caseId)).map((member) => [member.userId, member.name]))
  for (const userId of new Set(userIds)) {
    if (!names.has(userId)) {
      names.set(userId, (await ctx.storage.findUserById(userId))?.name ?? '')
    }
  }
  return names
}

async function toSummaries(ctx: AppContext<Ports>, caseId: string, versions: readonly DocumentVersionRecord[]): Promise<VersionSummary[]> {
  const agreements = new Map((await ctx.storage.listAgreements(caseId)).map((agreement) => [agreement.id, agreement]))
  const names = await namesOf(
    ctx,
    caseId,
    versions.flatMap((version) => version.authors),
  )
  const person = (userId: string): VersionPerson => ({ userId, name: names.get(userId) ?? '' })
  return versions.map((version) => {
    const agreement = version.agreementId === null ? undefined : agreements.get(version.agreementId)
    return {
      id: version.id,
      at: version.at,
      reason: version.reason,
      authors: version.authors.map(person),
      agreement: agreement ? { id: agreement.id, userId: agreement.userId, name: agreement.userName } : null,
    }
  })
}

export function registerVersionRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<VersionRequest>('/api/cases/:id/versions', async (request): Promise<VersionsReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, doc } = await loadReadableDoc(ctx, request.params.id, user.id, request.query)
    const versions = await ctx.storage.listDocumentVersions(record.id, doc)
    return { versions: await toSummaries(ctx, record.id, versions) }
  })

  app.get<VersionRequest>('/api/cases/:id/versions/:versionId', async (request): Promise<VersionReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, doc } = await loadReadableDoc(ctx, request.params.id, user.id, request.query)
    const found = await ctx.storage.findDocumentVersion(record.id, doc, request.params.versionId ?? '')
    if (!found) {
      throw notFound('versionNotFound', 'No such version')
    }
    const { version, state } = found
    return { version: { id: version.id, at: version.at, reason: version.reason, content: readVersionContent(doc, state) } }
  })

  app.post<VersionRequest>('/api/cases/:id/versions/:versionId/restore', async (request): Promise<VersionReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member, doc } = await loadReadableDoc(ctx, request.params.id, user.id, request.query)
    parseBody(RestoreVersionBody, request.body ?? {})
    // Coaches only (shared/src/policy/actions.ts), even an employer who
    // co-edits the plan: a restore writes every field of the document, the
    // title, dates, hours budget and phase included, which an employer may
    // not change (contract §8.2).
    assertMay(member.role, 'versions.restore')
    assertCaseOpenFor(record, 'versions.restore')
    const found = await ctx.storage.findDocumentVersion(record.id, doc, request.params.versionId ?? '')
    if (!found) {
      throw notFound('versionNotFound', 'No such version')
    }
    if (!readVersionContent(doc, found.state).readable) {
      throw conflict('versionUnreadable', 'This version does not fit the document schema and cannot be restored')
    }
    // Through the relay, so every open client receives the restore as a new change.
    await ctx.documents.changeDocument({ kind: doc, caseId: record.id }, (live) => {
      const source = versionDoc(doc, found.state)
      try {
        restoreDocument(doc, live, source)
      } finally {
        source.destroy()
      }
    })
    const restored = await ctx.versions.snapshot(record.id, doc, 'restored', { author: user.id })
    await ctx.storage.appendAudit([
      auditEntry(record.id, 'versionRestored', user.id, ctx.clock(), { doc, versionId: found.version.id, newVersionId: restored?.id ?? null }),
    ])
    const shown = restored ? await ctx.storage.findDocumentVersion(record.id, doc, restored.id) : found
    const version = shown ?? found
    return {
      version: { id: version.version.id, at: version.version.at, reason: version.version.reason, content: readVersionContent(doc, version.state) },
    }
  })
}
