/**
 * The coachee's gender as the annual statistics count it (§ 197 SGB IX
 * reporting asks for figures by gender): an optional scalar `gender` in the
 * notes meta, which only coaches receive (issue 22). The coach sets it
 * where the outcome is recorded; no other screen shows it, and the
 * statistics only ever show it aggregated and suppressed.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { MetaMapName } from './common.js'

export const CoacheeGenders = ['female', 'male', 'diverse'] as const
export const CoacheeGender = z.enum(CoacheeGenders)
export type CoacheeGender = z.infer<typeof CoacheeGender>

/** The recorded gender, or undefined (not recorded, or a value this build does not know). */
export function coacheeGenderOf(notes: Y.Doc): CoacheeGender | undefined {
  const parsed = CoacheeGender.safeParse(notes.getMap(MetaMapName).get('gender'))
  return parsed.success ? parsed.data : undefined
}

/** Records the gender, or with `undefined` clears it. */
export function setCoacheeGender(notes: Y.Doc, gender: CoacheeGender | undefined): void {
  const meta = notes.getMap(MetaMapName)
  if (gender === undefined) {
    meta.delete('gender')
  } else {
    meta.set('gender', gender)
  }
}
