import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Notes } from '../../../../../shared/src/caseDocument/notes.js'
import type { Plan } from '../../../../../shared/src/caseDocument/plan.js'
import { documentationGaps, type CompletenessItem, type CompletenessTarget } from '../../../../../shared/src/process/completeness.js'
import { meetingReminders } from '../../../../../shared/src/process/meetingReminders.js'
import type { InterimDue } from '../../../../../shared/src/report/schedule.js'
import type { ApprovalWarning } from '../../../../../shared/src/funding/approvals.js'
import type { ReleaseEndingReminder } from '../../../../../shared/src/process/releaseReminders.js'
import { formatDate } from '../../format.js'
import { addDays } from '../../../../../shared/src/process/dates.js'
import { FollowUpLeadDays } from '../../../../../shared/src/process/dueItems.js'
import { useApprovalWarningText } from '../funding/ApprovalStatusView.js'
import { goalLabel } from './goalLabel.js'

export interface CaseProcessSummaryProps {
  plan: Plan
  notes: Notes
  today: string
  planAgreed?: boolean | undefined
  reportWritten?: boolean | undefined
  /** Switches to the tab (and element) an item points to; returns false when there is no such tab. */
  onGoTo: (target: CompletenessTarget) => boolean
  /** Whether a tab for this target exists (else the item is plain text). */
  canGoTo: (target: CompletenessTarget) => boolean
  /** A page an item links to instead of a tab (the final report), or null. */
  linkFor?: (target: CompletenessTarget) => string | null
  /** The next interim report, shown when it is due or coming up (null: not shown). */
  interimDue?: InterimDue | null
  /** Where the interim report is written. */
  interimLink?: string
  /** Warnings about the case's approvals (issue 18): running out soon, over, few hours left. */
  fundingWarnings?: readonly ApprovalWarning[]
  /** Opens the funding tab (its request for extension). */
  onOpenFunding?: (() => void) | undefined
  /** Releases from confidentiality running out (issue 16), soonest first. */
  releaseEndings?: readonly ReleaseEndingReminder[]
  /** Opens the tab that lists the releases. */
  onOpenReleases?: (() => void) | undefined
  /** Issue 19: Standortgespräche every this many weeks (reminded when due). */
  progressEveryWeeks?: number | undefined
  /** Issue 19: due dates of the crisis log's open follow-ups. */
  followUpDueDates?: readonly string[]
  /** Where the crisis log is kept. */
  accompanimentLink?: string
}

/** Days before its date an open crisis follow-up is announced (the due items' rule). */
const followUpHorizon = (today: string): string => addDays(today, FollowUpLeadDays)

/** Days before its due date an interim report is announced at the top of the case. */
export const InterimNoticeDays = 14

/**
 * At the top of a case, for coaches: meeting reminders (Zwischen-/
 * Abschlussgespräch), approvals and releases from confidentiality running
 * out, a due interim report and what the documentation still lacks for this
 * phase, as one line; a disclosure button (aria-expanded)
 * shows the full texts and the links into the tabs.
 */
export function CaseProcessSummary({
  plan,
  notes,
  today,
  planAgreed,
  reportWritten,
  onGoTo,
  canGoTo,
  linkFor,
  interimDue,
  interimLink,
  fundingWarnings = [],
  onOpenFunding,
  releaseEndings = [],
  onOpenReleases,
  progressEveryWeeks,
  followUpDueDates = [],
  accompanimentLink,
}: CaseProcessSummaryProps) {
  const warningText = useApprovalWarningText()
  const { t, i18n } = useTranslation()
  const id = useId()
  const [open, setOpen] = useState(false)
  const reminders = meetingReminders({
    startDate: plan.meta.startDate,
    expectedEndDate: plan.meta.expectedEndDate,
    meetings: notes.meetings,
    today,
    progressEveryWeeks,
  })
  const followUpsDue = followUpDueDates.filter((day) => day <= followUpHorizon(today)).sort()
  const gaps = documentationGaps({ plan, notes, today, planAgreed, reportWritten })
  const itemText = (item: CompletenessItem): string => {
    const index = plan.goals.findIndex((goal) => goal.id === item.target.goalId)
    const goal = index >= 0 ? goalLabel(t, plan.goals[index]!, index + 1) : ''
    const phase = item.target.phase ? t(`phases.${item.target.phase}`) : ''
    return t(`process.missing.${item.code}`, { goal, phase })
  }
  const showInterim = interimDue !== undefined && interimDue !== null && notes.meta.outcome === undefined && (interimDue.due || interimDue.daysUntil <= InterimNoticeDays)
  if (reminders.length === 0 && gaps.length === 0 && !showInterim && fundingWarnings.length === 0 && releaseEndings.length === 0 && followUpsDue.length === 0) {
    return null
  }
  // One line before the content (issue 16): what waits, in short; the full texts on demand.
  const line = [
    ...reminders.map((reminder) => t(`process.reminderShort.${reminder.code}`)),
    ...fundingWarnings.map((warning) => t(`funding.warningShort.${warning.code}`)),
    ...(releaseEndings.length > 0 ? [t('releases.reminderShort', { count: releaseEndings.length })] : []),
    ...(followUpsDue.length > 0 ? [t('accompaniment.followUpsDueShort', { count: followUpsDue.length })] : []),
    ...(showInterim && interimDue ? [t(interimDue.due ? 'process.summary.interimDue' : 'process.summary.interimSoon')] : []),
    ...(gaps.length > 0 ? [t('process.summary.gaps', { count: gaps.length })] : []),
  ].join(' · ')
  const warn = reminders.length > 0 || followUpsDue.length > 0 || fundingWarnings.length > 0 || releaseEndings.length > 0 || (showInterim && interimDue?.due === true)
  return (
    <div className="process-summary" data-testid="process.summary">
      <div className={`summary-line notice${warn ? ' warn' : ''}`}>
        <p role="status" className="summary-text" data-testid="process.summary-line">
          {line}
        </p>
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-controls={`${id}-details`}
          onClick={() => setOpen((value) => !value)}
          data-testid="process.summary-toggle"
        >
          {t(open ? 'process.summary.hide' : 'process.summary.show')}
        </button>
      </div>
      <div id={`${id}-details`} hidden={!open} className="summary-details" data-testid="process.summary-details">
        {reminders.length > 0 ? (
          <div className="notice warn process-reminders">
            {reminders.map((reminder) => (
              <p key={reminder.code} data-testid="meetings.reminder" data-code={reminder.code}>
                {t(`process.reminder.${reminder.code}`, { date: formatDate(reminder.dueDate, i18n.language) })}
              </p>
            ))}
          </div>
        ) : null}
        {followUpsDue.length > 0 ? (
          <p className="notice warn" data-testid="accompaniment.summary-follow-ups">
            {t('accompaniment.followUpsDue', { count: followUpsDue.length, date: formatDate(followUpsDue[0] as string, i18n.language) })}
            {accompanimentLink ? (
              <>
                {' '}
                <Link to={accompanimentLink}>{t('accompaniment.open')}</Link>
              </>
            ) : null}
          </p>
        ) : null}
        {fundingWarnings.length > 0 ? (
          <div className="notice warn" data-testid="funding.summary-warnings">
            {fundingWarnings.map((warning) => (
              <p key={warning.code} data-testid="funding.summary-warning" data-code={warning.code}>
                {warningText(warning)}
              </p>
            ))}
            {onOpenFunding ? (
              <button type="button" className="link-button" onClick={onOpenFunding} data-testid="funding.summary-open">
                {t('funding.openDraft')}
              </button>
            ) : null}
          </div>
        ) : null}
        {releaseEndings.length > 0 ? (
          <div className="notice warn" data-testid="releases.summary-endings">
            {releaseEndings.map((ending) => (
              <p key={ending.releaseId} data-testid="releases.summary-ending">
                {t('releases.reminder', { recipient: ending.recipientName, date: formatDate(ending.validUntil, i18n.language) })}
              </p>
            ))}
            {onOpenReleases ? (
              <button type="button" className="link-button" onClick={onOpenReleases} data-testid="releases.summary-open">
                {t('releases.reminderOpen')}
              </button>
            ) : null}
          </div>
        ) : null}
        {showInterim && interimDue ? (
          <p className={`notice${interimDue.due ? ' warn' : ''}`} data-testid="case.interim-due" data-due={String(interimDue.due)}>
            {t(interimDue.due ? 'case.interimDue' : 'case.interimDueSoon', { date: formatDate(interimDue.dueDate, i18n.language) })}
            {interimLink ? (
              <>
                {' '}
                <Link to={interimLink}>{t('case.interimWrite')}</Link>
              </>
            ) : null}
          </p>
        ) : null}
        {gaps.length > 0 ? (
          <section aria-labelledby={`${id}-gaps`} className="process-gaps">
            <h2 id={`${id}-gaps`} className="process-gaps-h">
              {t('process.missingHeading', { phase: t(`phases.${plan.meta.currentPhase}`) })}
            </h2>
            <ul>
              {gaps.map((item, index) => (
                <li key={`${item.code}-${item.target.goalId ?? item.target.phase ?? index}`}>
                  {linkFor?.(item.target) ? (
                    <Link to={linkFor(item.target) as string} data-testid="completeness.item" data-code={item.code}>
                      {itemText(item)}
                    </Link>
                  ) : canGoTo(item.target) ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onGoTo(item.target)}
                      data-testid="completeness.item"
                      data-code={item.code}
                    >
                      {itemText(item)}
                    </button>
                  ) : (
                    <span data-testid="completeness.item" data-code={item.code}>
                      {itemText(item)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  )
}
