/**
 * CaseRooms for tests in jsdom: every socket is a {@link FakeWebSocket}
 * that never connects, and every room a test opened is destroyed after it
 * (registers its own beforeEach/afterEach). Register it after the file's
 * own afterEach hooks: vitest runs them in reverse, so the rooms are
 * destroyed first (while a test's mocks still stand).
 */
import { afterEach, beforeEach, vi } from 'vitest'
import { CaseRoom, type CaseRoomOptions } from '../sync/CaseRoom.js'
import { FakeWebSocket } from './fakeWebSocket.js'

export function caseRooms(): (options: CaseRoomOptions) => CaseRoom {
  const rooms: CaseRoom[] = []
  beforeEach(() => {
    vi.stubGlobal('WebSocket', FakeWebSocket)
  })
  afterEach(() => {
    for (const room of rooms.splice(0)) {
      room.destroy()
    }
    vi.unstubAllGlobals()
  })
  return (options) => {
    const room = new CaseRoom(options)
    rooms.push(room)
    return room
  }
}
