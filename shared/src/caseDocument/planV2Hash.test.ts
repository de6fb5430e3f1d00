import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planV2, v2AgreedHashInput } from '../../../test/helpers/planV2.js'
import { migrateDoc } from './migrations.js'
import { goalText, planGoals, planMeta, planParticipants, PlanSchemaVersion } from './plan.js'
import { planContentHashInput } from './planContent.js'
import { v2PlanHashInputs } from './planV2Hash.js'

function migratedCopy(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  migrateDoc('plan', other)
  return other
}

describe('the agreed-content hash of plan v2, after the v3 migration (issue 16)', () => {
  it('changes with the migration for a plan with participants (the reason the agreements need re-stamping)', () => {
    const agreed = planV2()
    const migrated = migratedCopy(agreed)
    expect(planMeta(migrated).get('schemaVersion')).toBe(PlanSchemaVersion)
    expect(planContentHashInput(migrated)).not.toBe(v2AgreedHashInput(agreed))
  })

  it('is found again for the unchanged plan: participants with and without a role text, one naming a member', () => {
    const agreed = planV2()
    const stored = v2AgreedHashInput(agreed)
    const migrated = migratedCopy(agreed)
    expect(v2PlanHashInputs(migrated)).toContain(stored)
  })

  it('is found after progress only (phase, goal status)', () => {
    const agreed = planV2()
    const stored = v2AgreedHashInput(agreed)
    const now = migratedCopy(agreed)
    now.transact(() => {
      planMeta(now).set('currentPhase', 'intervention')
      planGoals(now).get(0).set('status', 'achieved')
    })
    expect(v2PlanHashInputs(now)).toContain(stored)
  })

  it('is not found when agreed content changed since: a goal text, a function, a role picked anew', () => {
    const agreed = planV2()
    const stored = v2AgreedHashInput(agreed)
    const changes: Array<(doc: Y.Doc) => void> = [
      (doc) => goalText(planGoals(doc).get(0), 'measurable')?.insert(0, 'mindestens '),
      (doc) => (planParticipants(doc).get(1).get('function') as Y.Text).insert(0, 'stellv. '),
      // The migration read "Schichtleitung" as 'other'; someone picked SBV since: the person never agreed to that.
      (doc) => planParticipants(doc).get(1).set('role', 'sbv'),
    ]
    for (const change of changes) {
      const now = migratedCopy(agreed)
      change(now)
      expect(v2PlanHashInputs(now)).not.toContain(stored)
    }
  })

  it('is none for a plan without participants (nothing changed; the current hash is the v2 one)', () => {
    const doc = new Y.Doc()
    migrateDoc('plan', doc)
    expect(v2PlanHashInputs(doc)).toEqual([planContentHashInput(doc)])
  })
})
