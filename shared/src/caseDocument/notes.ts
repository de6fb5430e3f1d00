/**
 * The notes document, schema v1 (contract §3.1): one rich-text fragment per
 * phase, phase reviews, meetings, the hours log and tandem comments. Only
 * coaches ever receive it (access matrix, contract §3).
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { HoursCategory } from './hoursCategories.js'
import { Limits } from '../limits.js'
import { arrayOfMapsToJSON, MetaMapName, readWithSchema, type ReadResult } from './common.js'
import { newText, setTextIn, textIn, textShapeIssues } from './textFields.js'
import { GoalStatus, Phase, Phases } from './plan.js'
import { CoacheeGender } from './coacheeGender.js'

/** Numbered notes schema versions (v2: review notes and the outcome texts are Y.Text, see migrations.ts). */
export const notesVersions = { Initial: 1, TextFields: 2 } as const
/** The notes schema version this code writes and reads. */
export const NotesSchemaVersion = notesVersions.TextFields
/** Keys of the outcome map whose value is a Y.Text. */
export const OutcomeTextKeys = ['how', 'why'] as const

/** Name of the rich-text fragment holding a phase's notes. */
export function phaseFragmentName(phase: Phase): `phase:${Phase}` {
  return `phase:${phase}`
}

/** The rich-text notes of one phase. */
export function phaseNotes(doc: Y.Doc, phase: Phase): Y.XmlFragment {
  return doc.getXmlFragment(phaseFragmentName(phase))
}

export const NotesReviewsMap = 'reviews'
export const NotesMeetingsArray = 'meetings'
export const NotesHoursArray = 'hours'
export const NotesCommentsArray = 'comments'

const isoDate = z.iso.date()

/**
 * How the case ended (additive to schema v1, optional), in the categories
 * funding bodies count. A placement (Arbeitsplatzanbahnung) ends in
 * employment subject to social insurance (unbefristet / befristet), an
 * apprenticeship, an inclusion company, a sheltered workshop (WfbM) or no
 * placement; a retention (Arbeitsplatzsicherung) ends with the job kept or
 * ended. Either can end early (Abbruch), with its reason in `why`. `placed`
 * is the older, unspecified placement (documents written before the
 * categories); it stays readable but is no longer offered. `how` and `why`
 * are the coaches' words for the final report.
 */
export const OutcomeKinds = [
  'employmentPermanent',
  'employmentFixedTerm',
  'apprenticeship',
  'inclusionCompany',
  'workshop',
  'notPlaced',
  'jobSecured',
  'ended',
  'aborted',
  'placed',
] as const
export const OutcomeKind = z.enum(OutcomeKinds)
export type OutcomeKind = z.infer<typeof OutcomeKind>
export const CaseOutcome = z.object({
  kind: OutcomeKind,
  how: z.string().max(Limits.maxOutcomeTextLength),
  why: z.string().max(Limits.maxOutcomeTextLength),
})
export type CaseOutcome = z.infer<typeof CaseOutcome>

/** The outcome kinds offered for a case type at its regular end (Abbruch is offered separately, in any phase). */
export function outcomeKindsFor(caseType: 'placement' | 'retention'): readonly OutcomeKind[] {
  return caseType === 'placement'
    ? ['employmentPermanent', 'employmentFixedTerm', 'apprenticeship', 'inclusionCompany', 'workshop', 'notPlaced']
    : ['jobSecured', 'ended']
}

/**
 * Outcomes with a job on the general labour market reached or kept
 * (Inklusionsbetriebe belong to it; a WfbM does not): the final report asks
 * for reasons for every other outcome.
 */
export const SecuredOutcomeKinds: readonly OutcomeKind[] = ['employmentPermanent', 'employmentFixedTerm', 'apprenticeship', 'inclusionCompany', 'jobSecured', 'placed']

export const NotesMeta = z.object({
  schemaVersion: z.literal(NotesSchemaVersion),
  /** Optional, additive: the case outcome, recorded in the stabilisation phase. */
  outcome: CaseOutcome.optional(),
  /** Optional, additive (issue 22): the coachee's gender for the annual statistics (coacheeGender.ts). */
  gender: CoacheeGender.optional(),
})

/** A phase review entry of one goal (Phasenreflexion). */
export const GoalReview = z.object({
  stillValid: z.boolean(),
  attainment: GoalStatus,
  note: z.string().max(Limits.maxShortTextLength),
})
export type GoalReview = z.infer<typeof GoalReview>

/** `progress`: a Standortgespräch (Swiss profile A9), held on the case's schedule (accompaniment.ts). */
export const MeetingKinds = ['midterm', 'final', 'progress', 'other'] as const
export type MeetingKind = (typeof MeetingKinds)[number]
export const Meeting = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(MeetingKinds),
  date: isoDate,
  participants: z.string().max(Limits.maxShortTextLength),
  /** Name of the root fragment holding the meeting's outcomes. */
  fragment: z.string().min(1).max(100),
})
export type Meeting = z.infer<typeof Meeting>

export const HoursEntry = z.object({
  id: z.string().min(1).max(64),
  date: isoDate,
  /** Positive; only a correction may take hours back (negative). */
  hours: z.number().min(-24).max(24).refine((hours) => hours !== 0),
  activity: z.string().max(Limits.maxHoursActivityLength),
  coachId: z.string().min(1).max(64),
  phase: Phase.optional(),
  /** What the time was spent on (issue 18; entries from before have none). */
  category: HoursCategory.optional(),
  /** Where (the workplace, the office, on the way, by phone …); free text. */
  place: z.string().max(Limits.maxHoursPlaceLength).optional(),
  /**
   * A correction of a confirmed (locked) month names the entry it corrects
   * (issue 18): the confirmed entry stays as it was, the correction adds the
   * difference and says why.
   */
  correctionOf: z.string().min(1).max(64).optional(),
  /** Why a correction was needed (required with correctionOf; stays in the coach-only room). */
  reason: z.string().max(Limits.maxHoursActivityLength).optional(),
}).superRefine((entry, ctx) => {
  if (entry.correctionOf === undefined ? entry.hours < 0 : (entry.reason ?? '').trim() === '') {
    ctx.addIssue({ code: 'custom', message: entry.correctionOf === undefined ? 'only a correction takes hours back' : 'a correction needs a reason' })
  }
})
export type HoursEntry = z.infer<typeof HoursEntry>

export const CommentReply = z.object({
  id: z.string().min(1).max(64),
  authorId: z.string().min(1).max(64),
  createdAt: z.iso.datetime(),
  text: z.string().max(Limits.maxCommentLength),
})

export const Comment = z.object({
  id: z.string().min(1).max(64),
  authorId: z.string().min(1).max(64),
  createdAt: z.iso.datetime(),
  text: z.string().max(Limits.maxCommentLength),
  /** Base64 of an encoded Y.RelativePosition in a phase fragment. */
  anchor: z.string().max(1_000),
  resolved: z.boolean(),
  replies: z.array(CommentReply),
})
export type Comment = z.infer<typeof Comment>

export const Notes = z.object({
  meta: NotesMeta,
  // partialRecord: an enum-keyed z.record is exhaustive in zod 4, and the
  // former `.or(z.object({}))` fallback read a review of one phase as {}.
  reviews: z.partialRecord(Phase, z.record(z.string(), GoalReview)),
  meetings: z.array(Meeting),
  hours: z.array(HoursEntry),
  comments: z.array(Comment),
})
export type Notes = z.infer<typeof Notes>

/** Writes the initial content of a new notes document. */
export function initNotesDoc(doc: Y.Doc): void {
  doc.transact(() => {
    doc.getMap(MetaMapName).set('schemaVersion', NotesSchemaVersion)
    // One review map per phase from the start: if two offline coaches each
    // created a phase's map with their first review, one map would replace
    // the other and its reviews would be lost.
    const reviews = notesReviews(doc)
    for (const phase of Phases) {
      reviews.set(phase, new Y.Map<Y.Map<unknown>>())
    }
  })
}

/** The reviews of all phases: phase -> Y.Map goalId -> Y.Map {stillValid, attainment, note}. */
export function notesReviews(doc: Y.Doc): Y.Map<Y.Map<Y.Map<unknown>>> {
  return doc.getMap<Y.Map<Y.Map<unknown>>>(NotesReviewsMap)
}

/** The meetings, one Y.Map each. */
export function notesMeetings(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NotesMeetingsArray)
}

/** The hours log, one Y.Map each. */
export function notesHours(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NotesHoursArray)
}

function mapFromRecord(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) {
      map.set(key, value)
    }
  }
  return map
}

/**
 * Sets part of a goal's review in a phase. An entry always holds all three
 * fields (the schema requires them), so the first change of a goal's review
 * writes the given defaults for the fields not changed; later changes set only
 * the changed keys (per-key last-writer-wins between the two coaches).
 */
export function setGoalReview(
  doc: Y.Doc,
  phase: Phase,
  goalId: string,
  change: Partial<GoalReview>,
  defaults: GoalReview,
): void {
  doc.transact(() => {
    const reviews = notesReviews(doc)
    let phaseMap = reviews.get(phase)
    if (!(phaseMap instanceof Y.Map)) {
      phaseMap = new Y.Map<Y.Map<unknown>>()
      reviews.set(phase, phaseMap)
    }
    const entry = phaseMap.get(goalId)
    if (entry instanceof Y.Map) {
      for (const [key, value] of Object.entries(change)) {
        if (key === 'note' && typeof value === 'string') {
          setTextIn(entry, key, value)
        } else if (value !== undefined) {
          entry.set(key, value)
        }
      }
    } else {
      const { note, ...scalars } = { ...defaults, ...change }
      const created = mapFromRecord(scalars)
      created.set('note', newText(note))
      phaseMap.set(goalId, created)
    }
  })
}

/** Name of the fragment holding a meeting's outcomes. */
export function meetingFragmentName(meetingId: string): string {
  return `meeting:${meetingId}`
}

/** Appends a meeting. */
export function addMeeting(doc: Y.Doc, meeting: Meeting): void {
  notesMeetings(doc).push([mapFromRecord(meeting)])
}

/** Sets one field of a meeting (not its id or fragment). */
export function setMeetingField<K extends 'kind' | 'date' | 'participants'>(doc: Y.Doc, meetingId: string, key: K, value: Meeting[K]): void {
  const meeting = notesMeetings(doc)
    .toArray()
    .find((entry) => entry.get('id') === meetingId)
  meeting?.set(key, value)
}

/** Removes a meeting by id (its outcomes fragment is emptied too). */
export function removeMeeting(doc: Y.Doc, meetingId: string): void {
  doc.transact(() => {
    const meetings = notesMeetings(doc)
    const index = meetings.toArray().findIndex((entry) => entry.get('id') === meetingId)
    if (index < 0) {
      return
    }
    const fragmentName = meetings.get(index).get('fragment')
    meetings.delete(index, 1)
    if (typeof fragmentName === 'string') {
      const fragment = doc.getXmlFragment(fragmentName)
      fragment.delete(0, fragment.length)
    }
  })
}

/** Appends an hours entry. */
export function addHoursEntry(doc: Y.Doc, entry: HoursEntry): void {
  notesHours(doc).push([mapFromRecord(entry)])
}

/** Removes an hours entry by id; no-op when it is already gone. */
export function removeHoursEntry(doc: Y.Doc, entryId: string): void {
  const hours = notesHours(doc)
  const index = hours.toArray().findIndex((entry) => entry.get('id') === entryId)
  if (index >= 0) {
    hours.delete(index, 1)
  }
}

/**
 * Records (or, with `undefined`, clears) the case outcome in the notes meta:
 * a map {kind, how: Y.Text, why: Y.Text}; an existing outcome's texts merge in place.
 */
export function setOutcome(doc: Y.Doc, outcome: CaseOutcome | undefined): void {
  const meta = doc.getMap(MetaMapName)
  doc.transact(() => {
    if (outcome === undefined) {
      meta.delete('outcome')
      return
    }
    let map = meta.get('outcome')
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>()
      meta.set('outcome', map)
    }
    const target = map as Y.Map<unknown>
    target.set('kind', outcome.kind)
    setTextIn(target, 'how', outcome.how)
    setTextIn(target, 'why', outcome.why)
  })
}

/** The outcome map of the notes, if an outcome is recorded. */
export function outcomeMap(doc: Y.Doc): Y.Map<unknown> | undefined {
  const value = doc.getMap(MetaMapName).get('outcome')
  return value instanceof Y.Map ? value : undefined
}

/** The Y.Text of a goal review's note in a phase, if the review exists. */
export function reviewNoteText(doc: Y.Doc, phase: Phase, goalId: string): Y.Text | undefined {
  const entry = notesReviews(doc).get(phase)?.get(goalId)
  return entry instanceof Y.Map ? textIn(entry, 'note') : undefined
}

/** Where the notes' Yjs types differ from schema v2 (plain strings where a Y.Text belongs). */
export function notesShapeIssues(doc: Y.Doc): string[] {
  const issues: string[] = []
  const outcome = doc.getMap(MetaMapName).get('outcome')
  if (outcome !== undefined) {
    if (outcome instanceof Y.Map) {
      issues.push(...textShapeIssues(outcome, OutcomeTextKeys, 'meta.outcome'))
    } else {
      issues.push('meta.outcome: expected a map (Y.Map)')
    }
  }
  notesReviews(doc).forEach((phaseMap, phase) => {
    if (phaseMap instanceof Y.Map) {
      phaseMap.forEach((review, goalId) => {
        if (review instanceof Y.Map) {
          issues.push(...textShapeIssues(review, ['note'], `reviews.${phase}.${goalId}`))
        }
      })
    }
  })
  return issues
}

/** A plain snapshot of the structured notes content (not the rich text). */
export function notesSnapshot(doc: Y.Doc): unknown {
  return {
    meta: doc.getMap(MetaMapName).toJSON(),
    reviews: doc.getMap(NotesReviewsMap).toJSON(),
    meetings: arrayOfMapsToJSON(doc.getArray(NotesMeetingsArray)),
    hours: arrayOfMapsToJSON(doc.getArray(NotesHoursArray)),
    comments: arrayOfMapsToJSON(doc.getArray(NotesCommentsArray)),
  }
}

/** Reads and validates the notes' structured content; never throws. */
export function readNotes(doc: Y.Doc): ReadResult<Notes> {
  return readWithSchema(doc, notesSnapshot(doc), Notes, NotesSchemaVersion, () => notesShapeIssues(doc))
}

export { Phases }
