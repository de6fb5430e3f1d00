import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test/helpers/startRelay.js'
import type { ControlMessage, Fanout, RoomListener } from './Fanout.js'
import { SealedFanout, type FanoutKeys } from './SealedFanout.js'

const room = 'cases/AAAAAAAAAAAAAAAAAAAAAA/confidential/diagnosis'
const text = (value: string): Uint8Array => new TextEncoder().encode(value)
const read = (value: Uint8Array): string => new TextDecoder().decode(value)

/** A broker in memory: what is published reaches the other side's listener of the room, as it was published. */
function broker() {
  const listeners = new Map<string, RoomListener>()
  const carried: Array<{ seqs?: readonly number[]; payloads: Uint8Array[] }> = []
  const side = (processId: string): Fanout => ({
    processId,
    joinRoom: async (name, listener) => {
      listeners.set(`${processId}:${name}`, listener)
    },
    leaveRoom: async (name) => {
      listeners.delete(`${processId}:${name}`)
    },
    publishUpdates: (name, seqs, updates) => {
      carried.push({ seqs, payloads: [...updates] })
      for (const [key, listener] of listeners) {
        if (key !== `${processId}:${name}` && key.endsWith(`:${name}`)) {
          listener.updates(seqs, updates)
        }
      }
    },
    publishAwareness: (name, update, accounts) => {
      carried.push({ payloads: [update] })
      for (const [key, listener] of listeners) {
        if (key !== `${processId}:${name}` && key.endsWith(`:${name}`)) {
          listener.awareness(update, accounts)
        }
      }
    },
    publishAwarenessQuery: () => {},
    publishControl: (_message: ControlMessage) => {},
    onControl: () => {},
    onReconnect: () => {},
    isConnected: () => true,
    close: async () => {},
  })
  return { side, carried, listener: (processId: string) => listeners.get(`${processId}:${room}`) }
}

function keysOf(key: KeyObject, options: { cachedAfterFetch?: boolean } = {}): FanoutKeys & { fetches: number } {
  let cached = options.cachedAfterFetch === true ? undefined : key
  const keys = {
    fetches: 0,
    cached: () => cached,
    fetch: async () => {
      keys.fetches += 1
      await new Promise((resolve) => setTimeout(resolve, 5))
      cached = key
      return key
    },
  }
  return keys
}

function receiver() {
  const updates: Array<{ seqs: readonly number[]; texts: string[] }> = []
  const awareness: Array<{ text: string; accounts: ReadonlyMap<number, string> }> = []
  const listener: RoomListener = {
    updates: (seqs, values) => updates.push({ seqs, texts: values.map(read) }),
    awareness: (value, accounts) => awareness.push({ text: read(value), accounts }),
    awarenessQuery: () => {},
  }
  return { listener, updates, awareness }
}

/** Two processes on one broker with the room's key cached, the second following the room. */
async function twoSides() {
  const key = createSecretKey(randomBytes(32))
  const wire = broker()
  const log = captureLogger('warn')
  const first = new SealedFanout(wire.side('p1'), keysOf(key), log.logger)
  const second = new SealedFanout(wire.side('p2'), keysOf(key), log.logger)
  const heard = receiver()
  await second.joinRoom(room, heard.listener)
  return { wire, log, first, heard }
}

describe('SealedFanout', () => {
  it('carries room updates and awareness as ciphertext only, and the other process opens them', async () => {
    const { wire, log, first, heard } = await twoSides()
    first.publishUpdates(room, [7, 8], [text('Diagnose: F32.1'), text('Medikation: Sertralin')])
    first.publishAwareness(room, text('{"user":{"name":"Miriam Roth"}}'), new Map([[11, 'user-miriam']]))
    expect(heard.updates).toEqual([{ seqs: [7, 8], texts: ['Diagnose: F32.1', 'Medikation: Sertralin'] }])
    expect(heard.awareness.map((entry) => entry.text)).toEqual(['{"user":{"name":"Miriam Roth"}}'])
    for (const { payloads } of wire.carried) {
      for (const payload of payloads) {
        expect(Buffer.from(payload).toString('latin1')).not.toMatch(/F32|Sertralin|Miriam/)
      }
    }
    expect(log.lines()).toEqual([])
  })

  it('drops a message renumbered, moved to another account or forged, logging the room without content', async () => {
    const { wire, log, first, heard } = await twoSides()
    first.publishUpdates(room, [3], [text('Diagnose: F32.1')])
    first.publishAwareness(room, text('{"cursor":1}'), new Map([[11, 'user-miriam']]))
    const [update, awareness] = wire.carried
    const inbound = wire.listener('p2')
    // Replayed under another row number, or with the client id claimed for another account, or made up.
    inbound?.updates([9], update?.payloads ?? [])
    inbound?.awareness(awareness?.payloads[0] ?? new Uint8Array(), new Map([[11, 'user-someone-else']]))
    inbound?.updates([4], [text('Diagnose: erfunden')])
    expect(heard.updates.map((entry) => entry.seqs)).toEqual([[3]])
    expect(heard.awareness).toHaveLength(1)
    const warnings = log.lines()
    expect(warnings).toHaveLength(3)
    for (const line of warnings) {
      expect(line.room).toBe(room)
      expect(JSON.stringify(line)).not.toMatch(/F32|erfunden|cursor/)
    }
  })

  it("waits for a key it must fetch, and keeps the room's messages in order behind it", async () => {
    const key = createSecretKey(randomBytes(32))
    const wire = broker()
    const log = captureLogger('warn')
    const first = new SealedFanout(wire.side('p1'), keysOf(key), log.logger)
    const keys = keysOf(key, { cachedAfterFetch: true })
    const second = new SealedFanout(wire.side('p2'), keys, log.logger)
    const heard = receiver()
    await second.joinRoom(room, heard.listener)
    first.publishUpdates(room, [1], [text('eins')])
    first.publishUpdates(room, [2], [text('zwei')])
    expect(heard.updates).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(heard.updates.map((entry) => entry.texts[0])).toEqual(['eins', 'zwei'])
    expect(keys.fetches).toBe(1)
    // Once cached, the next one opens in the same turn.
    first.publishUpdates(room, [3], [text('drei')])
    expect(heard.updates.map((entry) => entry.texts[0])).toEqual(['eins', 'zwei', 'drei'])
    await second.leaveRoom(room, heard.listener)
    first.publishUpdates(room, [4], [text('vier')])
    expect(heard.updates).toHaveLength(3)
  })
})
