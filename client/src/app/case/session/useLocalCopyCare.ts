import { useEffect } from 'react'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { forgetCase } from '../../../sync/forgetCase.js'
import { dropLocalCopies } from '../../../sync/localData.js'

/**
 * Keeps this device's copies of the case's rooms to what the server lets the
 * user read (contract §4), and forgets the whole case once a room answered
 * that it was erased (issue 10).
 */
export function useLocalCopyCare(userId: string, caseId: string, detail: CaseDetail | null, fromCache: boolean, erased: boolean): void {
  // Contract §4: no local copy of a room the server no longer lets the user
  // read. Most revocations end here rather than in CaseRoom's 4403 handler:
  // the browser reports the server's close only after the closing handshake,
  // and by then the 'consents' event has usually re-read the case and
  // unmounted the field (its socket closed locally, the 4403 never seen). It
  // also covers a consent revoked or lapsed while this device was offline or
  // the page closed. A delete waits until the unmounted room's database
  // connection has closed.
  useEffect(() => {
    if (!detail || fromCache) {
      return
    }
    const unreadable = detail.rooms.filter((room) => room.access === 'none').map((room) => room.name)
    if (unreadable.length > 0) {
      void dropLocalCopies(userId, unreadable)
    }
  }, [detail, fromCache, userId])

  // A room answered 4404, so the case was erased: this device keeps nothing of it.
  useEffect(() => {
    if (erased) {
      void forgetCase(userId, caseId)
    }
  }, [erased, userId, caseId])
}
