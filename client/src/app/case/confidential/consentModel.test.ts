import { describe, expect, it } from 'vitest'
import type { Member } from '../../../../../shared/src/api/cases.js'
import type { ConsentGrant } from '../../../../../shared/src/api/consents.js'
import {
  activeGrantFor,
  consentRecipients,
  fieldsSharedWith,
  grantState,
  inAppConsentBody,
  localDateOf,
  paperConsentBody,
  readersByConsent,
  sharedBy,
  sortGrants,
} from './consentModel.js'

const petra = 'memberPetraLange0001'
const ali = 'memberAliDemir000001'
const jonasUser = 'userJonasPeters00001'
const miriamUser = 'userMiriamRoth000001'

function buildGrant(overrides: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    id: 'grant000000000000001',
    field: 'healthRestrictions',
    healthData: true,
    memberId: petra,
    memberName: 'Petra Lange',
    memberRole: 'employer',
    purpose: 'Schichtplanung ohne Frühschichten',
    evidence: 'inApp',
    signedOn: null,
    grantedAt: '2026-03-10T09:30:00.000Z',
    grantedBy: jonasUser,
    grantedByName: 'Jonas Peters',
    validUntil: null,
    revokedAt: null,
    revokedBy: null,
    revokedByName: null,
    active: true,
    endedBy: null,
    ...overrides,
  }
}

function buildMember(overrides: Partial<Member>): Member {
  return { id: 'member00000000000001', userId: 'user0000000000000001', name: 'N', email: 'n@example.org', role: 'coach', addedAt: '2026-03-01T08:00:00.000Z', ...overrides }
}

const members: Member[] = [
  buildMember({ id: 'memberMiriamRoth0001', userId: miriamUser, name: 'Miriam Roth', role: 'coach' }),
  buildMember({ id: 'memberJonasPeters001', userId: jonasUser, name: 'Jonas Peters', role: 'coachee' }),
  buildMember({ id: petra, name: 'Petra Lange', role: 'employer' }),
  buildMember({ id: ali, name: 'Ali Demir', role: 'employer' }),
]

describe('grantState', () => {
  it('is active while not revoked and not past its last day (inclusive)', () => {
    expect(grantState(buildGrant(), '2026-03-10')).toBe('active')
    expect(grantState(buildGrant({ validUntil: '2026-06-30' }), '2026-06-30')).toBe('active')
  })
  it('is lapsed after the last day, even while the server still said active', () => {
    expect(grantState(buildGrant({ validUntil: '2026-06-30' }), '2026-07-01')).toBe('lapsed')
    expect(grantState(buildGrant({ active: false, endedBy: 'lapsed', validUntil: '2026-06-30' }), '2026-06-30')).toBe('lapsed')
  })
  it('is revoked once revoked, whatever the end date', () => {
    expect(grantState(buildGrant({ revokedAt: '2026-03-11T10:00:00.000Z', active: false, endedBy: 'revoked', validUntil: '2026-01-01' }), '2026-03-12')).toBe('revoked')
  })
})

describe('who reads a field by consent', () => {
  const grants = [
    buildGrant(),
    buildGrant({ id: 'grant000000000000002', field: 'diagnosis', revokedAt: '2026-03-11T10:00:00.000Z', active: false, endedBy: 'revoked' }),
    buildGrant({ id: 'grant000000000000003', memberId: ali, memberName: 'Ali Demir', validUntil: '2026-03-31' }),
  ]
  it('finds the active grant of a field for a member, and none for a revoked one', () => {
    expect(activeGrantFor(grants, 'healthRestrictions', petra, '2026-03-12')?.id).toBe('grant000000000000001')
    expect(activeGrantFor(grants, 'diagnosis', petra, '2026-03-12')).toBeNull()
  })
  it('lists each reader once, and drops a lapsed one', () => {
    expect(readersByConsent(grants, 'healthRestrictions', '2026-03-12').map((reader) => reader.name)).toEqual(['Petra Lange', 'Ali Demir'])
    expect(readersByConsent(grants, 'healthRestrictions', '2026-04-01').map((reader) => reader.name)).toEqual(['Petra Lange'])
  })
  it('lists the fields shared with a member in UI order', () => {
    const more = [...grants, buildGrant({ id: 'grant000000000000004', field: 'medication' })]
    expect(fieldsSharedWith(more, petra, '2026-03-12')).toEqual(['medication', 'healthRestrictions'])
  })
  it('offers consent only to employer members', () => {
    expect(consentRecipients(members).map((member) => member.name)).toEqual(['Petra Lange', 'Ali Demir'])
  })
  it('sorts active grants first, then newest first', () => {
    const sorted = sortGrants(
      [
        buildGrant({ id: 'grantOld000000000001', grantedAt: '2026-03-01T08:00:00.000Z' }),
        buildGrant({ id: 'grantRevoked00000001', grantedAt: '2026-03-20T08:00:00.000Z', revokedAt: '2026-03-21T08:00:00.000Z', active: false, endedBy: 'revoked' }),
        buildGrant({ id: 'grantNew000000000001', grantedAt: '2026-03-15T08:00:00.000Z' }),
      ],
      '2026-03-22',
    )
    expect(sorted.map((grant) => grant.id)).toEqual(['grantNew000000000001', 'grantOld000000000001', 'grantRevoked00000001'])
  })
})

describe('sharedBy', () => {
  it('names the coachee and the day of an in-app consent', () => {
    expect(sharedBy(buildGrant(), members)).toEqual({ name: 'Jonas Peters', date: localDateOf('2026-03-10T09:30:00.000Z'), evidence: 'inApp', recordedBy: null })
  })
  it('names the coachee, the signing day and the recording coach of a paper form', () => {
    const grant = buildGrant({ evidence: 'signedForm', signedOn: '2026-03-05', grantedBy: miriamUser, grantedByName: 'Miriam Roth' })
    expect(sharedBy(grant, members)).toEqual({ name: 'Jonas Peters', date: '2026-03-05', evidence: 'signedForm', recordedBy: 'Miriam Roth' })
  })
  it('falls back to who granted when the coachee is not a member', () => {
    expect(sharedBy(buildGrant(), members.filter((member) => member.role !== 'coachee')).name).toBe('Jonas Peters')
  })
})

describe('localDateOf', () => {
  it('gives the calendar day in the local time zone (TZ=UTC in tests)', () => {
    expect(localDateOf('2026-03-10T23:30:00.000Z')).toBe('2026-03-10')
  })
})

describe('inAppConsentBody', () => {
  const base = { field: 'healthRestrictions' as const, memberId: petra, purpose: '  Schichtplanung  ', validUntil: '' }
  it('builds an inApp grant with the trimmed purpose and no end date', () => {
    expect(inAppConsentBody(base, '2026-03-12')).toEqual({
      ok: true,
      body: { field: 'healthRestrictions', memberId: petra, purpose: 'Schichtplanung', evidence: 'inApp' },
    })
  })
  it('keeps an end date from today on, refuses one in the past', () => {
    const ok = inAppConsentBody({ ...base, validUntil: '2026-03-12' }, '2026-03-12')
    expect(ok.ok && ok.body.validUntil).toBe('2026-03-12')
    expect(inAppConsentBody({ ...base, validUntil: '2026-03-11' }, '2026-03-12')).toEqual({ ok: false, errors: { validUntil: 'validUntilPast' } })
  })
  it('needs a purpose of at most 1000 characters', () => {
    expect(inAppConsentBody({ ...base, purpose: '   ' }, '2026-03-12')).toEqual({ ok: false, errors: { purpose: 'purposeMissing' } })
    expect(inAppConsentBody({ ...base, purpose: 'x'.repeat(1001) }, '2026-03-12')).toEqual({ ok: false, errors: { purpose: 'purposeTooLong' } })
  })
})

describe('paperConsentBody', () => {
  const base = { field: 'diagnosis' as const, memberId: petra, purpose: 'Wiedereingliederung', signedOn: '2026-03-05', validUntil: '' }
  it('builds a signedForm grant with the signing day', () => {
    expect(paperConsentBody(base, '2026-03-12')).toEqual({
      ok: true,
      body: { field: 'diagnosis', memberId: petra, purpose: 'Wiedereingliederung', evidence: 'signedForm', signedOn: '2026-03-05' },
    })
  })
  it('asks for every required input', () => {
    expect(paperConsentBody({ field: '', memberId: '', purpose: '', signedOn: '', validUntil: '' }, '2026-03-12')).toEqual({
      ok: false,
      errors: { field: 'fieldMissing', memberId: 'memberMissing', purpose: 'purposeMissing', signedOn: 'signedOnMissing' },
    })
  })
  it('refuses a signing day in the future, an impossible date, and an end before signing or before today', () => {
    expect(paperConsentBody({ ...base, signedOn: '2026-03-13' }, '2026-03-12')).toEqual({ ok: false, errors: { signedOn: 'signedOnFuture' } })
    expect(paperConsentBody({ ...base, signedOn: '2026-02-30' }, '2026-03-12')).toEqual({ ok: false, errors: { signedOn: 'dateInvalid' } })
    expect(paperConsentBody({ ...base, validUntil: '2026-03-01' }, '2026-03-12')).toEqual({ ok: false, errors: { validUntil: 'validUntilBeforeSigned' } })
    expect(paperConsentBody({ ...base, validUntil: '2026-03-10' }, '2026-03-12')).toEqual({ ok: false, errors: { validUntil: 'validUntilPast' } })
  })
  it('reports what the shared schema refuses (a malformed member id)', () => {
    expect(paperConsentBody({ ...base, memberId: 'x' }, '2026-03-12')).toEqual({ ok: false, errors: { memberId: 'invalid' } })
  })
})
