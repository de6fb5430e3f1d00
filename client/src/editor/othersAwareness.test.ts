import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { othersAwareness } from './othersAwareness.js'

/** Our awareness and a co-editor's whose states reach ours as through the relay. */
function pair(): { ours: Awareness; theirs: Awareness; receive: () => void } {
  const ours = new Awareness(new Y.Doc())
  const theirs = new Awareness(new Y.Doc())
  const receive = () => applyAwarenessUpdate(ours, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'relay')
  return { ours, theirs, receive }
}

describe('othersAwareness', () => {
  it("tells 'change' listeners of the others' changes and not of our own", () => {
    const { ours, theirs, receive } = pair()
    const seen: number[][] = []
    othersAwareness(ours).on('change', ({ added, updated }: { added: number[]; updated: number[] }) => seen.push([...added, ...updated]))
    ours.setLocalStateField('cursor', { anchor: 1 })
    expect(seen).toEqual([])
    theirs.setLocalStateField('cursor', { anchor: 5 })
    receive()
    expect(seen).toEqual([[theirs.clientID]])
  })

  it('passes other events and every call through to the awareness', () => {
    const { ours } = pair()
    const view = othersAwareness(ours)
    let updates = 0
    view.on('update', () => (updates += 1))
    view.setLocalStateField('user', { name: 'Lena Vogel' })
    expect(ours.getLocalState()).toMatchObject({ user: { name: 'Lena Vogel' } })
    expect(view.getStates()).toBe(ours.getStates())
    expect(view.clientID).toBe(ours.clientID)
    expect(updates).toBe(1)
  })

  it("removes a 'change' listener it was given", () => {
    const { ours, theirs, receive } = pair()
    const view = othersAwareness(ours)
    let calls = 0
    const listener = () => (calls += 1)
    view.on('change', listener)
    view.off('change', listener)
    theirs.setLocalStateField('cursor', { anchor: 2 })
    receive()
    expect(calls).toBe(0)
  })
})
