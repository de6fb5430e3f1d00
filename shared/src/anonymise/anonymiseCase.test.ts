import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initConfidentialDoc } from '../caseDocument/confidential.js'
import { addMeeting, addHoursEntry, initNotesDoc, NotesCommentsArray, notesReviews, phaseNotes, setGoalReview, setOutcome } from '../caseDocument/notes.js'
import { addGoal, addParticipant, emptyGoal, initPlanDoc, planApproach, planParticipants, removeGoal, setPlanMetaField } from '../caseDocument/plan.js'
import { AnonymisedMark, readSupervisionCopy } from '../caseDocument/supervisionCopy.js'
import { anonymiseCase, type AnonymiseCaseOptions } from './anonymiseCase.js'
import { bulletList, copyText, hasDeletions, heading, mapOf, paragraph, write } from './testCase.js'

const members = [
  { name: 'Miriam Roth', email: 'miriam.roth@ifd-rheinland.example' },
  { name: 'Tobias Brandt', email: 'tbrandt@ifd-rheinland.example' },
  { name: 'Petra Lange', email: 'p.lange@frischmarkt-nord.example' },
  { name: 'Jonas Peters', email: 'jonas.peters88@web.example' },
]
const extraIdentifiers: AnonymiseCaseOptions['extraIdentifiers'] = [
  { text: 'Jonny', kind: 'person', sameAs: 'Jonas Peters' },
  { text: 'Sandy', kind: 'person', sameAs: 'Sandra Schüßler' },
  { text: 'Wuppertal', kind: 'place' },
  'Team Frühschicht Elberfeld',
]

/** Every identifier of the corpus, as written anywhere in the sources (also only in their history). */
const identifiers = [
  'Jonas', 'Peters', 'Jonny', 'Petra', 'Lange', 'Demir', 'Miriam', 'Roth', 'Tobias', 'Brandt', 'Sandra', 'Schüßler', 'Schuessler', 'Sandy',
  'Frischmarkt', 'Hafenstraße', 'Hafenstrasse', 'Wuppertal', 'Elberfeld', 'Ronsdorf',
  'jonas.peters88', 'tbrandt', 'web.example', 'frischmarkt-nord', 'ifd-rheinland',
  '0202 4711', '4711', '0171', '1234567', '7654321', '8765432', '1122334', '9998887', '2233445',
  '3704', '0532', '0130', '0076', '2011', '6238', '5295',
  '1988', '03.04.', '02.03.', '12.03.', '2026', 'April', 'März', 'Juni',
  'Luisenstraße', 'Luisenstr', 'Kirchplatz', '42103', '42275', '8001', 'Zürich',
  'Karl Geheim', 'Geheimrat', 'Geheimnis', 'Depression', 'Diagnose: depressive Episode',
  'coach-miriam', 'coach-tobias', 'user-', 'authorId', 'Tandemkommentar', 'g-scan', 'm-final', 'p-jonas',
]
/** Short names: checked as whole words (Ali is in "Qualität"-like words of other texts). */
const shortNames = ['Ali']

function exampleCase(): { plan: Y.Doc; notes: Y.Doc; confidential: Y.Doc } {
  const plan = new Y.Doc()
  initPlanDoc(plan, { title: 'Fall Jonas Peters' })
  // Typed, then overwritten: the old title stays in the plan's history.
  plan.getMap('meta').set('title', 'Kassenbereich Supermarkt (Frischmarkt Nord)')
  setPlanMetaField(plan, 'startDate', '2026-03-02')
  setPlanMetaField(plan, 'expectedEndDate', '2026-09-30')
  setPlanMetaField(plan, 'hoursBudget', 120)
  setPlanMetaField(plan, 'currentPhase', 'intervention')
  setPlanMetaField(plan, 'employerName', 'Frischmarkt Nord')
  setPlanMetaField(plan, 'workplace', 'Filiale Hafenstraße, Kassenbereich')
  addParticipant(plan, { id: 'p-jonas', name: 'Jonas Peters', role: 'other', function: 'Kassierer (Coachee)', organisation: 'Frischmarkt Nord' })
  addParticipant(plan, { id: 'p-lange', name: 'Petra Lange', role: 'other', function: 'Filialleitung', organisation: 'Frischmarkt Nord' })
  addParticipant(plan, { id: 'p-demir', name: 'Ali Demir', role: 'other', function: 'Schichtleitung', organisation: 'Frischmarkt Nord' })
  addParticipant(plan, { id: 'p-schuessler', name: 'Sandra Schüßler', role: 'other', function: 'Kollegin an Kasse 2, Mentorin', organisation: 'Frischmarkt Nord' })
  // A participant added and removed again: known only to the history.
  addParticipant(plan, { id: 'p-karl', name: 'Karl Geheimrat', role: 'other', function: 'Vater', organisation: 'privat' })
  planParticipants(plan).delete(4, 1)
  addGoal(plan, {
    ...emptyGoal('g-scan'),
    title: 'Jonas scannt 18 Artikel pro Minute',
    specific: 'Herr Peters scannt im Normalbetrieb mindestens 18 Artikel pro Minute.',
    measurable: 'Kassenstatistik, mit Frau Lange vereinbart (Rückfragen: 0202 4711-23)',
    achievable: 'Übungsschichten mit Sandra an Kasse 2',
    relevant: "Jonas' Arbeitsplatz bei Frischmarkt bleibt gesichert",
    timeBound: '2026-06-30',
    responsible: 'Jonas, Frau Lange',
    status: 'open',
  })
  addGoal(plan, {
    ...emptyGoal('g-checkin'),
    title: 'Check-in mit Herrn Demir zu Schichtbeginn',
    specific: 'Ab April 2026 zehn Minuten Check-in; Demirs Rückmeldung zählt.',
    measurable: 'In 4 von 5 Wochen mindestens „nützlich“',
    achievable: 'Ali hat zugestimmt',
    relevant: 'Konflikte mit der Schichtleitung nehmen ab',
    timeBound: '2026-04-30',
    responsible: 'ALI DEMIR',
    status: 'partlyAchieved',
  })
  addGoal(plan, { ...emptyGoal('g-geheim'), title: 'Geheimnis von Karl Geheimrat' })
  removeGoal(plan, 'g-geheim')
  write(
    planApproach(plan),
    heading(3, 'Vorgehen mit Jonas Peters'),
    // The first name split across formatting marks, the last name across two text nodes.
    paragraph('Wir begleiten ', ['Jo', { bold: {} }], ['nas', { italic: {} }], ' Pet', null, 'ers und ', ['Frau Lange', { bold: {} }], ' bei Frischmarkt Nord.'),
    bulletList(
      paragraph('Besuche in der Filiale Hafenstraße (Luisenstraße 12, 42103 Wuppertal)'),
      paragraph('Rückfragen an tbrandt@ifd-rheinland.example oder ', ['0171/1234567', { italic: {} }]),
    ),
  )

  const notes = new Y.Doc()
  initNotesDoc(notes)
  write(
    phaseNotes(notes, 'analysis'),
    paragraph('Erstgespräch am 02.03.2026 mit Jonas (geb. 03.04.1988) und Petras Stellvertretung.'),
    paragraph('Jonas wohnt Am Kirchplatz 3, 42275 Wuppertal-Ronsdorf; Tel. +49 171 7654321, privat (0202) 87 65 43-2.'),
    paragraph('Gehalt geht auf IBAN DE89 3704 0044 0532 0130 00; früher Konto CH9300762011623852957 (CH-8001 Zürich).', '\n', 'Jonnys Spitzname im Team Frühschicht Elberfeld: „Sandy“ ist Sandras.'),
  )
  write(phaseNotes(notes, 'selfIntegration'), paragraph('Zwei Schichten an Kasse 2 neben Sandra Schüßler; Schuesslers Tipps halfen. Am 12.03. lief es besser.'))
  write(
    phaseNotes(notes, 'intervention'),
    paragraph('Checkliste mit Jonas erstellt; Rückmeldung von Herrn Demir per Mail (jonas.peters88@web.example in Kopie).'),
  )
  // Typed into the intervention notes, then deleted: only in the history.
  const intervention = phaseNotes(notes, 'intervention').get(0) as Y.XmlElement
  const text = intervention.get(0) as Y.XmlText
  text.insert(0, 'Diagnose: depressive Episode, Karl Geheimrat weiß davon, Tel. 0160 9998887. ')
  text.delete(0, 'Diagnose: depressive Episode, Karl Geheimrat weiß davon, Tel. 0160 9998887. '.length)
  write(phaseNotes(notes, 'stabilisation'), paragraph('Abschlussgespräch im September geplant.'))

  setGoalReview(notes, 'analysis', 'g-scan', { note: 'Ausgangswert 14 pro Minute laut Frau Lange (Stand 12.03.2026)' }, { stillValid: true, attainment: 'open', note: '' })
  setGoalReview(notes, 'intervention', 'g-checkin', { note: 'Herr Demir findet den Check-in „nützlich“; Jonas auch.' }, { stillValid: true, attainment: 'partlyAchieved', note: '' })
  // A review of a goal that no longer exists.
  notesReviews(notes).get('analysis')?.set('g-geheim', mapOf({ stillValid: true, attainment: 'open', note: 'Karl Geheimrat' }))

  addMeeting(notes, { id: 'm-mid', kind: 'midterm', date: '2026-06-10', participants: 'Jonas, Herr Demir, Frau Lange, Tandem', fragment: 'meeting:m-mid' })
  write(notes.getXmlFragment('meeting:m-mid'), paragraph('Jonas schafft 17 Artikel; Frau Lange (p.lange@frischmarkt-nord.example) ist zufrieden. Nächster Termin 3. Juli 2026.'))
  addMeeting(notes, { id: 'm-final', kind: 'final', date: '2026-09-24', participants: 'Jonas Peters, Petra Lange, Miriam Roth, Tobias Brandt', fragment: 'meeting:m-final' })
  write(notes.getXmlFragment('meeting:m-final'), paragraph('Arbeitsplatz gesichert. Dank an Miriam und Tobias.'))
  addHoursEntry(notes, { id: 'h1', date: '2026-03-02', hours: 3, activity: 'Erstgespräch mit Jonas Peters', coachId: 'coach-miriam', phase: 'analysis' })
  addHoursEntry(notes, { id: 'h2', date: '2026-03-09', hours: 2.5, activity: 'Besuch Frischmarkt', coachId: 'coach-tobias', phase: 'analysis' })
  addHoursEntry(notes, { id: 'h3', date: '2026-04-01', hours: 1.25, activity: 'Telefonat mit Frau Lange', coachId: 'coach-tobias' })
  notes.getArray(NotesCommentsArray).push([
    mapOf({ id: 'c1', authorId: 'coach-miriam', createdAt: '2026-03-03T10:00:00Z', text: 'Tandemkommentar: Jonas wirkt müde (Depression?)', anchor: '{}', resolved: false, replies: new Y.Array() }),
  ])
  setOutcome(notes, { kind: 'jobSecured', how: 'Jonas bleibt bei Frischmarkt Nord, Frau Lange verlängert.', why: '' })

  const confidential = new Y.Doc()
  initConfidentialDoc(confidential, 'diagnosis')
  write(confidential.getXmlFragment('content'), paragraph('Diagnose: depressive Episode, in Behandlung. Geheimnis.'))
  return { plan, notes, confidential }
}

function containsIdentifier(haystack: string, identifier: string): boolean {
  return haystack.toLowerCase().includes(identifier.toLowerCase())
}

function leaks(haystack: string): string[] {
  return [
    ...identifiers.filter((identifier) => containsIdentifier(haystack, identifier)),
    ...shortNames.filter((name) => new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'iu').test(haystack)),
  ]
}

function options(): AnonymiseCaseOptions {
  return { members, extraIdentifiers, caseType: 'retention' }
}

describe('anonymiseCase on the example case', () => {
  it('the example case really holds every identifier, in its content or in its history', () => {
    const { plan, notes, confidential } = exampleCase()
    const sources = [plan, notes, confidential].map((doc) => new TextDecoder().decode(Y.encodeStateAsUpdate(doc))).join('\n')
    // The test only means something if the identifiers are there to be removed.
    const missing = identifiers.filter((identifier) => !containsIdentifier(sources, identifier) && !['coach-', 'user-', 'Schuessler', 'Hafenstrasse', 'Luisenstr'].some((prefix) => identifier.startsWith(prefix)))
    expect(missing.filter((identifier) => !['Geheimnis', 'Depression', 'Diagnose: depressive Episode', 'Sandy', 'authorId', 'Tandemkommentar'].includes(identifier) && !/^\d/.test(identifier) && !/^[A-Z][a-zä]+$/.test(identifier))).toEqual([])
  })

  it('leaves no identifier in the copy: not in its JSON, not in its fragments, not in the raw bytes of its update', () => {
    const { plan, notes } = exampleCase()
    const { doc } = anonymiseCase(plan, notes, options())
    expect(leaks(copyText(doc))).toEqual([])
    const bytes = Y.encodeStateAsUpdate(doc)
    // Yjs writes strings as UTF-8: decoding the bytes as UTF-8 shows every string the update holds.
    expect(leaks(new TextDecoder('utf-8').decode(bytes))).toEqual([])
    // Also no identifier in another byte-level spelling (latin1 would show UTF-8 umlauts as two characters).
    const latin1 = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')
    expect(leaks(latin1)).toEqual([])
  })

  it('writes a fresh document without any deletion (nothing of a source history can be in it)', () => {
    const { plan, notes } = exampleCase()
    const { doc } = anonymiseCase(plan, notes, options())
    expect(hasDeletions(doc)).toBe(false)
    expect(hasDeletions(plan)).toBe(true)
    expect(hasDeletions(notes)).toBe(true)
  })

  it('gives each identifier one placeholder across the copy, and different ones to different people', () => {
    const { plan, notes } = exampleCase()
    const { doc, content, legend } = anonymiseCase(plan, notes, options())
    expect(legend.filter((entry) => entry.kind === 'person').map((entry) => [entry.identifier, entry.placeholder])).toEqual([
      ['Jonas Peters', 'Person A'],
      ['Petra Lange', 'Person B'],
      ['Ali Demir', 'Person C'],
      ['Sandra Schüßler', 'Person D'],
      ['Miriam Roth', 'Person E'],
      ['Tobias Brandt', 'Person F'],
    ])
    expect(content.participants.map((participant) => participant.placeholder)).toEqual(['Person A', 'Person B', 'Person C', 'Person D'])
    expect(content.meta.employer).toBe('Betrieb A')
    expect(content.meta.workplace).toBe('Betrieb B')
    expect(content.goals[0]?.title).toBe('Person A scannt 18 Artikel pro Minute')
    expect(content.goals[0]?.responsible).toBe('Person A, Person B')
    expect(content.goals[1]?.responsible).toBe('Person C')
    expect(content.goals[0]?.relevant).toBe('Person A Arbeitsplatz bei Betrieb A bleibt gesichert')
    expect(content.meetings[0]?.participants).toBe('Person A, Person C, Person B, Tandem')
    expect(content.meetings[1]?.participants).toBe('Person A, Person B, Person E, Person F')
    const approach = doc.getXmlFragment('approach').toString().replace(/<[^>]+>/g, '')
    expect(approach).toContain('Vorgehen mit Person A')
    const phaseText = copyText(doc).replace(/<[^>]+>/g, '')
    // A nickname tied to its person, an extra place, a team name, a town from a postal code.
    expect(phaseText).toContain('Person A Spitzname im Angabe A')
    expect(legend).toContainEqual({ placeholder: 'Ort A', kind: 'place', identifier: 'Wuppertal' })
    // Wuppertal is only written inside street addresses here (Adresse A, B); Zürich came with its postal code.
    expect(phaseText).toContain('(Ort B)')
  })

  it('finds a name split across formatting marks and text nodes and marks the placeholder', () => {
    const { plan, notes } = exampleCase()
    const { doc, replacements } = anonymiseCase(plan, notes, options())
    const approach = doc.getXmlFragment('approach')
    const second = approach.get(1) as Y.XmlElement
    const runs = second
      .toArray()
      .flatMap((child) => (child instanceof Y.XmlText ? (child.toDelta() as Array<{ insert: string; attributes?: Record<string, unknown> }>) : []))
    expect(runs.map((run) => run.insert).join('')).toBe('Wir begleiten Person A und Person B bei Betrieb A.')
    const jonas = runs.find((run) => run.insert === 'Person A')
    // "Jo" bold and "nas" italic share no mark: the placeholder keeps none but the anonymised mark.
    expect(jonas?.attributes).toEqual({ [AnonymisedMark]: { placeholder: 'Person A', kind: 'person' } })
    const lange = runs.find((run) => run.insert === 'Person B')
    expect(lange?.attributes).toEqual({ bold: {}, [AnonymisedMark]: { placeholder: 'Person B', kind: 'person' } })
    // The list gives where: block 1 of the approach, offsets into its text.
    const inBlock = replacements.filter((replacement) => replacement.location.type === 'richText' && replacement.location.fragment === 'approach' && replacement.location.block === 1)
    expect(inBlock.map(({ placeholder, kind, start, end }) => ({ placeholder, kind, start, end }))).toEqual([
      { placeholder: 'Person A', kind: 'person', start: 14, end: 22 },
      { placeholder: 'Person B', kind: 'person', start: 27, end: 35 },
      { placeholder: 'Betrieb A', kind: 'organisation', start: 40, end: 49 },
    ])
  })

  it('replaces pattern identifiers and makes dates relative to the start', () => {
    const { plan, notes } = exampleCase()
    const { doc, content } = anonymiseCase(plan, notes, options())
    const analysis = doc.getXmlFragment('phase:analysis').toArray().map((block) => (block as Y.XmlElement).toArray().map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]+>/g, '') : '\n')).join(''))
    expect(analysis).toEqual([
      'Erstgespräch in Woche 1 mit Person A (Geburtsdatum A) und Person B Stellvertretung.',
      // Letters continue from the plan (Adresse A and Telefon A, B are in the goals and the approach).
      'Person A wohnt Adresse B; Telefon C, privat Telefon D.',
      'Gehalt geht auf IBAN A; früher Konto IBAN B (Ort B).\nPerson A Spitzname im Angabe A: „Person D“ ist Person D.',
    ])
    expect(content.goals.map((goal) => goal.timeBoundWeek)).toEqual([18, 9])
    expect(content.goals[1]?.specific).toBe('Ab Woche 5–9 zehn Minuten Check-in; Person C Rückmeldung zählt.')
    expect(content.meetings.map((meeting) => meeting.week)).toEqual([15, 30])
    expect(content.meta.durationWeeks).toBe(31)
    expect(content.reviews.analysis?.['goal-1']?.note).toBe('Ausgangswert 14 pro Minute laut Person B (Stand Woche 2)')
  })

  it('keeps the hours as totals only and leaves out comments, coach ids, source ids and removed goals', () => {
    const { plan, notes } = exampleCase()
    const { doc, content } = anonymiseCase(plan, notes, options())
    expect(content.hoursTotals).toEqual({ total: 6.75, perPhase: { analysis: 5.5 }, withoutPhase: 1.25 })
    expect(content.goals.map((goal) => goal.id)).toEqual(['goal-1', 'goal-2'])
    expect(Object.keys(content.reviews.analysis ?? {})).toEqual(['goal-1'])
    expect([...doc.share.keys()].sort()).toEqual(
      ['approach', 'goals', 'hoursTotals', 'meeting:meeting-1', 'meeting:meeting-2', 'meetings', 'meta', 'participants', 'phase:analysis', 'phase:intervention', 'phase:selfIntegration', 'phase:stabilisation', 'reviews'].sort(),
    )
    expect(copyText(doc)).not.toMatch(/comment|coachId|authorId/i)
  })

  it('cannot be given a confidential field: it takes the plan and the notes only', () => {
    const { plan, notes, confidential } = exampleCase()
    // @ts-expect-error a confidential document is not options
    anonymiseCase(plan, notes, confidential)
    // Even passed where the notes belong, it gives no confidential content: there is no notes structure to read.
    const { doc } = anonymiseCase(plan, confidential, options())
    expect(copyText(doc)).not.toMatch(/Diagnose|Behandlung|Geheimnis/)
    expect(anonymiseCase.length).toBeLessThanOrEqual(3)
  })

  it('applies the reviewing coach’s redactions, also over placeholders of the copy', () => {
    const { plan, notes } = exampleCase()
    const { content, replacements } = anonymiseCase(plan, notes, { ...options(), redactions: ['Kasse 2', 'Person C Rückmeldung', 'x'] })
    expect(content.goals[0]?.achievable).toBe('Übungsschichten mit Person D an [geschwärzt]')
    expect(content.goals[1]?.specific).toBe('Ab Woche 5–9 zehn Minuten Check-in; [geschwärzt] zählt.')
    expect(replacements.filter((replacement) => replacement.kind === 'redaction').length).toBeGreaterThanOrEqual(3)
  })

  it('gives a copy that passes its reader', () => {
    const { plan, notes } = exampleCase()
    const { doc } = anonymiseCase(plan, notes, options())
    const read = readSupervisionCopy(doc)
    expect(read.ok ? [] : read.issues).toEqual([])
    expect(read.ok && read.value.meta).toMatchObject({ kind: 'supervisionCopy', schemaVersion: 1, caseType: 'retention', title: 'Kassenbereich Supermarkt (Betrieb A)' })
  })

  it('is deterministic: the same case gives the same content', () => {
    const first = exampleCase()
    const second = exampleCase()
    expect(anonymiseCase(first.plan, first.notes, options()).content).toEqual(anonymiseCase(second.plan, second.notes, options()).content)
  })
})
