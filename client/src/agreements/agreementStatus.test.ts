import { describe, expect, it } from 'vitest'
import type { Agreement } from '../../../shared/src/api/agreements.js'
import type { Member } from '../../../shared/src/api/cases.js'
import { agreementStatus, planAgreedFact } from './agreementStatus.js'

const v1 = '1'.repeat(64)
const v2 = '2'.repeat(64)

function member(userId: string, name: string, role: Member['role']): Member {
  return { id: `m-${userId}`, userId, name, email: `${userId}@example.org`, role, addedAt: '2026-01-01T00:00:00.000Z' }
}
function agreement(userId: string, planHash: string, at: string, role: Agreement['role'] = 'coach'): Agreement {
  return { id: `a-${userId}-${at}`, planHash, userId, userName: userId, role, at, versionId: null }
}

const members = [member('coach1', 'Anna Coach', 'coach'), member('boss', 'Betrieb GmbH', 'employer'), member('cee', 'Chris', 'coachee')]

describe('agreementStatus', () => {
  it('lists who agreed to the current version', () => {
    const status = agreementStatus(
      [agreement('coach1', v1, '2026-03-01T10:00:00.000Z'), agreement('boss', v1, '2026-03-01T11:00:00.000Z', 'employer')],
      members,
      v1,
    )
    expect(status.agreedToCurrent.map((m) => m.userId)).toEqual(['coach1', 'boss'])
    expect(status.members.find((m) => m.userId === 'cee')).toMatchObject({ latest: null, current: false })
    expect(status.changedSince).toBe(false)
    expect(status.changedSinceAgreed).toEqual([])
  })

  it('shows "changed since agreed" as soon as the live hash differs', () => {
    const agreements = [agreement('coach1', v1, '2026-03-01T10:00:00.000Z'), agreement('boss', v1, '2026-03-01T11:00:00.000Z', 'employer')]
    const status = agreementStatus(agreements, members, v2)
    expect(status.agreedToCurrent).toEqual([])
    expect(status.changedSince).toBe(true)
    expect(status.changedSinceAgreed.map((m) => m.userId)).toEqual(['coach1', 'boss'])
  })

  it('uses the latest agreement of each person, whatever the order of the list', () => {
    const agreements = [
      agreement('coach1', v1, '2026-03-01T10:00:00.000Z'),
      agreement('coach1', v2, '2026-03-02T10:00:00.000Z'),
      agreement('boss', v1, '2026-03-01T11:00:00.000Z', 'employer'),
    ]
    const status = agreementStatus(agreements, members, v2)
    const coach = status.members.find((m) => m.userId === 'coach1')
    expect(coach?.latest?.planHash).toBe(v2)
    expect(coach?.current).toBe(true)
    expect(status.changedSinceAgreed.map((m) => m.userId)).toEqual(['boss'])
    // Back to the old content: the employer's agreement is current again, the coach's is not.
    const back = agreementStatus(agreements, members, v1)
    expect(back.agreedToCurrent.map((m) => m.userId)).toEqual(['boss'])
  })

  it('counts nothing as current before the hash is known', () => {
    const status = agreementStatus([agreement('coach1', v1, '2026-03-01T10:00:00.000Z')], members, null)
    expect(status.agreedToCurrent).toEqual([])
    expect(status.changedSince).toBe(false)
  })

  it('keeps people who agreed and have left the case, without asking them again', () => {
    const status = agreementStatus([agreement('gone', v1, '2026-03-01T10:00:00.000Z')], members, v2)
    expect(status.members.map((m) => m.userId)).toContain('gone')
    expect(status.changedSince).toBe(false)
  })
})

describe('planAgreedFact (completeness: plan not agreed)', () => {
  const agreed = [agreement('coach1', v1, '2026-03-01T10:00:00.000Z'), agreement('boss', v1, '2026-03-01T11:00:00.000Z', 'employer')]

  it('is true only when every employer and coachee agreed to the live plan version ("noch nicht von allen vereinbart" otherwise)', () => {
    expect(planAgreedFact(agreed, members, v1, 'intervention')).toBe(false)
    const all = [...agreed, agreement('cee', v1, '2026-03-01T12:00:00.000Z', 'coachee')]
    expect(planAgreedFact(all, members, v1, 'intervention')).toBe(true)
    expect(planAgreedFact(all, members, v1, 'intervention', 'ch')).toBe(true)
    expect(planAgreedFact(all.slice(1), members, v1, 'intervention', 'ch')).toBe(false)
  })

  it('is false when there are agreements and none is to the live version', () => {
    expect(planAgreedFact(agreed, members, v2, 'analysis')).toBe(false)
  })

  it('is false without any agreement once the analysis phase is over, unknown during it', () => {
    expect(planAgreedFact([], members, v1, 'selfIntegration')).toBe(false)
    expect(planAgreedFact([], members, v1, 'analysis')).toBeUndefined()
  })

  it('is unknown while agreements or the live hash are not known', () => {
    expect(planAgreedFact(null, members, v1, 'intervention')).toBeUndefined()
    expect(planAgreedFact(agreed, members, null, 'intervention')).toBeUndefined()
  })
})
