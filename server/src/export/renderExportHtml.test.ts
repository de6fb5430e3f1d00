import { describe, expect, it } from 'vitest'
import { CaseExport, CaseExportFormat, CaseExportFormatVersion, CaseExportLimitationNotice } from '../../../shared/src/api/caseExport.js'
import { exportWriter, isTimeZone } from './exportFormat.js'
import { renderExportHtml } from './renderExportHtml.js'

const jonas = { userId: 'userJonasAAAAAAAAAAAAA', memberId: 'memberJonasAAAAAAAAAAA' }
const data = CaseExport.parse({
  format: CaseExportFormat,
  formatVersion: CaseExportFormatVersion,
  exportedAt: '2026-03-02T09:30:00.000Z',
  exportedBy: { userId: jonas.userId, name: 'Jonas Peters', role: 'coachee' },
  subject: { ...jonas, name: 'Jonas Peters', email: 'jonas@example.org', role: 'coachee', memberSince: '2026-03-01T08:00:00.000Z' },
  case: { id: 'caseAAAAAAAAAAAAAAAAAAAA', title: 'Kassenbereich Supermarkt', type: 'retention', createdAt: '2026-03-01T08:00:00.000Z', closedAt: null, erasesAt: null },
  members: [{ name: 'Miriam Roth', role: 'coach', addedAt: '2026-03-01T08:00:00.000Z' }],
  plan: {
    meta: { hoursBudget: 120.5, startDate: '2026-03-02' },
    goals: [{ id: 'g1', title: 'Kasse', measurable: '18 Artikel pro Minute, Straße frei', status: 'partlyAchieved', timeBound: '2026-06-30' }],
    participants: [],
    approach: '',
  },
  notes: {
    phases: { analysis: 'Drei Besuche.' },
    reviews: {},
    meetings: [{ kind: 'midterm', date: '2026-06-16', participants: 'Petra Lange', outcome: '' }],
    hours: [{ date: '2026-03-03', hours: 7.5, activity: 'Besuch', coachName: 'Miriam Roth', phase: 'analysis' }],
    reports: {},
    outcome: null,
  },
  confidentialFields: [{ field: 'diagnosis', healthData: true, text: 'in Behandlung' }],
  consents: [],
  releases: [
    {
      id: 'releaseAAAAAAAAAAAAAAA',
      releasorMemberId: 'memberGuardianAAAAAAAA',
      releasorName: 'Renate Peters',
      onBehalfOfName: 'Jonas Peters',
      releasedParty: 'die Jobcoaches',
      recipientKind: 'doctor',
      recipientName: 'Dr. Weber',
      recipientMemberId: null,
      purpose: 'Arbeitszeiten abstimmen',
      validFrom: '2026-03-02',
      validUntil: '2026-09-30',
      evidence: 'signedForm',
      signedOn: '2026-03-01',
      recordedAt: '2026-03-02T09:00:00.000Z',
      recordedByName: 'Miriam Roth',
      revokedAt: null,
      revokedByName: null,
      active: true,
      endedBy: null,
      endingSoon: false,
    },
  ],
  funding: { fundingBodyName: 'Integrationsamt Niedersachsen', fundingBodyKind: 'integrationOffice', fileNumber: 'IA-2026-0815', referringBody: '', approvals: [] },
  agreements: [],
  hoursConfirmations: [{ month: '2026-03', name: 'Petra Lange', role: 'employer', confirmedAt: '2026-04-01T08:15:00.000Z', entriesHash: 'ab'.repeat(32) }],
  auditEvents: [
    {
      id: 'a1',
      at: '2026-03-02T23:30:00.000Z',
      type: 'roomOpened',
      actorId: jonas.userId,
      actorName: 'Jonas Peters',
      details: { room: 'cases/caseAAAAAAAAAAAAAAAAAAAA/plan', access: 'read' },
    },
  ],
  limitations: { notice: CaseExportLimitationNotice, withheldCommentThreads: 1200, withheldCommentReplies: 3, replacedNames: 0 },
})

describe('the readable data export', () => {
  it('shows labels instead of keys, local times and German numbers', () => {
    const html = renderExportHtml(data, exportWriter('de', 'Europe/Berlin'))
    expect(html).toContain('Jonas Peters &lt;jonas@example.org&gt; (Coachee)')
    expect(html).toContain('Arbeitsplatzsicherung')
    expect(html).toContain('(teilweise erreicht)')
    expect(html).toContain('Zwischengespräch')
    expect(html).toContain('<h3>Diagnose <small>(Gesundheitsdaten)</small></h3>')
    expect(html).toContain('<h3>Analyse und Planung</h3>')
    expect(html).toContain('7,5 Std.')
    expect(html).toContain('120,5 Std.')
    expect(html).toContain('1.200 Gesprächsfäden')
    // 09:30 UTC is 10:30 in Berlin; 23:30 UTC already the next day there.
    expect(html).toContain('2. März 2026 um 10:30')
    expect(html).toContain('3. März 2026 um 00:30')
    expect(html).toContain('Jonas Peters hat die Maßnahmeplanung zum Lesen geöffnet.')
    expect(html).toContain(`Stundennachweis 03/2026: bestätigt von Petra Lange (Arbeitgeber*in) am 1. April 2026 um 10:15, Prüfsumme ${'ab'.repeat(32)}`)
    expect(html).toContain('30. Juni 2026')
    expect(html).toContain('Renate Peters (rechtliche Betreuung, für Jonas Peters) entbindet die Jobcoaches gegenüber Dr. Weber: Arbeitszeiten abstimmen — gültig ab 2. März 2026 bis 30. September 2026, gültig')
    for (const key of ['retention', 'partlyAchieved', 'midterm', 'roomOpened', '>diagnosis', 'coachee)', 'analysis']) {
      expect(html, key).not.toContain(key)
    }
  })

  it('writes Swiss spelling in its own words only, and the reader zone', () => {
    const html = renderExportHtml(data, exportWriter('de-CH', 'America/New_York'))
    expect(html).toContain('<h2>Massnahmeplanung</h2>')
    expect(html).toContain('Straße frei')
    expect(html).toContain('2. März 2026 um 04:30')
    expect(html).toContain('America/New_York')
    expect(html).toContain('<html lang="de-CH">')
  })

  it("names the coachee with the service's term (COACHEE_TERM=klient), the person's own texts untouched", () => {
    const html = renderExportHtml(data, exportWriter('de-CH', 'Europe/Zurich', 'klient'))
    expect(html).toContain('Jonas Peters &lt;jonas@example.org&gt; (Klient/-in)')
    expect(html).not.toContain('(Coachee)')
  })

  it('writes English for an English reader', () => {
    const html = renderExportHtml(data, exportWriter('en', 'Europe/London'))
    expect(html).toContain('partly achieved')
    expect(html).toContain('7.5')
    expect(html).not.toContain('Std.')
    expect(html).toContain('Proof of hours 03/2026: confirmed by Petra Lange (Employer)')
    expect(isTimeZone('Europe/Zurich')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
  })
})
