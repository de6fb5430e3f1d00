import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAndCheckUpdate } from './checkUpdate.js'
import { addFeasibilityCheck, currentFeasibility, notesFeasibilityChecks, readFeasibilityChecks } from './feasibility.js'
import { initNotesDoc } from './notes.js'

function notesDoc(): Y.Doc {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  return doc
}

/** The relay's judgement of what `edit` does to a copy of `room` (as a coach). */
function judge(room: Y.Doc, edit: (client: Y.Doc) => void) {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  const before = Y.encodeStateVector(client)
  edit(client)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room))
  return applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(client, before), { kind: 'notes', role: 'coach' })
}

const check = { id: 'f1', answer: 'withConditions' as const, reasons: 'Mit Arbeitsassistenz in der Einarbeitung.', date: '2026-04-01', coachId: 'u1' }

describe('feasibility check (notes root feasibilityChecks)', () => {
  it('keeps every check, the newest one counts', () => {
    const doc = notesDoc()
    expect(currentFeasibility(doc)).toBeNull()
    addFeasibilityCheck(doc, check)
    addFeasibilityCheck(doc, { ...check, id: 'f2', answer: 'yes', reasons: 'Bedingungen erfüllt.' })
    expect(readFeasibilityChecks(doc).map((entry) => entry.id)).toEqual(['f1', 'f2'])
    expect(currentFeasibility(doc)?.answer).toBe('yes')
  })

  it('refuses a check without reasons or with an unknown answer', () => {
    expect(() => addFeasibilityCheck(notesDoc(), { ...check, reasons: ' ' })).toThrow(RangeError)
    expect(() => addFeasibilityCheck(notesDoc(), { ...check, answer: 'maybe' as never })).toThrow(RangeError)
  })

  it('is accepted by the relay in the notes, and a malformed entry is refused', () => {
    expect(judge(notesDoc(), (client) => addFeasibilityCheck(client, check))).toBeNull()
    const refusal = judge(notesDoc(), (client) => {
      const map = new Y.Map<unknown>()
      map.set('answer', 'maybe')
      notesFeasibilityChecks(client).push([map])
    })
    expect(refusal).not.toBeNull()
  })
})
