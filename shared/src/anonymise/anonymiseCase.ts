/**
 * The anonymiser of supervision copies (contract §7): from a case's plan and
 * notes documents to a new, history-free copy with every identifier replaced.
 *
 * Pure: no DOM, no Node APIs, no clock, no randomness — the same input gives
 * the same copy content (the Yjs client id of the new document is random).
 *
 * - It takes the plan and the notes document only, so no confidential field
 *   can reach it. Tandem comments, the hours log's entries, coach and user
 *   ids, source ids and report drafts are not read into the copy (see
 *   `caseDocument/supervisionCopy.ts` for the copy's schema).
 * - The copy is written from plain content read from the sources' current
 *   state (`toDelta`, `toJSON`), never from Yjs structs or updates: nothing
 *   deleted in a source's history can be in it, and its update has no
 *   deletions at all.
 * - Placeholders (German, stable within a copy; letters in a fixed order,
 *   see {@link KnownIdentifierDetector}):
 *   people — participants, members, extra identifiers of kind person, then
 *   people the text names with a salutation ("Herrn Demir"): Person A, B, …;
 *   the employer and the workplace: Betrieb A, B; participants' other
 *   organisations and extra organisations: Organisation A, …; extra places and
 *   the towns of postal codes: Ort A, …; other extra identifiers: Angabe A, …;
 *   found by pattern: E-Mail A, Telefon A, IBAN A, Geburtsdatum A, Adresse A;
 *   absolute dates: Woche 3 / Woche 5–9 / 2 Wochen vor Beginn / [Datum]
 *   without a start date; the reviewing coach's redactions: [geschwärzt].
 *   A title in front of a name goes with it ("Frau Lange" -> "Person B"); a
 *   genitive ending is dropped ("Petras Schicht" -> "Person B Schicht").
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { MetaMapName } from '../caseDocument/common.js'
import { CaseOutcome, GoalReview, HoursEntry, Meeting, NotesHoursArray, NotesMeetingsArray, NotesReviewsMap, phaseFragmentName } from '../caseDocument/notes.js'
import { Goal, Participant, Phase, Phases, PlanApproachFragment, planGoals, planMeta, planParticipants } from '../caseDocument/plan.js'
import {
  copyMeetingFragmentName,
  createSupervisionCopyDoc,
  type CopyBlock,
  type CopyGoal,
  type CopyHoursTotals,
  CopyMarks,
  type CopyInline,
  type CopyParticipant,
  type ReplacementKind,
  type SupervisionCopyContent,
} from '../caseDocument/supervisionCopy.js'
import { mapInline, type RichBlock, type RichInline } from '../richText/blocks.js'
import { readRichText } from '../richText/readRichText.js'
import { caseTexts } from './caseTexts.js'
import { anonymiseProfile, hasProfileContent, profileOrganisations, profileTexts } from './anonymiseProfile.js'
import { findHonorificNames } from './honorifics.js'
import { KnownIdentifierDetector, type CaseMember, type ExtraIdentifier } from './identifiers.js'
import { PatternDetector } from './patterns.js'
import { PlaceholderRegistry, type LegendEntry } from './placeholders.js'
import { RelativeDateDetector, weekOfIsoDate } from './relativeDates.js'
import { accompanimentTexts, anonymiseAccompaniment } from './accompanimentCopy.js'
import { anonymisePlacement, jobSearchBusinesses, placementPeople, placementTexts, type JobSearchSource } from './placementCopy.js'
import { placedReplacements, RedactionDetector, TextAnonymiser, type TextPiece } from './textAnonymiser.js'

/** What the anonymiser needs besides the two documents. */
export interface AnonymiseCaseOptions {
  /** The case's members as the server knows them (coaches, employer, coachee): names and e-mail addresses. */
  members?: readonly CaseMember[]
  /** The coaches' extra identifiers of the case: nicknames, a town, a team name. */
  extraIdentifiers?: ReadonlyArray<string | ExtraIdentifier>
  /** Text the reviewing coach marked for redaction (as it reads in the source or in an earlier copy). */
  redactions?: readonly string[]
  /** ISO date the weeks count from; defaults to the plan's `startDate`. */
  startDate?: string
  /** From the case row (the plan does not carry it). */
  caseType?: 'placement' | 'retention'
  /**
   * The case's occupational profile (issue 19), copied anonymised when it
   * holds anything. Never a confidential field: health facts are not in it.
   */
  profile?: Y.Doc
  /** The case's application and contact log (issue 19; a server table, not a Y doc), its current values only. */
  jobSearch?: readonly JobSearchSource[]
}

/** Where a replacement is in the copy. */
export type ReplacementLocation =
  /** A plain field, by its path in {@link SupervisionCopyContent} (e.g. ['goals', 0, 'title'], ['reviews', 'analysis', 'goal-1', 'note']). */
  | { type: 'field'; path: Array<string | number> }
  /**
   * A rich-text fragment of the copy (`approach`, `phase:analysis`,
   * `meeting:meeting-1`) and the index of the text block in it: paragraphs,
   * headings and code blocks counted in document order, depth first (list
   * items and quotes included). Offsets count a hard break as one character.
   */
  | { type: 'richText'; fragment: string; block: number }

/** One placeholder in the copy, for the reviewing coach's highlighting. */
export interface Replacement {
  placeholder: string
  kind: ReplacementKind
  location: ReplacementLocation
  /** Offsets of the placeholder in the located text of the copy. */
  start: number
  end: number
}

export interface AnonymisedContent {
  content: SupervisionCopyContent
  /** Every placeholder written, in the order of the copy. */
  replacements: Replacement[]
  /**
   * Which known identifier each person/organisation/place/identifier
   * placeholder stands for. For the copy's author reviewing it only: never
   * store it with the copy or show it to a supervision group.
   */
  legend: LegendEntry[]
}

export interface AnonymisedCase extends AnonymisedContent {
  /** The new supervision copy document. */
  doc: Y.Doc
}

/** The supervision copy of a case: a new Y.Doc, the replacements made, and the legend. */
export function anonymiseCase(plan: Y.Doc, notes: Y.Doc, options: AnonymiseCaseOptions = {}): AnonymisedCase {
  const anonymised = anonymiseCaseContent(plan, notes, options)
  return { doc: createSupervisionCopyDoc(anonymised.content), ...anonymised }
}

function optional<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value instanceof Y.AbstractType ? value.toJSON() : value)
  return parsed.success ? parsed.data : undefined
}

function parseEach<T>(array: Y.Array<unknown>, schema: z.ZodType<T>): T[] {
  return array.toArray().flatMap((entry) => {
    const value = optional(schema, entry)
    return value === undefined ? [] : [value]
  })
}

/** A root fragment by name; empty when the name holds another Yjs type. */
function fragmentBlocks(doc: Y.Doc, name: string): RichBlock[] {
  try {
    return readRichText(doc.getXmlFragment(name))
  } catch {
    return []
  }
}

/**
 * A run as the copy keeps it: only the formatting marks of {@link CopyMarks}
 * (links' hrefs and anything a newer editor adds stay behind).
 */
function copyInlineOf(inline: RichInline): CopyInline {
  if (inline.type === 'hardBreak') {
    return inline
  }
  return { type: 'text', text: inline.text, marks: CopyMarks.filter((mark) => inline.marks[mark] !== undefined && inline.marks[mark] !== false) }
}

function rootArray(doc: Y.Doc, name: string): Y.Array<unknown> {
  try {
    return doc.getArray(name)
  } catch {
    return new Y.Array()
  }
}

const IsoDate = z.iso.date()

function durationWeeks(start: string | undefined, end: string | undefined): number | undefined {
  const weeks = weekOfIsoDate(end, start)
  if (weeks === undefined || weeks < 1) {
    return undefined
  }
  // The week the end falls in counts: 2026-03-02 to 2026-03-08 is one week.
  return weeks
}

function round(hours: number): number {
  return Math.round(hours * 100) / 100
}

function hoursTotals(entries: readonly HoursEntry[]): CopyHoursTotals {
  const perPhase: Partial<Record<Phase, number>> = {}
  let total = 0
  let withoutPhase = 0
  for (const entry of entries) {
    total += entry.hours
    if (entry.phase) {
      perPhase[entry.phase] = (perPhase[entry.phase] ?? 0) + entry.hours
    } else {
      withoutPhase += entry.hours
    }
  }
  for (const phase of Phases) {
    const hours = perPhase[phase]
    if (hours !== undefined) {
      perPhase[phase] = round(hours)
    }
  }
  return { total: round(total), perPhase, withoutPhase: round(withoutPhase) }
}

/** Reads, anonymises and returns the copy's content as plain data (see {@link anonymiseCase}). */
export function anonymiseCaseContent(plan: Y.Doc, notes: Y.Doc, options: AnonymiseCaseOptions = {}): AnonymisedContent {
  const meta = planMeta(plan)
  const participants = parseEach(planParticipants(plan) as Y.Array<unknown>, Participant)
  const employerName = optional(z.string(), meta.get('employerName'))
  const workplace = optional(z.string(), meta.get('workplace'))
  const startDate = optional(IsoDate, options.startDate) ?? optional(IsoDate, meta.get('startDate'))

  const jobSearch = options.jobSearch ?? []
  const registry = new PlaceholderRegistry()
  const known = new KnownIdentifierDetector(registry, {
    participants,
    ...(employerName ? { employerName } : {}),
    ...(workplace ? { workplace } : {}),
    businesses: jobSearchBusinesses(jobSearch),
    members: options.members ?? [],
    extra: [...(options.extraIdentifiers ?? []), ...(options.profile ? profileOrganisations(options.profile) : []), ...placementPeople(plan, jobSearch)],
  })
  // People the case does not list but names with a salutation ("Herrn Demir"), then replaced like the known ones.
  const texts = [...caseTexts(plan, notes), ...accompanimentTexts(notes), ...(options.profile ? profileTexts(options.profile) : []), ...placementTexts(plan, jobSearch)]
  for (const text of texts) {
    for (const named of findHonorificNames(text)) {
      known.addNamedPerson(named.name)
    }
  }
  const text = new TextAnonymiser([known, new PatternDetector(registry), new RelativeDateDetector(startDate)], new RedactionDetector(options.redactions ?? []))
  const replacements: Replacement[] = []

  const field = (value: string, path: Array<string | number>): string => {
    const result = text.anonymiseString(value)
    for (const placed of result.replacements) {
      replacements.push({ ...placed, location: { type: 'field', path } })
    }
    return result.text
  }

  // Text blocks are numbered in document order, depth first: mapInline visits them so.
  const richText = (blocks: readonly RichBlock[], fragment: string): CopyBlock[] => {
    let blockIndex = 0
    return mapInline(blocks, (content): CopyInline[] => {
      const pieces: TextPiece[] = content
        .map(copyInlineOf)
        .map((part) => (part.type === 'hardBreak' ? { text: '\n', marks: [], hardBreak: true } : { text: part.text, marks: part.marks }))
      const result = text.anonymisePieces(pieces)
      const block = blockIndex++
      for (const placed of placedReplacements(result)) {
        replacements.push({ ...placed, location: { type: 'richText', fragment, block } })
      }
      return result.map((piece): CopyInline =>
        piece.hardBreak
          ? { type: 'hardBreak' }
          : { type: 'text', text: piece.text, marks: piece.marks, ...(piece.anonymised ? { anonymised: piece.anonymised } : {}) },
      )
    })
  }

  // The order below is the order of the copy, which letters the identifiers found by pattern.
  const title = field(optional(z.string(), meta.get('title')) ?? '', ['meta', 'title'])

  const copyParticipants: CopyParticipant[] = participants.map((participant, index) => {
    const placeholder = known.personPlaceholder(participant.name) ?? registry.register(`participant:${index}`, 'person', 'person', `(Beteiligte*r ${index + 1} ohne Namen)`)
    replacements.push({ placeholder, kind: 'person', location: { type: 'field', path: ['participants', index, 'placeholder'] }, start: 0, end: placeholder.length })
    return {
      id: `participant-${index + 1}`,
      placeholder,
      // Plan v3: the function says what the person does; the role key only where none is given.
      role: field(participant.function !== undefined && participant.function !== '' ? participant.function : participant.role, ['participants', index, 'role']),
      organisation: field(participant.organisation, ['participants', index, 'organisation']),
    }
  })

  const goalIds = new Map<string, string>()
  const goals: CopyGoal[] = parseEach(planGoals(plan) as Y.Array<unknown>, Goal).map((goal, index) => {
    const id = `goal-${index + 1}`
    goalIds.set(goal.id, id)
    const timeBoundWeek = weekOfIsoDate(goal.timeBound, startDate)
    return {
      id,
      title: field(goal.title, ['goals', index, 'title']),
      specific: field(goal.specific, ['goals', index, 'specific']),
      measurable: field(goal.measurable, ['goals', index, 'measurable']),
      achievable: field(goal.achievable, ['goals', index, 'achievable']),
      relevant: field(goal.relevant, ['goals', index, 'relevant']),
      ...(timeBoundWeek !== undefined ? { timeBoundWeek } : {}),
      responsible: field(goal.responsible, ['goals', index, 'responsible']),
      status: goal.status,
    }
  })

  const approach = richText(fragmentBlocks(plan, PlanApproachFragment), PlanApproachFragment)
  const phaseNotes = Object.fromEntries(
    Phases.map((phase) => [phase, richText(fragmentBlocks(notes, phaseFragmentName(phase)), phaseFragmentName(phase))]),
  ) as Record<Phase, CopyBlock[]>

  const reviews: SupervisionCopyContent['reviews'] = {}
  let reviewsMap: Y.Map<unknown> | undefined
  try {
    reviewsMap = notes.getMap<unknown>(NotesReviewsMap)
  } catch {
    reviewsMap = undefined
  }
  for (const phase of Phases) {
    const perPhase = optional(z.record(z.string(), z.unknown()), reviewsMap?.get(phase))
    if (!perPhase) {
      continue
    }
    const entries: Record<string, GoalReview> = {}
    // In goal order, so the copy reads like the plan; reviews of removed goals have no goal to belong to.
    for (const [sourceId, copyId] of goalIds) {
      const review = optional(GoalReview, perPhase[sourceId])
      if (review) {
        entries[copyId] = { ...review, note: field(review.note, ['reviews', phase, copyId, 'note']) }
      }
    }
    if (Object.keys(entries).length > 0) {
      reviews[phase] = entries
    }
  }

  const meetings = parseEach(rootArray(notes, NotesMeetingsArray), Meeting).map((meeting, index) => {
    const id = `meeting-${index + 1}`
    const fragment = copyMeetingFragmentName(id)
    const week = weekOfIsoDate(meeting.date, startDate)
    return {
      id,
      kind: meeting.kind,
      ...(week !== undefined ? { week } : {}),
      participants: field(meeting.participants, ['meetings', index, 'participants']),
      fragment,
      outcome: richText(fragmentBlocks(notes, meeting.fragment), fragment),
    }
  })

  let outcome: CaseOutcome | undefined
  try {
    outcome = optional(CaseOutcome, notes.getMap(MetaMapName).get('outcome'))
  } catch {
    outcome = undefined
  }

  const accompaniment = anonymiseAccompaniment(notes, field, startDate)

  const employer = employerName ? known.organisationPlaceholder(employerName) : undefined
  const workplacePlaceholder = workplace ? known.organisationPlaceholder(workplace) : undefined
  const hoursBudget = optional(z.number().min(0), meta.get('hoursBudget'))
  const currentPhase = optional(Phase, meta.get('currentPhase'))
  const duration = durationWeeks(startDate, optional(IsoDate, meta.get('expectedEndDate')))
  const content: SupervisionCopyContent = {
    meta: {
      title,
      ...(options.caseType ? { caseType: options.caseType } : {}),
      ...(currentPhase ? { currentPhase } : {}),
      ...(duration !== undefined ? { durationWeeks: duration } : {}),
      ...(hoursBudget !== undefined ? { hoursBudget } : {}),
      ...(employer ? { employer } : {}),
      ...(workplacePlaceholder ? { workplace: workplacePlaceholder } : {}),
      ...(outcome
        ? { outcome: { kind: outcome.kind, how: field(outcome.how, ['meta', 'outcome', 'how']), why: field(outcome.why, ['meta', 'outcome', 'why']) } }
        : {}),
    },
    goals,
    participants: copyParticipants,
    reviews,
    meetings,
    hoursTotals: hoursTotals(parseEach(rootArray(notes, NotesHoursArray), HoursEntry)),
    accompaniment,
    approach,
    phaseNotes,
    // Last, so the letters of the plan and the notes stay what they were before issue 19.
    ...(options.profile && hasProfileContent(options.profile) ? { profile: anonymiseProfile(options.profile, field, startDate) } : {}),
  }
  // After the profile, so the letters found by pattern in the parts before stay what they were.
  content.placement = anonymisePlacement(
    plan,
    jobSearch,
    {
      field,
      employer: (name, path) => {
        const placeholder = known.organisationPlaceholder(name) ?? registry.register(`search-employer:${path.join('.')}`, 'business', 'organisation', name)
        replacements.push({ placeholder, kind: 'organisation', location: { type: 'field', path }, start: 0, end: placeholder.length })
        return placeholder
      },
    },
    startDate,
  )
  if (employer) {
    replacements.push({ placeholder: employer, kind: 'organisation', location: { type: 'field', path: ['meta', 'employer'] }, start: 0, end: employer.length })
  }
  if (workplacePlaceholder) {
    replacements.push({
      placeholder: workplacePlaceholder,
      kind: 'organisation',
      location: { type: 'field', path: ['meta', 'workplace'] },
      start: 0,
      end: workplacePlaceholder.length,
    })
  }
  return { content, replacements, legend: registry.legend }
}
