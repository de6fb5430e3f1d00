/**
 * The installation's country settings in the client (issue 19 point 9):
 * learnt from `GET /api/setup` (public, before login) and kept in
 * localStorage, so the next start (also offline) begins in the service's
 * language, coachee term and currency at once.
 */
import { ServiceSettings, type ServiceCountry } from '../../../shared/src/api/service.js'
import type { Currency } from '../../../shared/src/api/funding.js'

const storageKey = 'fallbuch:service'

/** The settings last learnt from the server, or null before the first answer. */
export function cachedServiceSettings(): ServiceSettings | null {
  if (typeof localStorage === 'undefined') {
    return null
  }
  try {
    const parsed = ServiceSettings.safeParse(JSON.parse(localStorage.getItem(storageKey) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Remembers the server's settings for the next start. */
export function storeServiceSettings(settings: ServiceSettings): void {
  localStorage.setItem(storageKey, JSON.stringify(settings))
}

/** The service's country (DE until the server said otherwise). */
export function serviceCountry(): ServiceCountry {
  return cachedServiceSettings()?.country ?? 'DE'
}

/** The currency a new money value starts in: the service's (CHF in Switzerland). */
export function serviceCurrency(): Currency {
  return cachedServiceSettings()?.currency ?? 'EUR'
}
