import { describe, expect, it } from 'vitest'
import { RecordReleaseBody, releaseEnd, releaseEndingSoon, releaseHolds } from './releases.js'

const valid = {
  releasorMemberId: 'm'.repeat(16),
  releasedParty: 'Jobcoaches Miriam Roth und Tobias Brandt',
  recipientKind: 'doctor',
  recipientName: 'Dr. Weber, Hausarztpraxis',
  purpose: 'Abstimmung der Arbeitszeiten nach der Erkrankung',
  validFrom: '2026-03-02',
  validUntil: '2026-09-30',
  evidence: 'signedForm',
  signedOn: '2026-03-01',
}

describe('release from confidentiality record', () => {
  it('accepts a complete release signed on paper', () => {
    expect(RecordReleaseBody.safeParse(valid).success).toBe(true)
  })

  it('refuses a release that ends before it begins, a signed form without its date, and an empty purpose', () => {
    expect(RecordReleaseBody.safeParse({ ...valid, validUntil: '2026-03-01' }).success).toBe(false)
    expect(RecordReleaseBody.safeParse({ ...valid, signedOn: undefined }).success).toBe(false)
    expect(RecordReleaseBody.safeParse({ ...valid, evidence: 'inApp' }).success).toBe(false)
    expect(RecordReleaseBody.safeParse({ ...valid, purpose: '  ' }).success).toBe(false)
    expect(RecordReleaseBody.safeParse({ ...valid, recipientKind: 'neighbour' }).success).toBe(false)
  })

  it('holds from its first to its last day, and lapses the day after', () => {
    const dates = { validFrom: '2026-03-02', validUntil: '2026-09-30', revokedAt: null }
    expect(releaseHolds(dates, '2026-03-01')).toBe(false)
    expect(releaseHolds(dates, '2026-03-02')).toBe(true)
    expect(releaseHolds(dates, '2026-09-30')).toBe(true)
    expect(releaseHolds(dates, '2026-10-01')).toBe(false)
    expect(releaseEnd(dates, '2026-10-01')).toBe('lapsed')
    expect(releaseEnd({ ...dates, revokedAt: '2026-04-01T10:00:00.000Z' }, '2026-05-01')).toBe('revoked')
  })

  it('reminds of a release whose last day is within 14 days, never of an ended or open-ended one', () => {
    const dates = { validFrom: '2026-03-02', validUntil: '2026-09-30', revokedAt: null }
    expect(releaseEndingSoon(dates, '2026-09-15')).toBe(false)
    expect(releaseEndingSoon(dates, '2026-09-16')).toBe(true)
    expect(releaseEndingSoon(dates, '2026-10-01')).toBe(false)
    expect(releaseEndingSoon({ ...dates, validUntil: null }, '2026-09-16')).toBe(false)
    expect(releaseEndingSoon({ ...dates, revokedAt: '2026-09-10T08:00:00.000Z' }, '2026-09-16')).toBe(false)
  })
})
