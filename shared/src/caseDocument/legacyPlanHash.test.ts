import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { legacyPlanHashInputs } from './legacyPlanHash.js'
import { migrateDoc } from './migrations.js'
import { goalText, planApproach, planGoals, planMeta, planMetaText, PlanSchemaVersion } from './plan.js'
import { planContentHashInput } from './planContent.js'

/**
 * The v1 app's hash input, written out here on its own (8b30908's
 * planContent.ts): keys sorted at every level, the whole plan as stored.
 */
function v1HashInput(doc: Y.Doc): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, entry]) => entry !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, entry]) => [key, sorted(entry)]),
          )
        : value
  const maps = (array: Y.Array<unknown>): unknown[] => array.toArray().map((entry) => (entry instanceof Y.Map ? entry.toJSON() : null))
  return JSON.stringify(
    sorted({
      structured: { meta: planMeta(doc).toJSON(), goals: maps(doc.getArray('goals')), participants: maps(doc.getArray('participants')) },
      approach: planApproach(doc).toJSON(),
    }),
  )
}

/** A plan as the v1 app wrote it: plain strings, no employer or workplace set, one goal, an approach. */
function v1Plan(): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    const meta = planMeta(doc)
    meta.set('schemaVersion', 1)
    meta.set('title', 'Kasse Markt Süd')
    meta.set('currentPhase', 'analysis')
    meta.set('hoursBudget', 40)
    const goal = new Y.Map<unknown>()
    for (const [key, value] of Object.entries({
      id: 'g1',
      title: 'Kasse allein',
      specific: 'Waren scannen',
      measurable: '20 Kunden',
      achievable: 'mit Checkliste',
      relevant: 'Übernahme',
      responsible: 'Frau Kaya',
      status: 'open',
    })) {
      goal.set(key, value)
    }
    planGoals(doc).push([goal])
    planApproach(doc).insert(0, [new Y.XmlText('Schrittweise Einarbeitung.')])
  })
  return doc
}

function copy(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  return other
}

describe('the v1 plan hash of agreements from before the agreed-content hash', () => {
  it('is found for the unchanged plan, in v1 and after the migration to v2', () => {
    const agreed = v1Plan()
    const stored = v1HashInput(agreed)
    expect(legacyPlanHashInputs(agreed)).toContain(stored)
    const migrated = copy(agreed)
    migrateDoc('plan', migrated)
    expect(planMeta(migrated).get('schemaVersion')).toBe(PlanSchemaVersion)
    // The migration created employerName and workplace empty; v1 had them absent.
    expect(planMetaText(migrated, 'employerName')?.toString()).toBe('')
    expect(legacyPlanHashInputs(migrated)).toContain(stored)
  })

  it('is found after progress only: a closed phase and a goal status', () => {
    const agreed = v1Plan()
    const stored = v1HashInput(agreed)
    const now = copy(agreed)
    migrateDoc('plan', now)
    now.transact(() => {
      planMeta(now).set('currentPhase', 'selfIntegration')
      planGoals(now).get(0).set('status', 'achieved')
    })
    expect(v1HashInput(now)).not.toBe(stored)
    expect(legacyPlanHashInputs(now)).toContain(stored)
    // The agreed-content hash did not change either.
    expect(planContentHashInput(now)).toBe(planContentHashInput(agreed))
  })

  it('is not found when agreed content changed: a goal text, the hours budget, the approach', () => {
    const agreed = v1Plan()
    const stored = v1HashInput(agreed)
    const changes: Array<(doc: Y.Doc) => void> = [
      (doc) => goalText(planGoals(doc).get(0), 'measurable')?.insert(0, 'mindestens '),
      (doc) => planMeta(doc).set('hoursBudget', 60),
      (doc) => planApproach(doc).insert(0, [new Y.XmlText('Neu: ')]),
    ]
    for (const change of changes) {
      const now = copy(agreed)
      migrateDoc('plan', now)
      change(now)
      expect(legacyPlanHashInputs(now)).not.toContain(stored)
    }
  })

  it('is not found when the title changed (it was part of the v1 hash and cannot be guessed back)', () => {
    const agreed = v1Plan()
    const stored = v1HashInput(agreed)
    const now = copy(agreed)
    migrateDoc('plan', now)
    planMetaText(now, 'title')?.insert(0, 'Neu: ')
    expect(legacyPlanHashInputs(now)).not.toContain(stored)
  })
})
