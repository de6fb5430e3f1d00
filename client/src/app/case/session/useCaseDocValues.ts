import { useMemo } from 'react'
import type { Notes } from '../../../../../shared/src/caseDocument/notes.js'
import type { Plan } from '../../../../../shared/src/caseDocument/plan.js'
import { interimScheduleOf, isFinalReportWritten, lastInterimReportDate } from '../../../../../shared/src/report/parts.js'
import type { InterimSchedule } from '../../../../../shared/src/report/schedule.js'
import { usePlanHash } from '../../../agreements/planHash.js'
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
  /** The live hash of the local plan, once it reflects the server (or is all there is, offline); else null. */
  liveHash: string | null
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
  return useMemo(
    () => ({ plan: planValue, notes: notesValue, reportWritten, lastInterim, interimSchedule, liveHash }),
    [planValue, notesValue, reportWritten, lastInterim, interimSchedule, liveHash],
  )
}
