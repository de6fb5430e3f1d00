/**
 * The monthly proof of hours (Stundennachweis, issue 18 point 2): a month's
 * hours entries minimised to what the proof needs (day, minutes, category,
 * place, coach, which entry a correction corrects) in one canonical order,
 * and the SHA-256 of them that a confirmation records. The activity text and
 * a correction's reason stay in the coach-only notes room: they may carry
 * health data. Shared so the server (proof, confirmation, invoice) and the
 * client (lock) read a month the same way; Web Crypto hashes on both.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { HoursEntry } from '../caseDocument/notes.js'

/** An hours log: the notes' Y.Array of Y.Maps, or plain entries. */
export type HoursLog = Y.Array<Y.Map<unknown>> | readonly unknown[]

/** A calendar month, YYYY-MM. */
export const ProofMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)
export type ProofMonth = z.infer<typeof ProofMonth>

/** One entry of a month's proof, in the canonical key order the hash covers. */
export interface MonthEntry {
  id: string
  /** ISO day of the work. */
  date: string
  /** Whole minutes (hours are entered in quarters; minutes keep them exact). */
  minutes: number
  category: string | null
  place: string | null
  coachId: string
  /** The id of the entry this one corrects (a correction of a locked month), else null. */
  correctionOf: string | null
}

/** The month (YYYY-MM) an ISO day lies in. */
export function monthOf(date: string): string {
  return date.slice(0, 7)
}

/** The valid entries of an hours log (a Y.Array of Y.Maps, or plain entries); entries that do not fit the schema are left out. */
export function hoursEntriesOf(hours: HoursLog): HoursEntry[] {
  const items: readonly unknown[] = hours instanceof Y.Array ? hours.toArray() : hours
  const entries: HoursEntry[] = []
  for (const item of items) {
    const parsed = HoursEntry.safeParse(item instanceof Y.Map ? item.toJSON() : item)
    if (parsed.success) {
      entries.push(parsed.data)
    }
  }
  return entries
}

/** A month's canonical entries: minimised, ordered by day, then id. */
export function monthEntries(hours: HoursLog, month: string): MonthEntry[] {
  return hoursEntriesOf(hours)
    .filter((entry) => monthOf(entry.date) === month)
    .map((entry) => ({
      id: entry.id,
      date: entry.date,
      minutes: Math.round(entry.hours * 60),
      category: entry.category ?? null,
      place: entry.place === undefined || entry.place.trim() === '' ? null : entry.place.trim(),
      coachId: entry.coachId,
      correctionOf: entry.correctionOf ?? null,
    }))
    .sort((a, b) => (a.date === b.date ? compare(a.id, b.id) : compare(a.date, b.date)))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The months (YYYY-MM, newest first) the hours log has entries in. */
export function monthsWithEntries(hours: HoursLog): string[] {
  return [...new Set(hoursEntriesOf(hours).map((entry) => monthOf(entry.date)))].sort().reverse()
}

/** The exact string whose SHA-256 is a month's hash: the entries as JSON with a fixed key order. */
export function monthEntriesHashInput(entries: readonly MonthEntry[]): string {
  return JSON.stringify(
    entries.map((entry) => [entry.id, entry.date, entry.minutes, entry.category, entry.place, entry.coachId, entry.correctionOf]),
  )
}

/** What Node (≥ 20) and browsers both offer; shared/ is typed without DOM or Node types. */
const webCrypto = globalThis as unknown as {
  crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } }
  TextEncoder: new () => { encode(text: string): Uint8Array }
}

/** Hex SHA-256 of a month's canonical entries (Web Crypto: the same in Node and the browser). */
export async function monthEntriesHash(entries: readonly MonthEntry[]): Promise<string> {
  const digest = await webCrypto.crypto.subtle.digest('SHA-256', new webCrypto.TextEncoder().encode(monthEntriesHashInput(entries)))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The total of a month's entries in minutes. */
export function monthMinutes(entries: readonly MonthEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.minutes, 0)
}
