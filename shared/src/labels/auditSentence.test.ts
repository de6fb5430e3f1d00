import { describe, expect, it } from 'vitest'
import { AuditEventTypes, type AuditEvent } from '../api/audit.js'
import { reportLabels } from '../report/labels.js'
import { auditSentence, labelTranslator } from './auditSentence.js'
import { caseLabels } from './caseLabels.js'

const de = labelTranslator({ ...caseLabels('de'), cases: { type: reportLabels('de').caseType } })
const en = labelTranslator({ ...caseLabels('en'), cases: { type: reportLabels('en').caseType } })
const names = new Map([
  ['memberJonasAAAAAAAAAAA', 'Jonas Peters'],
  ['userPetraAAAAAAAAAAAAA', 'Petra Lange'],
])
const nameOf = (id: string): string | undefined => names.get(id)

function event(type: AuditEvent['type'], details: AuditEvent['details'], actorName: string | null = 'Miriam Roth'): AuditEvent {
  return { id: '1', at: '2026-03-02T09:00:00.000Z', type, actorId: actorName === null ? null : 'userMiriamAAAAAAAAAAAA', actorName, details }
}

describe('change log sentences', () => {
  it('reads opened rooms, people and consents as German sentences', () => {
    expect(auditSentence(de, event('roomOpened', { room: 'cases/caseAAAAAAAAAAAAAAAAAAAA/plan', access: 'write' }))).toBe(
      'Miriam Roth hat die Maßnahmeplanung zum Bearbeiten geöffnet.',
    )
    expect(auditSentence(de, event('roomOpened', { room: 'cases/caseAAAAAAAAAAAAAAAAAAAA/confidential/diagnosis', access: 'read' }))).toBe(
      'Miriam Roth hat die vertrauliche Angabe „Diagnose“ zum Lesen geöffnet.',
    )
    expect(auditSentence(de, event('memberAdded', { memberId: 'm', userId: 'userPetraAAAAAAAAAAAAA', role: 'employer' }), nameOf)).toBe(
      'Miriam Roth hat eine Person als Arbeitgeber*in zum Fall hinzugefügt.',
    )
    expect(auditSentence(de, event('memberAdded', { memberId: 'm', userId: 'userMiriamAAAAAAAAAAAA', role: 'coach' }))).toBe('Miriam Roth ist dem Fall als Jobcoach beigetreten.')
    expect(auditSentence(de, event('consentGranted', { field: 'healthRestrictions', memberId: 'memberJonasAAAAAAAAAAA', evidence: 'signedForm' }), nameOf)).toBe(
      'Miriam Roth hat eingewilligt: Jonas Peters darf „gesundheitliche Einschränkungen“ lesen (unterschriebenes Formular).',
    )
    expect(auditSentence(de, event('consentLapsed', { field: 'medication', memberId: 'memberJonasAAAAAAAAAAA' }, null), nameOf)).toBe(
      'Die Einwilligung ist abgelaufen: Jonas Peters darf „Medikation“ nicht mehr lesen.',
    )
    expect(auditSentence(de, event('caseUpdated', { employerCanEdit: true, type: 'retention' }))).toBe(
      'Miriam Roth hat den Fall geändert: Arbeitgeber*in darf mitbearbeiten, Art: Arbeitsplatzsicherung.',
    )
    expect(auditSentence(de, event('caseUpdated', { flow: 'ch' }))).toBe('Miriam Roth hat den Fall geändert: Ablauf: Schweiz.')
    expect(auditSentence(en, event('caseUpdated', { flow: null }))).toBe("Miriam Roth changed the case: flow as the service's default.")
    expect(auditSentence(en, event('accountChanged', { userId: 'userPetraAAAAAAAAAAAAA', active: false }), nameOf)).toBe("Miriam Roth deactivated Petra Lange's account.")
    expect(auditSentence(de, event('hoursMonthConfirmed', { month: '2026-03', role: 'employer' }))).toBe('Miriam Roth hat den Stundennachweis 03/2026 als Arbeitgeber*in bestätigt.')
    expect(auditSentence(en, event('hoursMonthConfirmed', { month: '2026-03', role: 'guardian' }))).toBe('Miriam Roth confirmed the proof of hours for 03/2026 as Legal guardian.')
  })

  it('has a sentence for every entry type, with nothing left unfilled', () => {
    for (const t of [de, en]) {
      for (const type of AuditEventTypes) {
        const sentence = auditSentence(t, event(type, { role: 'coach', field: 'diagnosis', evidence: 'inApp', format: 'json', doc: 'plan', planHash: 'abcdef0123' }))
        expect(sentence, type).not.toMatch(/\{\{|audit\.|undefined/)
        expect(sentence.endsWith('.'), type).toBe(true)
      }
    }
  })
})
