import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addGoal,
  addParticipant,
  emptyGoal,
  initPlanDoc,
  planApproach,
  planGoals,
  planMeta,
  readPlan,
  removeGoal,
  setGoalField,
  setPlanMetaField,
} from './plan.js'

function newPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  return doc
}

describe('plan document', () => {
  it('creates every meta text of a new plan, so two first keystrokes never race to create one', () => {
    const doc = newPlan()
    const before = planMeta(doc).get('employerName')
    const miriam = new Y.Doc()
    const tobias = new Y.Doc()
    Y.applyUpdate(miriam, Y.encodeStateAsUpdate(doc))
    Y.applyUpdate(tobias, Y.encodeStateAsUpdate(doc))
    setPlanMetaField(miriam, 'employerName', 'Frisch')
    setPlanMetaField(tobias, 'employerName', 'markt Nord')
    Y.applyUpdate(miriam, Y.encodeStateAsUpdate(tobias))
    Y.applyUpdate(tobias, Y.encodeStateAsUpdate(miriam))
    expect(before).toBeInstanceOf(Y.Text)
    const merged = String(planMeta(miriam).get('employerName'))
    expect(merged).toBe(String(planMeta(tobias).get('employerName')))
    expect(merged).toContain('Frisch')
    expect(merged).toContain('markt Nord')
  })

  it('reads a freshly initialised plan', () => {
    const result = readPlan(newPlan())
    expect(result).toEqual({
      ok: true,
      value: {
        meta: { schemaVersion: 3, title: 'Kassenbereich Supermarkt', employerName: '', workplace: '', currentPhase: 'analysis' },
        goals: [],
        participants: [],
      },
    })
  })

  it('stores the frame and SMART goals and reads them back', () => {
    const doc = newPlan()
    setPlanMetaField(doc, 'startDate', '2026-03-02')
    setPlanMetaField(doc, 'expectedEndDate', '2026-09-30')
    setPlanMetaField(doc, 'hoursBudget', 120)
    addGoal(doc, { ...emptyGoal('g1'), title: 'Scangeschwindigkeit', measurable: '18 Artikel pro Minute' })
    setGoalField(doc, 'g1', 'timeBound', '2026-06-30')
    setGoalField(doc, 'g1', 'status', 'partlyAchieved')
    addParticipant(doc, { id: 'p1', name: 'Petra Lange', role: 'other', function: 'Marktleitung', organisation: 'Frischmarkt Nord' })

    const result = readPlan(doc)
    expect(result.ok).toBe(true)
    if (!result.ok) {
      return
    }
    expect(result.value.meta.hoursBudget).toBe(120)
    expect(result.value.goals).toEqual([
      {
        ...emptyGoal('g1'),
        title: 'Scangeschwindigkeit',
        measurable: '18 Artikel pro Minute',
        timeBound: '2026-06-30',
        status: 'partlyAchieved',
      },
    ])
    expect(result.value.participants[0]?.name).toBe('Petra Lange')
  })

  it('clears an optional field by deleting its key', () => {
    const doc = newPlan()
    setPlanMetaField(doc, 'startDate', '2026-03-02')
    setPlanMetaField(doc, 'startDate', undefined)
    expect(planMeta(doc).has('startDate')).toBe(false)
    expect(readPlan(doc).ok).toBe(true)
  })

  it('removes a goal by id and ignores a goal that is already gone', () => {
    const doc = newPlan()
    addGoal(doc, emptyGoal('g1'))
    addGoal(doc, emptyGoal('g2'))
    removeGoal(doc, 'g1')
    removeGoal(doc, 'g1')
    expect(planGoals(doc).toArray().map((goal) => goal.get('id'))).toEqual(['g2'])
  })

  it('reports an empty document as empty, not as invalid', () => {
    expect(readPlan(new Y.Doc())).toMatchObject({ ok: false, reason: 'empty' })
  })

  it('reports a plan written by a newer schema', () => {
    const doc = newPlan()
    planMeta(doc).set('schemaVersion', 4)
    expect(readPlan(doc)).toMatchObject({ ok: false, reason: 'newerSchema' })
  })

  it('reports hand-made garbage with the path of each problem', () => {
    const doc = newPlan()
    planMeta(doc).set('hoursBudget', 'viele')
    planMeta(doc).set('startDate', '2. März')
    planGoals(doc).push([new Y.Map()])
    const result = readPlan(doc)
    expect(result.ok).toBe(false)
    if (result.ok) {
      return
    }
    expect(result.reason).toBe('invalid')
    expect(result.issues.some((issue) => issue.startsWith('meta.hoursBudget'))).toBe(true)
    expect(result.issues.some((issue) => issue.startsWith('meta.startDate'))).toBe(true)
    expect(result.issues.some((issue) => issue.startsWith('goals.0'))).toBe(true)
  })

  it('merges concurrent goal edits from two coaches', () => {
    const a = newPlan()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    addGoal(a, emptyGoal('from-a'))
    addGoal(b, emptyGoal('from-b'))
    planApproach(a).insert(0, [new Y.XmlText('Arbeitsplatzbesuche')])
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const ids = (doc: Y.Doc) => planGoals(doc).toArray().map((goal) => goal.get('id'))
    expect(ids(a)).toEqual(ids(b))
    expect(new Set(ids(a))).toEqual(new Set(['from-a', 'from-b']))
    expect(planApproach(b).toString()).toContain('Arbeitsplatzbesuche')
  })
})
