import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfidentialFields, type ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import { Limits } from '../../../../../shared/src/limits.js'
import type { Member } from '../../../../../shared/src/api/cases.js'
import { isHealthData } from '../../../../../shared/src/api/consents.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { paperConsentBody, type ConsentFormErrors, type ConsentFormInput } from './consentModel.js'

export interface PaperConsentFormProps {
  caseId: string
  recipients: readonly Member[]
  today: string
  offline: boolean
  /** A grant was recorded: read the list again. */
  onRecorded: () => void
}

/**
 * A coach records a consent the coachee gave on paper (evidence
 * 'signedForm'): field, recipient, purpose, signing day, optional end date.
 */
export function PaperConsentForm({ caseId, recipients, today, offline, onRecorded }: PaperConsentFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const [field, setField] = useState<ConfidentialField | ''>('')
  const [memberId, setMemberId] = useState('')
  const [purpose, setPurpose] = useState('')
  const [signedOn, setSignedOn] = useState('')
  const [validUntil, setValidUntil] = useState('')
  const [errors, setErrors] = useState<ConsentFormErrors>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setStatus(null)
    const result = paperConsentBody({ field, memberId, purpose, signedOn, validUntil }, today)
    if (!result.ok) {
      setErrors(result.errors)
      const first = (['field', 'memberId', 'purpose', 'signedOn', 'validUntil'] as const).find((key) => result.errors[key] !== undefined)
      if (first) {
        document.getElementById(`${id}-${first}`)?.focus()
      }
      return
    }
    setErrors({})
    setError(null)
    setBusy(true)
    try {
      const { data } = await api.grantConsent(caseId, result.body)
      setStatus(t('consent.paper.recorded', { name: data.grant.memberName, field: t(`confidentialPanel.title.${data.grant.field}`) }))
      setField('')
      setMemberId('')
      setPurpose('')
      setSignedOn('')
      setValidUntil('')
      onRecorded()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const described = (input: ConsentFormInput, help?: string): { 'aria-describedby'?: string; 'aria-invalid'?: true } => {
    const ids = [help, errors[input] ? `${id}-${input}-error` : undefined].filter((value): value is string => value !== undefined)
    return { ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}), ...(errors[input] ? { 'aria-invalid': true as const } : {}) }
  }
  const errorLine = (input: ConsentFormInput) =>
    errors[input] ? (
      <p id={`${id}-${input}-error`} className="field-error" data-testid={`consent.paper.error.${input}`}>
        {t(`consent.errors.${errors[input]}`, { max: Limits.maxConsentPurposeLength })}
      </p>
    ) : null

  return (
    <section aria-labelledby={`${id}-h`} className="paper-consent" data-testid="consent.paper">
      <h3 id={`${id}-h`}>{t('consent.paper.heading')}</h3>
      <p className="meta">{t('consent.paper.intro')}</p>
      <p role="status" className={status ? 'notice success' : undefined} data-testid="consent.paper.status">
        {status}
      </p>
      {offline ? <p className="notice">{t('consent.offline')}</p> : null}
      {recipients.length === 0 ? (
        <p data-testid="consent.paper.no-recipients">{t('consent.paper.noRecipients')}</p>
      ) : (
        <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate>
          <label htmlFor={`${id}-field`}>{t('consent.paper.field')}</label>
          <select
            id={`${id}-field`}
            value={field}
            onChange={(event) => setField(event.target.value as ConfidentialField | '')}
            required
            {...described('field')}
            data-testid="consent.paper.field"
          >
            <option value="">{t('consent.paper.chooseField')}</option>
            {ConfidentialFields.map((value) => (
              <option key={value} value={value}>
                {t(isHealthData(value) ? 'consent.fieldOptionHealth' : 'consent.fieldOption', { field: t(`confidentialPanel.title.${value}`) })}
              </option>
            ))}
          </select>
          {errorLine('field')}
          {field !== '' && isHealthData(field) ? (
            <p className="meta" data-testid="consent.paper.health-note">
              {t('consent.paper.healthNote', { field: t(`confidentialPanel.title.${field}`) })}
            </p>
          ) : null}

          <label htmlFor={`${id}-memberId`}>{t('consent.paper.member')}</label>
          <select id={`${id}-memberId`} value={memberId} onChange={(event) => setMemberId(event.target.value)} required {...described('memberId')} data-testid="consent.paper.member">
            <option value="">{t('consent.paper.chooseMember')}</option>
            {recipients.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({t(`roles.${member.role}`)})
              </option>
            ))}
          </select>
          {errorLine('memberId')}

          <label htmlFor={`${id}-purpose`}>{t('consent.paper.purpose')}</label>
          <textarea
            id={`${id}-purpose`}
            rows={2}
            maxLength={Limits.maxConsentPurposeLength}
            value={purpose}
            onChange={(event) => setPurpose(event.target.value)}
            required
            {...described('purpose')}
            data-testid="consent.paper.purpose"
          />
          {errorLine('purpose')}

          <label htmlFor={`${id}-signedOn`}>{t('consent.paper.signedOn')}</label>
          <input
            id={`${id}-signedOn`}
            type="date"
            max={today}
            value={signedOn}
            onChange={(event) => setSignedOn(event.target.value)}
            required
            {...described('signedOn')}
            data-testid="consent.paper.signed-on"
          />
          {errorLine('signedOn')}

          <label htmlFor={`${id}-validUntil`}>{t('consent.paper.validUntil')}</label>
          <input
            id={`${id}-validUntil`}
            type="date"
            min={today}
            value={validUntil}
            onChange={(event) => setValidUntil(event.target.value)}
            {...described('validUntil')}
            data-testid="consent.paper.valid-until"
          />
          {errorLine('validUntil')}

          <button type="submit" className="primary" disabled={busy || offline} data-testid="consent.paper.submit">
            {busy ? t('consent.busy') : t('consent.paper.submit')}
          </button>
        </form>
      )}
      <ErrorAlert message={error} testId="consent.paper.error" />
    </section>
  )
}
