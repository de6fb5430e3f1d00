import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { Access } from '../../../shared/src/policy/access.js'
import { CaseRoom, type CaseRoomSnapshot } from './CaseRoom.js'

const noSubscription = (): (() => void) => () => {}

export interface UseCaseRoomResult {
  room: CaseRoom | null
  snapshot: CaseRoomSnapshot | null
}

/**
 * Opens a room (IndexedDB first, then the WebSocket provider) while mounted
 * and access is not 'none'; destroys both on unmount.
 */
export function useCaseRoom(
  roomName: string | null,
  access: Access,
  user: { id: string; name: string },
  onSessionEnded?: () => void,
): UseCaseRoomResult {
  const [room, setRoom] = useState<CaseRoom | null>(null)
  const sessionEndedRef = useRef(onSessionEnded)
  useEffect(() => {
    sessionEndedRef.current = onSessionEnded
  }, [onSessionEnded])

  useEffect(() => {
    if (roomName === null || access === 'none') {
      return undefined
    }
    const opened = new CaseRoom({
      roomName,
      access,
      user: { id: user.id, name: user.name },
      onSessionEnded: () => sessionEndedRef.current?.(),
    })
    setRoom(opened)
    return () => {
      opened.destroy()
      setRoom(null)
    }
  }, [roomName, access, user.id, user.name])

  const snapshot = useSyncExternalStore(room ? room.subscribe : noSubscription, () => room?.snapshot ?? null)
  return { room, snapshot }
}
