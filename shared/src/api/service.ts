/**
 * The installation's country settings (issue 19 point 9): where the service
 * works (SERVICE_COUNTRY) decides the cases' default flow (contract §8.3),
 * the default UI language and currency; COACHEE_TERM how the UI names the
 * person coached. The client learns them before login from `GET /api/setup`.
 */
import { z } from 'zod'
import { Currencies, type Currency } from './funding.js'

/** SERVICE_COUNTRY's values. */
export const ServiceCountries = ['DE', 'CH'] as const
export type ServiceCountry = (typeof ServiceCountries)[number]

/**
 * COACHEE_TERM's values: `coachee` (the profession's German word) or
 * `klient` (Klient/-in, the Swiss qualification profile's word, which many
 * services in both countries use).
 */
export const CoacheeTerms = ['coachee', 'klient'] as const
export type CoacheeTerm = (typeof CoacheeTerms)[number]

/** What the UI needs of the installation's settings, public (no case data). Older servers lack it (then DE, coachee). */
export const ServiceSettings = z.object({
  country: z.enum(ServiceCountries),
  coacheeTerm: z.enum(CoacheeTerms),
  /** The currency new money values start in (a value keeps the currency it was recorded in). */
  currency: z.enum(Currencies),
})
export type ServiceSettings = z.infer<typeof ServiceSettings>

/** The currency of a country's services: CHF in Switzerland, EUR in Germany. */
export function currencyOf(country: ServiceCountry): Currency {
  return country === 'CH' ? 'CHF' : 'EUR'
}

/** The UI language a service's people read by default: Swiss Standard German in Switzerland. */
export function defaultLanguageOf(country: ServiceCountry): 'de' | 'de-CH' {
  return country === 'CH' ? 'de-CH' : 'de'
}
