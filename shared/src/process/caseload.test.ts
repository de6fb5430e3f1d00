import { describe, expect, it } from 'vitest'
import { caseload, type CaseloadCase } from './caseload.js'

function cases(placement: number, retention: number, closed: Partial<Record<'placement' | 'retention', number>> = {}): CaseloadCase[] {
  const list: CaseloadCase[] = []
  const add = (type: CaseloadCase['type'], count: number, isClosed: boolean): void => {
    list.push(...Array.from({ length: count }, () => ({ type, closed: isClosed })))
  }
  add('placement', placement, false)
  add('retention', retention, false)
  add('placement', closed.placement ?? 0, true)
  add('retention', closed.retention ?? 0, true)
  return list
}

describe('caseload', () => {
  it('is empty and not over without cases', () => {
    const load = caseload([])
    expect(load.load).toBe(0)
    expect(load.over).toBe(false)
    expect(load.placement).toEqual({ type: 'placement', active: 0, guideline: 5, over: false })
    expect(load.retention).toEqual({ type: 'retention', active: 0, guideline: 6, over: false })
  })

  it('is exactly at the guideline with 5 placement or 6 retention cases, not over', () => {
    expect(caseload(cases(5, 0))).toMatchObject({ load: 1, over: false, placement: { active: 5, over: false } })
    const retention = caseload(cases(0, 6))
    expect(retention.load).toBeCloseTo(1)
    expect(retention.over).toBe(false)
  })

  it('is over with a sixth placement or a seventh retention case', () => {
    expect(caseload(cases(6, 0))).toMatchObject({ over: true, placement: { active: 6, over: true } })
    expect(caseload(cases(0, 7))).toMatchObject({ over: true, retention: { active: 7, over: true } })
  })

  it('weights a mixed caseload: 3 placement + 7 retention is 3/5 + 7/6', () => {
    const load = caseload(cases(3, 7))
    expect(load.load).toBeCloseTo(3 / 5 + 7 / 6)
    expect(load.over).toBe(true)
    expect(load.placement.over).toBe(false)
    expect(load.retention.over).toBe(true)
  })

  it('is over when the mix exceeds 1 though neither type alone does', () => {
    // 3/5 + 3/6 = 1.1
    const load = caseload(cases(3, 3))
    expect(load.placement.over).toBe(false)
    expect(load.retention.over).toBe(false)
    expect(load.over).toBe(true)
    // 2/5 + 3/6 = 0.9
    expect(caseload(cases(2, 3)).over).toBe(false)
  })

  it('does not count closed cases', () => {
    const load = caseload(cases(2, 3, { placement: 4, retention: 5 }))
    expect(load.placement.active).toBe(2)
    expect(load.retention.active).toBe(3)
    expect(load.over).toBe(false)
  })
})

describe('caseload weighing (Personalschlüssel)', () => {
  const tandem = (type: CaseloadCase['type']): CaseloadCase => ({ type, closed: false, coaches: 2 })

  it('counts a tandem case half for each of its coaches, or as configured', () => {
    const load = caseload([...cases(4, 0), tandem('placement'), tandem('placement')])
    expect(load.placement.active).toBe(5)
    expect(load.over).toBe(false)
    expect(caseload([...cases(4, 0), tandem('placement')], { tandemShare: 1 }).placement.active).toBe(5)
    // An invalid share falls back to the default half.
    expect(caseload([tandem('retention')], { tandemShare: 0 }).retention.active).toBe(0.5)
  })

  it("measures the load against the coach's part-time share (Stellenanteil)", () => {
    const half = caseload(cases(3, 0), { staffShare: 0.5 })
    expect(half.placement.guideline).toBe(2.5)
    expect(half.placement.over).toBe(true)
    expect(half.load).toBeCloseTo(1.2)
    expect(half.over).toBe(true)
    const atGuideline = caseload(cases(0, 3), { staffShare: 0.5 })
    expect(atGuideline.load).toBeCloseTo(1)
    expect(atGuideline.over).toBe(false)
  })

  it('never counts a closed tandem case, and treats an unknown share as full time', () => {
    expect(caseload([{ type: 'placement', closed: true, coaches: 2 }]).load).toBe(0)
    expect(caseload(cases(5, 0), { staffShare: 1.5 })).toMatchObject({ staffShare: 1, over: false })
  })
})
