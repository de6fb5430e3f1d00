import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HoursProofListReply, MonthProofReply } from '../../../../../shared/src/api/hoursProof.js'
import { hoursProofApi } from '../../../api/hoursProofEndpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatHours, localeOf } from '../../format.js'
import { ConfirmationList } from '../hoursProof/ConfirmationList.js'
import { MonthProofView } from '../hoursProof/MonthProofView.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'
import { useCaseResource } from '../session/useCaseResource.js'

const loadMonths = async (caseId: string): Promise<HoursProofListReply> => (await hoursProofApi.months(caseId)).data

/**
 * Stundennachweis (issue 18): the case's months, each open or confirmed by
 * whom and when (locked once confirmed); a month opens as its printable
 * proof, which the employer, the coachee or the guardian confirm there.
 */
export function ProofTab() {
  const { t, i18n } = useTranslation()
  const { detail, offline, generations, reload } = useCaseSession()
  const list = useCaseResource(detail.id, !offline, generations.hoursProof, loadMonths)
  const [selected, setSelected] = useState<string | null>(null)
  const [proof, setProof] = useState<MonthProofReply | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (selected === null) {
      setProof(null)
      return undefined
    }
    let cancelled = false
    setError(null)
    hoursProofApi
      .month(detail.id, selected)
      .then((result) => {
        if (!cancelled) {
          setProof(result.data)
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [detail.id, selected, generations.hoursProof, t])

  const monthLabel = (month: string): string =>
    new Intl.DateTimeFormat(localeOf(i18n.language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`))

  return (
    <TabPanel name="proof">
      <h2>{t('case.tab.proof')}</h2>
      <p className="meta no-print">{t('proof.intro')}</p>
      {offline ? <p className="notice">{t('proof.offline')}</p> : null}
      <ErrorAlert message={list.error ?? error} testId="proof.error" />
      {list.data === null ? null : list.data.months.length === 0 ? (
        <p data-testid="proof.none">{t('proof.none')}</p>
      ) : (
        <ul className="plain-list proof-months no-print" data-testid="proof.months">
          {list.data.months.map((month) => (
            <li key={month.month} data-testid="proof.month-item" data-month={month.month} data-locked={month.locked ? 'true' : 'false'}>
              <div>
                <button type="button" className="link-button" aria-expanded={selected === month.month} onClick={() => setSelected(selected === month.month ? null : month.month)} data-testid="proof.open-month">
                  {monthLabel(month.month)}
                </button>{' '}
                <span className="meta">{t('proof.hoursTotal', { hours: formatHours(month.totalMinutes / 60, i18n.language) })}</span>{' '}
                <span className={`badge ${month.locked ? 'badge-ok' : ''}`} data-testid="proof.month-state">
                  {month.locked ? t('proof.locked') : t('proof.openState')}
                </span>
                {month.billed ? (
                  <>
                    {' '}
                    <span className="badge" data-testid="proof.month-billed">
                      {t('proof.billed')}
                    </span>
                  </>
                ) : null}
              </div>
              <ConfirmationList confirmations={month.confirmations} />
            </li>
          ))}
        </ul>
      )}
      {proof !== null && proof.month === selected ? (
        <MonthProofView
          caseId={detail.id}
          proof={proof}
          offline={offline}
          onConfirmed={(confirmed) => {
            setProof(confirmed)
            reload('hoursProof')
          }}
        />
      ) : null}
    </TabPanel>
  )
}
