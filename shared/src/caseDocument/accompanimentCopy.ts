/**
 * The accompaniment and the Austrittsformular in a supervision copy (issue
 * 19): plain, anonymised values — weeks of the case instead of dates, texts
 * through the case's anonymiser, no coach ids, new ids. Roots of the copy:
 * `supportIntensity`, `incidents` (Y.Array of Y.Map, follow-ups as a plain
 * list), `exitForm` (Y.Map) and `progressSchedule` (Y.Map {everyWeeks}: how
 * often Standortgespräche are due; the talks themselves are the copy's
 * meetings of kind `progress`). Absent in copies made before; they read as
 * empty.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { IncidentKind, NotesIncidentsArray, NotesProgressScheduleMap, NotesSupportIntensityArray, ProgressSchedule, SupportLevel } from './accompaniment.js'
import { arrayOfMapsToJSON } from './common.js'
import { ExitFollowUp, ExitReason, NotesExitFormMap } from './exitForm.js'

const week = z.number().int()

export const CopySupportIntensity = z.object({
  fromWeek: week.optional(),
  level: SupportLevel,
  hoursPerWeek: z.number().min(0).optional(),
  note: z.string(),
})
export const CopyIncident = z.object({
  id: z.string().min(1).max(64),
  week: week.optional(),
  kind: IncidentKind,
  description: z.string(),
  reportedTo: z.string(),
  followUps: z.array(z.object({ text: z.string(), dueWeek: week.optional(), done: z.boolean() })),
})
export const CopyExitForm = z.object({
  week: week.optional(),
  reason: ExitReason.optional(),
  followUps: z.array(ExitFollowUp).optional(),
  otherFollowUp: z.string().optional(),
  handover: z.string().optional(),
})
export type CopySupportIntensity = z.infer<typeof CopySupportIntensity>
export type CopyIncident = z.infer<typeof CopyIncident>
export type CopyExitForm = z.infer<typeof CopyExitForm>

export interface CopyAccompaniment {
  supportIntensity: CopySupportIntensity[]
  incidents: CopyIncident[]
  exitForm: CopyExitForm
  /** Standortgespräche every n weeks, when the tandem set a schedule. */
  progressEveryWeeks?: number
}

export const CopyAccompanimentSchema = z.object({
  supportIntensity: z.array(CopySupportIntensity),
  incidents: z.array(CopyIncident),
  exitForm: CopyExitForm,
  progressEveryWeeks: ProgressSchedule.shape.everyWeeks,
})

function mapOf(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) {
      map.set(key, value)
    }
  }
  return map
}

/** Writes the accompaniment into a copy document (inside the caller's transaction). */
export function writeCopyAccompaniment(doc: Y.Doc, content: CopyAccompaniment): void {
  // Only what there is: a copy of a case without any keeps the roots it always had.
  if (content.supportIntensity.length > 0) {
    doc.getArray<Y.Map<unknown>>(NotesSupportIntensityArray).push(content.supportIntensity.map(mapOf))
  }
  if (content.incidents.length > 0) {
    doc.getArray<Y.Map<unknown>>(NotesIncidentsArray).push(content.incidents.map(mapOf))
  }
  const exitEntries = Object.entries(content.exitForm).filter(([, value]) => value !== undefined)
  if (exitEntries.length > 0) {
    const exit = doc.getMap<unknown>(NotesExitFormMap)
    for (const [key, value] of exitEntries) {
      exit.set(key, value)
    }
  }
  if (content.progressEveryWeeks !== undefined) {
    doc.getMap<unknown>(NotesProgressScheduleMap).set('everyWeeks', content.progressEveryWeeks)
  }
}

/** The accompaniment of a copy as plain values (for the copy's snapshot). */
export function copyAccompanimentSnapshot(doc: Y.Doc): CopyAccompaniment {
  // Reading creates no root: a copy without them stays as it was.
  const has = (name: string): boolean => doc.share.has(name)
  return {
    supportIntensity: has(NotesSupportIntensityArray) ? (arrayOfMapsToJSON(doc.getArray(NotesSupportIntensityArray)) as CopySupportIntensity[]) : [],
    incidents: has(NotesIncidentsArray) ? (arrayOfMapsToJSON(doc.getArray(NotesIncidentsArray)) as CopyIncident[]) : [],
    exitForm: has(NotesExitFormMap) ? (doc.getMap(NotesExitFormMap).toJSON() as CopyExitForm) : {},
    ...(has(NotesProgressScheduleMap) ? { progressEveryWeeks: doc.getMap(NotesProgressScheduleMap).get('everyWeeks') as number | undefined } : {}),
  }
}
