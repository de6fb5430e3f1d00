import { describe, expect, it } from 'vitest'
import { requestErasesOn, requestRetentionCutoffs, requestStepRefusal, statusAfter, type RequestStep } from './requestFlow.js'

const steps: RequestStep[] = ['clarify', 'accept', 'decline']

describe('request flow', () => {
  it('lets an open request be clarified and declined, and accepted once the consent is recorded', () => {
    expect(requestStepRefusal({ status: 'open', consentOn: null }, 'clarify')).toBeNull()
    expect(requestStepRefusal({ status: 'open', consentOn: null }, 'decline')).toBeNull()
    expect(requestStepRefusal({ status: 'open', consentOn: null }, 'accept')).toBe('consentMissing')
    expect(requestStepRefusal({ status: 'open', consentOn: '2026-03-02' }, 'accept')).toBeNull()
  })

  it.each(['accepted', 'declined'] as const)('allows nothing more once a request is %s', (status) => {
    for (const step of steps) {
      expect(requestStepRefusal({ status, consentOn: '2026-03-02' }, step)).toBe('decided')
    }
  })

  it('leads accept to accepted and decline to declined; clarifying keeps it open', () => {
    expect(statusAfter('accept')).toBe('accepted')
    expect(statusAfter('decline')).toBe('declined')
    expect(statusAfter('clarify')).toBe('open')
  })

  it('erases a declined request 6 months after the decision, an untouched open one after 12, an accepted one with its case', () => {
    expect(requestErasesOn({ status: 'declined', updatedAt: '2026-03-05T10:00:00.000Z', decidedAt: '2026-03-05T10:00:00.000Z' })).toBe('2026-09-05')
    expect(requestErasesOn({ status: 'open', updatedAt: '2026-03-05T10:00:00.000Z', decidedAt: null })).toBe('2027-03-05')
    expect(requestErasesOn({ status: 'accepted', updatedAt: '2026-03-05T10:00:00.000Z', decidedAt: '2026-03-05T10:00:00.000Z' })).toBeNull()
  })

  it('sweeps with cutoffs that match the erasure days', () => {
    expect(requestRetentionCutoffs(new Date('2026-09-06T00:00:00.000Z'))).toEqual({
      declinedBefore: '2026-03-06T00:00:00.000Z',
      openUntouchedBefore: '2025-09-06T00:00:00.000Z',
    })
  })
})
