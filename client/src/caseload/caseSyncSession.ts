/**
 * The real {@link SyncSession}: a case's plan and notes rooms opened with the
 * app's own CaseRoom (IndexedDB copy + WebsocketProvider + acknowledgement
 * probe), done when both report 'synced' (connected, initial exchange done,
 * no unacknowledged local changes). Throws for a case whose rooms the user
 * cannot both read (BackgroundSync reports it as failed).
 */
import type { CaseSummary } from '../../../shared/src/api/cases.js'
import { accessTo } from '../../../shared/src/policy/access.js'
import { summariseCaseDocs } from '../../../shared/src/process/caseSummary.js'
import { formatRoomName } from '../../../shared/src/protocol/roomName.js'
import { CaseRoom } from '../sync/CaseRoom.js'
import type { SyncSession } from './BackgroundSync.js'

export function openCaseSyncSession(
  item: Pick<CaseSummary, 'id' | 'myRole' | 'employerCanEdit'>,
  user: { id: string; name: string },
  onSessionEnded?: () => void,
): SyncSession {
  const accessOf = (kind: 'plan' | 'notes') => accessTo(kind, item.myRole, { employerCanEdit: item.employerCanEdit })
  // Only coaches read both rooms; never open (and keep a copy of) a room the
  // user cannot read. Confidential fields are not synced in the background.
  if (accessOf('plan') === 'none' || accessOf('notes') === 'none') {
    throw new Error(`case ${item.id}: role ${item.myRole} cannot read both plan and notes`)
  }
  const open = (kind: 'plan' | 'notes'): CaseRoom =>
    new CaseRoom({
      roomName: formatRoomName({ kind, caseId: item.id }),
      access: accessOf(kind),
      user,
      ...(onSessionEnded ? { onSessionEnded } : {}),
    })
  const plan = open('plan')
  const notes = open('notes')
  const rooms = [plan, notes]
  const unsubscribe: Array<() => void> = []
  const synced = new Promise<void>((resolve, reject) => {
    const check = (): void => {
      const closed = rooms.find((room) => room.snapshot.closedReason !== null)
      if (closed) {
        reject(new Error(`room ${closed.roomName} closed: ${closed.snapshot.closedReason}`))
      } else if (rooms.every((room) => room.snapshot.state === 'synced')) {
        resolve()
      }
    }
    for (const room of rooms) {
      unsubscribe.push(room.subscribe(check))
    }
    check()
  })
  // Nobody may be listening any more when the session was closed first.
  synced.catch(() => undefined)
  return {
    synced,
    summary: () => summariseCaseDocs(plan.doc, notes.doc),
    close: () => {
      for (const stop of unsubscribe) {
        stop()
      }
      for (const room of rooms) {
        room.destroy()
      }
    },
  }
}
