/**
 * Keeping qualified (issue 20 point 4): a pool member attends a further
 * training (Fortbildung) in every calendar year and case supervision at
 * least four times a year. Reminders come before a member falls short:
 * supervision is expected at one session per quarter, so a member with
 * fewer sessions than quarters already past is behind, and in a quarter's
 * last month one without this quarter's session is reminded before the
 * quarter ends; the training is due from the last quarter of the year on.
 * Group 3 ends with the transitional rule.
 */
import type { PoolGroup } from '../api/pool.js'
import { groupStillValid } from './groups.js'

/** Case supervision sessions per calendar year. */
export const SupervisionsPerYear = 4
/** Further trainings per calendar year. */
export const TrainingsPerYear = 1
/** From this month (1-12) on, a missing training of the year is reminded. */
export const TrainingReminderFromMonth = 10

export const Reminders = ['supervisionBehind', 'supervisionDueThisQuarter', 'supervisionShort', 'trainingDue', 'trainingMissed', 'transitionalRuleEnded'] as const
export type Reminder = (typeof Reminders)[number]

export interface QualifiedInput {
  /** ISO dates of the member's further trainings. */
  trainings: readonly string[]
  /** ISO dates of case supervisions recorded by hand (outside Fallbuch). */
  supervisions: readonly string[]
  /** ISO dates of supervisions in Fallbuch's own groups (counted automatically). */
  fallbuchSupervisions: readonly string[]
  /** The member's group, when admitted. */
  group: PoolGroup | null
}

export interface QualifiedYearState {
  year: number
  trainings: number
  supervisions: number
  supervisionsInFallbuch: number
  trainingMet: boolean
  supervisionMet: boolean
  reminders: Reminder[]
}

function inYear(dates: readonly string[], year: number): number {
  const prefix = `${year}-`
  return dates.filter((date) => date.startsWith(prefix)).length
}

/**
 * The state of calendar year `year` seen on day `today` (ISO date). For a
 * past year the reminders say what was missed; for the current year what
 * is due or behind; a future year has none.
 */
export function qualifiedYear(input: QualifiedInput, year: number, today: string): QualifiedYearState {
  const trainings = inYear(input.trainings, year)
  const supervisionsInFallbuch = inYear(input.fallbuchSupervisions, year)
  const supervisions = inYear(input.supervisions, year) + supervisionsInFallbuch
  const trainingMet = trainings >= TrainingsPerYear
  const supervisionMet = supervisions >= SupervisionsPerYear
  const reminders: Reminder[] = []
  const todayYear = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  if (year < todayYear) {
    if (!supervisionMet) {
      reminders.push('supervisionShort')
    }
    if (!trainingMet) {
      reminders.push('trainingMissed')
    }
  } else if (year === todayYear) {
    const quartersPast = Math.floor((month - 1) / 3)
    if (!supervisionMet && supervisions < quartersPast) {
      reminders.push('supervisionBehind')
    } else if (!supervisionMet && month % 3 === 0 && supervisions < quartersPast + 1) {
      // The quarter's last month: the session is still possible, so this is the reminder before falling behind.
      reminders.push('supervisionDueThisQuarter')
    }
    if (!trainingMet && month >= TrainingReminderFromMonth) {
      reminders.push('trainingDue')
    }
  }
  if (input.group !== null && !groupStillValid(input.group, today)) {
    reminders.push('transitionalRuleEnded')
  }
  return { year, trainings, supervisions, supervisionsInFallbuch, trainingMet, supervisionMet, reminders }
}

/**
 * The reminders a pool member's daily mail carries: only for an admitted
 * member (an applicant keeps nothing yet) and only about what they can
 * still act on, i.e. the current year's state from {@link qualifiedYear};
 * empty means no mail for the pool.
 */
export function mailedReminders(state: QualifiedYearState | null, admitted: boolean): Reminder[] {
  if (state === null || !admitted) {
    return []
  }
  return state.reminders.filter((reminder) => reminder !== 'supervisionShort' && reminder !== 'trainingMissed')
}
