import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyStoredUpdate } from './applyStoredUpdate.js'

const origin = Symbol('local copy')

/** A stored copy: a note of a few paragraphs written by another client, as one update. */
function storedCopy(paragraphs = 3): Uint8Array {
  const writer = new Y.Doc()
  const text = writer.getText('note')
  for (let i = 0; i < paragraphs; i += 1) {
    text.insert(text.length, `Absatz ${i + 1}. `)
  }
  text.delete(0, 3)
  return Y.encodeStateAsUpdate(writer)
}

function listen(doc: Y.Doc): Array<{ update: Uint8Array; origin: unknown }> {
  const heard: Array<{ update: Uint8Array; origin: unknown }> = []
  doc.on('update', (update: Uint8Array, from: unknown) => heard.push({ update, origin: from }))
  return heard
}

describe('applyStoredUpdate', () => {
  it('applies the copy and hands the listeners the stored bytes themselves, not a new encoding', () => {
    const doc = new Y.Doc()
    const heard = listen(doc)
    const stored = storedCopy()
    applyStoredUpdate(doc, stored, origin)
    expect(doc.getText('note').toString()).toBe('atz 1. Absatz 2. Absatz 3. ')
    expect(heard).toHaveLength(1)
    expect(heard[0]!.update).toBe(stored)
    expect(heard[0]!.origin).toBe(origin)
    // A listener that forwards it (the provider, another tab) gets the same document.
    const elsewhere = new Y.Doc()
    Y.applyUpdate(elsewhere, heard[0]!.update)
    expect(elsewhere.getText('note').toString()).toBe(doc.getText('note').toString())
  })

  it('into a document that holds content already, announces only what was new (Yjs\' own encoding)', () => {
    const doc = new Y.Doc()
    const stored = storedCopy(50)
    // The server was first: most of the copy is in the document already.
    Y.applyUpdate(doc, stored)
    const writer = new Y.Doc()
    Y.applyUpdate(writer, stored)
    writer.getText('note').insert(0, 'offline: ')
    const copy = Y.encodeStateAsUpdate(writer)
    const heard = listen(doc)
    applyStoredUpdate(doc, copy, origin)
    expect(doc.getText('note').toString()).toBe(writer.getText('note').toString())
    expect(heard).toHaveLength(1)
    expect(heard[0]!.update).not.toBe(copy)
    expect(heard[0]!.update.length).toBeLessThan(copy.length / 4)
  })

  it('announces nothing when the document held the copy already, as Yjs would', () => {
    const doc = new Y.Doc()
    const stored = storedCopy()
    Y.applyUpdate(doc, stored)
    const heard = listen(doc)
    applyStoredUpdate(doc, stored, origin)
    expect(heard).toHaveLength(0)
  })

  it('keeps the listeners: a later edit is announced as usual', () => {
    const doc = new Y.Doc()
    const heard = listen(doc)
    applyStoredUpdate(doc, storedCopy(), origin)
    doc.getText('note').insert(0, 'Neu: ')
    expect(heard).toHaveLength(2)
    expect(heard[1]!.origin).toBeNull()
    const elsewhere = new Y.Doc()
    for (const { update } of heard) {
      Y.applyUpdate(elsewhere, update)
    }
    expect(elsewhere.getText('note').toString()).toBe('Neu: atz 1. Absatz 2. Absatz 3. ')
  })

  it('announces a change an observer makes during the apply (an editor normalising), after the copy', () => {
    const doc = new Y.Doc()
    const heard = listen(doc)
    const text = doc.getText('note')
    let normalised = false
    text.observe(() => {
      if (!normalised) {
        normalised = true
        doc.transact(() => doc.getMap('meta').set('normalised', true), 'editor')
      }
    })
    applyStoredUpdate(doc, storedCopy(), origin)
    expect(heard.map((entry) => entry.origin)).toEqual([origin, 'editor'])
    const elsewhere = new Y.Doc()
    for (const { update } of heard) {
      Y.applyUpdate(elsewhere, update)
    }
    expect(elsewhere.getMap('meta').get('normalised')).toBe(true)
    expect(elsewhere.getText('note').toString()).toBe(text.toString())
  })

  it('throws on a corrupt copy without announcing its bytes, and keeps the listeners', () => {
    const doc = new Y.Doc()
    const heard = listen(doc)
    const corrupt = storedCopy().slice(0, 9)
    expect(() => applyStoredUpdate(doc, corrupt, origin)).toThrow()
    expect(heard.some((entry) => entry.update === corrupt)).toBe(false)
    doc.getText('note').insert(0, 'weiter')
    expect(heard.at(-1)?.origin).toBeNull()
  })

  it('applies as usual inside a running transaction (the transaction announces it)', () => {
    const doc = new Y.Doc()
    const heard = listen(doc)
    doc.transact(() => applyStoredUpdate(doc, storedCopy(), origin), 'outer')
    expect(heard).toHaveLength(1)
    expect(heard[0]!.origin).toBe('outer')
    expect(doc.getText('note').toString()).toBe('atz 1. Absatz 2. Absatz 3. ')
  })
})

describe('applyStoredUpdate, listeners that need not hear the copy', () => {
  it('does not tell them of the stored update, tells everyone else in their order, and keeps them for later edits', () => {
    const doc = new Y.Doc()
    const order: string[] = []
    doc.on('update', () => order.push('store'))
    const echo = (): void => {
      order.push('provider')
    }
    doc.on('update', echo)
    doc.on('update', () => order.push('probe'))
    applyStoredUpdate(doc, storedCopy(), origin, { unheardBy: [echo] })
    expect(doc.getText('note').toString()).toBe('atz 1. Absatz 2. Absatz 3. ')
    expect(order).toEqual(['store', 'probe'])
    order.length = 0
    doc.getText('note').insert(0, 'Neu: ')
    expect(order).toEqual(['store', 'provider', 'probe'])
  })

  it('still tells them what an observer changed during the apply', () => {
    const doc = new Y.Doc()
    const heard: unknown[] = []
    const echo = (_update: Uint8Array, from: unknown): void => {
      heard.push(from)
    }
    doc.on('update', echo)
    let normalised = false
    doc.getText('note').observe(() => {
      if (!normalised) {
        normalised = true
        doc.transact(() => doc.getMap('meta').set('normalised', true), 'editor')
      }
    })
    applyStoredUpdate(doc, storedCopy(), origin, { unheardBy: [echo] })
    expect(heard).toEqual(['editor'])
  })
})
