import { describe, expect, it } from 'vitest'
import { CaseChangedEvent } from '../../../../../shared/src/api/caseEvents.js'
import { CaseResources, initialGenerations, nextGenerations, reloadsOnCaseChange, type CaseResource } from './caseResources.js'

/** The reloads the case screen made per event before the table (CaseScreen's refresh counters). */
const expected: Record<string, CaseResource[]> = {
  case: ['detail'],
  members: ['detail', 'consents', 'releases', 'agreements', 'invitations'],
  access: ['detail', 'consents'],
  // A release recorded, revoked or lapsed is told as a `consents` event (issue 16).
  consents: ['detail', 'consents', 'releases'],
  agreements: ['agreements'],
  invitations: ['invitations'],
  funding: ['funding'],
  hoursProof: ['hoursProof'],
  all: ['detail', 'consents', 'releases', 'agreements', 'invitations', 'funding', 'hoursProof'],
}

describe('case event → resources to reload', () => {
  it.each(Object.entries(expected))('%s reloads %j', (what, resources) => {
    expect([...reloadsOnCaseChange[what as keyof typeof reloadsOnCaseChange]].sort()).toEqual([...resources].sort())
  })

  it('has a row for every event the server sends, and for a reconnect', () => {
    expect(Object.keys(reloadsOnCaseChange).sort()).toEqual([...CaseChangedEvent.shape.what.options, 'all'].sort())
  })

  it('reloads everything after a reconnect of the stream', () => {
    expect([...reloadsOnCaseChange.all].sort()).toEqual([...CaseResources].sort())
  })

  it('moves the generation of exactly the named resources', () => {
    const next = nextGenerations(initialGenerations, reloadsOnCaseChange.consents)
    expect(next).toEqual({ detail: 1, consents: 1, releases: 1, agreements: 0, invitations: 0, funding: 0, hoursProof: 0 })
    expect(nextGenerations(next, [])).toBe(next)
  })
})
