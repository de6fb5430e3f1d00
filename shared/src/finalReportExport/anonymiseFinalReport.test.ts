import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addHoursEntry } from '../caseDocument/notes.js'
import { addProfileEntry, emptyProfileEntry, initProfileDoc } from '../caseDocument/profile.js'
import { paragraph, write } from '../anonymise/testCase.js'
import type { JobSearchSource } from '../anonymise/placementCopy.js'
import { reportPartFragment } from '../report/parts.js'
import { anonymiseFinalReport, exportLinesText } from './anonymiseFinalReport.js'
import { demoDocs, DemoIdentifiers, DemoMembers } from './demoFinalReport.js'

function demo(): { plan: Y.Doc; notes: Y.Doc } {
  const plan = new Y.Doc()
  const notes = new Y.Doc()
  demoDocs(plan, notes)
  addHoursEntry(notes, { id: 'h1', date: '2026-03-02', hours: 3, activity: 'Erstgespräch mit Jonas Peters', coachId: 'coach-miriam', phase: 'analysis' })
  return { plan, notes }
}

function leaks(text: string): string[] {
  const found = [...DemoIdentifiers, 'Kaya'].filter((identifier) => text.toLowerCase().includes(identifier.toLowerCase()))
  return /(?<!\p{L})Ali(?!\p{L})/u.test(text) ? [...found, 'Ali'] : found
}

describe('anonymised final report of the demo case', () => {
  it('keeps no name, place, employer, contact or date of the case, and still reads as the final report', () => {
    const { plan, notes } = demo()
    const report = anonymiseFinalReport(plan, notes, { members: DemoMembers, caseType: 'retention' })
    const text = exportLinesText(report.lines)
    expect(leaks(text)).toEqual([])
    // The report's content is there, with placeholders in place of the people.
    expect(text).toContain('Abschlussbericht (anonymisiert): Kassenbereich Supermarkt (Betrieb A)')
    expect(text).toContain('Person A scannt 18 Artikel pro Minute')
    expect(text).toContain('Betrieb: Betrieb A')
    expect(text).toContain('Terminiert bis: Woche 18')
    expect(text).toContain('Abschlussgespräch, Woche 30')
    expect(text).toContain('Arbeitsplatz gesichert')
    expect(text).toContain('Betriebliche Teilhabe nach dem Jobcoaching')
    // A person the case does not list but names with a salutation.
    expect(text).toMatch(/die Kollegin Person [A-Z]+ lobt ihn/)
  })

  it('marks every replaced span, so the author sees what was replaced', () => {
    const { plan, notes } = demo()
    const report = anonymiseFinalReport(plan, notes, { members: DemoMembers })
    const replaced = report.lines.flatMap((line) => line.segments.filter((segment) => segment.replaced !== undefined))
    expect(replaced.length).toBe(report.replacements)
    expect(replaced.map((segment) => segment.text)).toEqual(expect.arrayContaining(['Person A', 'Betrieb A', 'Telefon A', 'Adresse A']))
    expect(replaced.find((segment) => segment.text === 'Person A')?.replaced).toBe('person')
    // The legend tells the author (never a reader) who is who.
    expect(report.legend).toContainEqual({ placeholder: 'Person A', kind: 'person', identifier: 'Jonas Peters' })
  })

  it("takes the author's redactions, and regenerating gives the same placeholders", () => {
    const { plan, notes } = demo()
    const before = anonymiseFinalReport(plan, notes, { members: DemoMembers })
    const after = anonymiseFinalReport(plan, notes, { members: DemoMembers, redactions: ['Kasse 2'] })
    const text = exportLinesText(after.lines)
    expect(exportLinesText(before.lines)).toContain('Kasse 2')
    expect(text).not.toContain('Kasse 2')
    expect(text).toContain('[geschwärzt]')
    expect(after.legend).toEqual(before.legend)
    expect(after.lines.flatMap((line) => line.segments).some((segment) => segment.replaced === 'redaction')).toBe(true)
  })

  it('leaves out the coaches\' hours per person and every calendar date', () => {
    const { plan, notes } = demo()
    const text = exportLinesText(anonymiseFinalReport(plan, notes, { members: DemoMembers }).lines)
    expect(text).not.toContain('Nach Jobcoach')
    expect(text).not.toContain('coach-miriam')
    expect(text).not.toMatch(/\d{1,2}\.\d{1,2}\.\d{2,4}/)
    expect(text).toContain('Geplante Dauer: 31 Wochen')
    expect(text).toContain('Analyse und Planung: 3 Std.')
  })

  it('is the same for the same input (the approval checks the reviewed draft against a rebuilt one)', () => {
    const { plan, notes } = demo()
    expect(anonymiseFinalReport(plan, notes, { members: DemoMembers })).toEqual(anonymiseFinalReport(plan, notes, { members: DemoMembers }))
  })

  it('replaces the full names a meeting lists even when the case does not know them, and leaves roles', () => {
    const { plan, notes } = demo()
    // No members: Miriam Roth and Tobias Brandt are known only from the final meeting's list.
    const text = exportLinesText(anonymiseFinalReport(plan, notes).lines)
    expect(leaks(text)).toEqual([])
    expect(text).toMatch(/Teilnehmende: Person A, Person B, Person [A-Z], Person [A-Z]/)
  })

  it("replaces the profile's former employers and the application log's employers and contacts where the report names them", () => {
    const { plan, notes } = demo()
    const profile = new Y.Doc()
    initProfileDoc(profile)
    addProfileEntry(profile, 'career', { ...emptyProfileEntry('career', 'c1'), period: '2014–2020', occupation: 'Lagerhelfer', employer: 'Getränke Becker GmbH' })
    const jobSearch: JobSearchSource[] = [
      {
        kind: 'application',
        employerName: 'Bäckerei Sonnenschein',
        contactPerson: 'Sabine Keller',
        position: 'Verkauf',
        placementKind: 'permanent',
        date: '2026-04-01',
        status: 'sent',
        nextStep: '',
        nextStepOn: null,
        interviewOn: null,
        interviewPreparation: '',
        accompaniedByCoach: false,
      },
    ]
    write(reportPartFragment(notes, 'final', 'recommendations'), paragraph('Früher bei Getränke Becker; Probearbeit bei Bäckerei Sonnenschein mit Sabine Keller.'))
    const text = exportLinesText(anonymiseFinalReport(plan, notes, { members: DemoMembers, profile, jobSearch }).lines)
    for (const identifier of ['Becker', 'Sonnenschein', 'Sabine', 'Keller']) {
      expect(text).not.toContain(identifier)
    }
    expect(text).toMatch(/Früher bei Organisation [A-Z]+; Probearbeit bei Betrieb [A-Z]+ mit Person [A-Z]+\./)
  })
})
