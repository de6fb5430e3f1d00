/**
 * Issue 16: no English server sentence reaches a German screen. Every reason
 * and code the server can send (shared/src/api/errorReasons.ts, common.ts:
 * the server's error factories accept nothing else) and every close code
 * shown to a user has a text in each UI language, the German ones German.
 */
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '../../../shared/src/api/common.js'
import { ErrorReasons } from '../../../shared/src/api/errorReasons.js'
import * as CloseCodes from '../../../shared/src/protocol/closeCodes.js'
import { ApiError } from '../api/errors.js'
import { closeText, closeTextKey, errorText } from '../app/errorText.js'
import { buildResources } from '../testing/allTexts.js'

const resources = buildResources()

type Tree = { readonly [key: string]: unknown }

/** A language's texts as i18next shows them: de-CH is an overlay on de (issue 19). */
function textsOf(language: keyof typeof resources): Tree {
  const own = resources[language].translation as unknown as Tree
  return language === 'de-CH' ? merged(resources.de.translation as unknown as Tree, own) : own
}

function merged(base: Tree, overlay: Tree): Tree {
  const result: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overlay)) {
    const under = base[key]
    result[key] = typeof value === 'object' && value !== null && typeof under === 'object' && under !== null ? merged(under as Tree, value as Tree) : value
  }
  return result
}

function lookup(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Tree)[key] : undefined), tree)
}

/** Every close the relay can send: the contract's codes with their reasons. */
const closes: { code: number; reason: string }[] = (Object.values(CloseCodes) as unknown[]).filter(
  (value): value is { code: number; reason: string } => typeof value === 'object' && value !== null && 'code' in value && 'reason' in value,
)

/** The i18n keys a language needs for server errors, and which of them it lacks. */
function missingErrorTexts(translation: Tree): string[] {
  const keys = [
    ...ErrorReasons.map((reason) => `errors.reason.${reason}`),
    ...ErrorCodes.map((code) => `errors.${code}`),
    ...closes.map((close) => `errors.close.${closeTextKey(close)}`),
    'errors.close.other',
  ]
  return keys.filter((key) => {
    const text = lookup(translation, key)
    return typeof text !== 'string' || text.trim() === ''
  })
}

describe('server error texts', () => {
  it('has a text for every reason, code and close code in de, de-CH and en', () => {
    expect(ErrorReasons.length).toBeGreaterThan(50)
    expect(closes.length).toBeGreaterThanOrEqual(9)
    for (const language of Object.keys(resources) as Array<keyof typeof resources>) {
      expect(missingErrorTexts(textsOf(language)), language).toEqual([])
    }
  })

  it('notices a missing text', () => {
    const german = structuredClone(resources.de.translation) as unknown as { errors: { reason: Record<string, string>; close: Record<string, string> } }
    delete german.errors.reason.consentEnded
    delete german.errors.close['4403']
    expect(missingErrorTexts(german as unknown as Tree)).toEqual(['errors.reason.consentEnded', 'errors.close.4403'])
  })

  it('writes German texts in German, not the English ones', () => {
    const en = resources.en.translation as unknown as Tree
    for (const language of ['de', 'de-CH'] as const) {
      const german = textsOf(language)
      for (const reason of ErrorReasons) {
        expect(lookup(german, `errors.reason.${reason}`), `${language} ${reason}`).not.toBe(lookup(en, `errors.reason.${reason}`))
      }
    }
  })

  it("shows the reason's German text, never the server's English message", async () => {
    const t = await i18next.createInstance().init({ resources, lng: 'de', interpolation: { escapeValue: false } })
    const closed = new ApiError(409, 'conflict', 'This case is closed and can no longer be changed', 'caseClosed')
    expect(errorText(t, closed)).toBe('Der Fall ist abgeschlossen. Er kann nicht mehr geändert werden.')
    const limited = new ApiError(429, 'rate_limited', 'Too many failed logins; try again later', 'tooManyLogins', { minutes: 15 })
    expect(errorText(t, limited)).toContain('in 15 Minuten')
    // A reason this build does not know falls back to the broad code's text.
    expect(errorText(t, new ApiError(409, 'conflict', 'Something new', 'somethingNew'))).toBe('Das steht im Widerspruch zu vorhandenen Daten.')
    expect(closeText(t, CloseCodes.UpdateRefused)).toBe('Der Server hat eine Änderung von diesem Gerät abgelehnt.')
    expect(closeText(t, CloseCodes.RateLimited)).not.toContain('rate limited')
    const swiss = await i18next.createInstance().init({ resources, lng: 'de-CH', interpolation: { escapeValue: false } })
    expect(errorText(swiss, new ApiError(400, 'invalid_request', 'x', 'tooManyRedactions', { max: 200 }))).toBe('Zu viele Schwärzungen: höchstens 200 je Kopie.')
    expect(errorText(swiss, new ApiError(404, 'not_found', 'x', 'memberNotFound'))).toBe('Diese Person gehört nicht (mehr) zum Fall.')
    expect(errorText(swiss, new ApiError(401, 'unauthenticated', 'x', 'wrongCredentials'))).toBe('E-Mail oder Passwort stimmt nicht.')
    expect(swiss('errors.reason.finalReportMissing')).toContain('schliessen')
  })
})
