import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setAgreementPart } from '../caseDocument/agreementParts.js'
import { addGoal, addParticipant, emptyGoal, initPlanDoc, planApproach, planMeta, removeGoal, setGoalField, setPlanMetaField } from '../caseDocument/plan.js'
import { planVersionContent } from '../caseDocument/versionContent.js'
import { comparablePlanOfContent, comparablePlanOfDoc, planDiff } from './planDiff.js'
import { diffText } from './textDiff.js'

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

function agreedPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  setPlanMetaField(doc, 'startDate', '2026-03-02')
  setPlanMetaField(doc, 'hoursBudget', 120)
  addGoal(doc, { ...emptyGoal('goal-1'), title: 'Kasse selbstständig bedienen', measurable: 'Drei Schichten ohne Hilfe', timeBound: '2026-06-30' })
  addGoal(doc, { ...emptyGoal('goal-2'), title: 'Pausen einhalten' })
  addParticipant(doc, { id: 'p-1', name: 'Sabine Keller', role: 'other', function: 'employer', organisation: 'Frischmarkt' })
  planApproach(doc).insert(0, [paragraph('Zwei Besuche pro Woche.')])
  return doc
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('diffText', () => {
  it('marks changed words, keeping the unchanged ones', () => {
    expect(diffText('Drei Schichten ohne Hilfe', 'Vier Schichten ohne Hilfe')).toEqual([
      { kind: 'removed', text: 'Drei' },
      { kind: 'added', text: 'Vier' },
      { kind: 'same', text: ' Schichten ohne Hilfe' },
    ])
    expect(diffText('gleich', 'gleich')).toEqual([])
  })
})

describe('planDiff', () => {
  it('finds nothing between a plan and its copy, or after progress only', () => {
    const before = agreedPlan()
    const after = copyOf(before)
    planMeta(after).set('currentPhase', 'selfIntegration')
    setGoalField(after, 'goal-1', 'status', 'achieved')
    expect(planDiff(comparablePlanOfDoc(before), comparablePlanOfDoc(after))).toEqual({ fields: [], goals: [], participants: [], agreementParts: [], changed: false })
  })

  it('reports a changed goal text word by word, a moved date, a removed and an added goal', () => {
    const before = agreedPlan()
    const after = copyOf(before)
    setGoalField(after, 'goal-1', 'measurable', 'Vier Schichten ohne Hilfe')
    setGoalField(after, 'goal-1', 'timeBound', '2026-07-31')
    removeGoal(after, 'goal-2')
    addGoal(after, { ...emptyGoal('goal-3'), title: 'Warenannahme kennenlernen' })
    const diff = planDiff(comparablePlanOfDoc(before), comparablePlanOfDoc(after))
    expect(diff.changed).toBe(true)
    expect(diff.goals.map((goal) => [goal.id, goal.change, goal.label])).toEqual([
      ['goal-2', 'removed', 'Pausen einhalten'],
      ['goal-1', 'changed', 'Kasse selbstständig bedienen'],
      ['goal-3', 'added', 'Warenannahme kennenlernen'],
    ])
    const changed = diff.goals[1]
    expect(changed?.fields.map((field) => field.field)).toEqual(['measurable', 'timeBound'])
    expect(changed?.fields[0]?.parts).toContainEqual({ kind: 'added', text: 'Vier' })
    expect(changed?.fields[1]).toMatchObject({ before: '2026-06-30', after: '2026-07-31' })
    expect(diff.goals[0]?.fields).toEqual([{ field: 'title', before: 'Pausen einhalten', after: '', parts: [{ kind: 'removed', text: 'Pausen einhalten' }] }])
  })

  it('compares the approach as text, the hours budget and participants', () => {
    const before = agreedPlan()
    const after = copyOf(before)
    planApproach(after).insert(1, [paragraph('Übergänge üben.')])
    setPlanMetaField(after, 'hoursBudget', 90)
    const diff = planDiff(comparablePlanOfDoc(before), comparablePlanOfDoc(after))
    expect(diff.fields.map((field) => field.field)).toEqual(['hoursBudget', 'approach'])
    expect(diff.fields[1]?.parts.filter((part) => part.kind === 'added').map((part) => part.text.trim())).toEqual(['Übergänge üben.'])
    expect(diff.participants).toEqual([])
  })

  it('lists the changed parts of the three-party agreement (A6) word by word, in the agreement\'s order', () => {
    const before = agreedPlan()
    setAgreementPart(before, 'pay', 'CHF 3800 brutto im Monat')
    setAgreementPart(before, 'companyContact', 'Frau Keller, Marktleitung')
    const after = copyOf(before)
    setAgreementPart(after, 'pay', 'CHF 4100 brutto im Monat')
    setAgreementPart(after, 'employerCommitments', 'Ruhiger Pausenraum')
    const diff = planDiff(comparablePlanOfDoc(before), comparablePlanOfDoc(after))
    expect(diff.changed).toBe(true)
    expect(diff.agreementParts.map((part) => [part.field, part.before, part.after])).toEqual([
      ['employerCommitments', '', 'Ruhiger Pausenraum'],
      ['pay', 'CHF 3800 brutto im Monat', 'CHF 4100 brutto im Monat'],
    ])
    expect(diff.agreementParts[1]?.parts).toContainEqual({ kind: 'added', text: '4100' })
    expect(diff.fields).toEqual([])
    // Emptying a part is a change too; an unchanged plan with parts is no change.
    const cleared = copyOf(before)
    setAgreementPart(cleared, 'companyContact', '')
    expect(planDiff(comparablePlanOfDoc(before), comparablePlanOfDoc(cleared)).agreementParts.map((part) => [part.field, part.after])).toEqual([['companyContact', '']])
    expect(planDiff(comparablePlanOfDoc(before), comparablePlanOfDoc(copyOf(before))).changed).toBe(false)
  })

  it('reads a version content the same as its document', () => {
    const doc = agreedPlan()
    expect(comparablePlanOfContent(planVersionContent(doc))).toEqual(comparablePlanOfDoc(doc))
    setAgreementPart(doc, 'coachContacts', 'Zwei Besuche pro Woche im ersten Monat')
    const withParts = comparablePlanOfContent(planVersionContent(doc))
    expect(withParts?.agreementParts.coachContacts).toBe('Zwei Besuche pro Woche im ersten Monat')
    expect(withParts).toEqual(comparablePlanOfDoc(doc))
    const broken = agreedPlan()
    planMeta(broken).set('schemaVersion', 99)
    expect(comparablePlanOfContent(planVersionContent(broken))).toBeNull()
  })
})
