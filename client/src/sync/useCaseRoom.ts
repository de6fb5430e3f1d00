import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { Access } from '../../../shared/src/policy/access.js'
import { CaseRoom, type CaseRoomSnapshot } from './CaseRoom.js'

const noSubscription = (): (() => void) => () => {}

export interface UseCaseRoomResult {
  room: CaseRoom | null
  snapshot: CaseRoomSnapshot | null
}

/**
 * Opens a room (IndexedDB first, then the WebSocket provider) while mounted,
 * once access is not 'none'; destroys both on unmount or when the room name
 * or user changes.
 *
 * A change of access while the room is open is applied in place
 * ({@link CaseRoom.setAccess}): the server switches the same socket between
 * read-only and read-write, so the room is not reopened. When access drops to
 * 'none' the room stays open read-only until the server closes it with 4403,
 * which deletes the local copy.
 */
export function useCaseRoom(
  roomName: string | null,
  access: Access,
  user: { id: string; name: string },
  onSessionEnded?: () => void,
): UseCaseRoomResult {
  const [room, setRoom] = useState<CaseRoom | null>(null)
  const sessionEndedRef = useRef(onSessionEnded)
  const accessRef = useRef(access)
  useEffect(() => {
    sessionEndedRef.current = onSessionEnded
  }, [onSessionEnded])
  useEffect(() => {
    accessRef.current = access
  }, [access])

  const canOpen = roomName !== null && access !== 'none'
  // Stays true once opened, so access 'none' does not tear the room down
  // before the server's 4403 close has dropped the local copy.
  const [opened, setOpened] = useState<string | null>(null)
  if (canOpen && opened !== roomName) {
    setOpened(roomName)
  }
  const openName = opened === roomName ? roomName : null
  // Bumped when a room deleted its local copy to reload from the server.
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    if (openName === null) {
      return undefined
    }
    const created = new CaseRoom({
      roomName: openName,
      access: accessRef.current,
      user: { id: user.id, name: user.name },
      onSessionEnded: () => sessionEndedRef.current?.(),
      onReopen: () => setGeneration((value) => value + 1),
    })
    setRoom(created)
    return () => {
      created.destroy()
      setRoom(null)
    }
  }, [openName, user.id, user.name, generation])

  useEffect(() => {
    room?.setAccess(access)
  }, [room, access])

  const snapshot = useSyncExternalStore(room ? room.subscribe : noSubscription, () => room?.snapshot ?? null)
  return { room, snapshot }
}
