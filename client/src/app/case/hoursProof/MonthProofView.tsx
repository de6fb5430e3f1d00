import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MonthProofReply } from '../../../../../shared/src/api/hoursProof.js'
import { hoursProofApi } from '../../../api/hoursProofEndpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatDate, formatHours, localeOf } from '../../format.js'
import { ConfirmationList } from './ConfirmationList.js'

/**
 * One month's proof of hours as a printable page (print CSS keeps only the
 * proof): the entries with day, hours, category, place and coach,
 * corrections marked; who confirmed it when; the downloads; and, for the
 * employer, the coachee or the guardian, the confirmation of what they see.
 */
export function MonthProofView({ caseId, proof, offline, onConfirmed }: { caseId: string; proof: MonthProofReply; offline: boolean; onConfirmed: (proof: MonthProofReply) => void }) {
  const { t, i18n } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const language = i18n.language
  const confirmedByMe = proof.confirmations.some((confirmation) => confirmation.role === proof.confirmAs && confirmation.current)
  const monthLabel = new Intl.DateTimeFormat(localeOf(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${proof.month}-01T00:00:00Z`))

  const confirm = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      onConfirmed((await hoursProofApi.confirm(caseId, proof.month, proof.entriesHash)).data)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <article className="hours-proof" data-testid="proof.month" data-month={proof.month} data-locked={proof.locked ? 'true' : 'false'} aria-labelledby="proof-month-h">
      <h3 id="proof-month-h">{t('proof.monthTitle', { month: monthLabel })}</h3>
      <p className="meta">{proof.caseTitle}</p>
      {/* Focusable, so a keyboard can scroll the table sideways on a phone. */}
      <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="proof-month-h">
        <table className="report-table">
          <caption className="visually-hidden">{t('proof.tableCaption', { month: monthLabel })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proof.column.date')}</th>
              <th scope="col">{t('proof.column.hours')}</th>
              <th scope="col">{t('proof.column.category')}</th>
              <th scope="col">{t('proof.column.place')}</th>
              <th scope="col">{t('proof.column.coach')}</th>
            </tr>
          </thead>
          <tbody>
            {proof.entries.map((entry) => (
              <tr key={entry.id} data-testid="proof.entry" data-correction={entry.correction ? 'true' : 'false'}>
                <td>{formatDate(entry.date, language)}</td>
                <td>{formatHours(entry.minutes / 60, language)}</td>
                <td>
                  {entry.category === null ? '—' : t(`fundingWords.hoursCategory.${entry.category}`)}
                  {entry.correction ? (
                    <span className="badge">
                      {' '}
                      {entry.correctionOfDate === null ? t('proof.correction') : t('proof.correctionOf', { date: formatDate(entry.correctionOfDate, language) })}
                    </span>
                  ) : null}
                </td>
                <td>{entry.place ?? '—'}</td>
                <td>{entry.coachName}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('proof.total')}</th>
              <td data-testid="proof.total">{formatHours(proof.totalMinutes / 60, language)}</td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
      </div>
      <ConfirmationList confirmations={proof.confirmations} />
      <p className="meta proof-hash">
        {t('proof.hash')} <code>{proof.entriesHash}</code>
      </p>
      <p className="actions no-print">
        <button type="button" onClick={() => window.print()} data-testid="proof.print">
          {t('proof.print')}
        </button>{' '}
        <a href={hoursProofApi.downloadUrl(caseId, proof.month, 'pdf')} download data-testid="proof.pdf">
          {t('proof.downloadPdf')}
        </a>{' '}
        <a href={hoursProofApi.downloadUrl(caseId, proof.month, 'csv')} download data-testid="proof.csv">
          {t('proof.downloadCsv')}
        </a>
      </p>
      {proof.confirmAs !== null && !confirmedByMe && proof.entries.length > 0 ? (
        <div className="no-print">
          <p>{t('proof.confirmHint')}</p>
          <button type="button" className="primary" disabled={busy || offline} onClick={() => void confirm()} data-testid="proof.confirm">
            {t('proof.confirm')}
          </button>
        </div>
      ) : null}
      <ErrorAlert message={error} testId="proof.confirm-error" />
    </article>
  )
}
