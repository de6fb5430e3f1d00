/**
 * The retention rule of a closed case (issue 10): it is erased the same
 * instant `years` calendar years after it was closed. Pure, so the API's
 * case detail, the export and the retention sweep read one rule.
 */

/** When a case closed at `closedAt` is erased. */
export function retentionEndsAt(closedAt: string, years: number): string {
  const end = new Date(closedAt)
  end.setUTCFullYear(end.getUTCFullYear() + years)
  return end.toISOString()
}
