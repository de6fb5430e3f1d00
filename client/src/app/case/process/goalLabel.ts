import type { TFunction } from 'i18next'
import type { Goal } from '../../../../../shared/src/caseDocument/plan.js'

/** "Ziel 2 „Check-in mit Herrn Demir“", or "Ziel 2" without a title. */
export function goalLabel(t: TFunction, goal: Goal, number: number): string {
  const title = goal.title.trim()
  return title === '' ? t('goal.heading', { number }) : t('process.goalWithTitle', { number, title })
}
