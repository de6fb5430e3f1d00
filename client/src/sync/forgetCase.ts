/**
 * Issue 10: when a case is erased (or the user lost it), this device keeps
 * nothing of it — not the rooms' IndexedDB copies, not the caseload's cached
 * summary, not cached API replies, not exports of a broken local copy. Runs
 * after the user's own erasure, on a room's 4404, on a 404 for the case, and
 * for every local case the server's fresh case list no longer names (the
 * laptop that was offline for a month).
 */
import { caseRoomNames, formatRoomName } from '../../../shared/src/protocol/roomName.js'
import { forgetCachedReplies } from '../api/offlineCache.js'
import { forgetCachedCase } from '../caseload/summaryStore.js'
import { deleteKeptExports, dropLocalCopies, localCaseIds } from './localData.js'

/** Deletes everything this device holds of one case for the user. */
export async function forgetCase(userId: string, caseId: string): Promise<void> {
  forgetCachedCase(userId, caseId)
  forgetCachedReplies(userId, caseId)
  deleteKeptExports(userId, `cases/${caseId}/`)
  await dropLocalCopies(userId, caseRoomNames(caseId).map(formatRoomName))
}

/** Forgets every case held locally that `listed` (the server's fresh case list) does not name; returns their ids. */
export async function forgetCasesNotIn(userId: string, listed: ReadonlySet<string>): Promise<string[]> {
  const gone = (await localCaseIds(userId)).filter((caseId) => !listed.has(caseId))
  for (const caseId of gone) {
    await forgetCase(userId, caseId)
  }
  return gone
}
