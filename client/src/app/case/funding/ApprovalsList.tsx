import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Approval } from '../../../../../shared/src/api/funding.js'
import { formatDate, formatDateTime, formatHours, formatMoney } from '../../format.js'

export interface ApprovalsListProps {
  approvals: readonly Approval[]
  writable: boolean
  onCorrect: (approval: Approval) => void
}

/** Every approval record in the order it was recorded; corrected ones stay, marked, as the history. */
export function ApprovalsList({ approvals, writable, onCorrect }: ApprovalsListProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const language = i18n.language
  return (
    <section aria-labelledby={`${id}-h`} data-testid="funding.approvals">
      <h3 id={`${id}-h`}>{t('funding.approvalsHeading')}</h3>
      {approvals.length === 0 ? (
        <p className="meta" data-testid="funding.no-approvals">
          {t('funding.noApprovals')}
        </p>
      ) : (
        <ol className="plain-list funding-approvals">
          {approvals.map((approval) => {
            const kind = t(`fundingWords.approvalKind.${approval.correctsId !== null ? 'correction' : approval.kind}`)
            return (
              <li key={approval.id} className={`card${approval.corrected ? ' corrected' : ''}`} data-testid="funding.approval" data-kind={approval.kind} data-corrected={String(approval.corrected)}>
                <p>
                  <strong>{kind}</strong>
                  {approval.correctsId !== null ? ` (${t(`fundingWords.approvalKind.${approval.kind}`)})` : ''}
                  {': '}
                  {t('funding.periodLine', {
                    from: formatDate(approval.validFrom, language),
                    until: formatDate(approval.validUntil, language),
                    hours: formatHours(approval.hours, language),
                  })}
                  {approval.corrected ? (
                    <>
                      {' '}
                      <span className="badge">{t('funding.correctedBadge')}</span>
                    </>
                  ) : null}
                </p>
                <p className="meta">
                  {[
                    approval.rateCents !== null ? t('funding.rateLine', { rate: formatMoney(approval.rateCents, approval.currency, language) }) : null,
                    approval.decidedOn !== null ? t('funding.decidedLine', { date: formatDate(approval.decidedOn, language) }) : null,
                    approval.reference !== '' ? approval.reference : null,
                  ]
                    .filter((part) => part !== null)
                    .join(' · ')}
                </p>
                {approval.note !== '' ? <p>{approval.note}</p> : null}
                <p className="meta">{t('funding.recordedLine', { who: approval.recordedByName, when: formatDateTime(approval.recordedAt, language) })}</p>
                {writable && !approval.corrected ? (
                  <button type="button" className="link-button" onClick={() => onCorrect(approval)} data-testid="funding.correct">
                    {t('funding.correct')}
                    <span className="visually-hidden">{`: ${kind} ${formatDate(approval.validFrom, language)}`}</span>
                  </button>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
