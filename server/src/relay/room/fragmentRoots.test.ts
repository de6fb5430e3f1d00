import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAndCheckUpdate } from '../../../../shared/src/caseDocument/checkUpdate.js'
import { addHoursEntry, initNotesDoc, phaseNotes } from '../../../../shared/src/caseDocument/notes.js'
import { initPlanDoc, planMeta } from '../../../../shared/src/caseDocument/plan.js'
import { fragmentRootsOf } from './fragmentRoots.js'
import { UpdateJudge } from './UpdateJudge.js'

function notesRoom(): Y.Doc {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  return doc
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  return replica
}

/** The update `edit` makes on `replica` (which keeps it, like a client). */
function editOf(replica: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(replica)
  edit(replica)
  return Y.encodeStateAsUpdate(replica, before)
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

function firstText(doc: Y.Doc): Y.XmlText {
  return (phaseNotes(doc, 'analysis').get(0) as Y.XmlElement).get(0) as Y.XmlText
}

const roots = (room: Y.Doc, update: Uint8Array, kind: 'notes' | 'plan' = 'notes'): string[] | null => {
  const found = fragmentRootsOf(room, Y.decodeUpdate(update), kind)
  return found === null ? null : [...found].sort()
}

describe('fragmentRootsOf', () => {
  it('names the phase note that typing, a new paragraph, formatting and deleting change', () => {
    const room = notesRoom()
    const client = replicaOf(room)
    const first = editOf(client, (doc) => phaseNotes(doc, 'analysis').insert(0, [paragraph('Erstgespräch')]))
    expect(roots(room, first)).toEqual(['phase:analysis'])
    Y.applyUpdate(room, first)
    const typing = editOf(client, (doc) => firstText(doc).insert(5, 'x'))
    expect(roots(room, typing)).toEqual(['phase:analysis'])
    Y.applyUpdate(room, typing)
    const bold = editOf(client, (doc) => firstText(doc).format(0, 3, { bold: true }))
    expect(roots(room, bold)).toEqual(['phase:analysis'])
    Y.applyUpdate(room, bold)
    const deleting = editOf(client, (doc) => firstText(doc).delete(0, 4))
    expect(roots(room, deleting)).toEqual(['phase:analysis'])
    Y.applyUpdate(room, deleting)
    const twoNotes = editOf(client, (doc) => {
      phaseNotes(doc, 'intervention').insert(0, [paragraph('Arbeitsplatz')])
      phaseNotes(doc, 'analysis').delete(0, 1)
    })
    expect(roots(room, twoNotes)).toEqual(['phase:analysis', 'phase:intervention'])
  })

  it('leaves everything but rich text to the scratch copy', () => {
    const room = notesRoom()
    const client = replicaOf(room)
    expect(roots(room, editOf(client, (doc) => doc.getMap('meta').set('schemaVersion', 99)))).toBeNull()
    const hours = { id: 'h1', date: '2026-11-03', minutes: 90, activity: 'Begleitung', phase: 'intervention' as const }
    expect(roots(room, editOf(replicaOf(room), (doc) => addHoursEntry(doc, hours as never)))).toBeNull()
    expect(roots(room, editOf(replicaOf(room), (doc) => doc.getArray('unbekannt').insert(0, [1])))).toBeNull()
    // A map entry directly in a fragment's root: the root would no longer be a list.
    const wrongType = new Y.Doc()
    const keyed = editOf(wrongType, (doc) => doc.getMap('phase:analysis').set('k', 'v'))
    expect(roots(room, keyed)).toBeNull()
    // The plan's approach is rich text; its meta is not.
    const plan = new Y.Doc()
    initPlanDoc(plan, { title: 'Lager' })
    expect(roots(plan, editOf(replicaOf(plan), (doc) => doc.getXmlFragment('approach').insert(0, [paragraph('Schritt')])), 'plan')).toEqual(['approach'])
    expect(roots(plan, editOf(replicaOf(plan), (doc) => planMeta(doc).set('title', 'Neu')), 'plan')).toBeNull()
  })

  it('gives up on garbage-collected structs and on more lookups than its bound', () => {
    const room = notesRoom()
    const client = replicaOf(room)
    Y.applyUpdate(room, editOf(client, (doc) => phaseNotes(doc, 'analysis').insert(0, [paragraph('weg')])))
    // A whole client state after a deleted paragraph carries GC structs (a sync step 2).
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room))
    phaseNotes(fresh, 'analysis').insert(1, [paragraph('kurz')])
    phaseNotes(fresh, 'analysis').delete(1, 1)
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(fresh)).structs.some((struct) => struct instanceof Y.GC)).toBe(true)
    expect(roots(room, Y.encodeStateAsUpdate(fresh))).toBeNull()
    // 300 separate one-letter paragraphs deleted at once: 300 structs to look up.
    const many = editOf(client, (doc) => phaseNotes(doc, 'analysis').insert(0, Array.from({ length: 300 }, () => new Y.XmlText('a'))))
    Y.applyUpdate(room, many)
    const wipe = editOf(client, (doc) => phaseNotes(doc, 'analysis').delete(0, 300))
    expect(roots(room, wipe)).toBeNull()
  })

  it('never accepts what the scratch copy refuses, and names every root the copy sees changed (property)', () => {
    type Op = { kind: 'type' | 'paragraph' | 'delete' | 'meta' | 'unknownRoot' | 'unknownList' | 'meetings' | 'intervention'; at: number; text: string }
    const schemaOps = new Set(['meta', 'unknownRoot', 'unknownList', 'meetings', 'intervention'])
    const op = fc.record({
      kind: fc.constantFrom<Op['kind']>('type', 'type', 'type', 'paragraph', 'delete', 'meta', 'unknownRoot', 'unknownList', 'meetings', 'intervention'),
      at: fc.nat(40),
      text: fc.string({ minLength: 1, maxLength: 6 }),
    })
    let judgedWithoutCopy = 0
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 25 }), (batches) => {
        const room = notesRoom()
        let client = replicaOf(room)
        for (const batch of batches) {
          const update = editOf(client, (doc) => {
            for (const { kind, at, text } of batch) {
              const note = phaseNotes(doc, 'analysis')
              if (kind === 'paragraph' || (!schemaOps.has(kind) && note.length === 0)) {
                note.insert(at % (note.length + 1), [paragraph(text)])
              } else if (kind === 'type') {
                const target = (note.get(at % note.length) as Y.XmlElement).get(0) as Y.XmlText
                target.insert(at % (target.length + 1), text)
              } else if (kind === 'delete') {
                note.delete(at % note.length, 1)
              } else if (kind === 'meta') {
                doc.getMap('meta').set('title', text)
              } else if (kind === 'unknownRoot') {
                doc.getMap('fremd').set('k', text)
              } else if (kind === 'unknownList') {
                doc.getArray('liste').insert(0, [text])
              } else if (kind === 'meetings') {
                doc.getArray('meetings').insert(0, [text])
              } else {
                phaseNotes(doc, 'intervention').insert(0, [paragraph(text)])
              }
            }
          })
          const decoded = Y.decodeUpdate(update)
          const fast = fragmentRootsOf(room, decoded, 'notes')
          const scratch = replicaOf(room)
          let changed: string[] = []
          scratch.transact((transaction) => {
            Y.applyUpdate(scratch, update)
            changed = [...transaction.changed.keys()].map((type) => {
              let current = type
              while (current._item !== null) {
                current = current._item.parent as typeof type
              }
              return Y.findRootTypeKey(current)
            })
          })
          const slow = applyAndCheckUpdate(replicaOf(room), update, { kind: 'notes', role: 'coach' })
          if (fast !== null) {
            judgedWithoutCopy += 1
            expect(changed.every((root) => fast.has(root))).toBe(true)
            expect(slow).toBeNull()
          }
          // The judge with the shortcut gives the copy's verdict.
          const judge = new UpdateJudge(room, { kind: 'notes', caseId: 'c1' })
          const withShortcut = judge.acceptRichText(update, decoded, 'coach') ? null : judge.judge(update, 'coach', [])
          expect(withShortcut?.reason ?? null).toBe(slow?.reason ?? null)
          if (slow === null) {
            Y.applyUpdate(room, update)
          } else {
            client = replicaOf(room)
          }
        }
      }),
      { numRuns: 150 },
    )
    // The shortcut must have been taken, or the property says nothing.
    expect(judgedWithoutCopy).toBeGreaterThan(150)
  })
})

describe('UpdateJudge with rich-text updates', () => {
  it('judges rich text without a scratch copy, by the same rules: the role, and what the copy would say', () => {
    const room = new Y.Doc()
    initPlanDoc(room, { title: 'Lager' })
    const judge = new UpdateJudge(room, { kind: 'plan', caseId: 'c1' })
    // As the relay asks (writeUpdate.ts): the shortcut first, then the copy.
    const judged = (update: Uint8Array, role: 'coach' | 'employer', before: Uint8Array[] = []) =>
      judge.acceptRichText(update, Y.decodeUpdate(update), role)
        ? null
        : judge.judge(
            update,
            role,
            before.map((entry) => ({ update: entry })),
          )
    const approach = editOf(replicaOf(room), (doc) => doc.getXmlFragment('approach').insert(0, [paragraph('Schrittweise')]))
    expect(judged(approach, 'employer')).toBeNull()
    expect(judge.hasScratch).toBe(false)
    Y.applyUpdate(room, approach)
    // A schema edit is judged on the copy; rich text of the same batch then goes into the copy too.
    const budget = editOf(replicaOf(room), (doc) => planMeta(doc).set('hoursBudget', 40))
    expect(judged(budget, 'coach')).toBeNull()
    expect(judge.hasScratch).toBe(true)
    const more = editOf(replicaOf(room), (doc) => doc.getXmlFragment('approach').insert(1, [paragraph('Mehr')]))
    expect(judged(more, 'coach', [budget])).toBeNull()
    // The employer may not change the title: refused on the copy, which then holds the batch's updates.
    const title = editOf(replicaOf(room), (doc) => planMeta(doc).set('title', 'Anders'))
    expect(judged(title, 'employer', [budget, more])?.reason).toBe('forbidden')
    expect(judge.hasScratch).toBe(false)
  })
})
