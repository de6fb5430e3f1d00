/**
 * The occupational profile in a supervision copy (issue 19): the copy's root
 * map `profile` holds the anonymised profile as plain values (a copy is
 * frozen, nothing merges in it). No entry ids and no dates: an assessment's
 * date becomes a week of the case, like every date of a copy. Copies made
 * before issue 19 have no `profile` root.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { ActionHorizons, ActionStatuses, ProfileCompetences, ProfileWishes } from './profile.js'

/** Root map of a copy holding the anonymised profile. */
export const CopyProfileMap = 'profile'

export const CopyProfile = z.object({
  wishes: ProfileWishes.partial(),
  career: z.array(z.object({ period: z.string(), occupation: z.string(), employer: z.string(), note: z.string() })),
  actionPlan: z.array(z.object({ goal: z.string(), measures: z.string(), horizon: z.enum(ActionHorizons), status: z.enum(ActionStatuses) })),
  competences: ProfileCompetences.partial(),
  occupations: z.array(z.object({ title: z.string(), why: z.string() })),
  assessments: z.array(z.object({ source: z.string(), week: z.number().int().optional(), text: z.string() })),
})
export type CopyProfile = z.infer<typeof CopyProfile>

/** Writes the profile into a copy's document (inside the copy's transaction). */
export function writeCopyProfile(doc: Y.Doc, profile: CopyProfile): void {
  const map = doc.getMap<unknown>(CopyProfileMap)
  for (const [key, value] of Object.entries(profile)) {
    map.set(key, value)
  }
}

/** The copy's profile as plain data, or undefined for a copy without one. */
export function copyProfileSnapshot(doc: Y.Doc): unknown {
  return doc.share.has(CopyProfileMap) ? doc.getMap(CopyProfileMap).toJSON() : undefined
}
