import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyUpdateYoung, transactYoung } from './youngTransactions.js'

function updateOf(write: (doc: Y.Doc) => void): Uint8Array {
  const source = new Y.Doc()
  write(source)
  return Y.encodeStateAsUpdate(source)
}

describe('transactions on a fresh list', () => {
  it('lists the transaction in a new array, not the one the last cleanup left', () => {
    const doc = new Y.Doc()
    doc.getText('note').insert(0, 'Kundenfragen')
    const leftByCleanup = doc._transactionCleanups
    let listDuring: Y.Transaction[] | null = null
    transactYoung(doc, () => {
      listDuring = doc._transactionCleanups
      doc.getText('note').insert(0, 'Pausen ')
    })
    expect(listDuring).not.toBe(leftByCleanup)
    expect(doc.getText('note').toString()).toBe('Pausen Kundenfragen')
  })

  it('applies an update on a new list, with the same result and events as Y.applyUpdate', () => {
    const doc = new Y.Doc()
    const leftByCleanup = doc._transactionCleanups
    const seen: string[] = []
    let listDuring: Y.Transaction[] | null = null
    doc.getText('note').observe((event) => {
      listDuring = doc._transactionCleanups
      seen.push(event.target.toString())
    })
    applyUpdateYoung(doc, updateOf((source) => source.getText('note').insert(0, 'Kassenabschluss')), 'remote')
    expect(listDuring).not.toBe(leftByCleanup)
    expect(seen).toEqual(['Kassenabschluss'])
  })

  it('leaves an open transaction alone: a nested call joins it, observers run once at its end', () => {
    const doc = new Y.Doc()
    const text = doc.getText('note')
    const events: string[] = []
    const updates: Uint8Array[] = []
    text.observe(() => events.push(text.toString()))
    doc.on('update', (update: Uint8Array) => updates.push(update))
    transactYoung(doc, () => {
      const outerList = doc._transactionCleanups
      text.insert(0, 'Pausen')
      applyUpdateYoung(doc, updateOf((source) => source.getText('other').insert(0, 'x')))
      transactYoung(doc, () => text.insert(6, ' einhalten'))
      expect(doc._transactionCleanups).toBe(outerList)
      expect(events).toEqual([])
    })
    expect(events).toEqual(['Pausen einhalten'])
    expect(updates).toHaveLength(1)
    expect(doc._transaction).toBeNull()
  })

  it('keeps a transaction that waits for its cleanup when an observer starts another', () => {
    const doc = new Y.Doc()
    const text = doc.getText('note')
    const seen: string[] = []
    text.observe(() => {
      seen.push(text.toString())
      if (text.length < 6) {
        // Yjs lists this one behind the transaction still cleaning up: both must run.
        transactYoung(doc, () => text.insert(text.length, ' Pause'))
      }
    })
    transactYoung(doc, () => text.insert(0, 'Kasse'))
    expect(seen).toEqual(['Kasse', 'Kasse Pause'])
    expect(doc._transactionCleanups).toEqual([])
  })
})
