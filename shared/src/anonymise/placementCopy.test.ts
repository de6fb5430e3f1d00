import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { setAgreementPart } from '../caseDocument/agreementParts.js'
import { initNotesDoc, phaseNotes } from '../caseDocument/notes.js'
import { CopyJobSearchArray } from '../caseDocument/placementCopy.js'
import { addParticipant, initPlanDoc, setPlanMetaField } from '../caseDocument/plan.js'
import { readSupervisionCopy } from '../caseDocument/supervisionCopy.js'
import { anonymiseCase } from './anonymiseCase.js'
import type { JobSearchSource } from './placementCopy.js'
import { copyText, paragraph, write } from './testCase.js'

const entry = (values: Partial<JobSearchSource> & Pick<JobSearchSource, 'employerName' | 'date'>): JobSearchSource => ({
  kind: 'application',
  contactPerson: '',
  position: '',
  placementKind: 'permanent',
  status: 'sent',
  nextStep: '',
  nextStepOn: null,
  interviewOn: null,
  interviewPreparation: '',
  accompaniedByCoach: false,
  ...values,
})

function placementCase(): { plan: Y.Doc; notes: Y.Doc; jobSearch: JobSearchSource[] } {
  const plan = new Y.Doc()
  initPlanDoc(plan, { title: 'Stellensuche Jonas' })
  setPlanMetaField(plan, 'startDate', '2026-03-02')
  setPlanMetaField(plan, 'employerName', 'Frischmarkt Nord')
  addParticipant(plan, { id: 'p1', name: 'Jonas Peters', role: 'other', function: 'Kassierer', organisation: '' })
  setAgreementPart(plan, 'employerCommitments', 'Frischmarkt stellt Jonas einen ruhigen Pausenraum zur Verfügung.')
  setAgreementPart(plan, 'companyContact', 'Sabine Keller, Marktleitung, 079 555 12 34, sabine.keller@frischmarkt.example')
  setAgreementPart(plan, 'pay', 'CHF 3800 brutto, ab 01.05.2026 CHF 4100')
  setAgreementPart(plan, 'colleagues', 'Frau Lange informiert das Kassenteam.')
  setAgreementPart(plan, 'coachContacts', 'Besuch alle zwei Wochen, Telefon mit Herrn Demir bei Bedarf.')
  const notes = new Y.Doc()
  initNotesDoc(notes)
  write(phaseNotes(notes, 'analysis'), paragraph('Absage von Migros Aare; Frau Huber rief an. Herr Brunner aus dem Verzeichnis kennt Jonas.'))
  const jobSearch = [
    // Newest first, as the API lists them; with what the server keeps besides (never copied).
    {
      ...entry({
        employerName: 'Frischmarkt Nord',
        date: '2026-03-24',
        status: 'placed',
        position: 'Kassierer',
        placementKind: 'trainingPlacement',
        contactPerson: 'Sabine Keller',
      }),
      id: 'entry-secret-id',
      createdBy: 'coach-secret-id',
      createdByName: 'Miriam Roth',
      updatedAt: '2026-03-25T10:00:00.000Z',
    },
    entry({
      employerName: 'Migros Aare',
      date: '2026-03-10',
      status: 'interview',
      position: 'Mitarbeiter Logistik bei Migros',
      contactPerson: 'Frau Dr. Huber (HR)',
      nextStep: 'Bei Huber am 14.04.2026 nachfragen, 031 987 65 43',
      nextStepOn: '2026-04-14',
      interviewOn: '2026-03-17',
      interviewPreparation: 'Mit Jonas das Gespräch bei Migros üben; Brunner gibt Tipps.',
      accompaniedByCoach: true,
      directoryContacts: ['Stefan Brunner'],
    }),
  ]
  return { plan, notes, jobSearch }
}

describe('the placement parts in a supervision copy (issue 19, A4–A6)', () => {
  it('carries the agreement parts and the job search with every name, employer, number and date replaced', () => {
    const { plan, notes, jobSearch } = placementCase()
    const { doc, content, legend } = anonymiseCase(plan, notes, { jobSearch })
    const text = copyText(doc)
    for (const secret of ['Jonas', 'Peters', 'Frischmarkt', 'Migros', 'Aare', 'Keller', 'Sabine', 'Huber', 'Brunner', 'Lange', 'Demir', '079 555', '031 987', '14.04.2026', '2026-03', '01.05.2026']) {
      expect(text, secret).not.toContain(secret)
    }
    for (const kept of ['entry-secret-id', 'coach-secret-id', 'Miriam', '2026-03-25']) {
      expect(text, kept).not.toContain(kept)
    }
    expect(content.placement?.agreementParts).toEqual({
      employerCommitments: 'Betrieb A stellt Person A einen ruhigen Pausenraum zur Verfügung.',
      companyContact: 'Person D, Marktleitung, Telefon A, E-Mail A',
      pay: 'CHF 3800 brutto, ab Woche 9 CHF 4100',
      colleagues: 'Person E informiert das Kassenteam.',
      coachContacts: 'Besuch alle zwei Wochen, Telefon mit Person F bei Bedarf.',
    })
    // Oldest first; the plan's employer keeps its placeholder, the other employer is the next business.
    expect(content.placement?.jobSearch).toEqual([
      {
        id: 'search-1',
        kind: 'application',
        employer: 'Betrieb B',
        contactPerson: 'Person B (HR)',
        position: 'Mitarbeiter Logistik bei Betrieb B',
        placementKind: 'permanent',
        week: 2,
        status: 'interview',
        nextStep: 'Bei Person B in Woche 7 nachfragen, Telefon B',
        nextStepWeek: 7,
        interviewWeek: 3,
        interviewPreparation: 'Mit Person A das Gespräch bei Betrieb B üben; Person C gibt Tipps.',
        accompaniedByCoach: true,
      },
      {
        id: 'search-2',
        kind: 'application',
        employer: 'Betrieb A',
        contactPerson: 'Person D',
        position: 'Kassierer',
        placementKind: 'trainingPlacement',
        week: 4,
        status: 'placed',
        nextStep: '',
        interviewPreparation: '',
        accompaniedByCoach: false,
      },
    ])
    expect(legend).toEqual(
      expect.arrayContaining([
        { placeholder: 'Betrieb B', kind: 'organisation', identifier: 'Migros Aare' },
        { placeholder: 'Person B', kind: 'person', identifier: 'Huber' },
        { placeholder: 'Person C', kind: 'person', identifier: 'Stefan Brunner' },
      ]),
    )
    // The notes name the search's employer and contacts: replaced there too.
    expect(text.replace(/<[^>]+>/g, '')).toContain('Absage von Betrieb B; Person B rief an. Person C aus dem Verzeichnis kennt Person A.')
    const read = readSupervisionCopy(doc)
    expect(read.ok ? read.value.placement : read.issues).toEqual(content.placement)
  })

  it('takes the name the agreement gives as the company contact for a person of the case, wherever it is written', () => {
    const { plan, notes } = placementCase()
    setAgreementPart(plan, 'companyContact', 'Petra Lange-Nowak, Filialleitung')
    setAgreementPart(plan, 'colleagues', 'Petra informiert das Team; Lange-Nowak kennt die Abläufe.')
    const { doc, content } = anonymiseCase(plan, notes)
    expect(copyText(doc)).not.toMatch(/Petra|Lange|Nowak/)
    expect(content.placement?.agreementParts.companyContact).toMatch(/^Person [A-Z], Filialleitung$/)
    // A part that names no one stays as written (German nouns are capitalised too).
    for (const noOne of ['die Filialleitung', 'Schichtleitung Lager, Telefon intern', 'Personal Abteilung']) {
      setAgreementPart(plan, 'companyContact', noOne)
      expect(anonymiseCase(plan, notes).content.placement?.agreementParts.companyContact).toBe(noOne)
    }
  })

  it('leaves the roots out of a copy of a case without agreement parts or job search, and reads such a copy as empty', () => {
    const { plan, notes } = placementCase()
    plan.getMap('agreementParts').clear()
    const { doc } = anonymiseCase(plan, notes)
    expect(doc.share.has('agreementParts')).toBe(false)
    expect(doc.share.has(CopyJobSearchArray)).toBe(false)
    const read = readSupervisionCopy(doc)
    expect(read.ok ? read.value.placement : read.issues).toEqual({ agreementParts: {}, jobSearch: [] })
  })
})
