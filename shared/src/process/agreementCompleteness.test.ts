import { describe, expect, it } from 'vitest'
import { agreementComplete } from './agreementCompleteness.js'

const h1 = '1'.repeat(64)
const h2 = '2'.repeat(64)
const members = [
  { userId: 'coach', role: 'coach' as const },
  { userId: 'boss', role: 'employer' as const },
  { userId: 'jonas', role: 'coachee' as const },
]

describe('agreementComplete', () => {
  it('needs every employer and coachee member to have agreed to the current hash (de)', () => {
    expect(agreementComplete([{ userId: 'boss', planHash: h1 }], members, h1, 'de')).toBe(false)
    expect(agreementComplete([{ userId: 'boss', planHash: h1 }, { userId: 'jonas', planHash: h1 }], members, h1, 'de')).toBe(true)
    expect(agreementComplete([{ userId: 'boss', planHash: h1 }, { userId: 'jonas', planHash: h2 }], members, h1, 'de')).toBe(false)
  })

  it('needs the coaches too under the Swiss flow', () => {
    const agreed = [{ userId: 'boss', planHash: h1 }, { userId: 'jonas', planHash: h1 }]
    expect(agreementComplete(agreed, members, h1, 'ch')).toBe(false)
    expect(agreementComplete([...agreed, { userId: 'coach', planHash: h1 }], members, h1, 'ch')).toBe(true)
  })

  it('is never complete without anyone who must agree, or before the hash is known', () => {
    expect(agreementComplete([{ userId: 'coach', planHash: h1 }], [members[0]!], h1, 'de')).toBe(false)
    expect(agreementComplete([{ userId: 'boss', planHash: h1 }, { userId: 'jonas', planHash: h1 }], members, null, 'de')).toBe(false)
  })
})
