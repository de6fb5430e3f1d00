/**
 * The glossary's example case "Kassenbereich Supermarkt", closed with a
 * written final report, for the tests of the anonymised final report (unit
 * and integration). Every name is invented (../../../../shared/domain/GLOSSARY.md).
 */
import type * as Y from 'yjs'
import { addMeeting, initNotesDoc, phaseNotes, setGoalReview, setOutcome } from '../caseDocument/notes.js'
import { addGoal, addParticipant, emptyGoal, initPlanDoc, planApproach, setPlanMetaField } from '../caseDocument/plan.js'
import { paragraph, write } from '../anonymise/testCase.js'
import { reportPartFragment } from '../report/parts.js'

/** What must not survive into an anonymised report of the demo case (names, places, employer, a date, contacts). */
export const DemoIdentifiers = ['Jonas', 'Peters', 'Petra', 'Lange', 'Demir', 'Miriam', 'Roth', 'Tobias', 'Brandt', 'Frischmarkt', 'Hannover', 'Linden', '30449', 'frischmarkt-nord', '0511', '2026', '24.09.']

/** The demo case's members as the server knows them. */
export const DemoMembers = [
  { name: 'Miriam Roth', email: 'miriam.roth@ifd-hannover.example' },
  { name: 'Tobias Brandt', email: 'tbrandt@ifd-hannover.example' },
  { name: 'Petra Lange', email: 'p.lange@frischmarkt-nord.example' },
  { name: 'Jonas Peters', email: 'jonas.peters88@web.example' },
]

/** The demo case's title (with the employer in it, as coaches write titles). */
export const DemoTitle = 'Kassenbereich Supermarkt (Frischmarkt Nord)'

/** A new plan and notes document of the demo case (unit tests; the relay seeds its own). */
export function demoDocs(plan: Y.Doc, notes: Y.Doc): void {
  initPlanDoc(plan, { title: DemoTitle })
  initNotesDoc(notes)
  writeDemoPlan(plan)
  writeDemoNotes(notes)
}

/** Writes the demo case into a seeded plan (fields the plan editor writes; the title is the case's). */
export function writeDemoPlan(plan: Y.Doc): void {
  setPlanMetaField(plan, 'startDate', '2026-03-02')
  setPlanMetaField(plan, 'expectedEndDate', '2026-09-30')
  setPlanMetaField(plan, 'hoursBudget', 120)
  setPlanMetaField(plan, 'currentPhase', 'stabilisation')
  setPlanMetaField(plan, 'employerName', 'Frischmarkt Nord')
  setPlanMetaField(plan, 'workplace', 'Filiale Linden, Kassenbereich')
  addParticipant(plan, { id: 'p-jonas', name: 'Jonas Peters', role: 'other', function: 'Kassierer', organisation: 'Frischmarkt Nord' })
  addParticipant(plan, { id: 'p-lange', name: 'Petra Lange', role: 'other', function: 'Filialleitung', organisation: 'Frischmarkt Nord' })
  addParticipant(plan, { id: 'p-demir', name: 'Ali Demir', role: 'other', function: 'Schichtleitung', organisation: 'Frischmarkt Nord' })
  addGoal(plan, {
    ...emptyGoal('g-scan'),
    title: 'Jonas scannt 18 Artikel pro Minute',
    specific: 'Herr Peters scannt im Normalbetrieb mindestens 18 Artikel pro Minute.',
    measurable: 'Kassenstatistik, mit Frau Lange vereinbart (Rückfragen: 0511 4711-23)',
    achievable: 'Übungsschichten an Kasse 2',
    relevant: "Jonas' Arbeitsplatz bei Frischmarkt bleibt gesichert",
    timeBound: '2026-06-30',
    responsible: 'Jonas, Frau Lange',
    status: 'achieved',
  })
  addGoal(plan, { ...emptyGoal('g-checkin'), title: 'Check-in mit Herrn Demir zu Schichtbeginn', responsible: 'Ali Demir', timeBound: '2026-04-30', status: 'achieved' })
  write(planApproach(plan), paragraph('Wir begleiten Jonas Peters und Frau Lange in der Filiale Linden (Limmerstraße 5, 30449 Hannover).'))
}

/** Writes the demo case's notes: phases, a review, the final meeting, the outcome and the final report's parts. */
export function writeDemoNotes(notes: Y.Doc): void {
  write(phaseNotes(notes, 'analysis'), paragraph('Erstgespräch am 02.03.2026 mit Jonas; drei Besuche in der Filiale.'))
  write(phaseNotes(notes, 'intervention'), paragraph('Checkliste mit Jonas erstellt; Herr Demir übt Feedback.'))
  setGoalReview(notes, 'stabilisation', 'g-scan', { note: 'Jonas schafft 19 Artikel, sagt Frau Lange.' }, { stillValid: true, attainment: 'achieved', note: '' })
  addMeeting(notes, { id: 'm-final', kind: 'final', date: '2026-09-24', participants: 'Jonas Peters, Petra Lange, Miriam Roth, Tobias Brandt', fragment: 'meeting:m-final' })
  write(notes.getXmlFragment('meeting:m-final'), paragraph('Arbeitsplatz gesichert (Gespräch am 24.09.2026). Dank an Miriam und Tobias.'))
  setOutcome(notes, { kind: 'jobSecured', how: 'Jonas bleibt bei Frischmarkt Nord, Frau Lange verlängert.', why: '' })
  write(reportPartFragment(notes, 'final', 'participationBefore'), paragraph('Jonas kassierte langsam; Konflikte mit Herrn Demir.'))
  write(reportPartFragment(notes, 'final', 'participationAfter'), paragraph('Jonas arbeitet sicher an der Kasse; die Kollegin Frau Kaya lobt ihn.'))
  write(reportPartFragment(notes, 'final', 'participantsAssessment'), paragraph('Frau Lange (Tel. 0511 123456) ist zufrieden.'))
  write(reportPartFragment(notes, 'final', 'recommendations'), paragraph('Weiter Check-ins; die Kasse 2 bleibt sein Platz.'))
}
