import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initConfidentialDoc, readConfidential } from './confidential.js'
import { initNotesDoc, NotesHoursArray, phaseFragmentName, phaseNotes, readNotes, setGoalReview } from './notes.js'

describe('notes document', () => {
  it('reads a fresh notes document', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    expect(readNotes(doc)).toEqual({
      ok: true,
      value: {
        meta: { schemaVersion: 2 },
        reviews: { analysis: {}, selfIntegration: {}, intervention: {}, stabilisation: {} },
        meetings: [],
        hours: [],
        comments: [],
      },
    })
  })

  it("keeps both coaches' first reviews of a phase made offline at the same time", () => {
    const seeded = new Y.Doc()
    initNotesDoc(seeded)
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(a, Y.encodeStateAsUpdate(seeded))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(seeded))
    const review = { stillValid: true, attainment: 'open', note: '' } as const
    setGoalReview(a, 'analysis', 'goal-a', { note: 'von Miriam' }, review)
    setGoalReview(b, 'analysis', 'goal-b', { note: 'von Tobias' }, review)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      const result = readNotes(doc)
      expect(result.ok).toBe(true)
      if (result.ok) {
        expect(Object.keys(result.value.reviews.analysis ?? {}).sort()).toEqual(['goal-a', 'goal-b'])
      }
    }
  })

  it('keeps one fragment per phase under the contract names', () => {
    const doc = new Y.Doc()
    expect(phaseFragmentName('selfIntegration')).toBe('phase:selfIntegration')
    phaseNotes(doc, 'analysis').insert(0, [new Y.XmlText('Drei Arbeitsplatzbesuche')])
    expect(doc.getXmlFragment('phase:analysis').toString()).toContain('Drei Arbeitsplatzbesuche')
    expect(doc.getXmlFragment('phase:intervention').length).toBe(0)
  })

  it('rejects an hours entry with a negative number of hours', () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    const entry = new Y.Map<unknown>()
    for (const [key, value] of Object.entries({ id: 'h1', date: '2026-03-05', hours: -2, activity: 'Besuch', coachId: 'c1' })) {
      entry.set(key, value)
    }
    doc.getArray(NotesHoursArray).push([entry])
    const result = readNotes(doc)
    expect(result).toMatchObject({ ok: false, reason: 'invalid' })
  })
})

describe('confidential field document', () => {
  it('records which field it holds', () => {
    const doc = new Y.Doc()
    initConfidentialDoc(doc, 'medication')
    expect(readConfidential(doc)).toEqual({ ok: true, value: { schemaVersion: 1, field: 'medication' } })
  })

  it('rejects an unknown field key', () => {
    const doc = new Y.Doc()
    initConfidentialDoc(doc, 'medication')
    doc.getMap('meta').set('field', 'shoeSize')
    expect(readConfidential(doc)).toMatchObject({ ok: false, reason: 'invalid' })
  })
})
