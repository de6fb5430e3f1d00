/**
 * The supervision copy document (room `supervision/<copyId>`, contract §7),
 * schema v1: an anonymised, frozen, history-free copy of a case's plan and
 * notes, built by `shared/src/anonymise/` and written here from plain content.
 *
 * Root types (the names follow the plan and notes documents, so their views
 * can read a copy with little change):
 * - `meta` Y.Map {@link SupervisionCopyMeta}: schemaVersion, kind
 *   `supervisionCopy`, anonymised title, case type, current phase, duration in
 *   weeks, hours budget, the employer's and workplace's placeholders, outcome.
 * - `goals` Y.Array of Y.Map {@link CopyGoal}: SMART fields and status; the
 *   deadline as a week number (see {@link weekLabel}) instead of a date.
 * - `participants` Y.Array of Y.Map {@link CopyParticipant}: a placeholder
 *   (Person A) instead of the name, with role and organisation.
 * - fragments `approach`, `phase:<phase>` and `meeting:<id>`: tiptap rich text
 *   with paragraphs, headings, lists, quotes, code, hard breaks, rules and the
 *   marks bold, italic, strike, underline, code — plus the mark
 *   {@link AnonymisedMark} on every placeholder, so a view can highlight it.
 *   Links are not kept (an href may hold an address).
 * - `reviews` Y.Map phase -> Y.Map goalId -> Y.Map {stillValid, attainment, note}.
 * - `meetings` Y.Array of Y.Map {@link CopyMeeting}: kind, week, participants
 *   (anonymised text), and the fragment with the outcomes.
 * - `hoursTotals` Y.Map {@link CopyHoursTotals}: total and per phase.
 * - `profile` Y.Map {@link CopyProfile} (issue 19, optional): the anonymised
 *   Vorabklärung and Berufsprofil.
 * - `supportIntensity`, `incidents`, `exitForm`, `progressSchedule` (issue 19,
 *   accompanimentCopy.ts): anonymised texts, weeks instead of dates.
 * - `agreementParts`, `jobSearch` (issue 19, placementCopy.ts): the A6 parts
 *   and the application and contact log, anonymised.
 *
 * Never in a copy: confidential fields, tandem comments, the hours log's
 * entries (dates, activities, coach ids), user or coach ids, source ids (goals
 * and meetings get new ids `goal-1`, `meeting-1`, …), report drafts.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { mapInline, type RichBlock, type RichInline } from '../richText/blocks.js'
import { writeRichText } from '../richText/writeRichText.js'
import { arrayOfMapsToJSON, CurrentSchemaVersion, MetaMapName, readWithSchema, type ReadResult } from './common.js'
import { CaseOutcome, GoalReview, MeetingKinds, NotesMeetingsArray, NotesReviewsMap, phaseFragmentName } from './notes.js'
import { GoalStatus, Phase, Phases, PlanApproachFragment, PlanGoalsArray, PlanParticipantsArray } from './plan.js'
import { CopyProfile, copyProfileSnapshot, writeCopyProfile } from './profileCopy.js'
import { CopyAccompanimentSchema, copyAccompanimentSnapshot, writeCopyAccompaniment, type CopyAccompaniment } from './accompanimentCopy.js'
import { CopyPlacementSchema, copyPlacementSnapshot, writeCopyPlacement, type CopyPlacement } from './placementCopy.js'
import { detachedDoc } from './detachedDoc.js'

export const supervisionCopyVersions = { Initial: 1 } as const

/** `meta.kind` of a supervision copy: tells it apart from a plan or notes document. */
export const SupervisionCopyKind = 'supervisionCopy'

/** Root map with the hours totals (the notes' `hours` is an array; a root name keeps one type). */
export const CopyHoursTotalsMap = 'hoursTotals'

/** Name of the mark on every placeholder in the copy's rich text. */
export const AnonymisedMark = 'anonymised'

/** What a placeholder stands for. */
export const ReplacementKinds = [
  /** A known person: participant, member, or an extra identifier of kind person (Person A). */
  'person',
  /** The employer, the workplace (Betrieb A) or another known organisation (Organisation A). */
  'organisation',
  /** A known place, or the town of a postal code (Ort A). */
  'place',
  /** Another extra identifier of the case (Angabe A). */
  'identifier',
  'email',
  'phone',
  'iban',
  'dateOfBirth',
  /** A street address (Adresse A). */
  'address',
  /** A postal code with its town (Ort A). */
  'postalCode',
  /** An absolute date turned into a week of the case (Woche 3). */
  'date',
  /** Text the reviewing coach marked ([geschwärzt]). */
  'redaction',
] as const
export const ReplacementKind = z.enum(ReplacementKinds)
export type ReplacementKind = z.infer<typeof ReplacementKind>

/** Attributes of the {@link AnonymisedMark} (stored as the Yjs format attribute's value, as tiptap stores mark attrs). */
export const AnonymisedMarkAttrs = z.object({
  placeholder: z.string(),
  kind: ReplacementKind,
})
export type AnonymisedMarkAttrs = z.infer<typeof AnonymisedMarkAttrs>

/** The formatting marks a copy keeps (tiptap StarterKit names). */
export const CopyMarks = ['bold', 'italic', 'strike', 'underline', 'code'] as const
export type CopyMark = (typeof CopyMarks)[number]

/** Inline content of a text block: text with marks, or a hard break. */
export type CopyInline =
  | {
      type: 'text'
      text: string
      marks: CopyMark[]
      /** Set on a placeholder: what it replaced. */
      anonymised?: AnonymisedMarkAttrs
    }
  | { type: 'hardBreak' }

/** Rich text as plain data: the blocks a copy's fragment is written from. */
export type CopyBlock = RichBlock<CopyInline>

const shortText = z.string().max(Limits.maxShortTextLength)
const copyId = z.string().min(1).max(64)
/** Weeks of the case: 1 = the first seven days from the start, -1 = the seven days before it (no week 0). */
const week = z.number().int()

export const SupervisionCopyMeta = z.object({
  schemaVersion: z.literal(CurrentSchemaVersion),
  kind: z.literal(SupervisionCopyKind),
  /** The case title, anonymised. */
  title: z.string().max(Limits.maxTitleLength * 4),
  caseType: z.enum(['placement', 'retention']).optional(),
  currentPhase: Phase.optional(),
  /** Expected duration: start to expected end, in whole weeks (rounded up). */
  durationWeeks: z.number().int().min(0).optional(),
  hoursBudget: z.number().min(0).max(Limits.maxHoursBudget).optional(),
  /** The employer's placeholder (Betrieb A). */
  employer: shortText.optional(),
  /** The workplace's placeholder (Betrieb B, or the employer's when they are the same). */
  workplace: shortText.optional(),
  /** The case outcome with anonymised `how` and `why`. */
  outcome: CaseOutcome.extend({ how: z.string().max(20_000), why: z.string().max(20_000) }).optional(),
})
export type SupervisionCopyMeta = z.infer<typeof SupervisionCopyMeta>

export const CopyGoal = z.object({
  id: copyId,
  title: z.string(),
  specific: z.string(),
  measurable: z.string(),
  achievable: z.string(),
  relevant: z.string(),
  /** The goal's deadline as a week of the case. */
  timeBoundWeek: week.optional(),
  responsible: z.string(),
  status: GoalStatus,
})
export type CopyGoal = z.infer<typeof CopyGoal>

export const CopyParticipant = z.object({
  id: copyId,
  /** Person A, … — the same placeholder the text uses for this person. */
  placeholder: z.string().min(1),
  role: z.string(),
  organisation: z.string(),
})
export type CopyParticipant = z.infer<typeof CopyParticipant>

export const CopyMeeting = z.object({
  id: copyId,
  kind: z.enum(MeetingKinds),
  week: week.optional(),
  /** Who took part, anonymised. */
  participants: z.string(),
  /** Root fragment holding the meeting's outcomes (`meeting:<id>`). */
  fragment: z.string().min(1).max(100),
})
export type CopyMeeting = z.infer<typeof CopyMeeting>

export const CopyHoursTotals = z.object({
  total: z.number().min(0),
  perPhase: z.partialRecord(Phase, z.number().min(0)),
  /** Hours logged without a phase. */
  withoutPhase: z.number().min(0),
})
export type CopyHoursTotals = z.infer<typeof CopyHoursTotals>

/** The structured content of a copy, as the reader returns it (rich text is read from the fragments). */
export const SupervisionCopy = z.object({
  meta: SupervisionCopyMeta,
  goals: z.array(CopyGoal).max(Limits.maxGoals),
  participants: z.array(CopyParticipant).max(Limits.maxParticipants),
  reviews: z.partialRecord(Phase, z.record(z.string(), GoalReview)),
  meetings: z.array(CopyMeeting),
  hoursTotals: CopyHoursTotals,
  profile: CopyProfile.optional(),
  /** Issue 19: support intensity, crisis log, Austrittsformular (accompanimentCopy.ts). */
  accompaniment: CopyAccompanimentSchema,
  /** Issue 19: the three-party agreement's parts and the job search (placementCopy.ts). */
  placement: CopyPlacementSchema,
})
export type SupervisionCopy = z.infer<typeof SupervisionCopy>

/** Everything a copy is written from: the structured content without `schemaVersion`/`kind`, plus the rich text. */
export interface SupervisionCopyContent {
  meta: Omit<SupervisionCopyMeta, 'schemaVersion' | 'kind'>
  goals: CopyGoal[]
  participants: CopyParticipant[]
  reviews: Partial<Record<Phase, Record<string, GoalReview>>>
  /** Meetings, each with its outcomes' rich text (written to `meeting.fragment`). */
  meetings: Array<CopyMeeting & { outcome: CopyBlock[] }>
  hoursTotals: CopyHoursTotals
  /** Issue 19; absent: none written. */
  accompaniment?: CopyAccompaniment
  /** Issue 19; absent: none written. */
  placement?: CopyPlacement
  approach: CopyBlock[]
  phaseNotes: Record<Phase, CopyBlock[]>
  /** The anonymised occupational profile (issue 19), when the case has one to copy. */
  profile?: CopyProfile
}

/** Name of a meeting's outcomes fragment in a copy. */
export function copyMeetingFragmentName(meetingId: string): string {
  return `meeting:${meetingId}`
}

/**
 * How a week of the case reads in German: `Woche 3`; before the start
 * `2 Wochen vor Beginn`; more than a year before it only
 * `mehr als ein Jahr vor Beginn` (so a date of birth given without its label
 * does not leak the age).
 */
export function weekLabel(weekNumber: number): string {
  if (weekNumber > 0) {
    return `Woche ${weekNumber}`
  }
  const before = Math.max(1, -weekNumber)
  if (before > 52) {
    return 'mehr als ein Jahr vor Beginn'
  }
  return before === 1 ? '1 Woche vor Beginn' : `${before} Wochen vor Beginn`
}

function mapOf(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) {
      map.set(key, value)
    }
  }
  return map
}

/** A copy's run as written: every kept mark as `{}` (tiptap's empty mark attrs), a placeholder's mark with its attrs. */
function richInlineOf(inline: CopyInline): RichInline {
  if (inline.type === 'hardBreak') {
    return inline
  }
  const marks: Record<string, unknown> = {}
  for (const mark of inline.marks) {
    if ((CopyMarks as readonly string[]).includes(mark)) {
      marks[mark] = {}
    }
  }
  if (inline.anonymised) {
    marks[AnonymisedMark] = { placeholder: inline.anonymised.placeholder, kind: inline.anonymised.kind }
  }
  return { type: 'text', text: inline.text, marks }
}

/** Writes plain blocks into an (empty) fragment. */
export function writeCopyBlocks(fragment: Y.XmlFragment, blocks: readonly CopyBlock[]): void {
  writeRichText(fragment, mapInline(blocks, (content) => content.map(richInlineOf)))
}

/**
 * A new Y.Doc holding a supervision copy, written from plain content only (no
 * Yjs structure of any other document is copied, so the copy carries no
 * history and no deleted content: its update has an empty delete set).
 */
export function createSupervisionCopyDoc(content: SupervisionCopyContent): Y.Doc {
  const doc = detachedDoc()
  doc.transact(() => {
    const meta = doc.getMap(MetaMapName)
    meta.set('schemaVersion', CurrentSchemaVersion)
    meta.set('kind', SupervisionCopyKind)
    for (const [key, value] of Object.entries(content.meta)) {
      if (value !== undefined) {
        meta.set(key, value)
      }
    }
    doc.getArray<Y.Map<unknown>>(PlanGoalsArray).push(content.goals.map((goal) => mapOf(goal)))
    doc.getArray<Y.Map<unknown>>(PlanParticipantsArray).push(content.participants.map((participant) => mapOf(participant)))
    writeCopyBlocks(doc.getXmlFragment(PlanApproachFragment), content.approach)
    for (const phase of Phases) {
      writeCopyBlocks(doc.getXmlFragment(phaseFragmentName(phase)), content.phaseNotes[phase])
    }
    const reviews = doc.getMap<Y.Map<Y.Map<unknown>>>(NotesReviewsMap)
    for (const phase of Phases) {
      const perPhase = new Y.Map<Y.Map<unknown>>()
      reviews.set(phase, perPhase)
      for (const [goalId, review] of Object.entries(content.reviews[phase] ?? {})) {
        perPhase.set(goalId, mapOf(review))
      }
    }
    const meetings = doc.getArray<Y.Map<unknown>>(NotesMeetingsArray)
    for (const { outcome, ...meeting } of content.meetings) {
      meetings.push([mapOf(meeting)])
      writeCopyBlocks(doc.getXmlFragment(meeting.fragment), outcome)
    }
    const hours = doc.getMap<unknown>(CopyHoursTotalsMap)
    hours.set('total', content.hoursTotals.total)
    hours.set('perPhase', content.hoursTotals.perPhase)
    hours.set('withoutPhase', content.hoursTotals.withoutPhase)
    if (content.profile) {
      writeCopyProfile(doc, content.profile)
    }
    if (content.accompaniment) {
      writeCopyAccompaniment(doc, content.accompaniment)
    }
    if (content.placement) {
      writeCopyPlacement(doc, content.placement)
    }
  })
  return doc
}

/** A plain snapshot of the copy's structured content (not the rich text). */
export function supervisionCopySnapshot(doc: Y.Doc): unknown {
  return {
    meta: doc.getMap(MetaMapName).toJSON(),
    goals: arrayOfMapsToJSON(doc.getArray(PlanGoalsArray)),
    participants: arrayOfMapsToJSON(doc.getArray(PlanParticipantsArray)),
    reviews: doc.getMap(NotesReviewsMap).toJSON(),
    meetings: arrayOfMapsToJSON(doc.getArray(NotesMeetingsArray)),
    hoursTotals: doc.getMap(CopyHoursTotalsMap).toJSON(),
    profile: copyProfileSnapshot(doc),
    accompaniment: copyAccompanimentSnapshot(doc),
    placement: copyPlacementSnapshot(doc),
  }
}

/**
 * Reads and validates a supervision copy; never throws. A plan or notes
 * document (no `kind: supervisionCopy`) or hand-made garbage reads as
 * `invalid` with the issues; a copy of a newer schema as `newerSchema`.
 */
export function readSupervisionCopy(doc: Y.Doc): ReadResult<SupervisionCopy> {
  let snapshot: unknown
  try {
    snapshot = supervisionCopySnapshot(doc)
  } catch (err) {
    // A root name already used with another Yjs type (e.g. `hoursTotals` as an array) throws in getMap.
    return { ok: false, reason: 'invalid', issues: [`(root): ${err instanceof Error ? err.message : String(err)}`] }
  }
  return readWithSchema(doc, snapshot, SupervisionCopy)
}
