import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addGoal, emptyGoal, planGoals, planMeta, removeGoal, setGoalField, setPlanMetaField } from '../../../shared/src/caseDocument/plan.js'
import { addHoursEntry, notesHours, removeHoursEntry } from '../../../shared/src/caseDocument/notes.js'
import { lockMonths } from '../../../shared/src/hoursProof/monthLock.js'
import { docUndo, localEdit, separateLocalEdit, undoKeyAction, undoLocal, undoStackItem } from './docUndo.js'

function connected(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a))
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b))
  return [a, b]
}

const goalIds = (doc: Y.Doc): unknown[] => planGoals(doc).toArray().map((goal) => goal.get('id'))

describe('docUndo: own changes only', () => {
  it('undoes this client’s goal removal and never the colleague’s edits', () => {
    const [miriam, tobias] = connected()
    localEdit(miriam, 'plan', () => {
      addGoal(miriam, { ...emptyGoal('g1'), title: 'Kasse' })
      addGoal(miriam, { ...emptyGoal('g2'), title: 'Lager' })
    })
    docUndo(miriam, 'plan').manager.stopCapturing()
    // Tobias (his own client) edits goal 1 and adds a goal.
    localEdit(tobias, 'plan', () => setGoalField(tobias, 'g1', 'title', 'Kasse bedienen'))
    localEdit(tobias, 'plan', () => addGoal(tobias, emptyGoal('g3')))
    separateLocalEdit(miriam, 'plan', () => removeGoal(miriam, 'g2'))
    expect(goalIds(tobias)).toEqual(['g1', 'g3'])

    expect(undoLocal(miriam, 'plan')).toBe(true)
    expect(goalIds(tobias)).toEqual(['g1', 'g2', 'g3'])
    expect((planGoals(tobias).get(1).get('title') as Y.Text).toString()).toBe('Lager')
    // Her next undo takes back the goals she added; Tobias's goal stays.
    expect(undoLocal(miriam, 'plan')).toBe(true)
    expect(goalIds(tobias)).toEqual(['g3'])
    expect(undoLocal(miriam, 'plan')).toBe(false)
  })

  it('leaves a colleague’s later text alone when undoing one’s own text edit', () => {
    const [miriam, tobias] = connected()
    // The field's text exists (seeded or migrated; the form creates it untracked).
    setPlanMetaField(miriam, 'workplace', '')
    localEdit(miriam, 'plan', () => setPlanMetaField(miriam, 'workplace', 'Markt'))
    docUndo(miriam, 'plan').manager.stopCapturing()
    localEdit(tobias, 'plan', () => setPlanMetaField(tobias, 'workplace', 'Markt Süd'))
    expect(undoLocal(miriam, 'plan')).toBe(true)
    expect((planMeta(tobias).get('workplace') as Y.Text).toString()).toBe(' Süd')
    expect(undoLocal(tobias, 'plan')).toBe(true)
    expect((planMeta(miriam).get('workplace') as Y.Text).toString()).toBe('')
  })

  it('redoes what was undone', () => {
    const doc = new Y.Doc()
    localEdit(doc, 'plan', () => setPlanMetaField(doc, 'hoursBudget', 40))
    undoLocal(doc, 'plan')
    expect(planMeta(doc).get('hoursBudget')).toBeUndefined()
    undoLocal(doc, 'plan', true)
    expect(planMeta(doc).get('hoursBudget')).toBe(40)
  })

  it('brings back one particular removal even after later edits (the notice’s button)', () => {
    const doc = new Y.Doc()
    localEdit(doc, 'notes', () => {
      addHoursEntry(doc, { id: 'h1', date: '2026-03-02', hours: 2, activity: 'Einarbeitung', coachId: 'c1' })
      addHoursEntry(doc, { id: 'h2', date: '2026-03-03', hours: 1, activity: 'Gespräch', coachId: 'c1' })
    })
    separateLocalEdit(doc, 'notes', () => removeHoursEntry(doc, 'h1'))
    const removal = docUndo(doc, 'notes').manager.undoStack.at(-1)
    separateLocalEdit(doc, 'notes', () => addHoursEntry(doc, { id: 'h3', date: '2026-03-04', hours: 3, activity: 'Praxis', coachId: 'c1' }))
    expect(undoStackItem(docUndo(doc, 'notes').manager, removal)).toBe(true)
    expect(notesHours(doc).toArray().map((entry) => entry.get('id')).sort()).toEqual(['h1', 'h2', 'h3'])
  })
})

describe('undoKeyAction', () => {
  it('maps Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and Cmd+Z', () => {
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
      undoKeyAction({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods })
    expect(key('z', { ctrlKey: true })).toBe('undo')
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo')
    expect(key('y', { ctrlKey: true })).toBe('redo')
    expect(key('z', { metaKey: true })).toBe('undo')
    expect(key('z')).toBeNull()
    expect(key('z', { ctrlKey: true, altKey: true })).toBeNull()
  })
})

describe('docUndo: confirmed months of hours (issue 18)', () => {
  it('does not take back an entry whose month was confirmed since; other entries it does', () => {
    const doc = new Y.Doc()
    localEdit(doc, 'notes', () => addHoursEntry(doc, { id: 'april', date: '2026-04-02', hours: 1, activity: 'x', coachId: 'c' }))
    docUndo(doc, 'notes').manager.stopCapturing()
    localEdit(doc, 'notes', () => addHoursEntry(doc, { id: 'march', date: '2026-03-02', hours: 1, activity: 'x', coachId: 'c' }))
    lockMonths(doc, ['2026-03'], '2026-04-01T08:00:00.000Z')
    // The March entry stays whole (Yjs then goes on to the step before: the April entry).
    undoLocal(doc, 'notes')
    expect(notesHours(doc).toArray().map((entry) => entry.toJSON())).toEqual([{ id: 'march', date: '2026-03-02', hours: 1, activity: 'x', coachId: 'c' }])
  })
})
