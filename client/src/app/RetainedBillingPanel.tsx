import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RetainedApprovalRecord, RetainedBillingRecord, RetainedHoursRecord } from '../../../shared/src/api/billing.js'
import { HoursCategories } from '../../../shared/src/caseDocument/hoursCategories.js'
import { Phases } from '../../../shared/src/caseDocument/plan.js'
import type { User } from '../../../shared/src/api/users.js'
import { fundingApi } from '../api/fundingEndpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { errorText } from './errorText.js'
import { formatDate, formatDateTime, formatHours, formatMoney } from './format.js'

/** The records of one erased case. */
interface ErasedCaseRecords {
  caseId: string
  retainedAt: string
  approvals: RetainedApprovalRecord[]
  hours: RetainedHoursRecord[]
}

/** Groups the records (sorted by the server: case by case) per erased case. */
function byCase(records: readonly RetainedBillingRecord[]): ErasedCaseRecords[] {
  const groups = new Map<string, ErasedCaseRecords>()
  for (const record of records) {
    const group = groups.get(record.caseId) ?? { caseId: record.caseId, retainedAt: record.retainedAt, approvals: [], hours: [] }
    if (record.kind === 'approval') {
      group.approvals.push(record)
    } else {
      group.hours.push(record)
    }
    groups.set(record.caseId, group)
  }
  return [...groups.values()]
}

/**
 * The admin's list of billing records erased cases left behind (issue 16):
 * per erased case its funding approvals (funding body, Aktenzeichen, period,
 * hours, rate) and its hours, each with the day it is removed. Read only.
 */
export function RetainedBillingPanel({ staff }: { staff: readonly User[] }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const language = i18n.language
  const [records, setRecords] = useState<RetainedBillingRecord[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    fundingApi
      .retainedBilling()
      .then(({ data }) => setRecords(data.records))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])

  const coachName = (coachId: string): string => staff.find((user) => user.id === coachId)?.name ?? t('retainedBilling.unknownCoach')
  // The hours category, else the phase the entry was booked to (commands/billingRecords.ts).
  const categoryName = (category: string): string =>
    (HoursCategories as readonly string[]).includes(category)
      ? t(`fundingWords.hoursCategory.${category}`)
      : (Phases as readonly string[]).includes(category)
        ? t(`phases.${category}`)
        : category
  const until = (day: string): string => t('retainedBilling.until', { date: formatDate(day, language) })
  const approvalLine = (approval: RetainedApprovalRecord, all: readonly RetainedApprovalRecord[]): string => {
    const extended = approval.extendsId === null ? undefined : all.find((other) => other.approvalId === approval.extendsId)
    return [
      t('retainedBilling.period', { from: formatDate(approval.validFrom, language), until: formatDate(approval.validUntil, language) }),
      t('retainedBilling.hours', { hours: formatHours(approval.hours, language) }),
      ...(approval.rateCents !== null ? [t('funding.rateLine', { rate: formatMoney(approval.rateCents, approval.currency, language) })] : []),
      ...(extended !== undefined ? [t('retainedBilling.extends', { date: formatDate(extended.validFrom, language) })] : []),
    ].join(' · ')
  }

  const groups = records === null ? [] : byCase(records)
  return (
    <section aria-labelledby={`${id}-h`} data-testid="retainedBilling.panel">
      <h2 id={`${id}-h`}>{t('retainedBilling.heading')}</h2>
      <p className="meta">{t('retainedBilling.intro')}</p>
      <ErrorAlert message={error} testId="retainedBilling.error" />
      {records !== null && records.length === 0 ? <p data-testid="retainedBilling.none">{t('retainedBilling.none')}</p> : null}
      <ul className="plain-list stack" data-testid="retainedBilling.list">
        {groups.map((group) => {
          const totalHours = group.hours.reduce((sum, entry) => sum + entry.minutes, 0) / 60
          return (
            <li key={group.caseId} className="card" data-testid="retainedBilling.case" data-case-id={group.caseId}>
              <h3>{t('retainedBilling.caseHeading', { id: group.caseId.slice(0, 8), at: formatDateTime(group.retainedAt, language) })}</h3>
              {group.approvals.length > 0 ? (
                <>
                  <h4>{t('retainedBilling.approvalsHeading')}</h4>
                  <ul className="plain-list">
                    {group.approvals.map((approval) => (
                      <li key={approval.id} data-testid="retainedBilling.approval" data-kind={approval.approvalKind}>
                        <strong>
                          {t(approval.approvalKind === 'extension' ? 'retainedBilling.extension' : 'retainedBilling.approval')}
                          {approval.fundingBodyName !== null ? ` · ${approval.fundingBodyName}` : ''}
                          {approval.fileNumber !== '' ? ` · ${t('retainedBilling.fileNumber', { number: approval.fileNumber })}` : ''}
                        </strong>
                        <br />
                        {approvalLine(approval, group.approvals)} <span className="meta">({until(approval.retainUntil)})</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {group.hours.length > 0 ? (
                <details data-testid="retainedBilling.hours">
                  <summary>{t('retainedBilling.hoursSummary', { count: group.hours.length, hours: formatHours(totalHours, language) })}</summary>
                  <ul className="plain-list">
                    {group.hours.map((entry) => (
                      <li key={entry.id} data-testid="retainedBilling.hoursEntry">
                        {formatDate(entry.date, language)} · {t('retainedBilling.hours', { hours: formatHours(entry.minutes / 60, language) })} · {coachName(entry.coachId)}
                        {entry.category !== null ? ` · ${categoryName(entry.category)}` : ''}{' '}
                        <span className="meta">({until(entry.retainUntil)})</span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
