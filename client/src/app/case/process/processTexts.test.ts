/** Every code the process rules produce has a German and an English text. */
import { describe, expect, it } from 'vitest'
import { MeetingKinds, OutcomeKinds } from '../../../../../shared/src/caseDocument/notes.js'
import { CompletenessCodes } from '../../../../../shared/src/process/completeness.js'
import { SmartWarningCodes } from '../../../../../shared/src/process/smartWarnings.js'
import { buildResources } from '../../../testing/allTexts.js'

const resources = buildResources()
const de = resources.de.translation
const en = resources.en.translation

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') {
    return [prefix]
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) => keysOf(entry, prefix ? `${prefix}.${key}` : key))
}

function text(bundle: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), bundle)
}

describe('process texts', () => {
  it('has the same keys in German and English', () => {
    expect(keysOf(en.process).sort()).toEqual(keysOf(de.process).sort())
  })

  it('has a text for every code the rules produce, in both languages', () => {
    const paths = [
      ...SmartWarningCodes.map((code) => `process.warning.${code}`),
      ...CompletenessCodes.map((code) => `process.missing.${code}`),
      ...['midtermDue', 'finalDue', 'finalOverdue'].map((code) => `process.reminder.${code}`),
      ...OutcomeKinds.map((kind) => `report.outcomeKind.${kind}`),
      ...MeetingKinds.map((kind) => `process.meetingKind.${kind}`),
      ...['specific', 'measurable', 'achievable', 'relevant', 'timeBound'].map((key) => `process.smartHint.${key}`),
      ...['notCurrentPhase', 'lastPhase', 'noGoals', 'goalNotReviewed'].map((code) => `process.close.${code}`),
    ]
    for (const bundle of [de, en]) {
      const missing = paths.filter((path) => typeof text(bundle, path) !== 'string' || (text(bundle, path) as string).trim() === '')
      expect(missing).toEqual([])
    }
  })

  it('uses the German labels the coaches know', () => {
    expect(de.process.meetingKind).toEqual({ midterm: 'Zwischengespräch', final: 'Abschlussgespräch', other: 'weiteres Gespräch', progress: 'Standortgespräch' })
    expect(de.process.smartHint.specific).toBe('Was genau soll erreicht werden?')
    expect(de.process.smartHint.measurable).toBe('Woran erkennen wir es? (Zahl, Häufigkeit)')
    expect(de.process.tabs).toEqual({ process: 'Verlauf', meetings: 'Gespräche', hours: 'Stunden' })
  })
})
