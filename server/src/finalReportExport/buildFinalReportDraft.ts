/**
 * Builds the anonymised final report draft of a case (issue 20 point 7):
 * reads the plan and the notes as committed through the relay (never the
 * confidential fields), runs `shared/src/finalReportExport` with the case's
 * members and the coaches' extra identifiers — what a supervision copy of
 * the case would take — and hashes the result so the approval can tell the
 * reviewed draft from a changed one.
 */
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { readSupervisionIdentifiers, toExtraIdentifiers } from '../../../shared/src/caseDocument/supervisionIdentifiers.js'
import { anonymiseFinalReport, exportLinesText, type AnonymisedFinalReport } from '../../../shared/src/finalReportExport/anonymiseFinalReport.js'
import type { CaseFlow } from '../../../shared/src/api/cases.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'

/** What building a draft reads: the case's members and its committed documents. */
export type DraftSources = Pick<Services<MemberStorage>, 'storage' | 'documents'>

export interface BuiltDraft extends AnonymisedFinalReport {
  /** SHA-256 (hex) of the draft's text and the redactions it was built with. */
  draftHash: string
}

/** A detached replica of a room's committed state (the anonymiser reads its current content only). */
async function replicaOf(sources: DraftSources, room: RoomName): Promise<Y.Doc> {
  const state = await sources.documents.readDocument(room, (doc) => Y.encodeStateAsUpdate(doc))
  const replica = new Y.Doc()
  Y.applyUpdate(replica, state)
  return replica
}

/** The hash an approval must name: of what the author saw (text and highlighting) and the redactions behind it. */
export function draftHashOf(report: AnonymisedFinalReport, redactions: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ lines: report.lines, text: exportLinesText(report.lines), redactions: [...redactions] }))
    .digest('hex')
}

/** A digest of the case for the evidence item: one case counts once, and its id is not in the application. */
export function caseDigestOf(caseId: string): string {
  return createHash('sha256').update(`fallbuch-final-report:${caseId}`).digest('hex')
}

export async function buildFinalReportDraft(sources: DraftSources, caseRecord: CaseRecord, flow: CaseFlow, redactions: readonly string[]): Promise<BuiltDraft> {
  const [plan, notes, members] = await Promise.all([
    replicaOf(sources, { kind: 'plan', caseId: caseRecord.id }),
    replicaOf(sources, { kind: 'notes', caseId: caseRecord.id }),
    sources.storage.listMembers(caseRecord.id),
  ])
  try {
    const report = anonymiseFinalReport(plan, notes, {
      members: members.map((member) => ({ name: member.name, email: member.email })),
      extraIdentifiers: toExtraIdentifiers(readSupervisionIdentifiers(notes)),
      redactions,
      caseType: caseRecord.type,
      flow,
    })
    return { ...report, draftHash: draftHashOf(report, redactions) }
  } finally {
    plan.destroy()
    notes.destroy()
  }
}
