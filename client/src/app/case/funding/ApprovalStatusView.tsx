import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApprovalStatus, ApprovalWarning } from '../../../../../shared/src/funding/approvals.js'
import { formatDate, formatHours } from '../../format.js'

/** A warning about the approvals as a sentence. */
export function useApprovalWarningText(): (warning: ApprovalWarning) => string {
  const { t, i18n } = useTranslation()
  return (warning) =>
    t(`funding.warning.${warning.code}`, {
      date: warning.date !== undefined ? formatDate(warning.date, i18n.language) : '',
      count: warning.days ?? 0,
      hours: formatHours(Math.abs(warning.hours ?? 0), i18n.language),
    })
}

export interface ApprovalStatusViewProps {
  status: ApprovalStatus
  warnings: readonly ApprovalWarning[]
  overlaps: number
}

/** Approved, used and remaining hours and the approved period's end, with the warnings. */
export function ApprovalStatusView({ status, warnings, overlaps }: ApprovalStatusViewProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const warningText = useApprovalWarningText()
  const hours = (value: number): string => t('funding.hoursValue', { hours: formatHours(value, i18n.language) })
  return (
    <section aria-labelledby={`${id}-h`} className="card" data-testid="funding.status">
      <h3 id={`${id}-h`}>{t('funding.statusHeading')}</h3>
      <dl className="funding-status">
        <dt>{t('funding.approved')}</dt>
        <dd data-testid="funding.approved">{hours(status.approved)}</dd>
        <dt>{t('funding.used')}</dt>
        <dd data-testid="funding.used">{hours(status.used)}</dd>
        <dt>{t('funding.remaining')}</dt>
        <dd data-testid="funding.remaining">{hours(status.remaining)}</dd>
        <dt>{t('funding.coveredUntil')}</dt>
        <dd data-testid="funding.covered-until">{status.coveredUntil === null ? '—' : formatDate(status.coveredUntil, i18n.language)}</dd>
      </dl>
      {status.uncovered > 0 ? <p className="meta">{t('funding.uncovered', { hours: formatHours(status.uncovered, i18n.language) })}</p> : null}
      {warnings.map((warning) => (
        <p key={warning.code} className="notice warn" data-testid="funding.warning" data-code={warning.code}>
          {warningText(warning)}
        </p>
      ))}
      {overlaps > 0 ? (
        <p className="notice" data-testid="funding.overlap">
          {t('funding.overlap', { count: overlaps })}
        </p>
      ) : null}
    </section>
  )
}
