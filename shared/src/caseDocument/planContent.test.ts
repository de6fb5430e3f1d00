import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addGoal, emptyGoal, initPlanDoc, planApproach, setPlanMetaField } from './plan.js'
import { planContentHashInput } from './planContent.js'

function plan(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  return doc
}

describe('planContentHashInput', () => {
  it('is the same on two replicas that reached the same content by different edits', () => {
    const a = plan()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setPlanMetaField(a, 'hoursBudget', 120)
    setPlanMetaField(a, 'startDate', '2026-03-02')
    setPlanMetaField(b, 'startDate', '2026-03-02')
    setPlanMetaField(b, 'hoursBudget', 80)
    setPlanMetaField(b, 'hoursBudget', 120)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(planContentHashInput(a)).toBe(planContentHashInput(b))
  })

  it('changes when a goal, a frame value or the approach text changes', () => {
    const doc = plan()
    const seen = new Set([planContentHashInput(doc)])
    addGoal(doc, emptyGoal('g1'))
    seen.add(planContentHashInput(doc))
    setPlanMetaField(doc, 'hoursBudget', 120)
    seen.add(planContentHashInput(doc))
    planApproach(doc).insert(0, [new Y.XmlText('Drei Besuche')])
    seen.add(planContentHashInput(doc))
    expect(seen.size).toBe(4)
  })

  it('does not change when text is typed and deleted again', () => {
    const doc = plan()
    const text = new Y.XmlText('Besuche')
    planApproach(doc).insert(0, [text])
    const before = planContentHashInput(doc)
    text.insert(7, ' am Montag')
    text.delete(7, 10)
    expect(planContentHashInput(doc)).toBe(before)
  })
})
