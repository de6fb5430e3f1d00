import { describe, expect, it } from 'vitest'
import { meetingReminders, midtermDate, sortMeetingsByDate } from './meetingReminders.js'

const dates = { startDate: '2026-03-02', expectedEndDate: '2026-09-30' }

describe('meetingReminders', () => {
  it('puts the middle of 2026-03-02..2026-09-30 on 2026-06-16', () => {
    expect(midtermDate(dates.startDate, dates.expectedEndDate)).toBe('2026-06-16')
    expect(midtermDate(undefined, dates.expectedEndDate)).toBeNull()
    expect(midtermDate('2026-05-01', '2026-04-01')).toBeNull()
  })

  it('reminds nothing before the middle', () => {
    expect(meetingReminders({ ...dates, meetings: [], today: '2026-06-15' })).toEqual([])
  })

  it('reminds of the midterm meeting from the middle on, until one is recorded', () => {
    expect(meetingReminders({ ...dates, meetings: [], today: '2026-06-16' })).toEqual([{ code: 'midtermDue', dueDate: '2026-06-16' }])
    expect(meetingReminders({ ...dates, meetings: [{ kind: 'other' }], today: '2026-07-01' })).toEqual([{ code: 'midtermDue', dueDate: '2026-06-16' }])
    expect(meetingReminders({ ...dates, meetings: [{ kind: 'midterm' }], today: '2026-07-01' })).toEqual([])
  })

  it('reminds of the final meeting in the last three weeks, and as overdue after the end', () => {
    const midtermHeld = [{ kind: 'midterm' as const }]
    expect(meetingReminders({ ...dates, meetings: midtermHeld, today: '2026-09-08' })).toEqual([])
    expect(meetingReminders({ ...dates, meetings: midtermHeld, today: '2026-09-09' })).toEqual([{ code: 'finalDue', dueDate: '2026-09-30' }])
    expect(meetingReminders({ ...dates, meetings: midtermHeld, today: '2026-09-30' })).toEqual([{ code: 'finalDue', dueDate: '2026-09-30' }])
    expect(meetingReminders({ ...dates, meetings: midtermHeld, today: '2026-10-01' })).toEqual([{ code: 'finalOverdue', dueDate: '2026-09-30' }])
    expect(meetingReminders({ ...dates, meetings: [...midtermHeld, { kind: 'final' }], today: '2026-10-01' })).toEqual([])
  })

  it('reminds of both when neither meeting was held near the end', () => {
    expect(meetingReminders({ ...dates, meetings: [], today: '2026-09-20' }).map((r) => r.code)).toEqual(['midtermDue', 'finalDue'])
  })

  it('needs the dates: no reminders without them', () => {
    expect(meetingReminders({ meetings: [], today: '2027-01-01' })).toEqual([])
    expect(meetingReminders({ expectedEndDate: '2026-09-30', meetings: [], today: '2026-10-02' })).toEqual([{ code: 'finalOverdue', dueDate: '2026-09-30' }])
  })
})

describe('sortMeetingsByDate', () => {
  it('orders by date, then by id, without changing the input', () => {
    const meetings = [
      { id: 'b', date: '2026-09-20' },
      { id: 'z', date: '2026-06-16' },
      { id: 'a', date: '2026-09-20' },
    ]
    expect(sortMeetingsByDate(meetings).map((m) => m.id)).toEqual(['z', 'a', 'b'])
    expect(meetings.map((m) => m.id)).toEqual(['b', 'z', 'a'])
  })
})
