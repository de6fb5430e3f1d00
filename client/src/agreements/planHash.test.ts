import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addGoal, emptyGoal, initPlanDoc, planApproach, setPlanMetaField } from '../../../shared/src/caseDocument/plan.js'
import { planContentHashInput } from '../../../shared/src/caseDocument/planContent.js'
import { planHash, sha256Hex } from './planHash.js'

/** A fixed plan: same content on every run (goal ids are fixed). */
function fixture(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  setPlanMetaField(doc, 'hoursBudget', 120)
  setPlanMetaField(doc, 'startDate', '2026-03-02')
  addGoal(doc, { ...emptyGoal('goal-1'), title: 'Kasse selbstständig bedienen', measurable: 'Drei Schichten ohne Hilfe' })
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Zwei Besuche pro Woche, Übergänge üben.')])
  planApproach(doc).insert(0, [paragraph])
  return doc
}

describe('sha256Hex', () => {
  it('is the standard SHA-256 of the UTF-8 bytes', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await sha256Hex('Maßnahme')).toBe(createHash('sha256').update('Maßnahme', 'utf8').digest('hex'))
  })
})

describe('planHash', () => {
  it('equals the known SHA-256 of planContentHashInput for a fixture', async () => {
    const doc = fixture()
    const expected = createHash('sha256').update(planContentHashInput(doc), 'utf8').digest('hex')
    expect(await planHash(doc)).toBe(expected)
    // Pinned, so a change of the canonical form is noticed (the server's stored hashes depend on it).
    expect(await planHash(doc)).toBe('1cf516f3c76093ef95fa8714c2ec034c295a99c88da9cab6622fffdb31c43a0b')
  })

  it('changes with the approach text and is the same on a replica', async () => {
    const doc = fixture()
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
    expect(await planHash(replica)).toBe(await planHash(doc))
    const before = await planHash(doc)
    planApproach(doc).insert(0, [new Y.XmlText('!')])
    expect(await planHash(doc)).not.toBe(before)
  })
})
