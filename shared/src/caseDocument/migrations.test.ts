import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planV1, planV1Goal } from '../../../test/helpers/planV1.js'
import { MetaMapName } from './common.js'
import { migrateDoc, needsMigration } from './migrations.js'
import { NotesSchemaVersion, notesReviews, readNotes } from './notes.js'
import { planApproach, PlanSchemaVersion, planGoals, planMeta, planParticipants, readPlan } from './plan.js'

/** Notes as the v1 app wrote them: the outcome a plain object, review notes strings. */
function notesV1(): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    const meta = doc.getMap<unknown>(MetaMapName)
    meta.set('schemaVersion', 1)
    meta.set('outcome', { kind: 'placed', how: 'Übernahme nach Praktikum', why: 'gute Einarbeitung' })
    const reviews = notesReviews(doc)
    const analysis = new Y.Map<Y.Map<unknown>>()
    reviews.set('analysis', analysis)
    const review = new Y.Map<unknown>()
    review.set('stillValid', true)
    review.set('attainment', 'partlyAchieved')
    review.set('note', 'braucht noch Hilfe beim Scanner')
    analysis.set('g1', review)
  })
  return doc
}

function stateOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc)
}

describe('plan migration v1 -> v2 -> v3', () => {
  it('turns every free text into a Y.Text with the same content and keeps scalars and the approach', () => {
    const doc = planV1()
    expect(needsMigration('plan', doc)).toBe(true)
    expect(migrateDoc('plan', doc)).toEqual([1, 2])

    const meta = planMeta(doc)
    expect(meta.get('schemaVersion')).toBe(PlanSchemaVersion)
    for (const key of ['title', 'employerName', 'workplace']) {
      expect(meta.get(key)).toBeInstanceOf(Y.Text)
    }
    const goal = planGoals(doc).get(0)
    for (const key of ['title', 'specific', 'measurable', 'achievable', 'relevant', 'responsible']) {
      expect(goal.get(key)).toBeInstanceOf(Y.Text)
    }
    const participant = planParticipants(doc).get(0)
    expect(participant.get('name')).toBeInstanceOf(Y.Text)
    expect(participant.get('organisation')).toBeInstanceOf(Y.Text)
    // v3 (issue 16): the old free-text role is the function now; the role comes from the list.
    expect(participant.get('function')).toBeInstanceOf(Y.Text)
    expect(participant.get('role')).toBe('other')

    const read = readPlan(doc)
    expect(read.ok).toBe(true)
    expect(read.ok && read.value).toEqual({
      meta: {
        schemaVersion: PlanSchemaVersion,
        title: 'Einarbeitung Lager',
        startDate: '2026-03-02',
        expectedEndDate: '2026-09-30',
        hoursBudget: 120,
        currentPhase: 'selfIntegration',
        employerName: 'Getränke Nord GmbH',
        workplace: 'Lager, Halle 2',
      },
      // The goal's texts as the v1 app stored them, now read from Y.Texts.
      goals: [planV1Goal],
      participants: [{ id: 'p1', name: 'Herr Brandt', role: 'other', function: 'Vorarbeiter', organisation: 'Getränke Nord GmbH' }],
    })
    expect(planApproach(doc).toString()).toBe('<paragraph>Begleitung zweimal pro Woche</paragraph>')
  })

  it('reads a v1 plan as olderSchema (clients wait for the server) and a migrated one as v2', () => {
    const doc = planV1()
    const before = readPlan(doc)
    expect(before.ok === false && before.reason).toBe('olderSchema')
    migrateDoc('plan', doc)
    expect(readPlan(doc).ok).toBe(true)
  })

  it('is idempotent: a second run changes nothing and writes no update', () => {
    const doc = planV1()
    migrateDoc('plan', doc)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    expect(needsMigration('plan', doc)).toBe(false)
    expect(migrateDoc('plan', doc)).toEqual([])
    expect(updates).toEqual([])
  })

  it('leaves an empty, a current, a newer and an unknown-version plan untouched', () => {
    const empty = new Y.Doc()
    const newer = planV1()
    planMeta(newer).set('schemaVersion', 99)
    const unknown = planV1()
    planMeta(unknown).set('schemaVersion', 'eins')
    const current = planV1()
    migrateDoc('plan', current)
    for (const doc of [empty, newer, unknown, current]) {
      const before = stateOf(doc)
      expect(needsMigration('plan', doc)).toBe(false)
      expect(migrateDoc('plan', doc)).toEqual([])
      expect(stateOf(doc)).toEqual(before)
    }
    expect(planMeta(newer).get('title')).toBe('Einarbeitung Lager')
  })

  it('converges when two replicas of the same v1 plan migrate concurrently with different client ids', () => {
    const original = planV1()
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(a, stateOf(original))
    Y.applyUpdate(b, stateOf(original))
    migrateDoc('plan', a)
    migrateDoc('plan', b)
    Y.applyUpdate(a, stateOf(b))
    Y.applyUpdate(b, stateOf(a))
    const readA = readPlan(a)
    const readB = readPlan(b)
    expect(readA.ok).toBe(true)
    expect(readA).toEqual(readB)
    expect(readA.ok && readA.value.meta.title).toBe('Einarbeitung Lager')
  })
})

describe('notes migration v1 -> v2', () => {
  it('makes the outcome a map with Y.Text how/why and review notes Y.Text, keeping the content', () => {
    const doc = notesV1()
    expect(needsMigration('notes', doc)).toBe(true)
    expect(migrateDoc('notes', doc)).toEqual([1])
    const meta = doc.getMap<unknown>(MetaMapName)
    expect(meta.get('schemaVersion')).toBe(NotesSchemaVersion)
    const outcome = meta.get('outcome')
    expect(outcome).toBeInstanceOf(Y.Map)
    expect((outcome as Y.Map<unknown>).get('how')).toBeInstanceOf(Y.Text)
    expect((outcome as Y.Map<unknown>).get('why')).toBeInstanceOf(Y.Text)
    expect(notesReviews(doc).get('analysis')?.get('g1')?.get('note')).toBeInstanceOf(Y.Text)

    const read = readNotes(doc)
    expect(read.ok).toBe(true)
    expect(read.ok && read.value.meta.outcome).toEqual({ kind: 'placed', how: 'Übernahme nach Praktikum', why: 'gute Einarbeitung' })
    expect(read.ok && read.value.reviews.analysis?.g1).toEqual({ stillValid: true, attainment: 'partlyAchieved', note: 'braucht noch Hilfe beim Scanner' })
  })

  it('migrates v1 notes without an outcome or reviews, once', () => {
    const doc = new Y.Doc()
    doc.getMap(MetaMapName).set('schemaVersion', 1)
    expect(migrateDoc('notes', doc)).toEqual([1])
    expect(doc.getMap(MetaMapName).get('outcome')).toBeUndefined()
    expect(readNotes(doc).ok).toBe(true)
    expect(migrateDoc('notes', doc)).toEqual([])
  })

  it('leaves newer and unknown-version notes untouched', () => {
    for (const version of [99, 'zwei', null]) {
      const doc = notesV1()
      doc.getMap(MetaMapName).set('schemaVersion', version)
      const before = stateOf(doc)
      expect(needsMigration('notes', doc)).toBe(false)
      expect(migrateDoc('notes', doc)).toEqual([])
      expect(stateOf(doc)).toEqual(before)
    }
  })
})
