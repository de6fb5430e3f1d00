import { describe, expect, it } from 'vitest'
import type { CaseDocSummary } from './caseSummary.js'
import { dueItems, earliestDueDate, type DueInput } from './dueItems.js'

const today = '2026-06-15'

function summary(overrides: Partial<CaseDocSummary> = {}): CaseDocSummary {
  return { title: 'Kassenbereich Supermarkt', phase: 'intervention', hoursUsed: 0, meetings: [], notesRead: true, ...overrides }
}

function input(overrides: Partial<DueInput> = {}): DueInput {
  return { summary: summary(), interimDue: null, consentEndDates: [], ...overrides }
}

describe('due items of a case', () => {
  it('lists a missing final meeting after the expected end as overdue, with the approval that ended', () => {
    const items = dueItems(input({ summary: summary({ startDate: '2025-06-01', expectedEndDate: '2026-06-01', meetings: [{ kind: 'midterm', date: '2025-12-01' }] }) }), today)
    expect(items).toEqual([
      { kind: 'meeting', meeting: 'final', date: '2026-06-01', overdue: true },
      { kind: 'approvalEnding', date: '2026-06-01', overdue: true },
    ])
  })

  it('lists a midterm meeting due today as due, not overdue, and nothing for a recorded one', () => {
    expect(dueItems(input({ summary: summary({ startDate: '2026-01-01', expectedEndDate: '2026-11-28' }) }), today)).toEqual([
      { kind: 'meeting', meeting: 'midterm', date: '2026-06-15', overdue: false },
    ])
    expect(dueItems(input({ summary: summary({ startDate: '2026-01-01', expectedEndDate: '2026-11-28', meetings: [{ kind: 'midterm', date: '2026-07-01' }] }) }), today)).toEqual([])
  })

  it('lists a due interim report, overdue once its date passed', () => {
    expect(dueItems(input({ interimDue: { dueDate: '2026-06-01', due: true, daysUntil: -14 } }), today)).toEqual([{ kind: 'interimReport', date: '2026-06-01', overdue: true }])
    expect(dueItems(input({ interimDue: { dueDate: '2026-07-01', due: false, daysUntil: 16 } }), today)).toEqual([])
  })

  it('lists consents ending within 14 days, not ones that ended or end later', () => {
    const items = dueItems(input({ consentEndDates: ['2026-06-14', '2026-06-15', '2026-06-29', '2026-06-30'] }), today)
    expect(items).toEqual([
      { kind: 'consentEnding', date: '2026-06-15', overdue: false },
      { kind: 'consentEnding', date: '2026-06-29', overdue: false },
    ])
  })

  it('lists an approval ending within four weeks and an hours budget used to 90 % or more', () => {
    const items = dueItems(input({ summary: summary({ expectedEndDate: '2026-07-10', hoursBudget: 40, hoursUsed: 41 }) }), today)
    expect(items).toContainEqual({ kind: 'approvalEnding', date: '2026-07-10', overdue: false })
    expect(items).toContainEqual({ kind: 'hoursBudget', used: 41, budget: 40, overdue: true })
    expect(dueItems(input({ summary: summary({ hoursBudget: 40, hoursUsed: 35 }) }), today)).toEqual([])
  })

  it("takes the approvals' last covered day over the plan's end where the case has approvals", () => {
    const plan = summary({ expectedEndDate: '2026-12-31' })
    expect(dueItems(input({ summary: plan, approvedUntil: '2026-07-01' }), today)).toEqual([{ kind: 'approvalEnding', date: '2026-07-01', overdue: false }])
    expect(dueItems(input({ summary: plan, approvedUntil: '2026-06-10' }), today)).toEqual([{ kind: 'approvalEnding', date: '2026-06-10', overdue: true }])
    // Approved well beyond four weeks: no approval is ending, even though the plan ends soon (its final meeting is due).
    expect(dueItems(input({ summary: summary({ expectedEndDate: '2026-06-30' }), approvedUntil: '2026-12-31' }), today).map((item) => item.kind)).toEqual(['meeting'])
  })

  it('keeps only consent endings of a closed case, and reads nothing from an unreadable one', () => {
    const closed = summary({ startDate: '2025-01-01', expectedEndDate: '2026-01-01', outcome: 'jobSecured' })
    expect(dueItems(input({ summary: closed, consentEndDates: ['2026-06-20'] }), today)).toEqual([{ kind: 'consentEnding', date: '2026-06-20', overdue: false }])
    expect(dueItems(input({ summary: null, interimDue: { dueDate: '2026-06-01', due: true, daysUntil: -14 } }), today)).toEqual([])
  })

  it('names the earliest date of a list', () => {
    expect(earliestDueDate([])).toBeNull()
    expect(earliestDueDate([{ kind: 'hoursBudget', used: 1, budget: 1, overdue: false }, { kind: 'consentEnding', date: '2026-06-20', overdue: false }, { kind: 'interimReport', date: '2026-06-01', overdue: true }])).toBe('2026-06-01')
  })
})
