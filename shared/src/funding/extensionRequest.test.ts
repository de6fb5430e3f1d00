import { describe, expect, it } from 'vitest'
import { approvalStatus, type ApprovalRecord } from './approvals.js'
import { extensionRequestText, type ExtensionRequestInput } from './extensionRequest.js'

const approval: ApprovalRecord = {
  id: 'a1',
  kind: 'approval',
  extendsId: null,
  correctsId: null,
  validFrom: '2026-03-02',
  validUntil: '2026-09-30',
  hours: 120,
  recordedAt: '2026-02-20T10:00:00Z',
}

function input(overrides: Partial<ExtensionRequestInput> = {}): ExtensionRequestInput {
  return {
    caseTitle: 'Kassenbereich Supermarkt',
    coachNames: ['Miriam Roth', 'Tobias Brandt'],
    fundingBodyName: 'Integrationsamt Niedersachsen',
    fileNumber: 'IA-2026-0815',
    coacheeName: 'Jonas Peters',
    status: approvalStatus([approval], [{ date: '2026-04-01', hours: 100 }], '2026-09-01'),
    approvedFrom: '2026-03-02',
    openGoals: [{ title: 'Scannen', measurable: '18 Artikel pro Minute', timeBound: '2026-06-30' }],
    today: '2026-09-01',
    formatDate: (date) => date.split('-').reverse().join('.'),
    formatHours: (hours) => String(hours).replace('.', ','),
    ...overrides,
  }
}

describe('the draft request for extension', () => {
  it('names the funding, the hours used and left, and the goals still open, with places for the coach', () => {
    const text = extensionRequestText(input(), 'de')
    expect(text).toContain('Antrag auf Verlängerung des Jobcoachings: Kassenbereich Supermarkt')
    expect(text).toContain('Aktenzeichen: IA-2026-0815')
    expect(text).toContain('Bewilligt: 120 Stunden vom 02.03.2026 bis 30.09.2026')
    expect(text).toContain('Geleistet bis 01.09.2026: 100 Stunden')
    expect(text).toContain('Verbleibend: 20 Stunden')
    expect(text).toContain('für Jonas Peters')
    expect(text).toContain('1. Scannen (18 Artikel pro Minute, bis 30.06.2026)')
    expect(text).toContain('[Begründung ergänzen')
    expect(text).toMatch(/Mit freundlichen Grüßen\nMiriam Roth, Tobias Brandt$/)
  })

  it('speaks of a Kostengutsprache in Switzerland, and English in English', () => {
    const swiss = extensionRequestText(input(), 'de-CH')
    expect(swiss).toContain('Kostengutsprache: 120 Stunden')
    expect(swiss).toContain('Freundliche Grüsse')
    expect(extensionRequestText(input(), 'en')).toContain('Approved: 120 hours from 02.03.2026 to 30.09.2026')
  })

  it('says so when every goal is reached, and leaves a place for a missing name', () => {
    const text = extensionRequestText(input({ openGoals: [], coacheeName: ' ' }), 'de')
    expect(text).toContain('Alle Ziele der Maßnahmeplanung sind erreicht')
    expect(text).toContain('für [Name ergänzen]')
  })
})
