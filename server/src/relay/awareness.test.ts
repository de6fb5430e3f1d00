import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { AwarenessLimits, decodeAwarenessUpdate, encodeAwarenessEntries, withVerifiedUser } from './awareness.js'
import { MalformedMessageError } from './MalformedMessageError.js'

function rawUpdate(entries: Array<[number, number, string]>, count = entries.length): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, count)
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(encoder, id)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}

describe('awareness updates', () => {
  it('decode what y-protocols encodes, and encode back to something y-protocols applies', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    awareness.setLocalState({ user: { name: 'Miriam Roth', color: '#ff0000' }, cursor: null })
    const entries = decodeAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]))
    expect(entries).toEqual([{ clientId: awareness.clientID, clock: 1, state: { user: { name: 'Miriam Roth', color: '#ff0000' }, cursor: null } }])

    const target = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(target, encodeAwarenessEntries(entries), null)
    expect(target.getStates().get(awareness.clientID)).toEqual({ user: { name: 'Miriam Roth', color: '#ff0000' }, cursor: null })
  })

  it.each([
    ['a state that is not JSON', rawUpdate([[1, 1, '{nope']])],
    ['an array state', rawUpdate([[1, 1, '[1,2]']])],
    ['a number state', rawUpdate([[1, 1, '42']])],
    ['an oversized state', rawUpdate([[1, 1, JSON.stringify({ x: 'x'.repeat(AwarenessLimits.maxStateBytes) })]])],
    ['too many entries', rawUpdate(Array.from({ length: 17 }, (_, i): [number, number, string] => [i, 1, '{}']))],
    ['a truncated update', rawUpdate([[1, 1, '{}']], 2)],
  ])('refuse %s', (_what, update) => {
    expect(() => decodeAwarenessUpdate(update)).toThrow(MalformedMessageError)
  })

  it('accept a null state (the client left)', () => {
    expect(decodeAwarenessUpdate(rawUpdate([[7, 3, 'null']]))).toEqual([{ clientId: 7, clock: 3, state: null }])
  })

  it("replace the claimed user with the account's name and id, keeping only a #rrggbb colour", () => {
    const account = { userId: 'AbCdEfGhIjKlMnOp', userName: 'Sabine Keller' }
    expect(withVerifiedUser({ user: { name: 'Miriam Roth', color: '#00ff00', admin: true }, cursor: 1 }, account)).toEqual({
      user: { name: 'Sabine Keller', color: '#00ff00', id: 'AbCdEfGhIjKlMnOp' },
      cursor: 1,
    })
    expect(withVerifiedUser({ user: { color: 'red;background:url(x)' } }, account)).toEqual({
      user: { name: 'Sabine Keller', color: '#23527c', id: 'AbCdEfGhIjKlMnOp' },
    })
    expect(withVerifiedUser({}, account)?.user).toMatchObject({ name: 'Sabine Keller' })
    expect(withVerifiedUser(null, account)).toBeNull()
  })
})
