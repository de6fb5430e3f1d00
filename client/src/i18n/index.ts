import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { defaultLanguageOf, type ServiceSettings } from '../../../shared/src/api/service.js'
import { buildResources } from './resources.js'
import { cachedServiceSettings, storeServiceSettings } from './serviceSettings.js'

/** Languages of the UI; German first, Swiss Standard German (de-CH) for Swiss services. */
export const Languages = ['de', 'de-CH', 'en'] as const
export type Language = (typeof Languages)[number]

const storageKey = 'fallbuch:language'

/** The language the user chose in the header, or null while they never did. */
function chosenLanguage(): Language | null {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey)
  return (Languages as readonly (string | null)[]).includes(stored) ? (stored as Language) : null
}

/** Switches the UI language by the user's choice, persists it (it wins over the service's default) and sets `<html lang>`. */
export function setLanguage(language: Language): void {
  localStorage.setItem(storageKey, language)
  void i18next.changeLanguage(language)
}

const cached = cachedServiceSettings()
let coacheeTerm = cached?.coacheeTerm ?? 'coachee'

void i18next.use(initReactI18next).init({
  resources: buildResources(coacheeTerm),
  // A user's own choice wins; otherwise the language of the service's country (issue 19).
  lng: chosenLanguage() ?? (cached ? defaultLanguageOf(cached.country) : 'de'),
  // de-CH holds only the texts that differ from German (resources.ts).
  fallbackLng: { 'de-CH': ['de'], default: ['de'] },
  interpolation: { escapeValue: false },
})

/**
 * Takes the server's settings: the coachee term for every text, and the
 * country's language unless the user chose one. Remembered for the next start.
 */
export function applyServiceSettings(settings: ServiceSettings): void {
  storeServiceSettings(settings)
  if (settings.coacheeTerm !== coacheeTerm) {
    coacheeTerm = settings.coacheeTerm
    for (const [language, { translation }] of Object.entries(buildResources(coacheeTerm))) {
      i18next.removeResourceBundle(language, 'translation')
      i18next.addResourceBundle(language, 'translation', translation, true, true)
    }
    // Re-renders every translated text (the bundles changed under the same language).
    void i18next.changeLanguage(i18next.language)
  }
  const language = chosenLanguage() ?? defaultLanguageOf(settings.country)
  if (language !== i18next.language) {
    void i18next.changeLanguage(language)
  }
}

function applyHtmlLang(language: string): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language
  }
}
applyHtmlLang(i18next.language)
i18next.on('languageChanged', applyHtmlLang)

export default i18next
