import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { interimScheduleOf, setInterimSchedule } from './parts.js'
import { DefaultInterimSchedule, interimReportDue } from './schedule.js'

const frame = { startDate: '2026-03-02', expectedEndDate: '2026-12-31' }

describe("a case's interim-report schedule", () => {
  it('by default has the first report at the middle of the expected duration (the midterm date), not after six months', () => {
    const notes = new Y.Doc()
    expect(interimScheduleOf(notes)).toEqual(DefaultInterimSchedule)
    // 2 March to 31 December: 304 days, the middle is 1 August.
    expect(interimReportDue(frame, '2026-07-01', interimScheduleOf(notes))).toEqual({ dueDate: '2026-08-01', due: false, daysUntil: 31 })
    expect(interimReportDue(frame, '2026-08-01', interimScheduleOf(notes))).toMatchObject({ dueDate: '2026-08-01', due: true })
  })

  it('by default asks for no further report once the midterm one is written, and knows no date without an expected end', () => {
    expect(interimReportDue(frame, '2026-10-01', DefaultInterimSchedule, '2026-07-28')).toBeNull()
    expect(interimReportDue({ startDate: '2026-03-02' }, '2026-10-01')).toBeNull()
  })

  it('then follows the interval the funding body asks for, counted from the midterm date', () => {
    const notes = new Y.Doc()
    setInterimSchedule(notes, { thenEveryMonths: 3 })
    const schedule = interimScheduleOf(notes)
    expect(schedule.firstAfterMonths).toBeUndefined()
    expect(interimReportDue(frame, '2026-10-01', schedule, '2026-08-01')?.dueDate).toBe('2026-11-01')
  })

  it("follows the funding body's first date and interval once set, on every replica", () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    setInterimSchedule(a, { firstAfterMonths: 3, thenEveryMonths: 6 })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const schedule = interimScheduleOf(b)
    expect(schedule).toMatchObject({ firstAfterMonths: 3, thenEveryMonths: 6 })
    expect(interimReportDue(frame, '2026-06-02', schedule)).toMatchObject({ dueDate: '2026-06-02', due: true })
    // After a report on the due date, the next is six months later.
    expect(interimReportDue(frame, '2026-06-10', schedule, '2026-06-02')?.dueDate).toBe('2026-12-02')
    // Clearing the entries returns to the default.
    setInterimSchedule(b, {})
    expect(interimScheduleOf(b)).toEqual(DefaultInterimSchedule)
  })

  it('refuses a schedule that is not 1–60 whole months and ignores one written by hand', () => {
    const notes = new Y.Doc()
    expect(() => setInterimSchedule(notes, { firstAfterMonths: 0, thenEveryMonths: 12 })).toThrow(RangeError)
    expect(() => setInterimSchedule(notes, { firstAfterMonths: 6, thenEveryMonths: 2.5 })).toThrow(RangeError)
    notes.getMap('reportLog').set('interimEveryMonths', 'zwölf')
    expect(interimScheduleOf(notes).thenEveryMonths).toBeUndefined()
  })
})
