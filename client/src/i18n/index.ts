import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { resources } from './resources.js'

/** Languages of the UI; German first, Swiss Standard German (de-CH) for Swiss services. */
export const Languages = ['de', 'de-CH', 'en'] as const
export type Language = (typeof Languages)[number]

const storageKey = 'fallbuch:language'

function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey)
  return (Languages as readonly (string | null)[]).includes(stored) ? (stored as Language) : 'de'
}

/** Switches the UI language, persists it and sets `<html lang>`. */
export function setLanguage(language: Language): void {
  localStorage.setItem(storageKey, language)
  void i18next.changeLanguage(language)
}

void i18next.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
})

function applyHtmlLang(language: string): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language
  }
}
applyHtmlLang(i18next.language)
i18next.on('languageChanged', applyHtmlLang)

export default i18next
