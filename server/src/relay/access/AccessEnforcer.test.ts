import { describe, expect, it, vi } from 'vitest'
import type { Access } from '../../../../shared/src/policy/access.js'
import { AccessRevoked, RoomErased, SessionEnded, type CloseCode } from '../../../../shared/src/protocol/closeCodes.js'
import { parseRoomName, type RoomName } from '../../../../shared/src/protocol/roomName.js'
import type { RoomAccessStorage } from '../../access/roomAccess.js'
import { AccessEnforcer, type EnforcedConnection } from './AccessEnforcer.js'

const caseId = 'c'.repeat(16)
const otherCase = 'd'.repeat(16)

interface FakeConnection extends EnforcedConnection {
  closedWith: CloseCode | null
}

function connection(userId: string, room: string, access: Access = 'read', sessionHash = `session-${userId}`): FakeConnection {
  const parsed = parseRoomName(room) as RoomName
  const fake: FakeConnection = {
    userId,
    sessionHash,
    room: { parsed },
    access,
    role: userId === 'emp' ? 'employer' : 'coach',
    closedWith: null,
    setAccess(next, role) {
      Object.assign(fake, { access: next, role })
    },
    close(code) {
      fake.closedWith ??= code
    },
  }
  return fake
}

/** A storage where the employer `emp` has no grant any more and everybody else is a coach of `caseId`; every call is counted. */
function countingStorage() {
  const storage = {
    findCase: vi.fn(async (id: string) => (id === caseId ? { employerCanEdit: false, closedAt: null } : null)),
    findMember: vi.fn(async (id: string, userId: string) => (id === caseId ? { id: `m-${userId}`, caseId: id, userId, role: userId === 'emp' ? 'employer' : 'coach', addedAt: '' } : null)),
    isCaseErased: vi.fn(async () => false),
    activeConsentFields: vi.fn(async () => []),
    findSupervisionCopy: vi.fn(async () => null),
    isSupervisionGroupMember: vi.fn(async () => false),
  }
  const calls = () => Object.values(storage).reduce((sum, fn) => sum + fn.mock.calls.length, 0)
  return { storage: storage as unknown as RoomAccessStorage, calls }
}

function setUp() {
  const connections = [
    connection('emp', `cases/${caseId}/confidential/diagnosis`),
    connection('emp', `cases/${caseId}/confidential/medication`),
    connection('emp', `cases/${caseId}/plan`),
    connection('coach', `cases/${caseId}/confidential/diagnosis`, 'write'),
    connection('coach', `cases/${caseId}/notes`, 'write'),
    connection('coach', `cases/${otherCase}/notes`, 'write'),
    connection('sup', `supervision/${'e'.repeat(16)}`),
  ]
  const { storage, calls } = countingStorage()
  const enforcer = new AccessEnforcer({ connections: () => connections, storage })
  return { connections, enforcer, calls }
}

describe('AccessEnforcer', () => {
  it("a consent revocation re-checks only the recipient's connection to that field's room", async () => {
    const { connections, enforcer, calls } = setUp()
    await enforcer.apply({ kind: 'consent', caseId, field: 'diagnosis', userId: 'emp' })
    // One connection re-checked: findCase, findMember, activeConsentFields, then isCaseErased for the 'none'.
    expect(calls()).toBe(4)
    expect(connections.map((c) => c.closedWith)).toEqual([AccessRevoked, null, null, null, null, null, null])
  })

  it("a membership change re-checks only that user's connections to that case", async () => {
    const { connections, enforcer, calls } = setUp()
    await enforcer.apply({ kind: 'membership', caseId, userId: 'coach' })
    // Two connections (diagnosis, notes), findCase and findMember each (a coach needs no consent);
    // the employer's three connections and the other case's room are untouched.
    expect(calls()).toBe(4)
    expect(connections.every((c) => c.closedWith === null)).toBe(true)
  })

  it("switching employerCanEdit re-checks the plan room's connections only", async () => {
    const { enforcer, calls } = setUp()
    await enforcer.apply({ kind: 'employerCanEdit', caseId })
    expect(calls()).toBe(2)
  })

  it('an erasure closes the case’s connections with 4404 without asking storage, and re-checks supervision rooms', async () => {
    const { connections, enforcer, calls } = setUp()
    await enforcer.apply({ kind: 'erased', caseId })
    expect(connections.map((c) => c.closedWith)).toEqual([RoomErased, RoomErased, RoomErased, RoomErased, RoomErased, null, AccessRevoked])
    // Only the supervision connection's re-check: the copy lookup, then the erased check.
    expect(calls()).toBe(1)
  })

  it('an ended session or account closes its connections with 4401 without asking storage', async () => {
    const { connections, enforcer, calls } = setUp()
    await enforcer.apply({ kind: 'session', sessionHash: 'session-emp' })
    await enforcer.apply({ kind: 'account', userId: 'sup' })
    expect(connections.map((c) => c.closedWith)).toEqual([SessionEnded, SessionEnded, SessionEnded, null, null, null, SessionEnded])
    expect(calls()).toBe(0)
  })

  it('details of a case touch no connection', async () => {
    const { connections, enforcer, calls } = setUp()
    await enforcer.apply({ kind: 'details', caseId })
    expect(calls()).toBe(0)
    expect(connections.every((c) => c.closedWith === null)).toBe(true)
  })

  it('a re-check that finds write access switches the connection in place', async () => {
    const { connections, enforcer } = setUp()
    const plan = connections[2]
    if (!plan) {
      throw new Error('missing fixture')
    }
    await enforcer.apply({ kind: 'closed', caseId })
    expect(plan.closedWith).toBeNull()
    expect(plan.access).toBe('read')
    expect(connections[4]?.access).toBe('write')
  })
})
