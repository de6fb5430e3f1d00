import { describe, expect, it } from 'vitest'
import { mailedReminders, qualifiedYear } from './keepingQualified.js'

const none = { trainings: [], supervisions: [], fallbuchSupervisions: [], group: 'group1' as const }

describe('keeping qualified per calendar year', () => {
  it('counts supervisions in Fallbuch groups and recorded ones of the year only', () => {
    const state = qualifiedYear(
      { ...none, trainings: ['2026-03-01', '2025-11-01'], supervisions: ['2026-01-10', '2025-12-31'], fallbuchSupervisions: ['2026-02-01', '2026-05-01', '2026-08-01'] },
      2026,
      '2026-09-01',
    )
    expect(state).toMatchObject({ trainings: 1, supervisions: 4, supervisionsInFallbuch: 3, trainingMet: true, supervisionMet: true, reminders: [] })
  })

  it('reminds when supervision falls behind one per quarter, before the year is short', () => {
    expect(qualifiedYear({ ...none, supervisions: ['2026-01-10'] }, 2026, '2026-03-31').reminders).toEqual([])
    expect(qualifiedYear({ ...none, supervisions: ['2026-01-10'] }, 2026, '2026-07-01').reminders).toEqual(['supervisionBehind'])
  })

  it('reminds of the year\'s training from October, and names a missed one after the year', () => {
    expect(qualifiedYear(none, 2026, '2026-09-30').reminders).not.toContain('trainingDue')
    expect(qualifiedYear(none, 2026, '2026-10-01').reminders).toContain('trainingDue')
    expect(qualifiedYear(none, 2025, '2026-01-05').reminders).toEqual(['supervisionShort', 'trainingMissed'])
  })

  it('tells a group 3 member once the transitional rule has ended', () => {
    expect(qualifiedYear({ ...none, group: 'group3' }, 2025, '2025-12-31').reminders).not.toContain('transitionalRuleEnded')
    expect(qualifiedYear({ ...none, group: 'group3' }, 2026, '2026-01-01').reminders).toContain('transitionalRuleEnded')
  })

  it("reminds in a quarter's last month when that quarter's session is still missing, not before", () => {
    expect(qualifiedYear({ ...none, supervisions: ['2026-01-10'] }, 2026, '2026-05-31').reminders).toEqual([])
    expect(qualifiedYear({ ...none, supervisions: ['2026-01-10'] }, 2026, '2026-06-01').reminders).toEqual(['supervisionDueThisQuarter'])
    expect(qualifiedYear({ ...none, supervisions: ['2026-01-10', '2026-06-02'] }, 2026, '2026-06-15').reminders).toEqual([])
    expect(qualifiedYear(none, 2026, '2026-03-01').reminders).toEqual(['supervisionDueThisQuarter'])
    // Four sessions done early: nothing more is due this year.
    const done = ['2026-01-10', '2026-01-20', '2026-02-01', '2026-02-10']
    expect(qualifiedYear({ ...none, supervisions: done, trainings: ['2026-02-01'] }, 2026, '2026-12-01').reminders).toEqual([])
  })

  it('mails only what an admitted member can still act on', () => {
    const behind = qualifiedYear(none, 2026, '2026-11-02')
    expect(mailedReminders(behind, true)).toEqual(['supervisionBehind', 'trainingDue'])
    expect(mailedReminders(behind, false)).toEqual([])
    expect(mailedReminders(null, true)).toEqual([])
    expect(mailedReminders(qualifiedYear(none, 2025, '2026-01-05'), true)).toEqual([])
    expect(mailedReminders(qualifiedYear({ ...none, group: 'group3' }, 2026, '2026-01-05'), true)).toEqual(['transitionalRuleEnded'])
  })
})
