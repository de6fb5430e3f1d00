/** Accepting (the request becomes a case) or declining with a reason and a referral (issue 19). */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { IntakeRequest } from '../../../../shared/src/api/requests.js'
import { Limits } from '../../../../shared/src/limits.js'
import { requestStepRefusal } from '../../../../shared/src/process/requestFlow.js'
import { requestApi } from '../../api/requestEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'

export function DecideRequest({ request, onDeclined }: { request: IntakeRequest; onDeclined: (request: IntakeRequest) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const navigate = useNavigate()
  const [reason, setReason] = useState('')
  const [referral, setReferral] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const acceptRefusal = requestStepRefusal(request, 'accept')

  const accept = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const { data } = await requestApi.accept(request.id)
      await navigate(`/cases/${data.caseId}`)
    } catch (err) {
      setError(errorText(t, err))
      setBusy(false)
    }
  }

  const decline = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { data } = await requestApi.decline(request.id, { reason, referral })
      onDeclined(data.request)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-h`} data-testid="requests.decide">
      <h2 id={`${id}-h`}>{t('requests.decide.heading')}</h2>
      <h3>{t('requests.decide.acceptHeading')}</h3>
      <p className="meta" id={`${id}-accept-help`}>
        {acceptRefusal === 'consentMissing' ? t('requests.decide.consentFirst') : t('requests.decide.acceptHelp')}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={busy || acceptRefusal !== null}
          aria-describedby={`${id}-accept-help`}
          onClick={() => void accept()}
          data-testid="requests.accept"
        >
          {t('requests.decide.accept')}
        </button>
      </div>
      <form className="form" onSubmit={(event) => void decline(event)} aria-labelledby={`${id}-decline-h`} data-testid="requests.decline-form">
        <h3 id={`${id}-decline-h`}>{t('requests.decide.declineHeading')}</h3>
        <p className="meta">{t('requests.decide.declineHelp')}</p>
        <label htmlFor={`${id}-reason`}>{t('requests.decide.reason')}</label>
        <textarea id={`${id}-reason`} required maxLength={Limits.maxRequestTextLength} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="requests.decline-reason" />
        <label htmlFor={`${id}-referral`}>{t('requests.decide.referral')}</label>
        <textarea id={`${id}-referral`} required maxLength={Limits.maxRequestTextLength} value={referral} onChange={(event) => setReferral(event.target.value)} data-testid="requests.decline-referral" />
        <div className="button-row">
          <button type="submit" disabled={busy} data-testid="requests.decline">
            {t('requests.decide.decline')}
          </button>
        </div>
      </form>
      <ErrorAlert message={error} testId="requests.decide-error" />
    </section>
  )
}
