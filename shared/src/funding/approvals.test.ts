import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../process/dates.js'
import {
  approvalStatus,
  approvalWarnings,
  approvedHoursAt,
  coverage,
  effectiveApprovals,
  overlappingApprovals,
  totalApprovedHours,
  type ApprovalRecord,
} from './approvals.js'

let counter = 0
function record(partial: Partial<ApprovalRecord> & Pick<ApprovalRecord, 'validFrom' | 'validUntil' | 'hours'>): ApprovalRecord {
  counter += 1
  return { id: `a${counter}`, kind: 'approval', extendsId: null, correctsId: null, recordedAt: `2026-01-01T00:00:${String(counter % 60).padStart(2, '0')}Z`, ...partial }
}

// The glossary's case: approved 2026-03-02 to 2026-09-30 with 120 hours.
const first = record({ id: 'first', validFrom: '2026-03-02', validUntil: '2026-09-30', hours: 120 })

describe('approval arithmetic', () => {
  it('an approval alone is the budget', () => {
    expect(totalApprovedHours([first])).toBe(120)
    expect(coverage([first])).toEqual([{ from: '2026-03-02', until: '2026-09-30' }])
  })

  it('an extension adds its hours and lengthens the covered period', () => {
    const extension = record({ id: 'ext', kind: 'extension', extendsId: 'first', validFrom: '2026-10-01', validUntil: '2026-12-31', hours: 30 })
    expect(totalApprovedHours([first, extension])).toBe(150)
    expect(coverage([first, extension])).toEqual([{ from: '2026-03-02', until: '2026-12-31' }])
    expect(approvedHoursAt([first, extension], '2026-09-30')).toBe(120)
    expect(approvedHoursAt([first, extension], '2026-10-01')).toBe(150)
  })

  it('a correction replaces the corrected record, which stays in the history', () => {
    const fix = record({ id: 'fix', correctsId: 'first', validFrom: '2026-03-02', validUntil: '2026-09-30', hours: 100 })
    const records = [first, fix]
    expect(totalApprovedHours(records)).toBe(100)
    expect(effectiveApprovals(records).map((r) => r.id)).toEqual(['fix'])
    const fixAgain = record({ id: 'fix2', correctsId: 'fix', validFrom: '2026-03-02', validUntil: '2026-10-31', hours: 110 })
    expect(totalApprovedHours([...records, fixAgain])).toBe(110)
  })

  it('finds overlapping approvals, not an extension overlapping its approval', () => {
    const second = record({ id: 'second', validFrom: '2026-09-01', validUntil: '2027-02-28', hours: 40 })
    const extension = record({ id: 'ext', kind: 'extension', extendsId: 'first', validFrom: '2026-09-15', validUntil: '2026-12-31', hours: 10 })
    expect(overlappingApprovals([first, second, extension]).map(([a, b]) => [a.id, b.id])).toEqual([['first', 'second']])
    const later = record({ id: 'later', validFrom: '2026-10-01', validUntil: '2026-12-31', hours: 10 })
    expect(overlappingApprovals([first, later])).toEqual([])
  })

  it('a gap between periods leaves two runs', () => {
    const later = record({ validFrom: '2026-11-01', validUntil: '2026-12-31', hours: 10 })
    expect(coverage([later, first])).toEqual([
      { from: '2026-03-02', until: '2026-09-30' },
      { from: '2026-11-01', until: '2026-12-31' },
    ])
  })

  it('counts hours used inside the periods, up to today, and the rest as uncovered', () => {
    const hours = [
      { date: '2026-02-20', hours: 2 },
      { date: '2026-03-10', hours: 3.5 },
      { date: '2026-06-01', hours: 4 },
      { date: '2026-08-01', hours: 8 },
    ]
    const status = approvalStatus([first], hours, '2026-07-01')
    expect(status).toEqual({ approved: 120, used: 7.5, uncovered: 2, remaining: 112.5, coveredUntil: '2026-09-30', daysLeft: 91, coveredToday: true })
  })

  it('before the first period begins nothing is covered today, but the period is ahead', () => {
    const status = approvalStatus([first], [], '2026-02-01')
    expect(status.coveredToday).toBe(false)
    expect(status.coveredUntil).toBe('2026-09-30')
  })

  it('warns six weeks before the end, and when the period is over', () => {
    expect(approvalWarnings([first], [], '2026-08-18')).toEqual([])
    expect(approvalWarnings([first], [], '2026-08-19')).toEqual([{ code: 'endsSoon', date: '2026-09-30', days: 42 }])
    expect(approvalWarnings([first], [], '2026-10-01')).toEqual([{ code: 'ended', date: '2026-09-30' }])
    const extension = record({ kind: 'extension', extendsId: 'first', validFrom: '2026-10-01', validUntil: '2026-12-31', hours: 30 })
    expect(approvalWarnings([first, extension], [], '2026-08-19')).toEqual([])
  })

  it('warns when few hours are left and when they are used up', () => {
    expect(approvalWarnings([first], [{ date: '2026-04-01', hours: 104 }], '2026-05-01')).toEqual([{ code: 'hoursLow', hours: 16 }])
    expect(approvalWarnings([first], [{ date: '2026-04-01', hours: 24 }, ...Array.from({ length: 5 }, () => ({ date: '2026-04-02', hours: 20 }))], '2026-05-01')).toEqual([
      { code: 'hoursExhausted', hours: -4 },
    ])
  })

  it('a case without approvals has no warnings', () => {
    expect(approvalWarnings([], [{ date: '2026-04-01', hours: 3 }], '2026-05-01')).toEqual([])
  })
})

const day = fc.integer({ min: 0, max: 800 }).map((offset) => addDays('2026-01-01', offset))
const approvalArb = fc
  .record({ from: day, length: fc.integer({ min: 0, max: 200 }), hours: fc.integer({ min: 0, max: 400 }).map((quarters) => quarters / 4) })
  .map(({ from, length, hours }) => record({ validFrom: from, validUntil: addDays(from, length), hours }))

describe('approval arithmetic (properties)', () => {
  it('the total is the sum of the counting records, never depends on their order, and grows with every extension', () => {
    fc.assert(
      fc.property(fc.array(approvalArb, { maxLength: 8 }), approvalArb, (records, extra) => {
        const total = totalApprovedHours(records)
        expect(totalApprovedHours([...records].reverse())).toBe(total)
        const extension = { ...extra, kind: 'extension' as const, extendsId: records[0]?.id ?? null }
        expect(totalApprovedHours([...records, extension])).toBeCloseTo(total + extra.hours, 2)
      }),
    )
  })

  it('coverage runs are ordered, disjoint, not adjacent, and cover exactly the days of the periods', () => {
    fc.assert(
      fc.property(fc.array(approvalArb, { maxLength: 8 }), day, (records, probe) => {
        const runs = coverage(records)
        runs.forEach((run, index) => {
          expect(run.from <= run.until).toBe(true)
          const next = runs[index + 1]
          if (next !== undefined) {
            expect(addDays(run.until, 1) < next.from).toBe(true)
          }
        })
        const inRuns = runs.some((run) => run.from <= probe && probe <= run.until)
        const inPeriods = records.some((r) => r.validFrom <= probe && probe <= r.validUntil)
        expect(inRuns).toBe(inPeriods)
      }),
    )
  })

  it('used plus uncovered is every logged hour up to today, and remaining is approved minus used', () => {
    fc.assert(
      fc.property(
        fc.array(approvalArb, { maxLength: 5 }),
        fc.array(fc.record({ date: day, hours: fc.integer({ min: 1, max: 32 }).map((q) => q / 4) }), { maxLength: 20 }),
        day,
        (records, hours, today) => {
          const status = approvalStatus(records, hours, today)
          const logged = hours.filter((entry) => entry.date <= today).reduce((sum, entry) => sum + entry.hours, 0)
          expect(status.used + status.uncovered).toBeCloseTo(logged, 2)
          expect(status.remaining).toBeCloseTo(status.approved - status.used, 2)
          expect(approvedHoursAt(records, '2099-12-31')).toBe(status.approved)
        },
      ),
    )
  })
})
