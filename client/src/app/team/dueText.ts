/** A due item in words (team overview), from its kind and dates only. */
import type { TFunction } from 'i18next'
import type { DueItem } from '../../../../shared/src/process/dueItems.js'
import { formatDate, formatHours } from '../format.js'

export function dueText(t: TFunction, item: DueItem, language: string): string {
  const state = item.overdue ? t('team.due.overdue') : t('team.due.due')
  switch (item.kind) {
    case 'meeting':
      return t(`team.due.meeting.${item.meeting}`, { date: formatDate(item.date, language), state })
    case 'followUp':
      return t('team.due.followUp', { date: formatDate(item.date, language), state })
    case 'interimReport':
      return t('team.due.interimReport', { date: formatDate(item.date, language), state })
    case 'consentEnding':
      return t('team.due.consentEnding', { date: formatDate(item.date, language) })
    case 'approvalEnding':
      return t(item.overdue ? 'team.due.approvalEnded' : 'team.due.approvalEnding', { date: formatDate(item.date, language) })
    case 'hoursBudget':
      return t('team.due.hoursBudget', { used: formatHours(item.used, language), budget: formatHours(item.budget, language) })
  }
}
