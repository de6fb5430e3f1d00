import i18next from 'i18next'
import resourcesToBackend from 'i18next-resources-to-backend'
import { initReactI18next } from 'react-i18next'
import { defaultLanguageOf, type ServiceSettings } from '../../../shared/src/api/service.js'
import { germanTexts, textsOf } from './resources.js'
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

/*
 * German is bundled; de-CH and English come through i18next's backend when
 * a language needs them (also on `changeLanguage`, which switches once they
 * are loaded), so the start neither parses English nor builds the Swiss
 * texts for everyone. Until a start language's texts are there,
 * react-i18next suspends the first render, so no German shows first
 * (test/e2e/language.test.ts).
 */
void i18next
  .use(
    resourcesToBackend((language: string) => {
      const texts = textsOf(language, coacheeTerm)
      // Built again once loaded: the coachee term may have changed meanwhile (the server's settings arrived).
      return texts instanceof Promise ? texts.then(() => textsOf(language, coacheeTerm)) : texts
    }),
  )
  .use(initReactI18next)
  .init({
    resources: { de: { translation: germanTexts(coacheeTerm) } },
    partialBundledLanguages: true,
    // With the German texts bundled a German start is ready at once (no timer before the first render).
    initAsync: false,
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
    rebuildLoadedTexts()
    // Re-renders every translated text (the bundles changed under the same language).
    void i18next.changeLanguage(i18next.language)
  }
  const language = chosenLanguage() ?? defaultLanguageOf(settings.country)
  if (language !== i18next.language) {
    void i18next.changeLanguage(language)
  }
}

/** Builds the loaded languages' texts again with the current coachee term. */
function rebuildLoadedTexts(): void {
  for (const language of Languages) {
    if (!i18next.hasResourceBundle(language, 'translation')) {
      continue
    }
    // Loaded once, so at hand now (resources.ts); a language still loading gets the new term from the backend.
    const texts = textsOf(language, coacheeTerm)
    if (!(texts instanceof Promise)) {
      i18next.removeResourceBundle(language, 'translation')
      i18next.addResourceBundle(language, 'translation', texts, true, true)
    }
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
