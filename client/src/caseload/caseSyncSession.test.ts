import { describe, expect, it, vi } from 'vitest'
import { openCaseSyncSession } from './caseSyncSession.js'

const user = { id: 'userAAAAAAAAAAAAAAAAAAAA', name: 'Petra Lange' }

describe('openCaseSyncSession', () => {
  it('opens no room of a case whose notes the user cannot read (employer, coachee)', () => {
    const socket = vi.fn()
    vi.stubGlobal('WebSocket', socket)
    try {
      for (const myRole of ['employer', 'coachee'] as const) {
        expect(() => openCaseSyncSession({ id: 'caseAAAAAAAAAAAAAAAAAAAA', myRole, employerCanEdit: false }, user)).toThrow(/cannot read/)
      }
      expect(socket).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
