import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../../../shared/src/api/audit.js'
import { resources } from '../../i18n/resources.js'
import { auditDetails, roomLabel } from './auditText.js'

const i18n = i18next.createInstance()
beforeAll(async () => {
  await i18n.init({ resources, lng: 'de', interpolation: { escapeValue: false } })
})

function event(type: AuditEvent['type'], details: AuditEvent['details']): AuditEvent {
  return { id: 'e1', at: '2026-03-02T10:00:00.000Z', type, actorId: null, actorName: null, details }
}

describe('audit texts', () => {
  it('names rooms in human words', () => {
    const t = i18n.getFixedT('de')
    expect(roomLabel(t, 'cases/caseAAAAAAAAAAAAAAAAAAAA/plan')).toBe('Maßnahmeplanung')
    expect(roomLabel(t, 'cases/caseAAAAAAAAAAAAAAAAAAAA/notes')).toBe('Phasennotizen')
    expect(roomLabel(t, 'cases/caseAAAAAAAAAAAAAAAAAAAA/confidential/diagnosis')).toBe('vertraulich: Diagnose')
    expect(roomLabel(t, 'nonsense')).toBe('nonsense')
  })

  it('describes a room opening with read or write access', () => {
    const t = i18n.getFixedT('de')
    expect(auditDetails(t, event('roomOpened', { room: 'cases/caseAAAAAAAAAAAAAAAAAAAA/plan', access: 'read' }))).toBe('Maßnahmeplanung · lesen')
    expect(auditDetails(t, event('roomOpened', { room: 'cases/caseAAAAAAAAAAAAAAAAAAAA/notes', access: 'write' }))).toBe('Phasennotizen · schreiben')
    expect(auditDetails(i18n.getFixedT('en'), event('roomOpened', { room: 'cases/caseAAAAAAAAAAAAAAAAAAAA/plan', access: 'write' }))).toBe(
      'Measure plan · write',
    )
  })

  it('describes membership, settings and accounts', () => {
    const t = i18n.getFixedT('de')
    expect(auditDetails(t, event('memberAdded', { memberId: 'm', userId: 'u', role: 'employer' }))).toBe('Rolle: Arbeitgeber*in')
    expect(auditDetails(t, event('caseUpdated', { employerCanEdit: true }))).toContain('an')
    expect(auditDetails(t, event('accountChanged', { userId: 'u', active: false }))).toBe('Konto deaktiviert')
  })

  it('describes consent grants, revocations and lapses by field and evidence (never content)', () => {
    const t = i18n.getFixedT('de')
    const grant = { grantId: 'g', field: 'healthRestrictions', memberId: 'm', evidence: 'signedForm' }
    expect(auditDetails(t, event('consentGranted', grant))).toBe('vertraulich: gesundheitliche Einschränkungen · unterschriebenes Formular')
    expect(auditDetails(t, event('consentRevoked', { grantId: 'g', field: 'diagnosis', memberId: 'm' }))).toBe('vertraulich: Diagnose')
    expect(auditDetails(i18n.getFixedT('en'), event('consentLapsed', { grantId: 'g', field: 'medication', memberId: 'm' }))).toBe('confidential: medication')
    expect(auditDetails(t, event('consentGranted', { field: 'nonsense', evidence: 'inApp' }))).toBe('in der App')
  })
})
