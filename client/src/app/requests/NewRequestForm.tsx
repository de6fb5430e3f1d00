/** Recording a request (issue 19): who asked, referring body, first contact, short reason — never health data. */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { RequesterKinds, type IntakeRequest, type RequesterKind } from '../../../../shared/src/api/requests.js'
import { Limits } from '../../../../shared/src/limits.js'
import { requestApi } from '../../api/requestEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

export function NewRequestForm({ onRecorded }: { onRecorded: (request: IntakeRequest) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [personName, setPersonName] = useState('')
  const [requesterKind, setRequesterKind] = useState<RequesterKind>('person')
  const [requesterName, setRequesterName] = useState('')
  const [requesterContact, setRequesterContact] = useState('')
  const [referringBody, setReferringBody] = useState('')
  const [firstContactOn, setFirstContactOn] = useState(today)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { data } = await requestApi.create({ personName, requesterKind, requesterName, requesterContact, referringBody, firstContactOn, reason })
      onRecorded(data.request)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-h`} data-testid="requests.new-form">
      <h2 id={`${id}-h`}>{t('requests.new.heading')}</h2>
      <p className="notice" id={`${id}-health`} data-testid="requests.no-health-note">
        {t('requests.noHealthData')}
      </p>
      <label htmlFor={`${id}-person`}>{t('requests.fields.personName')}</label>
      <input id={`${id}-person`} required maxLength={Limits.maxNameLength} value={personName} onChange={(event) => setPersonName(event.target.value)} data-testid="requests.person-name" />
      <label htmlFor={`${id}-kind`}>{t('requests.fields.requesterKind')}</label>
      <select id={`${id}-kind`} value={requesterKind} onChange={(event) => setRequesterKind(event.target.value as RequesterKind)} data-testid="requests.requester-kind">
        {RequesterKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`requestWords.requesterKind.${kind}`)}
          </option>
        ))}
      </select>
      {requesterKind !== 'person' ? (
        <>
          <label htmlFor={`${id}-requester`}>{t('requests.fields.requesterName')}</label>
          <input id={`${id}-requester`} maxLength={Limits.maxNameLength} value={requesterName} onChange={(event) => setRequesterName(event.target.value)} data-testid="requests.requester-name" />
        </>
      ) : null}
      <label htmlFor={`${id}-contact`}>{t('requests.fields.requesterContact')}</label>
      <textarea id={`${id}-contact`} maxLength={Limits.maxRequestTextLength} value={requesterContact} onChange={(event) => setRequesterContact(event.target.value)} data-testid="requests.requester-contact" />
      <label htmlFor={`${id}-referring`}>{t('requests.fields.referringBody')}</label>
      <input id={`${id}-referring`} maxLength={Limits.maxFundingNameLength} value={referringBody} onChange={(event) => setReferringBody(event.target.value)} data-testid="requests.referring-body" />
      <label htmlFor={`${id}-first`}>{t('requests.fields.firstContactOn')}</label>
      <input id={`${id}-first`} type="date" required value={firstContactOn} onChange={(event) => setFirstContactOn(event.target.value)} data-testid="requests.first-contact" />
      <label htmlFor={`${id}-reason`}>{t('requests.fields.reason')}</label>
      <textarea
        id={`${id}-reason`}
        maxLength={Limits.maxRequestTextLength}
        aria-describedby={`${id}-health`}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="requests.reason"
      />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="requests.record">
          {t('requests.new.submit')}
        </button>
      </div>
      <ErrorAlert message={error} testId="requests.new-error" />
    </form>
  )
}
