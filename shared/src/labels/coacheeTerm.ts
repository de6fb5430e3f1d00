/**
 * The service's word for the person coached (COACHEE_TERM, issue 19 point
 * 9): "Coachee" by default; "Klient/-in" where the service chooses it, as the
 * Swiss qualification profile writes it (der/die Klient/-in, des/der
 * Klient/-in, Klient/-innen). Derived from the texts by rules, so a new
 * text that says "Coachee" follows the setting without a second copy; the
 * client's test keeps every text free of "Coachee" under `klient`.
 */
import type { CoacheeTerm } from '../api/service.js'

/** German: the article goes double where the profile writes it so, longest forms first. */
const germanKlientRules: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bdes Coachees\b/g, 'des/der Klient/-in'],
  [/\bdem Coachee\b/g, 'dem/der Klient/-in'],
  [/\bden Coachee\b/g, 'den/die Klient/-in'],
  [/\bDer Coachee\b/g, 'Der/die Klient/-in'],
  [/\bder Coachee\b/g, 'der/die Klient/-in'],
  [/\bdie Coachee\b/g, 'die Klient/-in'],
  [/\bCoachees\b/g, 'Klient/-innen'],
  [/\bCoachee\b/g, 'Klient/-in'],
]

/** English: "client" for "coachee", keeping the capital. */
const englishClientRules: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bCoachee/g, 'Client'],
  [/\bcoachee/g, 'client'],
]

/** A text with the service's coachee term. */
export function withCoacheeTermText(text: string, term: CoacheeTerm, language: 'de' | 'en'): string {
  if (term === 'coachee') {
    return text
  }
  const rules = language === 'en' ? englishClientRules : germanKlientRules
  return rules.reduce((result, [pattern, word]) => result.replace(pattern, word), text)
}

/** A resource tree with the service's coachee term in every text. */
export function withCoacheeTerm<T>(texts: T, term: CoacheeTerm, language: 'de' | 'en'): T {
  if (term === 'coachee') {
    return texts
  }
  if (typeof texts === 'string') {
    return withCoacheeTermText(texts, term, language) as T
  }
  if (Array.isArray(texts)) {
    return texts.map((item: unknown) => withCoacheeTerm(item, term, language)) as T
  }
  if (typeof texts === 'object' && texts !== null) {
    return Object.fromEntries(Object.entries(texts).map(([key, value]) => [key, withCoacheeTerm(value, term, language)])) as T
  }
  return texts
}
