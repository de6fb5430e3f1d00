/**
 * What changed in the notes between two versions (contract §8.4, coaches
 * only): the rich texts (phase notes, meeting minutes, report parts) word by
 * word, the outcome, meetings, the hours log and the phase reviews.
 * Tandem comments are a conversation, not content, and are left out.
 */
import type { NotesVersionContent } from '../api/versions.js'
import { asText, diffEntries, diffField, type ComparableEntry, type EntryDiff, type FieldDiff } from './textDiff.js'

/** The comparable content of the notes. */
export interface ComparableNotes {
  /** Fragment name -> plain text, and `outcome.kind|how|why`. */
  texts: Record<string, string>
  meetings: ComparableEntry[]
  hours: ComparableEntry[]
  /** One entry per reviewed goal and phase, id `<phase>:<goalId>`. */
  reviews: ComparableEntry[]
}

/** What changed between two notes versions. */
export interface NotesDiff {
  texts: FieldDiff[]
  meetings: EntryDiff[]
  hours: EntryDiff[]
  reviews: EntryDiff[]
  changed: boolean
}

export const MeetingDiffKeys = ['kind', 'date', 'participants'] as const
export const HoursDiffKeys = ['date', 'hours', 'activity'] as const
export const ReviewDiffKeys = ['stillValid', 'attainment', 'note'] as const

/** The comparable content of a notes version; null when it did not read. */
export function comparableNotesOfContent(content: NotesVersionContent): ComparableNotes | null {
  const notes = content.notes
  if (!notes) {
    return null
  }
  const texts: Record<string, string> = { ...content.texts }
  const outcome = notes.meta.outcome
  texts['outcome.kind'] = asText(outcome?.kind)
  texts['outcome.how'] = asText(outcome?.how)
  texts['outcome.why'] = asText(outcome?.why)
  const reviews: ComparableEntry[] = []
  for (const [phase, goals] of Object.entries(notes.reviews)) {
    for (const [goalId, review] of Object.entries(goals ?? {})) {
      reviews.push({ id: `${phase}:${goalId}`, label: phase, stillValid: asText(review.stillValid), attainment: review.attainment, note: review.note })
    }
  }
  return {
    texts,
    meetings: notes.meetings.map((meeting) => ({ id: meeting.id, kind: meeting.kind, date: meeting.date, participants: meeting.participants })),
    hours: notes.hours.map((entry) => ({ id: entry.id, date: entry.date, hours: asText(entry.hours), activity: entry.activity })),
    reviews,
  }
}

/** What changed from `before` to `after`. */
export function notesDiff(before: ComparableNotes, after: ComparableNotes): NotesDiff {
  const names = [...new Set([...Object.keys(before.texts), ...Object.keys(after.texts)])].sort()
  const texts = names.map((name) => diffField(name, before.texts[name], after.texts[name])).filter((field): field is FieldDiff => field !== null)
  const meetings = diffEntries(before.meetings, after.meetings, MeetingDiffKeys, 'date')
  const hours = diffEntries(before.hours, after.hours, HoursDiffKeys, 'date')
  const reviews = diffEntries(before.reviews, after.reviews, ReviewDiffKeys, 'label')
  return { texts, meetings, hours, reviews, changed: texts.length + meetings.length + hours.length + reviews.length > 0 }
}
