// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { caseRooms } from '../testing/caseRooms.js'
import type { CaseRoom } from './CaseRoom.js'

/**
 * Two tabs of one browser with the same case open. Changes go between them
 * only through the relay, which checks every socket's access: y-websocket's
 * own cross-tab BroadcastChannel is off (CaseRoom), so nothing reaches a tab
 * that the server did not send it. Here no socket connects, so nothing may
 * arrive at all.
 */
const roomName = 'cases/caseTABSAAAAAAAAAAAAAAAA/notes'
const user = { id: 'userTABSAAAAAAAAAAAAAAAA', name: 'Miriam Roth' }

const open = caseRooms()

function tab(): CaseRoom {
  return open({ roomName, access: 'write', user })
}

describe('CaseRoom in two tabs', () => {
  it('sends neither changes nor carets from one tab to the other past the relay', async () => {
    const first = tab()
    const second = tab()
    await vi.waitFor(() => expect(first.snapshot.facts.localLoaded && second.snapshot.facts.localLoaded).toBe(true))

    first.doc.getText('phase:analysis').insert(0, 'Arbeitsplatz besichtigt')
    first.provider.awareness.setLocalStateField('cursor', { anchor: 3 })
    await new Promise((resolve) => setTimeout(resolve, 50))

    expect(second.doc.getText('phase:analysis').toString()).toBe('')
    expect(second.provider.awareness.getStates().has(first.provider.awareness.clientID)).toBe(false)
    // The first tab still keeps its change (its local copy and, once online, the relay get it).
    expect(first.doc.getText('phase:analysis').toString()).toBe('Arbeitsplatz besichtigt')
  })
})
