/**
 * The Austrittsformular (issue 19, point 8; Swiss profile A11): at the end
 * of the measure the coaches and the person record the exit date, why the
 * measure ends, where the person can turn next (RAV, Sozialamt, Pro
 * Infirmis, IV-Stelle, other) and what is handed over. Notes root `exitForm`
 * (coaches only, additive to notes schema v2): Y.Map {date?, reason?,
 * followUps: plain array of {@link ExitFollowUp} (last writer wins, a set of
 * ticks), otherFollowUp: Y.Text, handover: Y.Text}.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { setTextIn, textShapeIssues } from './textFields.js'

export const NotesExitFormMap = 'exitForm'

/** Why the measure ends (A11: agreed duration over, the person's wish, the coaches' own evaluation …). */
export const ExitReasons = ['durationEnded', 'goalReached', 'clientWish', 'coachEvaluation', 'funderDecision', 'aborted', 'other'] as const
export const ExitReason = z.enum(ExitReasons)
export type ExitReason = z.infer<typeof ExitReason>

/** Where the person can turn next (A11: "z.B. RAV, Sozialamt, Pro Infirmis etc."). */
export const ExitFollowUps = ['rav', 'socialServices', 'proInfirmis', 'ivOffice', 'other'] as const
export const ExitFollowUp = z.enum(ExitFollowUps)
export type ExitFollowUp = z.infer<typeof ExitFollowUp>

export const ExitForm = z.object({
  date: z.iso.date().optional(),
  reason: ExitReason.optional(),
  followUps: z.array(ExitFollowUp).max(ExitFollowUps.length).refine((list) => new Set(list).size === list.length, 'each follow-up once').optional(),
  otherFollowUp: z.string().max(Limits.maxShortTextLength).optional(),
  handover: z.string().max(Limits.maxOutcomeTextLength).optional(),
})
export type ExitForm = z.infer<typeof ExitForm>

export const ExitFormTextKeys = ['otherFollowUp', 'handover'] as const

export function notesExitForm(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(NotesExitFormMap)
}

/** Sets the given fields of the exit form (texts merge; undefined leaves a field alone). */
export function setExitForm(doc: Y.Doc, change: ExitForm): void {
  const parsed = ExitForm.safeParse(change)
  if (!parsed.success) {
    throw new RangeError(`invalid exit form: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`)
  }
  const map = notesExitForm(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value === undefined) {
        continue
      }
      if ((ExitFormTextKeys as readonly string[]).includes(key)) {
        setTextIn(map, key, value as string)
      } else {
        map.set(key, value)
      }
    }
  })
}

/** The exit form as recorded (an invalid one reads as empty), never throws. */
export function readExitForm(doc: Y.Doc): ExitForm {
  let value: unknown
  try {
    value = notesExitForm(doc).toJSON()
  } catch {
    // A root of another Yjs type under the name (a hand-made document).
    return {}
  }
  const parsed = ExitForm.safeParse(value)
  return parsed.success ? parsed.data : {}
}

/** Whether anything is recorded in the exit form. */
export function hasExitForm(form: ExitForm): boolean {
  return form.date !== undefined || form.reason !== undefined || (form.followUps ?? []).length > 0 || (form.handover ?? '').trim() !== '' || (form.otherFollowUp ?? '').trim() !== ''
}

export function exitFormShapeIssues(doc: Y.Doc): string[] {
  return textShapeIssues(notesExitForm(doc), ExitFormTextKeys, NotesExitFormMap)
}
