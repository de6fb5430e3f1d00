import { useEffect, useRef } from 'react'
import type { Notes } from '../../../../../shared/src/caseDocument/notes.js'
import type { Plan } from '../../../../../shared/src/caseDocument/plan.js'
import { summariseCaseDocs } from '../../../../../shared/src/process/caseSummary.js'
import { updateCachedCase } from '../../../caseload/summaryStore.js'
import type { UseCaseRoomResult } from '../../../sync/useCaseRoom.js'

/** At most one write of the summary per this many milliseconds. */
const minWriteInterval = 30_000

/**
 * Keeps the caseload page's summary of this case fresh while it is open and
 * both plan and notes are in sync. Only a coach has the notes room open, and
 * the caseload is the coach's page.
 */
export function useCaseloadSummaryRefresh(
  userId: string,
  caseId: string,
  plan: UseCaseRoomResult,
  notes: UseCaseRoomResult,
  planValue: Plan | null,
  notesValue: Notes | null,
): void {
  const lastWrite = useRef(0)
  const bothSynced = plan.snapshot?.state === 'synced' && notes.snapshot?.state === 'synced'
  useEffect(() => {
    if (!bothSynced || !plan.room || !notes.room || !planValue) {
      return
    }
    const now = Date.now()
    if (now - lastWrite.current < minWriteInterval) {
      return
    }
    lastWrite.current = now
    updateCachedCase(userId, caseId, { summary: summariseCaseDocs(plan.room.doc, notes.room.doc), lastSyncedAt: new Date(now).toISOString() })
  }, [caseId, bothSynced, plan.room, notes.room, planValue, notesValue, userId])
}
