/**
 * Invoice numbers (issue 18): one sequence per calendar year of issue, shared
 * by invoices and cancellations (Storno), without gaps — § 14 UStG asks for a
 * unique, consecutive number. The server allocates the next number inside
 * the issuing transaction (storage/invoices/invoiceStore.ts), so a failed
 * issue gives no number away.
 */

/** Digits of the running part: 99,999 documents a year. */
export const InvoiceSequenceDigits = 5

/** The number of the `seq`-th document of `year`, e.g. `2026-00042`. */
export function formatInvoiceNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || !Number.isInteger(seq) || seq < 1 || seq >= 10 ** InvoiceSequenceDigits) {
    throw new RangeError(`invoice number out of range: ${year}/${seq}`)
  }
  return `${year}-${String(seq).padStart(InvoiceSequenceDigits, '0')}`
}

/** Year and running number of a formatted number; null when it is none. */
export function parseInvoiceNumber(number: string): { year: number; seq: number } | null {
  const match = /^(\d{4})-(\d{5})$/.exec(number)
  if (match === null || Number(match[2]) < 1) {
    return null
  }
  return { year: Number(match[1]), seq: Number(match[2]) }
}

/** The year an invoice issued at `issuedAt` (ISO time, UTC) is numbered in. */
export function invoiceYear(issuedAt: string): number {
  return Number(issuedAt.slice(0, 4))
}

/**
 * The gaps and duplicates in a list of numbers, per year (an audit of the
 * sequence: both lists are empty for a sound one). A year's sequence starts
 * at 1.
 */
export function sequenceFaults(numbers: readonly string[]): { missing: string[]; duplicates: string[] } {
  const byYear = new Map<number, number[]>()
  const seen = new Set<string>()
  const duplicates: string[] = []
  for (const number of numbers) {
    const parsed = parseInvoiceNumber(number)
    if (parsed === null) {
      continue
    }
    if (seen.has(number)) {
      duplicates.push(number)
      continue
    }
    seen.add(number)
    byYear.set(parsed.year, [...(byYear.get(parsed.year) ?? []), parsed.seq])
  }
  const missing: string[] = []
  for (const [year, seqs] of [...byYear].sort(([a], [b]) => a - b)) {
    const present = new Set(seqs)
    for (let seq = 1; seq <= Math.max(...seqs); seq += 1) {
      if (!present.has(seq)) {
        missing.push(formatInvoiceNumber(year, seq))
      }
    }
  }
  return { missing, duplicates }
}

/** Initials of a person's name for an invoice line ("Anna Maria Beispiel" -> "A. M. B."); minimised: nothing else of the coachee. */
export function initialsOf(name: string): string {
  const parts = name
    .trim()
    .split(/[\s-]+/u)
    .filter((part) => part.length > 0)
  return parts.map((part) => `${[...part][0]?.toLocaleUpperCase('de') ?? ''}.`).join(' ')
}
