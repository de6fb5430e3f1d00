import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { agreementPartsIssues, planAgreementParts, PlanAgreementPartsMap, readAgreementParts, setAgreementPart } from './agreementParts.js'
import { addGoal, addParticipant, emptyGoal, initPlanDoc, planApproach, setGoalField, setPlanMetaField } from './plan.js'
import { planContentHashInput } from './planContent.js'
import { changedPaths, checkChangedRoots } from './roomSchemas.js'
import { mayChangePath } from '../policy/documentEdits.js'

/** The example case's plan, without the A6 parts. */
function examplePlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  setPlanMetaField(doc, 'startDate', '2026-03-02')
  setPlanMetaField(doc, 'expectedEndDate', '2026-09-30')
  setPlanMetaField(doc, 'hoursBudget', 120)
  addGoal(doc, emptyGoal('g1'))
  setGoalField(doc, 'g1', 'title', 'Scannt 18 Artikel pro Minute')
  setGoalField(doc, 'g1', 'timeBound', '2026-06-30')
  addParticipant(doc, { id: 'p1', name: 'Ali Demir', role: 'colleagueMentor', function: 'Schichtleitung', organisation: 'Frischmarkt Nord' })
  planApproach(doc).insert(0, [new Y.XmlText('Drei Besuche')])
  return doc
}

/**
 * What this plan's hash input was before the A6 parts existed (computed with
 * the code of main before issue 19's A6): agreements given then must stay valid.
 */
const HashInputBeforeA6 =
  '{"agreed":{"duration":{"expectedEndDate":"2026-09-30","startDate":"2026-03-02"},"goals":[{"achievable":"","id":"g1","measurable":"","relevant":"","responsible":"","specific":"","timeBound":"2026-06-30","title":"Scannt 18 Artikel pro Minute"}],"hoursBudget":120,"participants":[{"function":"Schichtleitung","id":"p1","name":"Ali Demir","organisation":"Frischmarkt Nord","role":"colleagueMentor"}]},"approach":"Drei Besuche"}'

describe('the Swiss agreement parts in the plan (A6)', () => {
  it('leave the hash of a plan without them as it was before they existed', () => {
    expect(planContentHashInput(examplePlan())).toBe(HashInputBeforeA6)
  })

  it('leave the hash unchanged while every part is empty (an opened, untouched form)', () => {
    const doc = examplePlan()
    setAgreementPart(doc, 'pay', '')
    planAgreementParts(doc).set('colleagues', new Y.Text())
    expect(planContentHashInput(doc)).toBe(HashInputBeforeA6)
  })

  it('are covered by the hash once filled: every part changes it, and emptying them restores it', () => {
    const doc = examplePlan()
    const seen = new Set<string>([planContentHashInput(doc)])
    setAgreementPart(doc, 'employerCommitments', 'Keine Frühschicht vor 8 Uhr')
    seen.add(planContentHashInput(doc))
    setAgreementPart(doc, 'companyContact', 'Ali Demir, Schichtleitung')
    seen.add(planContentHashInput(doc))
    setAgreementPart(doc, 'pay', 'Branchenüblicher Lohn, 80 %')
    seen.add(planContentHashInput(doc))
    setAgreementPart(doc, 'colleagues', 'Das Team erfährt im Teamgespräch vom Einsatz')
    seen.add(planContentHashInput(doc))
    setAgreementPart(doc, 'coachContacts', 'Zwei Besuche pro Monat')
    seen.add(planContentHashInput(doc))
    expect(seen.size).toBe(6)
    for (const key of ['employerCommitments', 'companyContact', 'pay', 'colleagues', 'coachContacts'] as const) {
      setAgreementPart(doc, key, '')
    }
    expect(planContentHashInput(doc)).toBe(HashInputBeforeA6)
  })

  it('merge what two people type into the same part', () => {
    const a = examplePlan()
    setAgreementPart(a, 'pay', 'Lohn')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setAgreementPart(a, 'pay', 'Lohn: 3800 CHF')
    setAgreementPart(b, 'pay', 'Lohn ab Mai')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readAgreementParts(a).pay).toBe(readAgreementParts(b).pay)
    expect(readAgreementParts(a).pay).toContain(': 3800 CHF')
    expect(readAgreementParts(a).pay).toContain(' ab Mai')
  })

  it('is a root the relay accepts, and refuses a key that is no part or a plain string', () => {
    const doc = examplePlan()
    const check = (change: (doc: Y.Doc) => void) => {
      const seen: { refusal: ReturnType<typeof checkChangedRoots> } = { refusal: null }
      doc.once('afterTransaction', (transaction: Y.Transaction) => {
        seen.refusal = checkChangedRoots('plan', doc, changedPaths(doc, transaction.changed))
      })
      doc.transact(() => change(doc))
      return seen.refusal
    }
    expect(check((d) => setAgreementPart(d, 'pay', '3800 CHF'))).toBeNull()
    expect(check((d) => planAgreementParts(d).set('salaryOfOthers', new Y.Text('x')))?.reason).toBe('invalid')
    expect(check((d) => planAgreementParts(d).set('coachContacts', 'plain string'))?.reason).toBe('invalid')
    expect(agreementPartsIssues(doc).length).toBeGreaterThan(0)
  })

  it('may be changed by an employer who co-edits the plan (they sign it), like goals and approach', () => {
    expect(mayChangePath('plan', 'employer', { root: PlanAgreementPartsMap })).toBe(true)
    expect(mayChangePath('plan', 'employer', { root: 'meta', key: 'hoursBudget' })).toBe(false)
  })
})
