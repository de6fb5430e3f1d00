// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { act, createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Access } from '../../../shared/src/policy/access.js'
import { CaseRoom } from './CaseRoom.js'
import { FakeWebSocket } from '../testing/fakeWebSocket.js'
import { useCaseRoom, type UseCaseRoomResult } from './useCaseRoom.js'

const roomName = 'cases/caseAAAAAAAAAAAAAAAAAAAA/plan'
const user = { id: 'userAAAAAAAAAAAAAAAAAAAA', name: 'Erika Arbeitgeberin' }

beforeEach(() => {
  FakeWebSocket.opened = 0
  vi.stubGlobal('WebSocket', FakeWebSocket)
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('CaseRoom.setAccess', () => {
  it('switches between read-only and editable in place and tells subscribers', () => {
    const room = new CaseRoom({ roomName, access: 'read', user })
    const provider = room.provider
    const socket = provider.ws
    const listener = vi.fn()
    room.subscribe(listener)
    expect(room.writable).toBe(false)
    expect(room.snapshot.writable).toBe(false)

    room.setAccess('write')
    expect(room.writable).toBe(true)
    expect(room.snapshot.writable).toBe(true)
    expect(listener).toHaveBeenCalledTimes(1)

    room.setAccess('write')
    expect(listener).toHaveBeenCalledTimes(1)

    room.setAccess('read')
    expect(room.snapshot.writable).toBe(false)
    // Same provider and socket: no reconnect.
    expect(room.provider).toBe(provider)
    expect(room.provider.ws).toBe(socket)
    expect(FakeWebSocket.opened).toBe(1)
    room.destroy()
  })
})

describe('useCaseRoom', () => {
  let container: HTMLDivElement
  let root: Root
  let latest: UseCaseRoomResult | null = null

  function Probe({ access }: { access: Access }) {
    latest = useCaseRoom(roomName, access, user)
    return null
  }
  const render = (access: Access): void => {
    act(() => root.render(createElement(Probe, { access })))
  }

  beforeEach(() => {
    container = document.createElement('div')
    root = createRoot(container)
    latest = null
  })
  afterEach(() => {
    act(() => root.unmount())
  })

  it('keeps the open room when access changes and follows it (employerCanEdit toggled)', () => {
    render('read')
    const first = latest?.room
    expect(first).toBeInstanceOf(CaseRoom)
    expect(latest?.snapshot?.writable).toBe(false)

    render('write')
    expect(latest?.room).toBe(first)
    expect(latest?.snapshot?.writable).toBe(true)
    expect(first?.writable).toBe(true)

    render('read')
    expect(latest?.room).toBe(first)
    expect(latest?.snapshot?.writable).toBe(false)
    expect(FakeWebSocket.opened).toBe(1)
  })

  it('does not open a room without access, and opens it once access is granted', () => {
    render('none')
    expect(latest?.room).toBeNull()
    expect(FakeWebSocket.opened).toBe(0)
    render('read')
    expect(latest?.room).toBeInstanceOf(CaseRoom)
    expect(FakeWebSocket.opened).toBe(1)
  })
})
