import type { ServerResponse } from 'node:http'
import { describe, expect, it, vi } from 'vitest'
import { createLogger } from '../log.js'
import { CaseEventHub } from './CaseEventHub.js'

function fakeResponse() {
  const written: string[] = []
  let ended = false
  const raw = {
    writeHead: () => raw,
    write: (chunk: string) => written.push(chunk),
    end: () => {
      ended = true
    },
    on: () => raw,
    get writableEnded() {
      return ended
    },
  }
  return { raw: raw as unknown as ServerResponse, written, ended: () => ended }
}

function hubWithStreams() {
  const findMember = vi.fn(async (_caseId: string, userId: string) => (userId === 'gone' ? null : ({} as never)))
  const hub = new CaseEventHub({ storage: { findMember, listCasesOfUser: async () => [] }, logger: createLogger({ logLevel: 'silent' }) })
  const streams = {
    gone: fakeResponse(),
    stays: fakeResponse(),
    otherCase: fakeResponse(),
  }
  hub.open(streams.gone.raw, { caseId: 'c1', userId: 'gone', sessionHash: 's1' })
  hub.open(streams.stays.raw, { caseId: 'c1', userId: 'stays', sessionHash: 's2' })
  hub.open(streams.otherCase.raw, { caseId: 'c2', userId: 'gone', sessionHash: 's1' })
  return { hub, streams, findMember }
}

describe('CaseEventHub.applyAccessChange', () => {
  it("a membership change asks storage about that user's streams of that case only, ends them when the user left, and tells the others", async () => {
    const { hub, streams, findMember } = hubWithStreams()
    await hub.applyAccessChange({ kind: 'membership', caseId: 'c1', userId: 'gone' })
    expect(findMember).toHaveBeenCalledTimes(1)
    expect(streams.gone.ended()).toBe(true)
    expect(streams.stays.ended()).toBe(false)
    expect(streams.stays.written.at(-1)).toContain('"what":"members"')
    expect(streams.otherCase.ended()).toBe(false)
  })

  it('a consent change only tells the case’s streams to re-read consents, without a query', async () => {
    const { hub, streams, findMember } = hubWithStreams()
    await hub.applyAccessChange({ kind: 'consent', caseId: 'c1', field: 'diagnosis', userId: 'stays' })
    expect(findMember).not.toHaveBeenCalled()
    expect(streams.stays.written.at(-1)).toContain('"what":"consents"')
    expect(streams.otherCase.written.at(-1)).toBe(': connected\n\n')
  })

  it('an ended session ends its streams on every case; an erasure ends every stream of the case', async () => {
    const { hub, streams } = hubWithStreams()
    await hub.applyAccessChange({ kind: 'session', sessionHash: 's1' })
    expect([streams.gone.ended(), streams.stays.ended(), streams.otherCase.ended()]).toEqual([true, false, true])
    await hub.applyAccessChange({ kind: 'erased', caseId: 'c1' })
    expect(streams.stays.ended()).toBe(true)
    expect(hub.size).toBe(0)
  })
})
