/**
 * Issue 19 point 9: the de-CH locale is complete. Every German key is
 * scanned (new keys included): its Swiss text, the overlay's or the
 * German one i18next falls back to, says nothing German-only (ß, „…“,
 * Arbeitgeber*in, Bewilligung, Leistungsträger, German
 * bodies and law; shared/src/labels/swissGerman.ts germanOnlyTerms). A
 * failure names each key and the Swiss word to use: add a rule there or
 * the text to de-CH.json.
 */
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { germanOnlyTerms } from '../../../shared/src/labels/swissGerman.js'
import swissOverlay from './de-CH.json' with { type: 'json' }
import { buildResources } from '../testing/allTexts.js'
import { flatTexts, german } from './resources.js'

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] ?? '').sort()

/** Keys whose de-CH text (own or fallen back to de) still says something German-only, with what to say instead. */
function germanLeftovers(resources: ReturnType<typeof buildResources>): string[] {
  const swiss = flatTexts(resources['de-CH'].translation)
  return Object.entries(flatTexts(resources.de.translation)).flatMap(([key, germanText]) => {
    const text = swiss[key] ?? germanText
    return germanOnlyTerms.filter((term) => term.pattern.test(text)).map((term) => `${key}: "${text}" (Swiss: ${term.swiss})`)
  })
}

describe('the de-CH locale', () => {
  const resources = buildResources()

  it('has a Swiss text for every German text with ß or a German-only term, and no stray ß anywhere', () => {
    const germanTexts = flatTexts(resources.de.translation)
    expect(Object.keys(germanTexts).length).toBeGreaterThan(1000)
    expect(germanLeftovers(resources)).toEqual([])
    const swiss = flatTexts(resources['de-CH'].translation)
    const withEszett = Object.keys(germanTexts).filter((key) => germanTexts[key]?.includes('ß'))
    expect(withEszett.length).toBeGreaterThan(20)
    expect(withEszett.filter((key) => swiss[key] === undefined)).toEqual([])
  })

  it('notices a new German text that says Arbeitgeber*in and has no Swiss word', () => {
    const grown = { ...resources, de: { translation: { ...resources.de.translation, newScreen: { hint: 'Die Arbeitgeber*innen-Liste' } } } }
    expect(germanLeftovers(grown as typeof resources)).toEqual(['newScreen.hint: "Die Arbeitgeber*innen-Liste" (Swiss: Arbeitgebende)'])
  })

  it('holds only texts that differ from German, each keeping its placeholders', () => {
    const germanTexts = flatTexts(resources.de.translation)
    for (const [key, text] of Object.entries(flatTexts(resources['de-CH'].translation))) {
      expect(germanTexts[key], key).toBeDefined()
      expect(text, key).not.toBe(germanTexts[key])
      expect(placeholders(text), key).toEqual(placeholders(germanTexts[key] ?? ''))
    }
  })

  it('rewords only keys that exist in German (de-CH.json)', () => {
    const germanTexts = flatTexts(german)
    expect(Object.keys(swissOverlay).filter((key) => germanTexts[key] === undefined)).toEqual([])
  })

  it('reads Swiss where it differs and German elsewhere', async () => {
    const t = await i18next.createInstance().init({ resources, lng: 'de-CH', fallbackLng: 'de', interpolation: { escapeValue: false } })
    expect(t('plan.heading')).toBe('Massnahmeplanung')
    expect(t('roles.employer')).toBe('Arbeitgebende')
    expect(t('funding.approvalsHeading')).toBe('Kostengutsprachen')
    expect(t('releases.own.recipientHint')).toContain('IV-Stelle')
    // The recurring Standortgespräch is its own kind; the midterm meeting is not renamed into it.
    expect(t('process.meetingKind.progress')).toBe('Standortgespräch')
    expect(t('process.meetingKind.midterm')).toBe('Zwischengespräch')
    expect(t('case.tab.notes')).toBe(flatTexts(german)['case.tab.notes'])
  })
})

describe('the coachee term (COACHEE_TERM)', () => {
  it('says Klient/-in in every German and Swiss text, and client in English, when the service chooses it', async () => {
    const resources = buildResources('klient')
    for (const language of ['de', 'de-CH'] as const) {
      const texts = Object.entries(flatTexts(resources[language].translation))
      expect(texts.filter(([, text]) => /Coachee/.test(text)).map(([key]) => `${language} ${key}`)).toEqual([])
    }
    expect(Object.entries(flatTexts(resources.en.translation)).filter(([, text]) => /\bcoachee/i.test(text))).toEqual([])
    const t = await i18next.createInstance().init({ resources, lng: 'de-CH', fallbackLng: 'de', interpolation: { escapeValue: false } })
    expect(t('roles.coachee')).toBe('Klient/-in')
    expect(t('confidentialPanel.readers')).toBe('Lesen können: die Job Coaches und der/die Klient/-in.')
    expect(germanLeftovers(resources)).toEqual([])
  })

  it('keeps "Coachee" by default', () => {
    expect(flatTexts(buildResources().de.translation)['roles.coachee']).toBe('Coachee')
  })
})
