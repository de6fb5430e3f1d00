/**
 * The notes document, schema v1 (contract §3.1): one rich-text fragment per
 * phase, phase reviews, meetings, the hours log and tandem comments. Only
 * coaches ever receive it (access matrix, contract §3).
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { arrayOfMapsToJSON, CurrentSchemaVersion, MetaMapName, readWithSchema, type ReadResult } from './common.js'
import { GoalStatus, Phase, Phases } from './plan.js'

export const notesVersions = { Initial: 1 } as const

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

export const NotesMeta = z.object({ schemaVersion: z.literal(CurrentSchemaVersion) })

/** A phase review entry of one goal (Phasenreflexion). */
export const GoalReview = z.object({
  stillValid: z.boolean(),
  attainment: GoalStatus,
  note: z.string().max(2_000),
})
export type GoalReview = z.infer<typeof GoalReview>

export const MeetingKinds = ['midterm', 'final', 'other'] as const
export const Meeting = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(MeetingKinds),
  date: isoDate,
  participants: z.string().max(2_000),
  /** Name of the root fragment holding the meeting's outcomes. */
  fragment: z.string().min(1).max(100),
})
export type Meeting = z.infer<typeof Meeting>

export const HoursEntry = z.object({
  id: z.string().min(1).max(64),
  date: isoDate,
  hours: z.number().positive().max(24),
  activity: z.string().max(500),
  coachId: z.string().min(1).max(64),
  phase: Phase.optional(),
})
export type HoursEntry = z.infer<typeof HoursEntry>

export const CommentReply = z.object({
  id: z.string().min(1).max(64),
  authorId: z.string().min(1).max(64),
  createdAt: z.iso.datetime(),
  text: z.string().max(5_000),
})

export const Comment = z.object({
  id: z.string().min(1).max(64),
  authorId: z.string().min(1).max(64),
  createdAt: z.iso.datetime(),
  text: z.string().max(5_000),
  /** Base64 of an encoded Y.RelativePosition in a phase fragment. */
  anchor: z.string().max(1_000),
  resolved: z.boolean(),
  replies: z.array(CommentReply),
})
export type Comment = z.infer<typeof Comment>

export const Notes = z.object({
  meta: NotesMeta,
  reviews: z.record(Phase, z.record(z.string(), GoalReview)).or(z.object({})),
  meetings: z.array(Meeting),
  hours: z.array(HoursEntry),
  comments: z.array(Comment),
})
export type Notes = z.infer<typeof Notes>

/** Writes the initial content of a new notes document. */
export function initNotesDoc(doc: Y.Doc): void {
  doc.transact(() => {
    doc.getMap(MetaMapName).set('schemaVersion', CurrentSchemaVersion)
  })
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
  return readWithSchema(doc, notesSnapshot(doc), Notes)
}

export { Phases }
