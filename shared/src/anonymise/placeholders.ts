/**
 * Stable placeholders: one per identifier key, lettered per label in order of
 * registration (Person A, Person B, …, Person Z, Person AA, …). The same key
 * always gets the same placeholder within one copy.
 */
import type { ReplacementKind } from '../caseDocument/supervisionCopy.js'

/** The German word in front of the letter, per kind of placeholder. */
export const PlaceholderLabels = {
  person: 'Person',
  /** The employer and the workplace. */
  business: 'Betrieb',
  /** Other organisations (a participant's organisation, an extra identifier of kind organisation). */
  organisation: 'Organisation',
  place: 'Ort',
  identifier: 'Angabe',
  email: 'E-Mail',
  phone: 'Telefon',
  iban: 'IBAN',
  dateOfBirth: 'Geburtsdatum',
  address: 'Adresse',
} as const
export type PlaceholderLabel = keyof typeof PlaceholderLabels

/** What replaces text the reviewing coach marked. */
export const RedactionPlaceholder = '[geschwärzt]'

/** Used for a date when the case has no start date to count weeks from. */
export const UndatedPlaceholder = '[Datum]'

/** A, B, …, Z, AA, AB, … (bijective base 26) for 0, 1, 2, … */
export function placeholderLetters(index: number): string {
  let letters = ''
  let rest = index + 1
  while (rest > 0) {
    const digit = (rest - 1) % 26
    letters = String.fromCharCode(65 + digit) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  return letters
}

/** One entry of the legend: which source identifier a placeholder stands for. */
export interface LegendEntry {
  placeholder: string
  kind: ReplacementKind
  /** The identifier as the case knows it (a full name, the employer's name). */
  identifier: string
}

/** Hands out placeholders; one registry per copy. */
export class PlaceholderRegistry {
  private readonly byKey = new Map<string, string>()
  private readonly counts = new Map<PlaceholderLabel, number>()
  readonly legend: LegendEntry[] = []

  /** The placeholder of `key`, lettered under `label` the first time the key is seen. */
  placeholderFor(key: string, label: PlaceholderLabel): string {
    const known = this.byKey.get(key)
    if (known !== undefined) {
      return known
    }
    const count = this.counts.get(label) ?? 0
    this.counts.set(label, count + 1)
    const placeholder = `${PlaceholderLabels[label]} ${placeholderLetters(count)}`
    this.byKey.set(key, placeholder)
    return placeholder
  }

  /** Like {@link placeholderFor}, and records the identifier in the legend when the key is new. */
  register(key: string, label: PlaceholderLabel, kind: ReplacementKind, identifier: string): string {
    const isNew = !this.byKey.has(key)
    const placeholder = this.placeholderFor(key, label)
    if (isNew) {
      this.legend.push({ placeholder, kind, identifier })
    }
    return placeholder
  }

  /** The placeholder of a key registered before, if any. */
  get(key: string): string | undefined {
    return this.byKey.get(key)
  }
}
