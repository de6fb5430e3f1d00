import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyEditToString, diffText, rebaseEdit, transformPosition, transformSelection, type DeltaOp } from './textDelta.js'

/** The delta a change of one Y.Text produces (as an observer sees it). */
function deltaOf(initial: string, change: (text: Y.Text) => void): DeltaOp[] {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, initial)
  let delta: DeltaOp[] = []
  text.observe((event) => {
    delta = event.delta as DeltaOp[]
  })
  change(text)
  return delta
}

describe('diffText', () => {
  it('finds the single typed character, at the caret inside a run of equal characters', () => {
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' })
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' })
    expect(diffText('Ziel', 'Ziel!', 5)).toEqual({ index: 4, remove: 0, insert: '!' })
  })

  it('finds deletions and replacements of a selection', () => {
    expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' })
    expect(diffText('Kasse bedienen', 'Lager bedienen', 5)).toEqual({ index: 0, remove: 5, insert: 'Lager' })
  })

  it('returns null when nothing changed (focus and blur never write)', () => {
    expect(diffText('gleich', 'gleich', 3)).toBeNull()
  })

  it('never splits a surrogate pair', () => {
    const edit = diffText('a😀', 'a😃', 3)
    expect(edit).toEqual({ index: 1, remove: 2, insert: '😃' })
  })

  it('round-trips through applyEditToString', () => {
    for (const [before, after, caret] of [
      ['', 'neu', 3],
      ['Text', '', 0],
      ['abcabc', 'abXabc', 3],
      ['Messbar: 3 Tage', 'Messbar: 5 Tage', 10],
    ] as const) {
      const edit = diffText(before, after, caret)
      expect(edit && applyEditToString(before, edit)).toBe(after)
    }
  })
})

describe('transformPosition / transformSelection', () => {
  it('moves a caret behind a remote insertion before it, and keeps it before one after it', () => {
    const delta = deltaOf('Hallo Welt', (text) => text.insert(0, 'Tobias: '))
    expect(transformPosition(delta, 5)).toBe(13)
    const later = deltaOf('Hallo Welt', (text) => text.insert(10, '!'))
    expect(transformPosition(later, 5)).toBe(5)
  })

  it('keeps a caret before an insertion exactly at it, unless it sticks right', () => {
    const delta = deltaOf('abc', (text) => text.insert(1, 'XY'))
    expect(transformPosition(delta, 1, -1)).toBe(1)
    expect(transformPosition(delta, 1, 1)).toBe(3)
  })

  it('moves a caret inside a deleted range to the deletion start', () => {
    const delta = deltaOf('0123456789', (text) => text.delete(2, 5))
    expect(transformPosition(delta, 4)).toBe(2)
    expect(transformPosition(delta, 8)).toBe(3)
    expect(transformPosition(delta, 1)).toBe(1)
  })

  it('carries a selection over a change before it', () => {
    const delta = deltaOf('Kasse bedienen', (text) => text.insert(0, 'Die '))
    expect(transformSelection(delta, 6, 14)).toEqual({ start: 10, end: 18 })
  })
})

describe('rebaseEdit (IME composition)', () => {
  it('moves a composed insertion over a remote insertion before it', () => {
    const remote = deltaOf('Ziel', (text) => text.insert(0, 'Neues '))
    expect(rebaseEdit({ index: 4, remove: 0, insert: '漢字' }, [remote])).toEqual({ index: 10, remove: 0, insert: '漢字' })
  })

  it('does not remove twice what a remote change already removed', () => {
    const remote = deltaOf('abcdef', (text) => text.delete(1, 2))
    expect(rebaseEdit({ index: 2, remove: 2, insert: 'X' }, [remote])).toEqual({ index: 1, remove: 1, insert: 'X' })
  })

  it('converges with the remote change when applied to the rebased text', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    text.insert(0, 'Pausen einhalten')
    const deltas: DeltaOp[][] = []
    text.observe((event) => deltas.push(event.delta as DeltaOp[]))
    const local = diffText('Pausen einhalten', 'Pausen immer einhalten', 13)
    text.insert(0, 'Die ')
    const edit = rebaseEdit(local!, deltas)
    text.insert(edit.index, edit.insert)
    expect(text.toString()).toBe('Die Pausen immer einhalten')
  })
})
