/**
 * Builds the anonymised final report draft of a case (issue 20 point 7):
 * reads the plan and the notes as committed through the relay (never the
 * confidential fields), runs `shared/src/finalReportExport` with the case's
 * members, the coaches' extra identifiers, the profile's former employers
 * and the application log's employers and contacts — what a supervision
 * copy of the case knows — and hashes the result so the approval can tell the
 * reviewed draft from a changed one.
 */
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { readSupervisionIdentifiers, toExtraIdentifiers } from '../../../shared/src/caseDocument/supervisionIdentifiers.js'
import { anonymiseFinalReport, exportLinesText, type AnonymisedFinalReport } from '../../../shared/src/finalReportExport/anonymiseFinalReport.js'
import type { CaseFlow } from '../../../shared/src/api/cases.js'
import type { JobSearchSource } from '../../../shared/src/anonymise/placementCopy.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { EmployerDirectoryStorage, JobSearchStorage } from '../storage/jobSearch/JobSearchStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'

/** What building a draft reads: the case's members, its application log and its committed documents. */
export type DraftSources = Pick<Services<MemberStorage & JobSearchStorage & EmployerDirectoryStorage>, 'storage' | 'documents'>

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

/** The case's application log with its directory employers' contact names (what a supervision copy knows of it too). */
async function jobSearchOf(sources: DraftSources, caseId: string): Promise<JobSearchSource[]> {
  const entries = await sources.storage.listJobSearchEntries(caseId)
  const employerIds = [...new Set(entries.flatMap((entry) => (entry.employerId === null ? [] : [entry.employerId])))]
  const employers = await Promise.all(employerIds.map((id) => sources.storage.findEmployer(id)))
  const contacts = new Map(employers.flatMap((employer) => (employer ? [[employer.id, employer.contacts.map((contact) => contact.name)] as const] : [])))
  return entries.map((entry) => ({ ...entry, directoryContacts: entry.employerId === null ? [] : (contacts.get(entry.employerId) ?? []) }))
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
  const [plan, notes, profile, members, jobSearch] = await Promise.all([
    replicaOf(sources, { kind: 'plan', caseId: caseRecord.id }),
    replicaOf(sources, { kind: 'notes', caseId: caseRecord.id }),
    replicaOf(sources, { kind: 'profile', caseId: caseRecord.id }),
    sources.storage.listMembers(caseRecord.id),
    jobSearchOf(sources, caseRecord.id),
  ])
  try {
    const report = anonymiseFinalReport(plan, notes, {
      members: members.map((member) => ({ name: member.name, email: member.email })),
      extraIdentifiers: toExtraIdentifiers(readSupervisionIdentifiers(notes)),
      redactions,
      caseType: caseRecord.type,
      flow,
      profile,
      jobSearch,
    })
    return { ...report, draftHash: draftHashOf(report, redactions) }
  } finally {
    plan.destroy()
    notes.destroy()
    profile.destroy()
  }
}
