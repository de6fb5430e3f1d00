import { describe, expect, it } from 'vitest'
import { meetingReminders } from './meetingReminders.js'
import { nextProgressMeetingDate, progressMeetingReminder } from './progressMeetings.js'
import { dueItems } from './dueItems.js'
import type { CaseDocSummary } from './caseSummary.js'
import { nextDueMeeting } from './caseSummary.js'

const start = '2026-03-02'

describe('Standortgespräche on a schedule', () => {
  it('derives the next date from the start, then from the last Standortgespräch recorded', () => {
    expect(nextProgressMeetingDate({ startDate: start, everyWeeks: 4, meetings: [] })).toBe('2026-03-30')
    expect(nextProgressMeetingDate({ startDate: start, everyWeeks: 4, meetings: [{ kind: 'progress', date: '2026-04-01' }, { kind: 'progress', date: '2026-03-28' }] })).toBe('2026-04-29')
    // Other meetings do not count.
    expect(nextProgressMeetingDate({ startDate: start, everyWeeks: 4, meetings: [{ kind: 'midterm', date: '2026-04-01' }] })).toBe('2026-03-30')
    expect(nextProgressMeetingDate({ startDate: start, everyWeeks: undefined, meetings: [] })).toBeNull()
    expect(nextProgressMeetingDate({ startDate: undefined, everyWeeks: 4, meetings: [] })).toBeNull()
  })

  it('reminds a week before, and as overdue after the date', () => {
    const input = { startDate: start, everyWeeks: 4, meetings: [] }
    expect(progressMeetingReminder(input, '2026-03-22')).toBeNull()
    expect(progressMeetingReminder(input, '2026-03-23')).toEqual({ code: 'progressDue', dueDate: '2026-03-30' })
    expect(progressMeetingReminder(input, '2026-03-31')).toEqual({ code: 'progressOverdue', dueDate: '2026-03-30' })
    // A planned one silences it.
    expect(progressMeetingReminder({ ...input, meetings: [{ kind: 'progress', date: '2026-04-02' }] }, '2026-03-31')).toBeNull()
  })

  it('joins the meeting reminders, and ends with the final meeting', () => {
    const base = { startDate: start, expectedEndDate: '2026-09-30', today: '2026-03-31', progressEveryWeeks: 4 }
    expect(meetingReminders({ ...base, meetings: [] })).toEqual([{ code: 'progressOverdue', dueDate: '2026-03-30' }])
    expect(meetingReminders({ ...base, meetings: [{ kind: 'final', date: '2026-03-20' }] })).toEqual([])
    expect(meetingReminders({ ...base, progressEveryWeeks: undefined, meetings: [] })).toEqual([])
  })
})

describe('due items of the accompaniment', () => {
  const summary: CaseDocSummary = {
    title: 'Kassenbereich',
    phase: 'intervention',
    startDate: start,
    expectedEndDate: '2026-09-30',
    hoursUsed: 0,
    meetings: [{ kind: 'midterm', date: '2026-06-16' }],
    notesRead: true,
    progressEveryWeeks: 4,
    followUpDueDates: ['2026-07-10', '2026-08-30'],
  }

  it('lists the due Standortgespräch and the open follow-ups due within three days', () => {
    const items = dueItems({ summary, interimDue: null, consentEndDates: [] }, '2026-07-08')
    expect(items).toEqual([
      { kind: 'meeting', meeting: 'progress', date: '2026-03-30', overdue: true },
      { kind: 'followUp', date: '2026-07-10', overdue: false },
    ])
    expect(dueItems({ summary, interimDue: null, consentEndDates: [] }, '2026-07-11').filter((item) => item.kind === 'followUp')).toEqual([{ kind: 'followUp', date: '2026-07-10', overdue: true }])
  })

  it('names the Standortgespräch as the next meeting of the caseload', () => {
    expect(nextDueMeeting(summary, '2026-03-25')).toEqual({ kind: 'progress', date: '2026-03-30', status: 'due' })
  })

  it('has nothing due for a closed case', () => {
    expect(dueItems({ summary: { ...summary, outcome: 'jobSecured' }, interimDue: null, consentEndDates: [] }, '2026-07-08')).toEqual([])
  })
})
