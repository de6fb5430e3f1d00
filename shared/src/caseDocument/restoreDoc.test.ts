import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addHoursEntry, addMeeting, initNotesDoc, notesHours, phaseNotes, readNotes } from './notes.js'
import { addGoal, emptyGoal, findGoalMap, initPlanDoc, planApproach, planGoals, planMeta, readPlan, removeGoal, setGoalField } from './plan.js'
import { documentJson, restoreDocument } from './restoreDoc.js'
import { readVersionContent, versionDoc } from './versionContent.js'

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** Restores `version` into a copy of `live` the way the server does, and returns what the live doc receives. */
function restoreAsUpdate(kind: 'plan' | 'notes', live: Y.Doc, version: Y.Doc): Uint8Array {
  const scratch = fork(live)
  const before = Y.encodeStateVector(scratch)
  restoreDocument(kind, scratch, versionDoc(kind, Y.encodeStateAsUpdate(version)))
  return Y.encodeStateAsUpdate(scratch, before)
}

function plan(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kasse' })
  addGoal(doc, { ...emptyGoal('g1'), title: 'Kasse bedienen', measurable: 'Drei Schichten' })
  addGoal(doc, { ...emptyGoal('g2'), title: 'Pausen' })
  planApproach(doc).insert(0, [paragraph('Zwei Besuche pro Woche.')])
  return doc
}

describe('restoreDocument (plan)', () => {
  it('brings old texts, goals and the approach back as a change that merges with a concurrent edit', () => {
    const old = plan()
    const live = fork(old)
    setGoalField(live, 'g1', 'measurable', 'Vier Schichten')
    removeGoal(live, 'g2')
    addGoal(live, { ...emptyGoal('g3'), title: 'Neu' })
    planApproach(live).delete(0, 1)
    planMeta(live).set('currentPhase', 'selfIntegration')
    setGoalField(live, 'g1', 'status', 'achieved')
    // Someone else types in the goal title while the restore happens.
    const other = fork(live)
    const update = restoreAsUpdate('plan', live, old)
    setGoalField(other, 'g1', 'title', 'Kasse sicher bedienen')
    Y.applyUpdate(other, update)
    Y.applyUpdate(live, update)
    Y.applyUpdate(live, Y.encodeStateAsUpdate(other))

    const read = readPlan(live)
    expect(read.ok).toBe(true)
    if (!read.ok) {return}
    expect(read.value.goals.map((goal) => goal.id)).toEqual(['g1', 'g2'])
    expect(read.value.goals[0]).toMatchObject({ title: 'Kasse sicher bedienen', measurable: 'Drei Schichten', status: 'achieved' })
    expect(read.value.meta.currentPhase).toBe('selfIntegration')
    expect(planApproach(live).toString()).toContain('Zwei Besuche pro Woche.')
  })

  it('changes nothing when the document already holds the version', () => {
    const old = plan()
    const live = fork(old)
    const update = restoreAsUpdate('plan', live, old)
    const probe = fork(live)
    Y.applyUpdate(probe, update)
    expect(Y.encodeStateVector(probe)).toEqual(Y.encodeStateVector(live))
  })

  it('repairs a broken document: foreign schemaVersion, a plain string for a text, an unknown root', () => {
    const old = plan()
    const live = fork(old)
    planMeta(live).set('schemaVersion', 99)
    findGoalMap(live, 'g1')?.set('title', 'plain string')
    live.getMap('garbage').set('x', 1)
    expect(readPlan(live).ok).toBe(false)
    Y.applyUpdate(live, restoreAsUpdate('plan', live, old))
    expect(readPlan(live).ok).toBe(true)
    expect(findGoalMap(live, 'g1')?.get('title')).toBeInstanceOf(Y.Text)
    expect(live.getMap('garbage').size).toBe(0)
    expect(documentJson('plan', live).goals).toEqual(documentJson('plan', old).goals)
    expect(readPlan(live)).toEqual(readPlan(old))
  })

  it('puts a removed goal back at its old place', () => {
    const old = plan()
    const live = fork(old)
    removeGoal(live, 'g1')
    Y.applyUpdate(live, restoreAsUpdate('plan', live, old))
    expect(planGoals(live).toArray().map((goal) => goal.get('id'))).toEqual(['g1', 'g2'])
  })
})

describe('restoreDocument (notes)', () => {
  it('restores phase notes, meetings and hours by id', () => {
    const old = new Y.Doc()
    initNotesDoc(old)
    phaseNotes(old, 'analysis').insert(0, [paragraph('Erstgespräch geführt.')])
    addMeeting(old, { id: 'm1', kind: 'midterm', date: '2026-04-01', participants: 'Alle', fragment: 'meeting:m1' })
    addHoursEntry(old, { id: 'h1', date: '2026-03-03', hours: 2, activity: 'Besuch', coachId: 'c1' })
    const live = fork(old)
    phaseNotes(live, 'analysis').delete(0, 1)
    notesHours(live).delete(0, 1)
    addHoursEntry(live, { id: 'h2', date: '2026-03-04', hours: 1, activity: 'Telefon', coachId: 'c1' })
    Y.applyUpdate(live, restoreAsUpdate('notes', live, old))
    const read = readNotes(live)
    expect(read.ok && read.value.hours.map((entry) => entry.id)).toEqual(['h1'])
    const content = readVersionContent('notes', Y.encodeStateAsUpdate(live))
    expect(content.doc === 'notes' && content.texts['phase:analysis']).toBe('Erstgespräch geführt.')
  })
})
