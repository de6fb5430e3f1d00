import { describe, expect, it } from 'vitest'
import { MatchNeeds, PoolProfile } from '../api/pool.js'
import { rankCandidates, scoreCandidate, type MatchCandidate } from './matching.js'

const needs = MatchNeeds.parse({ postcode: '37073', caseType: 'retention', hoursPerWeek: 4, specialisations: ['autism'], languages: ['de'] })
const profile = (fields: Partial<PoolProfile>): PoolProfile => PoolProfile.parse({ languages: ['de'], caseTypes: ['retention'], hoursFreePerWeek: 8, ...fields })
const candidate = (fields: Partial<MatchCandidate>): MatchCandidate => ({
  userId: 'u',
  name: 'X',
  group: 'group1',
  profile: profile({ postcodeAreas: ['370'], specialisations: ['autism'] }),
  load: 0,
  meetingHeld: true,
  ...fields,
})

describe('matching score', () => {
  it('ranks the coach who covers the region, has the hours and the specialisation first, with the reasons', () => {
    const ranking = rankCandidates(needs, [
      candidate({ userId: 'far', name: 'Fern', profile: profile({ postcodeAreas: ['80'], specialisations: ['autism'] }) }),
      candidate({ userId: 'near', name: 'Nah' }),
      candidate({ userId: 'noSpec', name: 'Ohne', profile: profile({ postcodeAreas: ['370'] }) }),
    ])
    expect(ranking.map((entry) => entry.userId)).toEqual(['near', 'noSpec', 'far'])
    const reasons = Object.fromEntries(ranking[0]!.reasons.map((reason) => [reason.factor, reason.detail]))
    expect(reasons).toMatchObject({ group: 'group1', region: 'covered', hours: 'enough', specialisation: 'all', languages: 'all', caseload: 'room' })
  })

  it('puts a coach over the Personalschlüssel below an equal one with room', () => {
    const [first, second] = rankCandidates(needs, [candidate({ userId: 'full', name: 'A', load: 1.2 }), candidate({ userId: 'free', name: 'B', load: 0.4 })])
    expect(first!.userId).toBe('free')
    expect(second!.reasons.find((reason) => reason.factor === 'caseload')).toMatchObject({ detail: 'overGuideline', points: -10 })
  })

  it('scores group 1 above group 3, nearby postcodes above other zones, partial hours pro rata', () => {
    expect(scoreCandidate(needs, candidate({ group: 'group1' })).score).toBeGreaterThan(scoreCandidate(needs, candidate({ group: 'group3' })).score)
    const nearby = scoreCandidate(needs, candidate({ profile: profile({ postcodeAreas: ['375'], specialisations: ['autism'] }) }))
    expect(nearby.reasons.find((reason) => reason.factor === 'region')?.detail).toBe('nearby')
    const half = scoreCandidate(needs, candidate({ profile: profile({ postcodeAreas: ['370'], specialisations: ['autism'], hoursFreePerWeek: 2 }) }))
    expect(half.reasons.find((reason) => reason.factor === 'hours')).toMatchObject({ detail: 'partly', points: 8 })
  })

  it('shows a missing Kennenlerngespräch as a reason without points', () => {
    const scored = scoreCandidate(needs, candidate({ meetingHeld: false }))
    expect(scored.reasons.find((reason) => reason.factor === 'meeting')).toEqual({ factor: 'meeting', points: 0, detail: 'notHeld' })
    expect(scored.score).toBe(scoreCandidate(needs, candidate({})).score)
  })
})
