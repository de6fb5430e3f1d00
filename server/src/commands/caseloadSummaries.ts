/**
 * The caseload page's summaries, computed from the committed documents: for
 * every case the caller is a coach of (coaches read plan and notes, the only
 * documents a summary uses; other roles get nothing here).
 */
import type { CaseloadSummaryEntry } from '../../../shared/src/api/caseloadSummaries.js'
import { notesSummaryPart, planSummaryPart, summariseCaseParts } from '../../../shared/src/process/caseSummary.js'
import type { Services } from '../services/Services.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'

/** Summaries of the cases `userId` coaches, in the order of the case list. */
export async function caseloadSummaries(services: Services<CaseStorage & MemberStorage>, userId: string): Promise<CaseloadSummaryEntry[]> {
  const cases = await services.storage.listCasesOfUser(userId)
  const entries: CaseloadSummaryEntry[] = []
  // One case after the other: each read may load two rooms into the relay.
  for (const { record, role } of cases) {
    if (role !== 'coach') {
      continue
    }
    const members = await services.storage.listMembers(record.id)
    // Each part read inside its room's read: no copy of either document.
    const [plan, notes] = await Promise.all([
      services.documents.readDocument({ kind: 'plan', caseId: record.id }, planSummaryPart),
      services.documents.readDocument({ kind: 'notes', caseId: record.id }, notesSummaryPart),
    ])
    entries.push({ caseId: record.id, coaches: members.filter((member) => member.role === 'coach').length, summary: summariseCaseParts(plan, notes) })
  }
  return entries
}
