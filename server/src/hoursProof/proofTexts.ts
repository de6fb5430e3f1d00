/**
 * The German texts and number formats of the downloadable proof of hours
 * (PDF and CSV, issue 18): a funding body reads them, so they are German
 * like the app's default language; categories come from the shared labels.
 */
import type { MonthProofReply, ProofEntry } from '../../../shared/src/api/hoursProof.js'
import { HoursCategory } from '../../../shared/src/caseDocument/hoursCategories.js'
import { caseLabels } from '../../../shared/src/labels/caseLabels.js'
import { fundingLabels } from '../../../shared/src/labels/fundingLabels.js'

const categories = fundingLabels('de').hoursCategory
const roles = caseLabels('de').roles

/** 1.5 -> "1,50" (hours with two decimals, German decimal comma). */
export function germanHours(minutes: number): string {
  return (minutes / 60).toFixed(2).replace('.', ',')
}

/** 2026-03-10 -> "10.03.2026". */
export function germanDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`
}

/** 2026-03 -> "03/2026". */
export function germanMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`
}

/** An ISO time as "10.03.2026, 14:05 UTC" (the server knows no reader's zone). */
export function germanTime(iso: string): string {
  return `${germanDate(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`
}

export function categoryText(category: string | null): string {
  const parsed = HoursCategory.safeParse(category)
  return parsed.success ? categories[parsed.data] : '—'
}

/** "Korrektur zu 03.03.2026" for a correction, else empty. */
export function correctionText(entry: Pick<ProofEntry, 'correction' | 'correctionOfDate'>): string {
  if (!entry.correction) {
    return ''
  }
  return entry.correctionOfDate === null ? 'Korrektur' : `Korrektur zu ${germanDate(entry.correctionOfDate)}`
}

/** One line per confirmation: "Bestätigt von Anna Berg (Arbeitgeber) am 02.04.2026, 09:00 UTC". */
export function confirmationLines(proof: Pick<MonthProofReply, 'confirmations'>): string[] {
  return proof.confirmations.map(
    (confirmation) =>
      `Bestätigt von ${confirmation.name} (${roles[confirmation.role]}) am ${germanTime(confirmation.confirmedAt)}${confirmation.current ? '' : ' – für einen früheren Stand vor einer Korrektur'}`,
  )
}
