/**
 * Every UI language's i18next resources at once, for tests that compare
 * them (the app loads English and builds de-CH only when they are needed:
 * i18n/resources.ts).
 */
import type { CoacheeTerm } from '../../../shared/src/api/service.js'
import { englishTexts } from '../i18n/english.js'
import { germanTexts, swissTexts } from '../i18n/resources.js'

export function buildResources(coacheeTerm: CoacheeTerm = 'coachee') {
  return {
    de: { translation: germanTexts(coacheeTerm) },
    'de-CH': { translation: swissTexts(coacheeTerm) },
    en: { translation: englishTexts(coacheeTerm) },
  }
}
