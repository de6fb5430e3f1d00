// @vitest-environment jsdom
/**
 * German is bundled; de-CH and English are loaded when a language is
 * chosen (i18n/index.ts), and a change of the service's coachee term
 * reaches every language loaded so far.
 */
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { applyServiceSettings } from './index.js'

describe('UI languages loaded on demand', () => {
  it('starts with German only, loads English and de-CH when chosen, and rebuilds them all for a new coachee term', async () => {
    expect(i18next.language).toBe('de')
    expect(i18next.hasResourceBundle('de', 'translation')).toBe(true)
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false)
    expect(i18next.hasResourceBundle('de-CH', 'translation')).toBe(false)

    await i18next.changeLanguage('en')
    expect(i18next.t('header.logout')).toBe('Log out')
    expect(i18next.t('roles.coachee')).toBe('Coachee')
    await i18next.changeLanguage('de-CH')
    // An overlay: Swiss words where they differ, German for the rest.
    expect(i18next.t('roles.employer')).toBe('Arbeitgebende')
    expect(i18next.t('header.logout')).toBe('Abmelden')

    applyServiceSettings({ country: 'CH', coacheeTerm: 'klient', currency: 'CHF' })
    await i18next.changeLanguage('de-CH')
    expect(i18next.t('roles.coachee')).toBe('Klient/-in')
    await i18next.changeLanguage('en')
    expect(i18next.t('roles.coachee')).toBe('Client')
    await i18next.changeLanguage('de')
    expect(i18next.t('roles.coachee')).toBe('Klient/-in')
  })
})
