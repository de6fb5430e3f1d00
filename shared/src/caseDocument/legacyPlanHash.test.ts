import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { legacyPlanHashInputs } from './legacyPlanHash.js'
import { migrateDoc } from './migrations.js'
import { planV1, v1PlanHashInput } from '../../../test/helpers/planV1.js'
import { goalText, planApproach, planGoals, planMeta, planMetaText, PlanSchemaVersion } from './plan.js'
import { planContentHashInput } from './planContent.js'

function copy(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  return other
}

describe('the v1 plan hash of agreements from before the agreed-content hash', () => {
  it('is found for the unchanged plan, in v1 and after the migration to v2', () => {
    const agreed = planV1({ withoutEmployer: true })
    const stored = v1PlanHashInput(agreed)
    expect(legacyPlanHashInputs(agreed)).toContain(stored)
    const migrated = copy(agreed)
    migrateDoc('plan', migrated)
    expect(planMeta(migrated).get('schemaVersion')).toBe(PlanSchemaVersion)
    // The migration created employerName and workplace empty; v1 had them absent.
    expect(planMetaText(migrated, 'employerName')?.toString()).toBe('')
    expect(legacyPlanHashInputs(migrated)).toContain(stored)
  })

  it('is found after progress only: a closed phase and a goal status', () => {
    const agreed = planV1({ withoutEmployer: true })
    const stored = v1PlanHashInput(agreed)
    const now = copy(agreed)
    migrateDoc('plan', now)
    now.transact(() => {
      planMeta(now).set('currentPhase', 'selfIntegration')
      planGoals(now).get(0).set('status', 'achieved')
    })
    expect(v1PlanHashInput(now)).not.toBe(stored)
    expect(legacyPlanHashInputs(now)).toContain(stored)
    // The agreed-content hash did not change either (compared after the same migration: v3 reshapes participants).
    const agreedMigrated = copy(agreed)
    migrateDoc('plan', agreedMigrated)
    expect(planContentHashInput(now)).toBe(planContentHashInput(agreedMigrated))
  })

  it('is not found when agreed content changed: a goal text, the hours budget, the approach', () => {
    const agreed = planV1({ withoutEmployer: true })
    const stored = v1PlanHashInput(agreed)
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
    const agreed = planV1({ withoutEmployer: true })
    const stored = v1PlanHashInput(agreed)
    const now = copy(agreed)
    migrateDoc('plan', now)
    planMetaText(now, 'title')?.insert(0, 'Neu: ')
    expect(legacyPlanHashInputs(now)).not.toContain(stored)
  })
})
