import { describe, expect, it } from 'vitest'
import { CaseExport, CaseExportFormat, CaseExportFormatVersion, CaseExportLimitationNotice } from '../../../shared/src/api/caseExport.js'
import { exportWriter } from './exportFormat.js'
import { renderExportHtml } from './renderExportHtml.js'
import { jobSearchSection } from './renderJobSearch.js'

const jonas = { userId: 'userJonasAAAAAAAAAAAAA', memberId: 'memberJonasAAAAAAAAAAA' }

function exportWith(jobSearch: unknown[] | undefined): CaseExport {
  return CaseExport.parse({
    format: CaseExportFormat,
    formatVersion: CaseExportFormatVersion,
    exportedAt: '2026-03-02T09:30:00.000Z',
    exportedBy: { userId: jonas.userId, name: 'Jonas Peters', role: 'coachee' },
    subject: { ...jonas, name: 'Jonas Peters', email: 'jonas@example.org', role: 'coachee', memberSince: '2026-03-01T08:00:00.000Z' },
    case: { id: 'caseAAAAAAAAAAAAAAAAAAAA', title: 'Stellensuche', type: 'placement', createdAt: '2026-03-01T08:00:00.000Z', closedAt: null, erasesAt: null },
    members: [],
    plan: { meta: {}, goals: [], participants: [], approach: '' },
    notes: { phases: {}, reviews: {}, meetings: [], hours: [], reports: {}, outcome: null },
    confidentialFields: [],
    consents: [],
    releases: [],
    funding: { fundingBodyName: null, fundingBodyKind: null, fileNumber: '', referringBody: '', approvals: [] },
    agreements: [],
    ...(jobSearch === undefined ? {} : { jobSearch }),
    auditEvents: [],
    limitations: { notice: CaseExportLimitationNotice, withheldCommentThreads: 0, withheldCommentReplies: 0, replacedNames: 0 },
  })
}

const application = {
  kind: 'application',
  employerName: 'Bäckerei <Sonne> & Söhne',
  contactPerson: 'Frau "Keller"',
  position: 'Verkauf',
  placementKind: 'trainingPlacement',
  date: '2026-04-07',
  status: 'interview',
  nextStep: 'Unterlagen <b>nachreichen</b>',
  nextStepOn: '2026-04-10',
  interviewOn: '2026-04-14',
  interviewPreparation: "Rollenspiel: 'Warum hier?'",
  accompaniedByCoach: true,
}

describe('the job search in the readable data export', () => {
  it('writes each application in the app’s words, every text escaped', () => {
    const html = renderExportHtml(exportWith([application, { ...application, kind: 'contact', employerName: 'Gärtnerei Linde', status: 'rejected', nextStep: '', nextStepOn: null, interviewOn: null, interviewPreparation: '', accompaniedByCoach: false, contactPerson: '' }]), exportWriter('de', 'Europe/Berlin'))
    expect(html).toContain('<h2>Stellensuche: Bewerbungen und Kontakte</h2>')
    expect(html).toContain('7. April 2026 — Bewerbung: Bäckerei &#60;Sonne&#62; &#38; Söhne')
    expect(html).toContain('<dt>Art des Einsatzes</dt><dd>Trainingsplatz</dd>')
    expect(html).toContain('<dt>Ansprechperson im Betrieb</dt><dd>Frau &#34;Keller&#34;</dd>')
    expect(html).toContain('<dt>Stand</dt><dd>Vorstellungsgespräch</dd>')
    expect(html).toContain('<dt>Nächster Schritt</dt><dd>Unterlagen &#60;b&#62;nachreichen&#60;/b&#62; (bis 10. April 2026)</dd>')
    expect(html).toContain('<dt>Vorstellungsgespräch am</dt><dd>14. April 2026</dd>')
    expect(html).toContain('Rollenspiel: &#39;Warum hier?&#39;')
    expect(html).toContain('<dt>Begleitung durch Jobcoach zum Gespräch</dt><dd>ja</dd>')
    expect(html).toContain('Kontakt (Anruf, Besuch): Gärtnerei Linde')
    expect(html).toContain('<dt>Stand</dt><dd>Absage</dd>')
    expect(html).not.toContain('<b>nachreichen')
    expect(html).not.toContain('<Sonne>')
    for (const key of ['trainingPlacement', 'accompaniedByCoach', '>interview<', 'rejected']) {
      expect(html, key).not.toContain(key)
    }
  })

  it('says "keine Einträge" for an empty log and for an older export without one', () => {
    for (const jobSearch of [[], undefined]) {
      const html = renderExportHtml(exportWith(jobSearch), exportWriter('de', 'Europe/Berlin'))
      expect(html).toContain('<h2>Stellensuche: Bewerbungen und Kontakte</h2>\n<p class="empty" data-part="jobSearch">keine Einträge</p>')
    }
  })

  it('writes Swiss spelling and English for their readers', () => {
    const swiss = jobSearchSection(exportWith([application]).jobSearch, exportWriter('de-CH', 'Europe/Zurich'))
    expect(swiss).toContain('Vorstellungsgespräch am')
    expect(swiss).toContain('Begleitung durch Job Coach zum Gespräch')
    expect(swiss).not.toContain('ß')
    const english = jobSearchSection(exportWith([application]).jobSearch, exportWriter('en', 'Europe/London'))
    expect(english).toContain('7 April 2026 — Application: Bäckerei &#60;Sonne&#62; &#38; Söhne')
    expect(english).toContain('<dt>Kind of placement</dt><dd>Training placement</dd>')
    expect(jobSearchSection([], exportWriter('en', 'Europe/London'))).toContain('no entries')
  })
})
