import { describe, expect, it } from 'vitest'
import { applicableRate, lineAmountCents, sameRate, type CoachRate, type RatedApproval } from './rates.js'

let counter = 0
function approval(partial: Partial<RatedApproval> & Pick<RatedApproval, 'validFrom' | 'validUntil'>): RatedApproval {
  counter += 1
  return {
    id: `a${counter}`,
    kind: 'approval',
    extendsId: null,
    correctsId: null,
    hours: 40,
    rateCents: null,
    currency: 'EUR',
    recordedAt: `2026-01-01T00:00:${String(counter).padStart(2, '0')}Z`,
    ...partial,
  }
}

const hourly45: CoachRate = { kind: 'hourly', cents: 4500, currency: 'EUR' }
const flat300: CoachRate = { kind: 'flat', cents: 30000, currency: 'EUR' }

describe('which rate applies', () => {
  it("an approval's rate wins over the coach's own rate on the days it covers", () => {
    const approvals = [approval({ validFrom: '2026-03-01', validUntil: '2026-06-30', rateCents: 6200 })]
    expect(applicableRate('2026-04-10', approvals, hourly45)).toEqual({ kind: 'hourly', cents: 6200, currency: 'EUR', source: 'approval' })
    // Outside the approved period the coach's rate is what is left.
    expect(applicableRate('2026-07-01', approvals, hourly45)).toEqual({ ...hourly45, source: 'coach' })
  })

  it("an approval without a rate leaves the coach's rate (freelance pool coach: hourly or flat)", () => {
    const approvals = [approval({ validFrom: '2026-03-01', validUntil: '2026-06-30' })]
    expect(applicableRate('2026-04-10', approvals, hourly45)?.cents).toBe(4500)
    expect(applicableRate('2026-04-10', approvals, flat300)).toEqual({ ...flat300, source: 'coach' })
  })

  it('an extension without a rate bills at the rate of the approval it extends', () => {
    const first = approval({ id: 'first', validFrom: '2026-01-01', validUntil: '2026-03-31', rateCents: 5800 })
    const extension = approval({ kind: 'extension', extendsId: 'first', validFrom: '2026-04-01', validUntil: '2026-05-31' })
    expect(applicableRate('2026-05-02', [first, extension], null)).toEqual({ kind: 'hourly', cents: 5800, currency: 'EUR', source: 'approval' })
  })

  it('of two covering approvals the one that began last wins; a corrected one no longer counts', () => {
    const older = approval({ id: 'older', validFrom: '2026-01-01', validUntil: '2026-12-31', rateCents: 5000 })
    const newer = approval({ id: 'newer', validFrom: '2026-06-01', validUntil: '2026-12-31', rateCents: 5500, currency: 'CHF' })
    expect(applicableRate('2026-07-01', [older, newer], null)).toMatchObject({ cents: 5500, currency: 'CHF' })
    const correction = approval({ correctsId: 'newer', validFrom: '2026-06-01', validUntil: '2026-12-31', rateCents: 5600 })
    expect(applicableRate('2026-07-01', [older, newer, correction], null)?.cents).toBe(5600)
  })

  it('no approval rate and no coach rate: no rate', () => {
    expect(applicableRate('2026-04-10', [], null)).toBeNull()
  })
})

describe('line amounts', () => {
  it('hourly: hours times rate, to the cent', () => {
    expect(lineAmountCents({ ...hourly45, source: 'coach' }, 7.25, false)).toBe(32625)
    expect(lineAmountCents({ kind: 'hourly', cents: 4333, currency: 'EUR', source: 'approval' }, 1.5, false)).toBe(6500)
  })

  it("flat: the fee once per case, nothing with the case's later invoices", () => {
    expect(lineAmountCents({ ...flat300, source: 'coach' }, 3, false)).toBe(30000)
    expect(lineAmountCents({ ...flat300, source: 'coach' }, 2, true)).toBe(0)
  })

  it('rates from different sources are different lines', () => {
    expect(sameRate({ ...hourly45, source: 'coach' }, { ...hourly45, source: 'approval' })).toBe(false)
  })
})
