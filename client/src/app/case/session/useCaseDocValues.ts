import { useMemo } from 'react'
import type { Notes } from '../../../../../shared/src/caseDocument/notes.js'
import type { Plan } from '../../../../../shared/src/caseDocument/plan.js'
import { interimScheduleOf, isFinalReportWritten, lastInterimReportDate } from '../../../../../shared/src/report/parts.js'
import type { InterimSchedule } from '../../../../../shared/src/report/schedule.js'
import { usePlanHash } from '../../../agreements/planHash.js'
import { openFollowUpDueDates, readIncidents, readProgressInterval } from '../../../../../shared/src/caseDocument/accompaniment.js'
import type { UseCaseRoomResult } from '../../../sync/useCaseRoom.js'
import { useDocValue, useNotesRead, usePlanRead, valueOf } from '../process/useCaseDocs.js'

/** Plan and notes read as plain values, for the process rules of shared/src/process and the report parts. */
export interface CaseDocValues {
  /** The validated plan, or null while the plan room is not open (or does not validate). */
  plan: Plan | null
  /** The validated notes (coaches only), or null. */
  notes: Notes | null
  /** Whether the final report's required parts have text; undefined without the notes. */
  reportWritten: boolean | undefined
  /** The day of the last interim report, if any. */
  lastInterim: string | undefined
  interimSchedule: InterimSchedule | undefined
  /** Issue 19: the Standortgespräch interval in weeks, if set. */
  progressEveryWeeks: number | undefined
  /** Issue 19: due dates of the crisis log's open follow-ups, comma-separated ('' none; a string compares by value). */
  followUpDueDates: string | undefined
  /** The live hash of the local plan, once it reflects the server (or is all there is, offline); else null. */
  liveHash: string | null
}

function followUpDatesText(doc: Parameters<typeof readIncidents>[0]): string {
  return openFollowUpDueDates(readIncidents(doc)).sort().join(',')
}

function isOpen(result: UseCaseRoomResult): boolean {
  return result.room !== null && result.snapshot !== null && result.snapshot.closedReason === null
}

/** Reads the open plan and notes rooms of the case session into {@link CaseDocValues}, live. */
export function useCaseDocValues(plan: UseCaseRoomResult, notes: UseCaseRoomResult): CaseDocValues {
  const planFacts = plan.snapshot?.facts
  const planReady = planFacts !== undefined && (planFacts.synced || (planFacts.localLoaded && !planFacts.connected && !planFacts.firstConnecting))
  const liveHash = usePlanHash(plan.room && planReady ? plan.room.doc : null)

  const planDoc = isOpen(plan) && plan.room ? plan.room.doc : null
  const notesDoc = isOpen(notes) && notes.room ? notes.room.doc : null
  const planValue = valueOf(usePlanRead(planDoc))
  const notesValue = valueOf(useNotesRead(notesDoc))
  const reportWritten = useDocValue(notesDoc, isFinalReportWritten)
  const lastInterim = useDocValue(notesDoc, lastInterimReportDate)
  const interimSchedule = useDocValue(notesDoc, interimScheduleOf)
  const progressEveryWeeks = useDocValue(notesDoc, readProgressInterval)
  const followUpDueDates = useDocValue(notesDoc, followUpDatesText)
  return useMemo(
    () => ({ plan: planValue, notes: notesValue, reportWritten, lastInterim, interimSchedule, progressEveryWeeks, followUpDueDates, liveHash }),
    [planValue, notesValue, reportWritten, lastInterim, interimSchedule, progressEveryWeeks, followUpDueDates, liveHash],
  )
}
