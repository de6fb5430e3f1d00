/**
 * Accompaniment after the start at work (issue 19, point 7; Swiss profile
 * A7–A9, B1): the support intensity over time, the schedule of the
 * Standortgespräche and the crisis/incident log with its follow-ups.
 * Tandem-only, so they live in the notes room (coaches rw, contract §3) as
 * roots additive to notes schema v2:
 *
 * - `supportIntensity` Y.Array of Y.Map {id, from, level, hoursPerWeek?, note: Y.Text}
 *   — from that day on the coaches support this intensely (the newest `from` counts).
 * - `progressSchedule` Y.Map {everyWeeks?} — Standortgespräche every n weeks;
 *   the meetings themselves are meetings of kind `progress`.
 * - `incidents` Y.Array of Y.Map {id, date, kind, coachId, description: Y.Text,
 *   reportedTo: Y.Text, followUps: Y.Array of Y.Map {id, text: Y.Text, due?, done},
 *   editedBy?, editedAt?} — the last two name the coach who last changed a
 *   saved entry and when (absent until someone does).
 *
 * Free text is Y.Text (two coaches typing both keep their words, §8.1);
 * dates, numbers and enums are last-writer-wins scalars.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { mapWithTexts, setTextIn, textShapeIssues } from './textFields.js'

export const NotesSupportIntensityArray = 'supportIntensity'
export const NotesProgressScheduleMap = 'progressSchedule'
export const NotesIncidentsArray = 'incidents'

const isoDate = z.iso.date()
const entryId = z.string().min(1).max(64)
const text = z.string().max(Limits.maxShortTextLength)

/** How intensely the coaches accompany (A7: "so intensiv und so lange wie nötig"). */
export const SupportLevels = ['high', 'medium', 'low', 'onCall'] as const
export const SupportLevel = z.enum(SupportLevels)
export type SupportLevel = z.infer<typeof SupportLevel>

export const SupportIntensityEntry = z.object({
  id: entryId,
  /** From this day on. */
  from: isoDate,
  level: SupportLevel,
  /** Planned contact hours a week, if the tandem plans them. */
  hoursPerWeek: z.number().min(0).max(60).optional(),
  note: text,
})
export type SupportIntensityEntry = z.infer<typeof SupportIntensityEntry>

/** Bounds of the Standortgespräch interval, in weeks. */
export const ProgressIntervalWeeks = { min: 1, max: 52 } as const
export const ProgressSchedule = z.object({
  everyWeeks: z.number().int().min(ProgressIntervalWeeks.min).max(ProgressIntervalWeeks.max).optional(),
})
export type ProgressSchedule = z.infer<typeof ProgressSchedule>

/** What happened (A8: threatened job loss, conflicts; B1: incidents reported promptly). */
export const IncidentKinds = ['crisis', 'conflict', 'jobAtRisk', 'absence', 'other'] as const
export const IncidentKind = z.enum(IncidentKinds)
export type IncidentKind = z.infer<typeof IncidentKind>

export const IncidentFollowUp = z.object({
  id: entryId,
  text: text.refine((value) => value.trim() !== '', 'a follow-up needs a text'),
  due: isoDate.optional(),
  done: z.boolean(),
})
export type IncidentFollowUp = z.infer<typeof IncidentFollowUp>

export const Incident = z.object({
  id: entryId,
  date: isoDate,
  kind: IncidentKind,
  /** The coach who recorded it. */
  coachId: entryId,
  description: text,
  /** To whom and when it was reported (B1: "zeitnah und in den dafür vorgesehenen Strukturen"). */
  reportedTo: text,
  followUps: z.array(IncidentFollowUp).max(Limits.maxIncidentFollowUps),
  /** The coach who last changed the saved entry, and when (B1: a changed report says who changed it). */
  editedBy: entryId.optional(),
  editedAt: z.iso.datetime().optional(),
})
export type Incident = z.infer<typeof Incident>

/** What an edit of a saved incident sets: its facts and texts, and the texts and due dates of its follow-ups (by id). */
export interface IncidentEdit {
  date: string
  kind: IncidentKind
  description: string
  reportedTo: string
  followUps: ReadonlyArray<{ id: string; text: string; due?: string }>
}

/** Root schemas for the relay's check (roomSchemas.ts). */
export const accompanimentRootSchemas: Readonly<Record<string, z.ZodType<unknown>>> = {
  [NotesSupportIntensityArray]: z.array(SupportIntensityEntry).max(Limits.maxSupportIntensityEntries),
  [NotesProgressScheduleMap]: ProgressSchedule,
  [NotesIncidentsArray]: z.array(Incident).max(Limits.maxIncidents),
}

export function notesSupportIntensity(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NotesSupportIntensityArray)
}

export function notesIncidents(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NotesIncidentsArray)
}

export function notesProgressSchedule(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(NotesProgressScheduleMap)
}

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new RangeError(`invalid ${what}: ${parsed.error.issues.map((issue) => issue.path.join('.') || issue.message).join(', ')}`)
  }
  return parsed.data
}

/** Appends a support-intensity entry (validated; a RangeError names what is wrong). */
export function addSupportIntensity(doc: Y.Doc, entry: SupportIntensityEntry): void {
  const data = validated(SupportIntensityEntry, entry, 'support intensity')
  notesSupportIntensity(doc).push([mapWithTexts(data, ['note'])])
}

/** Sets (or, with undefined, clears) the Standortgespräch interval. */
export function setProgressInterval(doc: Y.Doc, everyWeeks: number | undefined): void {
  if (everyWeeks === undefined) {
    notesProgressSchedule(doc).delete('everyWeeks')
    return
  }
  validated(ProgressSchedule, { everyWeeks }, 'Standortgespräch interval')
  notesProgressSchedule(doc).set('everyWeeks', everyWeeks)
}

function followUpMap(followUp: IncidentFollowUp): Y.Map<unknown> {
  return mapWithTexts(validated(IncidentFollowUp, followUp, 'follow-up'), ['text'])
}

/** Appends an incident with its first follow-ups. */
export function addIncident(doc: Y.Doc, incident: Incident): void {
  const data = validated(Incident, incident, 'incident')
  const { followUps, ...rest } = data
  doc.transact(() => {
    const map = mapWithTexts(rest, ['description', 'reportedTo'])
    const list = new Y.Array<Y.Map<unknown>>()
    list.push(followUps.map(followUpMap))
    map.set('followUps', list)
    notesIncidents(doc).push([map])
  })
}

function incidentMap(doc: Y.Doc, incidentId: string): Y.Map<unknown> | undefined {
  return notesIncidents(doc)
    .toArray()
    .find((entry) => entry instanceof Y.Map && entry.get('id') === incidentId)
}

/** Changes an incident's texts (merging). */
export function setIncidentText(doc: Y.Doc, incidentId: string, key: 'description' | 'reportedTo', value: string): void {
  const map = incidentMap(doc, incidentId)
  if (map) {
    setTextIn(map, key, value)
  }
}

/**
 * Changes a saved incident (its date, kind, texts and its follow-ups' texts
 * and due dates) and records who changed it and when. The changed entry is
 * checked against the schema before anything is written (a RangeError names
 * what is wrong), as the relay checks it after. Only what differs is
 * written: texts merge with a partner's concurrent typing (§8.1), and an
 * edit that changes nothing records nothing. False when the incident is
 * gone (a partner deleted it meanwhile) or nothing changed.
 */
export function editIncident(doc: Y.Doc, incidentId: string, edit: IncidentEdit, by: { userId: string; at: string }): boolean {
  const map = incidentMap(doc, incidentId)
  const current = readIncidents(doc).find((incident) => incident.id === incidentId)
  const list = map?.get('followUps')
  if (!map || !current || !(list instanceof Y.Array)) {
    return false
  }
  const edits = new Map(edit.followUps.map((followUp) => [followUp.id, followUp]))
  const followUps = current.followUps.map((followUp) => {
    const changed = edits.get(followUp.id)
    if (changed === undefined) {
      return followUp
    }
    const { due: _due, ...rest } = followUp
    return { ...rest, text: changed.text, ...(changed.due ? { due: changed.due } : {}) }
  })
  const next = validated(Incident, { ...current, date: edit.date, kind: edit.kind, description: edit.description, reportedTo: edit.reportedTo, followUps }, 'incident')
  const unchanged =
    next.date === current.date &&
    next.kind === current.kind &&
    next.description === current.description &&
    next.reportedTo === current.reportedTo &&
    next.followUps.every((followUp, index) => followUp.text === current.followUps[index]?.text && followUp.due === current.followUps[index]?.due)
  if (unchanged) {
    return false
  }
  validated(Incident.shape.editedBy, by.userId, 'editor')
  validated(Incident.shape.editedAt, by.at, 'edit time')
  doc.transact(() => {
    if (next.date !== current.date) {
      map.set('date', next.date)
    }
    if (next.kind !== current.kind) {
      map.set('kind', next.kind)
    }
    setTextIn(map, 'description', next.description)
    setTextIn(map, 'reportedTo', next.reportedTo)
    for (const item of list.toArray() as unknown[]) {
      const followUp = item instanceof Y.Map ? next.followUps.find((candidate) => candidate.id === item.get('id')) : undefined
      if (!(item instanceof Y.Map) || followUp === undefined || !edits.has(followUp.id)) {
        continue
      }
      setTextIn(item as Y.Map<unknown>, 'text', followUp.text)
      if (followUp.due === undefined) {
        if (item.has('due')) {
          item.delete('due')
        }
      } else if (item.get('due') !== followUp.due) {
        item.set('due', followUp.due)
      }
    }
    map.set('editedBy', by.userId)
    map.set('editedAt', by.at)
  })
  return true
}

/** Adds a follow-up to an incident; false when the incident is gone. */
export function addFollowUp(doc: Y.Doc, incidentId: string, followUp: IncidentFollowUp): boolean {
  const list = incidentMap(doc, incidentId)?.get('followUps')
  if (!(list instanceof Y.Array)) {
    return false
  }
  list.push([followUpMap(followUp)])
  return true
}

/** Marks a follow-up done or open again. */
export function setFollowUpDone(doc: Y.Doc, incidentId: string, followUpId: string, done: boolean): void {
  const list = incidentMap(doc, incidentId)?.get('followUps')
  if (!(list instanceof Y.Array)) {
    return
  }
  const entry = (list.toArray() as unknown[]).find((item) => item instanceof Y.Map && item.get('id') === followUpId)
  if (entry instanceof Y.Map) {
    entry.set('done', done)
  }
}

/** Where the accompaniment roots' Yjs types differ from the schema (plain strings where a Y.Text belongs). */
export function accompanimentShapeIssues(doc: Y.Doc): string[] {
  const issues: string[] = []
  notesSupportIntensity(doc).forEach((entry, index) => {
    if (entry instanceof Y.Map) {
      issues.push(...textShapeIssues(entry, ['note'], `${NotesSupportIntensityArray}.${index}`))
    }
  })
  notesIncidents(doc).forEach((entry, index) => {
    if (!(entry instanceof Y.Map)) {
      return
    }
    const path = `${NotesIncidentsArray}.${index}`
    issues.push(...textShapeIssues(entry, ['description', 'reportedTo'], path))
    const followUps = entry.get('followUps')
    if (!(followUps instanceof Y.Array)) {
      issues.push(`${path}.followUps: expected a list (Y.Array)`)
      return
    }
    followUps.forEach((followUp: unknown, followUpIndex: number) => {
      if (followUp instanceof Y.Map) {
        issues.push(...textShapeIssues(followUp as Y.Map<unknown>, ['text'], `${path}.followUps.${followUpIndex}`))
      }
    })
  })
  return issues
}

/** A root of another Yjs type under the name (a hand-made document) reads as empty: readers never throw. */
function safely<T>(read: () => T[]): T[] {
  try {
    return read()
  } catch {
    return []
  }
}

function parseEach<T, E>(array: Y.Array<E>, schema: z.ZodType<T>): T[] {
  return array.toArray().flatMap((entry) => {
    const parsed = schema.safeParse(entry instanceof Y.AbstractType ? entry.toJSON() : entry)
    return parsed.success ? [parsed.data] : []
  })
}

/** The valid support-intensity entries, by `from` (oldest first). */
export function readSupportIntensity(doc: Y.Doc): SupportIntensityEntry[] {
  return safely(() => parseEach(notesSupportIntensity(doc), SupportIntensityEntry)).sort((a, b) => (a.from === b.from ? a.id.localeCompare(b.id) : a.from < b.from ? -1 : 1))
}

/** The intensity that holds on `today` (the newest entry from on or before it), or null. */
export function currentSupportIntensity(entries: readonly SupportIntensityEntry[], today: string): SupportIntensityEntry | null {
  return entries.filter((entry) => entry.from <= today).at(-1) ?? null
}

/** The Standortgespräch interval in weeks, or undefined when none is set (or it is invalid). */
export function readProgressInterval(doc: Y.Doc): number | undefined {
  const [schedule] = safely(() => [notesProgressSchedule(doc).toJSON()])
  const parsed = ProgressSchedule.safeParse(schedule)
  return parsed.success ? parsed.data.everyWeeks : undefined
}

/** The valid incidents, newest first. */
export function readIncidents(doc: Y.Doc): Incident[] {
  return safely(() => parseEach(notesIncidents(doc), Incident)).sort((a, b) => (a.date === b.date ? b.id.localeCompare(a.id) : a.date < b.date ? 1 : -1))
}

/** The due dates of the open follow-ups that have one (for reminders). */
export function openFollowUpDueDates(incidents: readonly Incident[]): string[] {
  return incidents.flatMap((incident) => incident.followUps.filter((followUp) => !followUp.done && followUp.due !== undefined).map((followUp) => followUp.due as string))
}
