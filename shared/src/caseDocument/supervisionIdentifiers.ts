/**
 * The coaches' extra identifiers of a case (issue 6): nicknames, a town, a
 * team name — things the anonymiser cannot know from the plan or the members
 * and must replace in a supervision copy.
 *
 * Where they live: an optional root `Y.Array` `supervisionIdentifiers` of
 * Y.Map {id, text, kind} in the NOTES document (an additive schema v1
 * addition: older clients ignore the root). The notes room is coach-only (the
 * employer and the coachee never receive it, contract §3), syncs between the
 * tandem and works offline like every other note, and goes with the case's
 * erasure. The anonymiser never copies this root into a copy; the server
 * reads it from the committed notes when it builds one.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import type { ExtraIdentifier } from '../anonymise/index.js'

/** Root array of the notes document holding the extra identifiers. */
export const NotesSupervisionIdentifiersArray = 'supervisionIdentifiers'

export const ExtraIdentifierKinds = ['person', 'organisation', 'place', 'other'] as const

/** One extra identifier as stored. */
export const StoredExtraIdentifier = z.object({
  id: z.string().min(1).max(64),
  text: z.string().trim().min(Limits.minIdentifierLength).max(Limits.maxIdentifierLength),
  kind: z.enum(ExtraIdentifierKinds),
})
export type StoredExtraIdentifier = z.infer<typeof StoredExtraIdentifier>

/** The root array (created on first use). */
export function supervisionIdentifiersArray(notes: Y.Doc): Y.Array<Y.Map<unknown>> {
  return notes.getArray<Y.Map<unknown>>(NotesSupervisionIdentifiersArray)
}

/** The valid entries, in order; anything that does not fit the schema is skipped (never a crash). */
export function readSupervisionIdentifiers(notes: Y.Doc): StoredExtraIdentifier[] {
  let array: Y.Array<unknown>
  try {
    array = notes.getArray(NotesSupervisionIdentifiersArray)
  } catch {
    return []
  }
  return array.toArray().flatMap((entry) => {
    const parsed = StoredExtraIdentifier.safeParse(entry instanceof Y.Map ? entry.toJSON() : entry)
    return parsed.success ? [parsed.data] : []
  })
}

/** Adds an identifier (unless the same text is there already). */
export function addSupervisionIdentifier(notes: Y.Doc, entry: StoredExtraIdentifier): void {
  const known = readSupervisionIdentifiers(notes).some((existing) => existing.text.toLowerCase() === entry.text.toLowerCase())
  if (known) {
    return
  }
  const map = new Y.Map<unknown>()
  map.set('id', entry.id)
  map.set('text', entry.text)
  map.set('kind', entry.kind)
  supervisionIdentifiersArray(notes).push([map])
}

/** Removes an identifier by id. */
export function removeSupervisionIdentifier(notes: Y.Doc, id: string): void {
  const array = supervisionIdentifiersArray(notes)
  const index = array.toArray().findIndex((entry) => entry instanceof Y.Map && entry.get('id') === id)
  if (index >= 0) {
    array.delete(index, 1)
  }
}

/** The identifiers as the anonymiser takes them. */
export function toExtraIdentifiers(entries: readonly StoredExtraIdentifier[]): ExtraIdentifier[] {
  return entries.map((entry) => ({ text: entry.text, kind: entry.kind }))
}
