import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { validateUpdate, type UpdateLimits } from './validateUpdate.js'

const limits: UpdateLimits = { maxStructs: 10_000, maxDepth: 16 }

function docWithText(text: string, clientID?: number): Y.Doc {
  const doc = new Y.Doc()
  if (clientID !== undefined) {
    doc.clientID = clientID
  }
  doc.getText('t').insert(0, text)
  return doc
}

/** The update `change` makes to a copy of `base`. */
function changeOf(base: Y.Doc, change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const copy = new Y.Doc()
  if (clientID !== undefined) {
    copy.clientID = clientID
  }
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  change(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

function nested(doc: Y.Doc, depth: number): Y.Map<unknown> {
  let map = doc.getMap('root')
  for (let i = 1; i < depth; i += 1) {
    const child = new Y.Map<unknown>()
    map.set('child', child)
    map = child
  }
  return map
}

describe('validateUpdate', () => {
  it('accepts a complete update and names the client ids it writes', () => {
    const room = new Y.Doc()
    const verdict = validateUpdate(room, Y.encodeStateAsUpdate(docWithText('hallo', 42)), limits)
    expect(verdict).toMatchObject({ ok: true, empty: false, writtenClientIds: [42] })
  })

  it('accepts an update that depends on structs the room has, and one repeating known structs', () => {
    const base = docWithText('Ziel 1', 1)
    const room = new Y.Doc()
    Y.applyUpdate(room, Y.encodeStateAsUpdate(base))
    const edit = changeOf(base, (doc) => doc.getText('t').insert(3, 'XX'), 2)
    expect(validateUpdate(room, edit, limits)).toMatchObject({ ok: true, writtenClientIds: [2] })
    expect(validateUpdate(room, Y.encodeStateAsUpdate(base), limits)).toMatchObject({ ok: true, writtenClientIds: [] })
  })

  it('refuses an update whose origin the room lacks, and applying it would have left it pending', () => {
    const base = docWithText('Ziel 1', 1)
    const edit = changeOf(base, (doc) => doc.getText('t').insert(3, 'XX'), 2)
    const room = new Y.Doc()
    expect(validateUpdate(room, edit, limits)).toMatchObject({ ok: false, reason: 'missingDependencies' })
    Y.applyUpdate(room, edit)
    expect(room.store.pendingStructs).not.toBeNull()
  })

  it("refuses a gap in a client's own clocks", () => {
    const source = docWithText('a', 7)
    const before = Y.encodeStateVector(source)
    source.getText('u').insert(0, 'b')
    const later = Y.encodeStateAsUpdate(source, before)
    expect(validateUpdate(new Y.Doc(), later, limits)).toMatchObject({ ok: false, reason: 'missingDependencies' })
  })

  it('refuses deletions of structs the room lacks', () => {
    const base = docWithText('abc', 1)
    const deletion = changeOf(base, (doc) => doc.getText('t').delete(0, 2), 2)
    expect(validateUpdate(new Y.Doc(), deletion, limits)).toMatchObject({ ok: false, reason: 'missingDependencies' })
  })

  it('resolves dependencies between clients inside one update in any order', () => {
    const a = docWithText('aaa', 900)
    const b = changeOf(a, (doc) => doc.getText('t').insert(1, 'b'), 5)
    const c = changeOf(a, (doc) => doc.getText('t').insert(2, 'c'), 3)
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(a), b, c])
    const verdict = validateUpdate(new Y.Doc(), merged, limits)
    expect(verdict.ok).toBe(true)
  })

  it('refuses truncated and garbage updates as malformed', () => {
    const update = Y.encodeStateAsUpdate(docWithText('hallo welt', 3))
    expect(validateUpdate(new Y.Doc(), update.slice(0, update.length - 4), limits)).toMatchObject({ ok: false, reason: 'malformed' })
    expect(validateUpdate(new Y.Doc(), new Uint8Array([5, 200, 200, 200, 200, 200, 200, 200, 200, 200]), limits)).toMatchObject({
      ok: false,
      reason: 'malformed',
    })
  })

  it('bounds the number of structs', () => {
    const doc = new Y.Doc()
    const array = doc.getArray<number>('a')
    for (let i = 0; i < 50; i += 1) {
      array.insert(0, [i]) // each insert at the front is its own struct
    }
    expect(validateUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc), { ...limits, maxStructs: 20 })).toMatchObject({ ok: false, reason: 'tooLarge' })
  })

  it('bounds nesting depth within an update and across the room', () => {
    const deep = new Y.Doc()
    nested(deep, 20)
    expect(validateUpdate(new Y.Doc(), Y.encodeStateAsUpdate(deep), limits)).toMatchObject({ ok: false, reason: 'tooDeep' })

    const base = new Y.Doc()
    nested(base, 14)
    const room = new Y.Doc()
    Y.applyUpdate(room, Y.encodeStateAsUpdate(base))
    const ok = changeOf(base, (doc) => {
      let map = doc.getMap('root')
      while (map.get('child') instanceof Y.Map) {
        map = map.get('child') as Y.Map<unknown>
      }
      map.set('child', new Y.Map())
    })
    expect(validateUpdate(room, ok, limits).ok).toBe(true)
    Y.applyUpdate(room, ok)
    const tooDeep = changeOf(room, (doc) => {
      let map = doc.getMap('root')
      while (map.get('child') instanceof Y.Map) {
        map = map.get('child') as Y.Map<unknown>
      }
      const a = new Y.Map<unknown>()
      map.set('child', a)
      a.set('child', new Y.Map())
    })
    expect(validateUpdate(room, tooDeep, limits)).toMatchObject({ ok: false, reason: 'tooDeep' })
  })

  it('never accepts an update that would leave anything pending (random edits, random room states)', () => {
    let seed = 12345
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let round = 0; round < 200; round += 1) {
      const source = new Y.Doc()
      const updates: Uint8Array[] = []
      source.on('update', (update: Uint8Array) => updates.push(update))
      for (let i = 0; i < 8; i += 1) {
        const text = source.getText('t')
        if (text.length > 0 && random(3) === 0) {
          text.delete(random(text.length), 1)
        } else {
          text.insert(random(text.length + 1), 'x')
        }
        if (random(4) === 0) {
          source.clientID = 1 + random(1000)
        }
      }
      const room = new Y.Doc()
      for (const update of updates) {
        if (random(2) === 0) {
          const verdict = validateUpdate(room, update, limits)
          const probe = new Y.Doc()
          Y.applyUpdate(probe, Y.encodeStateAsUpdate(room))
          Y.applyUpdate(probe, update)
          const complete = probe.store.pendingStructs === null && probe.store.pendingDs === null
          expect(verdict.ok).toBe(complete)
          if (verdict.ok) {
            Y.applyUpdate(room, update)
          }
        }
      }
    }
  })
})
