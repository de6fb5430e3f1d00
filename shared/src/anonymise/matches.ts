/**
 * Candidates for replacement found in a text, and choosing which of
 * overlapping candidates win.
 */
import type { ReplacementKind } from '../caseDocument/supervisionCopy.js'

/** A span of a text that some detector wants replaced. */
export interface Candidate {
  start: number
  end: number
  kind: ReplacementKind
  /** Breaks ties between candidates of the same length: lower wins. */
  priority: number
  /**
   * The replacement text. Called only for the candidates that win, so a
   * pattern-found identifier is lettered (E-Mail A, …) in order of its
   * appearance in the copy and a losing candidate uses up no letter.
   */
  resolve: () => string
}

/** Finds candidates in one (clean) text. */
export interface Detector {
  find(text: string): Candidate[]
}

/** Tie-break order: identifiers the case knows before anything found by pattern. */
export const Priority = {
  person: 0,
  business: 1,
  organisation: 2,
  extra: 3,
  email: 4,
  iban: 5,
  dateOfBirth: 6,
  address: 7,
  postalCode: 8,
  date: 9,
  phone: 10,
} as const

/**
 * The candidates to apply, sorted by position and not overlapping: the
 * longest candidate wins (an e-mail address over the name inside it, "Frau
 * Lange" over "Lange", "geb. 03.04.1988" over the date), then the lower
 * priority, then the earlier start.
 */
export function chooseCandidates(candidates: readonly Candidate[]): Candidate[] {
  const ordered = candidates
    .filter((candidate) => candidate.end > candidate.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.priority - b.priority || a.start - b.start)
  const chosen: Candidate[] = []
  for (const candidate of ordered) {
    if (chosen.every((other) => candidate.end <= other.start || candidate.start >= other.end)) {
      chosen.push(candidate)
    }
  }
  return chosen.sort((a, b) => a.start - b.start)
}

/** All matches of a global regular expression, as [start, end, match]. */
export function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  if (!pattern.global) {
    throw new Error(`matchesOf needs a global pattern: ${pattern.source}`)
  }
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '') {
      pattern.lastIndex++
      continue
    }
    yield match
  }
}
