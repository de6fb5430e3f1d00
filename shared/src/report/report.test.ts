import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initNotesDoc, NotesHoursArray, NotesMeetingsArray, NotesReviewsMap, phaseNotes } from '../caseDocument/notes.js'
import { addGoal, addParticipant, emptyGoal, initPlanDoc, setPlanMetaField } from '../caseDocument/plan.js'
import { buildReport, summariseHours } from './buildReport.js'
import { reportInputFromDocs, type ReportInput } from './input.js'
import { formatReportDate, reportFileName, reportToMarkdown } from './markdown.js'
import { isFinalReportWritten, lastInterimReportDate, recordInterimReport, reportPartFragment, reportPartFragmentName, reportParts } from './parts.js'
import { escapeMarkdown } from '../richText/inline.js'
import { blocksToMarkdown, fragmentToMarkdown } from '../richText/markdown.js'
import { fragmentToPlainText } from '../richText/plainText.js'
import { fragmentToBlocks } from '../richText/textBlocks.js'
import { addMonths, interimReportDue } from './schedule.js'

function mapOf(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    map.set(key, value)
  }
  return map
}

function paragraph(text: string, attributes?: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  const node = new Y.XmlText()
  element.insert(0, [node])
  if (text !== '') {
    node.insert(0, text, attributes)
  }
  return element
}

function list(kind: 'bulletList' | 'orderedList', items: string[]): Y.XmlElement {
  const element = new Y.XmlElement(kind)
  element.insert(
    0,
    items.map((text) => {
      const item = new Y.XmlElement('listItem')
      item.insert(0, [paragraph(text)])
      return item
    }),
  )
  return element
}

function write(fragment: Y.XmlFragment, ...content: Y.XmlElement[]): void {
  fragment.insert(fragment.length, content)
}

/** The glossary's example case "Kassenbereich Supermarkt". */
function exampleCase(): { plan: Y.Doc; notes: Y.Doc } {
  const plan = new Y.Doc()
  initPlanDoc(plan, { title: 'Kassenbereich Supermarkt' })
  setPlanMetaField(plan, 'startDate', '2026-03-02')
  setPlanMetaField(plan, 'expectedEndDate', '2026-09-30')
  setPlanMetaField(plan, 'hoursBudget', 120)
  setPlanMetaField(plan, 'employerName', 'Frischmarkt Nord')
  setPlanMetaField(plan, 'currentPhase', 'stabilisation')
  addGoal(plan, { ...emptyGoal('g1'), title: '18 Artikel pro Minute', measurable: 'Kassenstatistik', timeBound: '2026-06-30', status: 'achieved' })
  addGoal(plan, { ...emptyGoal('g2'), title: 'Check-in zu Schichtbeginn', status: 'open' })
  addGoal(plan, { ...emptyGoal('g3'), title: 'Checkliste Kassenabschluss', status: 'partlyAchieved' })
  addParticipant(plan, { id: 'p1', name: 'Petra Lange', role: 'other', function: 'Filialleitung', organisation: 'Frischmarkt Nord' })

  const notes = new Y.Doc()
  initNotesDoc(notes)
  write(phaseNotes(notes, 'analysis'), paragraph('Drei Arbeitsplatzbesuche.'), list('bulletList', ['Gespräch mit Jonas', 'Gespräch mit Frau Lange']))
  write(phaseNotes(notes, 'intervention'), paragraph('Checkliste erstellt.'))
  const reviews = notes.getMap<Y.Map<Y.Map<unknown>>>(NotesReviewsMap)
  const analysis = new Y.Map<Y.Map<unknown>>()
  reviews.set('analysis', analysis)
  analysis.set('g1', mapOf({ stillValid: true, attainment: 'open', note: 'Ausgangswert 14' }))
  analysis.set('g2', mapOf({ stillValid: true, attainment: 'open', note: '' }))
  const intervention = new Y.Map<Y.Map<unknown>>()
  reviews.set('intervention', intervention)
  intervention.set('g1', mapOf({ stillValid: true, attainment: 'achieved', note: '19 pro Minute' }))
  intervention.set('g2', mapOf({ stillValid: false, attainment: 'dropped', note: 'ersetzt durch Wochengespräch' }))
  intervention.set('broken', mapOf({ stillValid: 'ja' }))
  const meetings = notes.getArray<Y.Map<unknown>>(NotesMeetingsArray)
  meetings.push([
    mapOf({ id: 'm2', kind: 'final', date: '2026-09-24', participants: 'Jonas, Frau Lange, Tandem', fragment: 'meeting:m2' }),
    mapOf({ id: 'm1', kind: 'midterm', date: '2026-06-10', participants: 'Jonas, Herr Demir', fragment: 'meeting:m1' }),
    mapOf({ id: 'bad', kind: 'party', date: 'gestern', participants: '', fragment: 'x' }),
  ])
  write(notes.getXmlFragment('meeting:m1'), paragraph('Tempo steigt.'))
  write(notes.getXmlFragment('meeting:m2'), paragraph('Arbeitsplatz gesichert, alle zufrieden.'))
  const hours = notes.getArray<Y.Map<unknown>>(NotesHoursArray)
  hours.push([
    mapOf({ id: 'h1', date: '2026-03-05', hours: 3.5, activity: 'Besuch', coachId: 'miriam', phase: 'analysis' }),
    mapOf({ id: 'h2', date: '2026-03-12', hours: 2.25, activity: 'Besuch', coachId: 'tobias', phase: 'analysis' }),
    mapOf({ id: 'h3', date: '2026-05-20', hours: 4, activity: 'Mitarbeit', coachId: 'miriam', phase: 'intervention' }),
    mapOf({ id: 'h4', date: '2026-09-24', hours: 0.1, activity: 'Abschluss', coachId: 'tobias' }),
    mapOf({ id: 'h5', date: '2026-09-25', hours: 0.2, activity: 'Bericht', coachId: 'tobias' }),
    mapOf({ id: 'hx', date: '2026-09-25', hours: -1, activity: 'kaputt', coachId: 'tobias' }),
  ])
  notes.getMap('meta').set('outcome', { kind: 'jobSecured', how: 'Unbefristet weiter an der Kasse', why: '' })
  write(reportPartFragment(notes, 'final', 'participationBefore'), paragraph('Konflikte mit der Schichtleitung.'))
  write(reportPartFragment(notes, 'final', 'participationAfter'), paragraph('Tägliche Absprachen, ', { bold: true }))
  return { plan, notes }
}

const names = { miriam: 'Miriam Roth', tobias: 'Tobias Brandt' }

describe('rich text to plain text and Markdown', () => {
  it('reads paragraphs, headings, nested lists, hard breaks and marks', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('x')
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', '3')
    heading.insert(0, [new Y.XmlText('Besuch')])
    const withBreak = paragraph('erste Zeile')
    withBreak.insert(1, [new Y.XmlElement('hardBreak'), new Y.XmlText('zweite *Zeile*')])
    const nested = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    item.insert(0, [paragraph('oben'), list('orderedList', ['eins', 'zwei'])])
    nested.insert(0, [item])
    const marked = new Y.XmlElement('paragraph')
    const markedText = new Y.XmlText()
    marked.insert(0, [markedText])
    markedText.insert(0, 'fett ', { bold: true })
    markedText.insert(5, 'normal', { bold: null })
    write(fragment, heading, withBreak, nested, marked, paragraph(''))
    expect(fragmentToPlainText(fragment)).toBe('Besuch\n\nerste Zeile\nzweite *Zeile*\n\n- oben\n  1. eins\n  2. zwei\n\nfett normal')
    expect(fragmentToMarkdown(fragment)).toBe(
      '#### Besuch\n\nerste Zeile  \nzweite \\*Zeile\\*\n\n- oben\n   1. eins\n   2. zwei\n\n**fett** normal',
    )
    expect(fragmentToBlocks(fragment).map((block) => block.kind)).toEqual(['heading', 'paragraph', 'listItem', 'listItem', 'listItem', 'paragraph', 'paragraph'])
  })

  it('escapes what Markdown would read as markup', () => {
    expect(escapeMarkdown('# kein Titel')).toBe('\\# kein Titel')
    expect(escapeMarkdown('a_b [c] <d>')).toBe('a\\_b \\[c\\] \\<d\\>')
    expect(escapeMarkdown('- kein Punkt\n1. keine Zahl')).toBe('\\- kein Punkt\n1\\. keine Zahl')
  })

  it('reads an empty or missing fragment as nothing', () => {
    const doc = new Y.Doc()
    expect(fragmentToPlainText(doc.getXmlFragment('nothing'))).toBe('')
    expect(blocksToMarkdown([])).toBe('')
  })
})

describe('report parts', () => {
  it('keeps each kind and part in its own notes fragment', () => {
    expect(reportPartFragmentName('final', 'participationBefore')).toBe('report:final:participationBefore')
    expect(reportPartFragmentName('interim', 'measures')).toBe('report:interim:measures')
    expect(reportParts('final')).toEqual(['participationBefore', 'participationAfter', 'participantsAssessment', 'reasonsIfNotSecured', 'recommendations'])
    expect(reportParts('interim')).toContain('courseOfProcess')
  })
})

describe('buildReport', () => {
  it('builds the final report of the example case from the documents', () => {
    const { plan, notes } = exampleCase()
    const input = reportInputFromDocs(plan, notes, 'final', { today: '2026-09-30', caseType: 'retention', coachNames: names })
    const report = buildReport('final', input)
    expect(report).toMatchObject({
      kind: 'final',
      title: 'Kassenbereich Supermarkt',
      caseType: 'retention',
      frame: { startDate: '2026-03-02', expectedEndDate: '2026-09-30', hoursBudget: 120, employerName: 'Frischmarkt Nord' },
      outcome: { kind: 'jobSecured' },
      secured: true,
    })
    expect(report.goals.map((goal) => [goal.number, goal.status, goal.attainment, goal.reviews.map((review) => review.phase)])).toEqual([
      [1, 'achieved', 'achieved', ['analysis', 'intervention']],
      [2, 'open', 'dropped', ['analysis', 'intervention']],
      [3, 'partlyAchieved', 'partlyAchieved', []],
    ])
    expect(report.goalSummary).toEqual({ open: 0, achieved: 1, partlyAchieved: 1, notAchieved: 0, dropped: 1 })
    expect(report.phases.find((phase) => phase.phase === 'analysis')?.text).toBe('Drei Arbeitsplatzbesuche.\n\n- Gespräch mit Jonas\n- Gespräch mit Frau Lange')
    // Sorted by date; the invalid meeting and hours entry are left out.
    expect(report.meetings.map((meeting) => [meeting.id, meeting.outcome.text])).toEqual([
      ['m1', 'Tempo steigt.'],
      ['m2', 'Arbeitsplatz gesichert, alle zufrieden.'],
    ])
    expect(report.hours).toEqual({
      total: 10.05,
      budget: 120,
      remaining: 109.95,
      usedShare: 10.05 / 120,
      overBudget: false,
      byPhase: [
        { phase: 'analysis', hours: 5.75 },
        { phase: 'intervention', hours: 4 },
        { phase: null, hours: 0.3 },
      ],
      byCoach: [
        { coachId: 'miriam', name: 'Miriam Roth', hours: 7.5 },
        { coachId: 'tobias', name: 'Tobias Brandt', hours: 2.55 },
      ],
      entries: 5,
    })
    expect(report.parts.map((part) => [part.name, part.text])).toEqual([
      ['participationBefore', 'Konflikte mit der Schichtleitung.'],
      ['participationAfter', 'Tägliche Absprachen, '],
      ['participantsAssessment', ''],
      ['reasonsIfNotSecured', ''],
      ['recommendations', ''],
    ])
    // Secured: no reasons needed; the assessment and recommendations are missing; goal 3 never reviewed.
    expect(report.gaps).toEqual([
      { code: 'unreviewedGoals', goals: [3] },
      { code: 'emptyPart', part: 'participantsAssessment' },
      { code: 'emptyPart', part: 'recommendations' },
    ])
  })

  it('asks for reasons when the job was not secured, and for the outcome and final meeting', () => {
    const input: ReportInput = { today: '2026-09-30', case: { title: 'T' }, frame: {}, goals: [], outcome: { kind: 'ended', how: '', why: '' } }
    const report = buildReport('final', input)
    expect(report.secured).toBe(false)
    expect(report.gaps).toContainEqual({ code: 'emptyPart', part: 'reasonsIfNotSecured' })
    expect(report.gaps).toContainEqual({ code: 'noFinalMeeting' })
    expect(report.gaps).toContainEqual({ code: 'noGoals' })
    // The outcome's own "why" counts as the reasons.
    const withWhy = buildReport('final', { ...input, outcome: { kind: 'ended', how: '', why: 'Betrieb geschlossen' } })
    expect(withWhy.gaps).not.toContainEqual({ code: 'emptyPart', part: 'reasonsIfNotSecured' })
    expect(buildReport('final', { ...input, outcome: null }).gaps).toContainEqual({ code: 'noOutcome' })
  })

  it('makes an interim report of the state up to its date, with no outcome', () => {
    const { plan, notes } = exampleCase()
    const report = buildReport('interim', reportInputFromDocs(plan, notes, 'interim', { today: '2026-06-15', coachNames: names }))
    expect(report.meetings.map((meeting) => meeting.kind)).toEqual(['midterm'])
    expect(report.hours.total).toBe(9.75)
    expect(report.outcome).toBeNull()
    expect(report.parts.map((part) => part.name)).toEqual([...reportParts('interim')])
    // The final report's parts are separate fragments: the interim ones are empty.
    expect(report.parts.every((part) => part.text === '')).toBe(true)
    expect(report.gaps).not.toContainEqual({ code: 'noMidtermMeeting' })
  })

  it('tolerates a plan without dates, budget or notes', () => {
    const plan = new Y.Doc()
    initPlanDoc(plan, { title: 'Neu' })
    const report = buildReport('final', reportInputFromDocs(plan, null, 'final', { today: '2026-01-01' }))
    expect(report.title).toBe('Neu')
    expect(report.hours).toEqual({ total: 0, overBudget: false, byPhase: [], byCoach: [], entries: 0 })
    expect(report.meetings).toEqual([])
    expect(report.phases.every((phase) => phase.text === '')).toBe(true)
    expect(reportToMarkdown(report, 'de')).toContain('# Abschlussbericht: Neu')
  })

  it('flags hours over the budget', () => {
    const hours = summariseHours([{ date: '2026-01-01', hours: 7, activity: '', coachId: 'a' }], 6)
    expect(hours).toMatchObject({ total: 7, remaining: -1, overBudget: true })
    const report = buildReport('final', {
      today: '2026-01-02',
      case: { title: 'T' },
      frame: { hoursBudget: 6 },
      goals: [],
      hours: [{ date: '2026-01-01', hours: 7, activity: '', coachId: 'a' }],
    })
    expect(report.gaps).toContainEqual({ code: 'overBudget' })
    expect(reportToMarkdown(report, 'de')).toContain('Über dem Kontingent: 1 Std.')
  })
})

describe('reportToMarkdown', () => {
  it('renders the final report in German', () => {
    const { plan, notes } = exampleCase()
    const report = buildReport('final', reportInputFromDocs(plan, notes, 'final', { today: '2026-09-30', caseType: 'retention', coachNames: names }))
    const markdown = reportToMarkdown(report, 'de')
    expect(markdown.startsWith('# Abschlussbericht: Kassenbereich Supermarkt\n\nArbeitsplatzsicherung · Stand: 30. September 2026\n')).toBe(true)
    expect(markdown).toContain('- Beginn: 2. März 2026')
    expect(markdown).toContain('- Zeitkontingent: 120 Std.')
    expect(markdown).toContain('| 2 | Check-in zu Schichtbeginn | offen | verworfen |')
    expect(markdown).toContain('- Phasenreflexion Intervention: verworfen, nicht mehr gültig — ersetzt durch Wochengespräch')
    expect(markdown).toContain('### Analyse und Planung\n\nDrei Arbeitsplatzbesuche.\n\n- Gespräch mit Jonas\n- Gespräch mit Frau Lange')
    expect(markdown).toContain('### Selbstintegration\n\n*Keine Notizen.*')
    expect(markdown).toContain('### Abschlussgespräch, 24. September 2026\n\nTeilnehmende: Jonas, Frau Lange, Tandem')
    expect(markdown).toContain('- Geleistet: 10,05 Std. / 120 Std.\n- Verbleibend: 109,95 Std.')
    expect(markdown).toContain('| Miriam Roth | 7,5 |')
    expect(markdown).toContain('## Ergebnis\n\n**Arbeitsplatz erhalten**')
    expect(markdown).toContain('## Betriebliche Teilhabe nach dem Jobcoaching\n\n**Tägliche Absprachen,** ')
    // Secured and no reasons written: the section is left out.
    expect(markdown).not.toContain('Gründe, falls')
    expect(markdown.endsWith('\n')).toBe(true)
  })

  it('renders in English', () => {
    const { plan, notes } = exampleCase()
    const report = buildReport('interim', reportInputFromDocs(plan, notes, 'interim', { today: '2026-06-15' }))
    const markdown = reportToMarkdown(report, 'en')
    expect(markdown).toContain('# Interim report: Kassenbereich Supermarkt')
    expect(markdown).toContain('- Start: 2 March 2026')
    expect(markdown).toContain('## Course so far')
    expect(markdown).not.toContain('## Outcome')
  })

  it('names the file by kind, case title and date', () => {
    const report = buildReport('final', { today: '2026-09-30', case: { title: 'Kassenbereich Süd/Straße' }, frame: {}, goals: [] })
    expect(reportFileName(report, 'de')).toBe('Abschlussbericht-Kassenbereich-Sud-Strasse-2026-09-30.md')
    expect(reportFileName({ ...report, kind: 'interim' }, 'en')).toBe('Interim-report-Kassenbereich-Sud-Strasse-2026-09-30.md')
    expect(formatReportDate('kein Datum', 'de')).toBe('kein Datum')
  })
})

describe('interimReportDue', () => {
  const schedule = { firstAfterMonths: 6, thenEveryMonths: 12 }

  it('is due six months after the start when the funding body asks so', () => {
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-09-01', schedule)).toEqual({ dueDate: '2026-09-02', due: false, daysUntil: 1 })
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-09-02', schedule)).toEqual({ dueDate: '2026-09-02', due: true, daysUntil: 0 })
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-10-02', schedule)).toMatchObject({ due: true, daysUntil: -30 })
  })

  it('then every twelve months, when the funding body asks so, after the last report', () => {
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-10-01', schedule, '2026-09-10')).toEqual({ dueDate: '2027-09-02', due: false, daysUntil: 336 })
    // Written two weeks early: still counts for that date.
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-09-05', schedule, '2026-08-20')?.dueDate).toBe('2027-09-02')
    // Written long before: does not.
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-09-05', schedule, '2026-05-01')).toMatchObject({ dueDate: '2026-09-02', due: true })
    // A report for the first date but the second is overdue now.
    expect(interimReportDue({ startDate: '2026-03-02' }, '2027-10-01', schedule, '2026-09-02')).toMatchObject({ dueDate: '2027-09-02', due: true })
    expect(interimReportDue({ startDate: '2026-03-02' }, '2028-10-01', schedule, '2027-09-01')?.dueDate).toBe('2028-09-02')
  })

  it('clamps to the end of shorter months, and refuses bad dates', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29')
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15')
    expect(interimReportDue({ startDate: '2026-08-31' }, '2026-12-01', schedule)?.dueDate).toBe('2027-02-28')
    expect(interimReportDue({ startDate: '2026-02-30' }, '2026-12-01')).toBeNull()
    expect(interimReportDue({ startDate: '2026-03-02' }, 'heute')).toBeNull()
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-04-01', { firstAfterMonths: 0, thenEveryMonths: 12 })).toBeNull()
  })
})

describe('report log and written state', () => {
  it('records the last interim report date, keeping the later one', () => {
    const notes = new Y.Doc()
    initNotesDoc(notes)
    expect(lastInterimReportDate(notes)).toBeUndefined()
    recordInterimReport(notes, '2026-09-02')
    recordInterimReport(notes, '2026-08-01')
    expect(lastInterimReportDate(notes)).toBe('2026-09-02')
  })

  it('knows when the final report is written', () => {
    const { notes } = exampleCase()
    expect(isFinalReportWritten(notes)).toBe(false)
    write(reportPartFragment(notes, 'final', 'participantsAssessment'), paragraph('Alle zufrieden'))
    write(reportPartFragment(notes, 'final', 'recommendations'), list('bulletList', ['Weiter Check-ins']))
    expect(isFinalReportWritten(notes)).toBe(true)
  })
})
