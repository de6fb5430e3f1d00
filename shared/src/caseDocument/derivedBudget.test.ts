/** Issue 18: a plan budget the approvals make is the server's to write (the relay's check) and survives a restore. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAndCheckUpdate, type UpdateRefusal } from './checkUpdate.js'
import { initPlanDoc, isHoursBudgetDerived, planMeta, setDerivedHoursBudget, setPlanMetaField } from './plan.js'
import { restoreDocument } from './restoreDoc.js'

function judge(room: Y.Doc, edit: (client: Y.Doc) => void): UpdateRefusal | null {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  const before = Y.encodeStateVector(client)
  edit(client)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room))
  return applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(client, before), { kind: 'plan', role: 'coach' })
}

function plan(derived: number | null): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  setPlanMetaField(doc, 'hoursBudget', 100)
  if (derived !== null) {
    setDerivedHoursBudget(doc, derived)
  }
  return doc
}

describe('a derived hours budget', () => {
  it('a coach types the budget while no approval exists', () => {
    expect(judge(plan(null), (c) => setPlanMetaField(c, 'hoursBudget', 90))).toBeNull()
  })

  it('is refused to a client once the approvals make it, and the mark cannot be set or removed by a client', () => {
    expect(judge(plan(150), (c) => setPlanMetaField(c, 'hoursBudget', 90))).toMatchObject({ reason: 'derivedBudget' })
    expect(judge(plan(150), (c) => planMeta(c).delete('hoursBudgetSource'))).toMatchObject({ reason: 'derivedBudget' })
    expect(judge(plan(null), (c) => planMeta(c).set('hoursBudgetSource', 'approvals'))).toMatchObject({ reason: 'derivedBudget' })
    // Other fields stay the coaches'.
    expect(judge(plan(150), (c) => setPlanMetaField(c, 'expectedEndDate', '2026-12-31'))).toBeNull()
  })

  it('survives restoring a version from before the approvals', () => {
    const old = plan(null)
    const live = plan(150)
    restoreDocument('plan', live, old)
    expect(planMeta(live).get('hoursBudget')).toBe(150)
    expect(isHoursBudgetDerived(planMeta(live))).toBe(true)
    // Without approvals the restore brings the typed budget back as before.
    const typed = plan(null)
    setPlanMetaField(typed, 'hoursBudget', 80)
    restoreDocument('plan', typed, old)
    expect(planMeta(typed).get('hoursBudget')).toBe(100)
  })
})
