/**
 * Locked months of the hours log (issue 18 point 2): once the employer, the
 * coachee or the guardian confirmed a month's proof, its entries are fixed.
 * The server marks the month in the notes room's `hoursLocks` map (month ->
 * first confirmation time); the mark lives in the document, so every relay
 * process and an offline client judge alike (as meta.hoursBudgetSource does
 * for the derived budget). A client may then neither change nor delete an
 * entry dated in a locked month, nor move one into or out of it; it may add
 * a correction there (an entry with `correctionOf` and a reason).
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { notesHours } from '../caseDocument/notes.js'
import { monthOf, ProofMonth } from './monthProof.js'

/** The notes root holding the locked months. */
export const NotesHoursLocksMap = 'hoursLocks'

/** Its content: month -> ISO time of the first confirmation. */
export const HoursLocks = z.record(ProofMonth, z.iso.datetime())

/** The locks map of a notes document. */
export function hoursLocks(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(NotesHoursLocksMap)
}

/** The locked months of a notes document. */
export function lockedMonths(doc: Y.Doc): Set<string> {
  return new Set(hoursLocks(doc).keys())
}

/** Marks months locked (server side, on a confirmation); a month locked before keeps its first time. */
export function lockMonths(doc: Y.Doc, months: readonly string[], at: string): void {
  const locks = hoursLocks(doc)
  doc.transact(() => {
    for (const month of months) {
      if (!locks.has(month)) {
        locks.set(month, at)
      }
    }
  })
}

/** Whether an entry dated `date` is locked (read-only; only corrections may be added). */
export function isDateLocked(locked: ReadonlySet<string>, date: unknown): boolean {
  return typeof date === 'string' && locked.has(monthOf(date))
}

/** The entries of locked months: id -> the entry's content as canonical JSON (every field, keys sorted). */
export type LockedEntries = Map<string, { json: string; correctionOf: unknown }>

function canonical(value: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(value).sort().map((key) => [key, value[key]]))
}

/** The entries of a notes document dated in a locked month; empty without locks. */
export function lockedEntries(doc: Y.Doc, locked: ReadonlySet<string> = lockedMonths(doc)): LockedEntries {
  const entries: LockedEntries = new Map()
  if (locked.size === 0) {
    return entries
  }
  for (const item of notesHours(doc).toArray()) {
    if (item instanceof Y.Map && isDateLocked(locked, item.get('date'))) {
      const json = item.toJSON() as Record<string, unknown>
      entries.set(String(json.id), { json: canonical(json), correctionOf: json.correctionOf })
    }
  }
  return entries
}

/** Why a change of the hours log was refused by a lock. */
export interface HoursLockRefusal {
  reason: 'hoursLocked'
  detail: string
}

/**
 * Compares the locked months' entries before and after a change (both with
 * the locks from before the change): every entry from before is there
 * unchanged, every new one is a correction. Null: allowed.
 */
export function hoursLockRefusal(before: LockedEntries, after: LockedEntries): HoursLockRefusal | null {
  for (const [id, entry] of before) {
    const now = after.get(id)
    if (now === undefined) {
      return { reason: 'hoursLocked', detail: `hours: entry ${id.slice(0, 64)} of a locked month was deleted or moved` }
    }
    if (now.json !== entry.json) {
      return { reason: 'hoursLocked', detail: `hours: entry ${id.slice(0, 64)} of a locked month was changed` }
    }
  }
  for (const [id, entry] of after) {
    if (!before.has(id) && (typeof entry.correctionOf !== 'string' || entry.correctionOf === '')) {
      return { reason: 'hoursLocked', detail: `hours: entry ${id.slice(0, 64)} in a locked month is no correction` }
    }
  }
  return null
}
