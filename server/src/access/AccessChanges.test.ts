import { describe, expect, it, vi } from 'vitest'
import { createLogger } from '../log.js'
import type { ControlMessage, Fanout } from '../fanout/Fanout.js'
import { AccessChanges, type AccessChange } from './AccessChanges.js'

function fakeFanout() {
  let control: ((message: ControlMessage) => void) | undefined
  const published: ControlMessage[] = []
  const fanout = {
    publishControl: (message: ControlMessage) => published.push(message),
    onControl: (listener: (message: ControlMessage) => void) => {
      control = listener
    },
  } as unknown as Fanout
  return { fanout, published, receive: (message: unknown) => control?.(message as ControlMessage) }
}

const logger = createLogger({ logLevel: 'silent' })
const revocation: AccessChange = { kind: 'consent', caseId: 'c1', field: 'diagnosis', userId: 'u1' }

describe('AccessChanges', () => {
  it('delivers a change to every subscriber here and announces it to the other processes', async () => {
    const { fanout, published } = fakeFanout()
    const changes = new AccessChanges({ logger, fanout })
    const relay = vi.fn()
    const streams = vi.fn()
    changes.subscribe(relay)
    changes.subscribe(streams)
    await changes.publish(revocation)
    expect(relay).toHaveBeenCalledWith(revocation)
    expect(streams).toHaveBeenCalledWith(revocation)
    expect(published).toEqual([revocation])
  })

  it("resolves only after the subscribers have acted (a route answers after the reader's socket is closed)", async () => {
    const changes = new AccessChanges({ logger })
    let closed = false
    changes.subscribe(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      closed = true
    })
    await changes.publish(revocation)
    expect(closed).toBe(true)
  })

  it("delivers another process's change to the same subscribers, the same way", async () => {
    const { fanout, receive } = fakeFanout()
    const changes = new AccessChanges({ logger, fanout })
    const relay = vi.fn()
    changes.subscribe(relay)
    receive(revocation)
    expect(relay).toHaveBeenCalledWith(revocation)
  })

  it('ignores a control message it does not know (another version) instead of guessing', () => {
    const { fanout, receive } = fakeFanout()
    const changes = new AccessChanges({ logger, fanout })
    const relay = vi.fn()
    changes.subscribe(relay)
    receive({ kind: 'case', caseId: 'c1' })
    receive({ kind: 'consent', caseId: 'c1', field: 'shoeSize', userId: 'u1' })
    expect(relay).not.toHaveBeenCalled()
  })
})
