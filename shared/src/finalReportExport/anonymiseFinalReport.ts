/**
 * The anonymised final report (Abschlussbericht) of a closed case, for a
 * pool application (issue 20 point 7, group 2b): the report as
 * `report/buildReport.ts` builds it, every text run through the supervision
 * copies' anonymiser (the same detectors, placeholders and redactions, so
 * "Person A" means the same as in a supervision copy of the case).
 *
 * What is left out, because it identifies and a reader of an application
 * does not need it: calendar dates (a goal's deadline and a meeting become a
 * week of the case; start and end become a planned duration), the report's
 * own date, the coaches' hours per person (their names), comments and
 * confidential fields (never read: only the plan and the notes are passed).
 *
 * The result is a list of lines of segments; a segment the anonymiser wrote
 * carries its placeholder kind, so the author's review highlights it and the
 * PDF renderer writes the same text.
 */
import type * as Y from 'yjs'
import type { ReplacementKind } from '../caseDocument/supervisionCopy.js'
import type { CaseFlow } from '../api/cases.js'
import { accompanimentTexts } from '../anonymise/accompanimentCopy.js'
import { caseTexts } from '../anonymise/caseTexts.js'
import { findHonorificNames } from '../anonymise/honorifics.js'
import { profileOrganisations, profileTexts } from '../anonymise/anonymiseProfile.js'
import { jobSearchBusinesses, placementPeople, placementTexts, type JobSearchSource } from '../anonymise/placementCopy.js'
import { KnownIdentifierDetector, type CaseMember, type ExtraIdentifier } from '../anonymise/identifiers.js'
import { PatternDetector } from '../anonymise/patterns.js'
import { PlaceholderRegistry, type LegendEntry } from '../anonymise/placeholders.js'
import { RelativeDateDetector, weekOfIsoDate, weekRangeLabel } from '../anonymise/relativeDates.js'
import { RedactionDetector, TextAnonymiser } from '../anonymise/textAnonymiser.js'
import { buildReport, type Report, type ReportSection } from '../report/buildReport.js'
import { reportInputFromDocs } from '../report/input.js'
import { fillLabel, GoalSmartFieldOrder, reportLabels } from '../report/labels.js'
import { formatHours } from '../report/markdown.js'

/** A piece of a line; `replaced` when the anonymiser wrote it (a placeholder, a week, [geschwärzt]). */
export interface ExportSegment {
  text: string
  replaced?: ReplacementKind
}

/** The kinds of lines, from the document title to a list item. */
export const ExportLineKinds = ['title', 'heading', 'subheading', 'text', 'item'] as const
export type ExportLineKind = (typeof ExportLineKinds)[number]

export interface ExportLine {
  kind: ExportLineKind
  segments: ExportSegment[]
}

export interface AnonymiseFinalReportOptions {
  /** Every member of the case (coaches, employer, coachee): names and e-mail addresses. */
  members?: readonly CaseMember[]
  /** The coaches' extra identifiers of the case (the supervision list). */
  extraIdentifiers?: ReadonlyArray<string | ExtraIdentifier>
  /** Text the author marked for redaction, in the source or in the draft. */
  redactions?: readonly string[]
  caseType?: 'placement' | 'retention'
  flow?: CaseFlow
  /**
   * The case's occupational profile and application log: not in the report,
   * but their employers and contact people are known identifiers of the
   * case wherever the report's texts name them (as in a supervision copy).
   */
  profile?: Y.Doc
  jobSearch?: readonly JobSearchSource[]
}

export interface AnonymisedFinalReport {
  lines: ExportLine[]
  /** How many spans the anonymiser replaced. */
  replacements: number
  /** Which identifier each placeholder stands for: for the author's review only, never stored or exported. */
  legend: LegendEntry[]
}

/** German only: the pool (Niedersachsen) reads German applications. */
const labels = reportLabels('de')
const Texts = {
  title: 'Abschlussbericht (anonymisiert)',
  notice: 'Anonymisiert für eine Bewerbung im Jobcoach-Pool. Namen, Orte, Betriebe und Daten sind ersetzt; Wochen zählen ab Beginn der Maßnahme.',
  duration: 'Geplante Dauer',
  weeks: '{{weeks}} Wochen',
  deadline: 'Terminiert bis',
  week: 'Woche',
}

function plain(text: string): ExportSegment {
  return { text }
}

/** The text of lines as one string (what a reader sees; for hashes and tests). */
export function exportLinesText(lines: readonly ExportLine[]): string {
  return lines.map((line) => line.segments.map((segment) => segment.text).join('')).join('\n')
}

/** The report's free texts, for the salutation detector that looks at everything before anything is replaced. */
function reportTexts(report: Report): string[] {
  const sections: ReportSection[] = [report.approach, ...report.phases, ...report.meetings.map((meeting) => meeting.outcome), ...report.parts]
  return [
    ...sections.map((section) => section.text),
    ...report.meetings.map((meeting) => meeting.participants),
    report.outcome?.how ?? '',
    report.outcome?.why ?? '',
  ]
}

/** An entry of a meeting's participants that looks like a full name: two or more capitalised words ("Tobias Brandt", "Hans-Peter Müller"). */
const FullName = /^\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)+$/u

/**
 * People a meeting lists by full name, as persons of the case even where
 * the case does not know them (a former coach, a colleague): the report
 * goes outside the service, so a listed name errs on the side of a
 * placeholder. Roles ("Tandem", "Filialleitung") are single words and stay.
 */
function meetingPeople(report: Report): ExtraIdentifier[] {
  return report.meetings
    .flatMap((meeting) => meeting.participants.split(/[,;\n]|\s+(?:und|and)\s+/u))
    .map((entry) => entry.trim())
    .filter((entry) => FullName.test(entry))
    .map((text) => ({ text, kind: 'person' as const }))
}

/** The anonymised final report of a case, from its plan and notes documents only. */
export function anonymiseFinalReport(plan: Y.Doc, notes: Y.Doc, options: AnonymiseFinalReportOptions = {}): AnonymisedFinalReport {
  // The report's date is not shown: any fixed day builds the same final report.
  const input = reportInputFromDocs(plan, notes, 'final', { today: '2000-01-01', ...(options.caseType ? { caseType: options.caseType } : {}), ...(options.flow ? { flow: options.flow } : {}) })
  const report = buildReport('final', input)
  const startDate = report.frame.startDate

  const jobSearch = options.jobSearch ?? []
  const registry = new PlaceholderRegistry()
  const known = new KnownIdentifierDetector(registry, {
    participants: report.participants,
    ...(report.frame.employerName ? { employerName: report.frame.employerName } : {}),
    ...(report.frame.workplace ? { workplace: report.frame.workplace } : {}),
    businesses: jobSearchBusinesses(jobSearch),
    members: options.members ?? [],
    extra: [
      ...(options.extraIdentifiers ?? []),
      ...(options.profile ? profileOrganisations(options.profile) : []),
      ...placementPeople(plan, jobSearch),
      ...meetingPeople(report),
    ],
  })
  const allTexts = [...caseTexts(plan, notes), ...accompanimentTexts(notes), ...(options.profile ? profileTexts(options.profile) : []), ...placementTexts(plan, jobSearch), ...reportTexts(report)]
  for (const text of allTexts) {
    for (const named of findHonorificNames(text)) {
      known.addNamedPerson(named.name)
    }
  }
  const anonymiser = new TextAnonymiser([known, new PatternDetector(registry), new RelativeDateDetector(startDate)], new RedactionDetector(options.redactions ?? []))

  let replacements = 0
  const anon = (text: string): ExportSegment[] =>
    anonymiser.anonymisePieces([{ text, marks: [] }]).map((piece) => {
      if (piece.anonymised) {
        replacements++
        return { text: piece.text, replaced: piece.anonymised.kind }
      }
      return plain(piece.text)
    })
  /** A placeholder the report writes itself (a participant, the employer) — counted and highlighted like the rest. */
  const placed = (text: string, kind: ReplacementKind): ExportSegment => {
    replacements++
    return { text, replaced: kind }
  }
  const week = (isoDate: string | undefined): ExportSegment | null => {
    const number = weekOfIsoDate(isoDate, startDate)
    return number === undefined ? null : placed(weekRangeLabel(number, number), 'date')
  }

  const lines: ExportLine[] = []
  const line = (kind: ExportLineKind, ...segments: ExportSegment[]): void => {
    lines.push({ kind, segments: segments.filter((segment) => segment.text !== '') })
  }
  const labelled = (label: string, segments: ExportSegment[], kind: ExportLineKind = 'item'): void => line(kind, plain(`${label}: `), ...segments)
  const section = (blocks: ReportSection, empty: string): void => {
    if (blocks.blocks.length === 0 || blocks.text.trim() === '') {
      line('text', plain(empty))
      return
    }
    for (const block of blocks.blocks) {
      if (block.kind === 'rule' || block.text.trim() === '') {
        continue
      }
      line(block.kind === 'listItem' ? 'item' : block.kind === 'heading' ? 'subheading' : 'text', ...anon(block.text))
    }
  }

  line('title', plain(`${Texts.title}: `), ...anon(report.title))
  line('text', plain(report.caseType ? `${labels.caseType[report.caseType]}. ${Texts.notice}` : Texts.notice))

  line('heading', plain(labels.frame))
  const employer = report.frame.employerName ? known.organisationPlaceholder(report.frame.employerName) : undefined
  if (employer) {
    labelled(labels.employer, [placed(employer, 'organisation')])
  }
  const workplace = report.frame.workplace ? known.organisationPlaceholder(report.frame.workplace) : undefined
  if (workplace) {
    labelled(labels.workplace, [placed(workplace, 'organisation')])
  }
  const weeks = weekOfIsoDate(report.frame.expectedEndDate, startDate)
  if (weeks !== undefined && weeks > 0) {
    labelled(Texts.duration, [plain(fillLabel(Texts.weeks, { weeks }))])
  }
  if (report.frame.hoursBudget !== undefined) {
    labelled(labels.hoursBudget, [plain(fillLabel(labels.hoursUnit, { hours: formatHours(report.frame.hoursBudget, 'de') }))])
  }
  if (report.participants.length > 0) {
    line('subheading', plain(labels.participants))
    report.participants.forEach((participant, index) => {
      const person = known.personPlaceholder(participant.name) ?? registry.register(`participant:${index}`, 'person', 'person', `(Beteiligte*r ${index + 1} ohne Namen)`)
      const role = participant.role.trim() === '' ? [] : [plain(' ('), ...anon(participant.role), plain(')')]
      const organisation = participant.organisation.trim() === '' ? [] : [plain(', '), ...anon(participant.organisation)]
      line('item', placed(person, 'person'), ...role, ...organisation)
    })
  }
  if (report.approach.text.trim() !== '') {
    line('subheading', plain(labels.approach))
    section(report.approach, labels.empty)
  }

  line('heading', plain(labels.goals))
  if (report.goals.length === 0) {
    line('text', plain(labels.noGoals))
  }
  for (const goal of report.goals) {
    line('subheading', plain(`${fillLabel(labels.goal, { number: goal.number })}: `), ...anon(goal.title || labels.empty))
    for (const key of GoalSmartFieldOrder) {
      if (goal[key].trim() !== '') {
        labelled(labels.goalFields[key], anon(goal[key]))
      }
    }
    const deadline = week(goal.timeBound)
    if (deadline) {
      labelled(Texts.deadline, [deadline])
    }
    labelled(labels.attainment, [plain(labels.goalStatus[goal.attainment])])
    for (const review of goal.reviews) {
      const note = review.note.trim() === '' ? [] : [plain(' — '), ...anon(review.note)]
      labelled(`${labels.review} ${labels.phases[review.phase]}`, [
        plain(`${labels.goalStatus[review.attainment]}, ${review.stillValid ? labels.stillValid : labels.notValidAnymore}`),
        ...note,
      ])
    }
  }

  line('heading', plain(labels.phasesHeading))
  for (const phase of report.phases) {
    line('subheading', plain(labels.phases[phase.phase]))
    section(phase, labels.noNotes)
  }

  line('heading', plain(labels.meetings))
  if (report.meetings.length === 0) {
    line('text', plain(labels.noMeetings))
  }
  for (const meeting of report.meetings) {
    const when = week(meeting.date)
    line('subheading', plain(labels.meetingKind[meeting.kind]), ...(when ? [plain(', '), when] : []))
    if (meeting.participants.trim() !== '') {
      labelled(labels.meetingParticipants, anon(meeting.participants), 'text')
    }
    section(meeting.outcome, labels.empty)
  }

  line('heading', plain(labels.hours))
  const hours = (value: number): string => fillLabel(labels.hoursUnit, { hours: formatHours(value, 'de') })
  labelled(labels.hoursTotal, [plain(`${hours(report.hours.total)}${report.hours.budget !== undefined ? ` / ${hours(report.hours.budget)}` : ''}`)])
  for (const row of report.hours.byPhase) {
    labelled(row.phase ? labels.phases[row.phase] : labels.noPhase, [plain(hours(row.hours))])
  }

  line('heading', plain(labels.outcome))
  if (!report.outcome) {
    line('text', plain(labels.noOutcome))
  } else {
    line('text', plain(labels.outcomeKind[report.outcome.kind]))
    if (report.outcome.how.trim() !== '') {
      labelled(labels.outcomeHow, anon(report.outcome.how), 'text')
    }
    if (report.outcome.why.trim() !== '') {
      labelled(labels.outcomeWhy, anon(report.outcome.why), 'text')
    }
  }

  for (const part of report.parts) {
    if (part.name === 'reasonsIfNotSecured' && report.secured === true && part.text.trim() === '') {
      continue
    }
    line('heading', plain(labels.parts[part.name]))
    section(part, labels.empty)
  }
  return { lines, replacements, legend: registry.legend }
}
