import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfidentialFields, type ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import { Limits } from '../../../../../shared/src/limits.js'
import type { Member } from '../../../../../shared/src/api/cases.js'
import { isHealthData, type ConsentGrant } from '../../../../../shared/src/api/consents.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { FormalTerm } from '../../../components/FormalTerm.js'
import { errorText } from '../../errorText.js'
import { formatDate } from '../../format.js'
import { activeGrantsFor, inAppConsentBody, localDateOf, type ConsentFormErrors } from './consentModel.js'
import { fieldTitle } from './fieldTitle.js'

export interface ConsentSwitchesProps {
  caseId: string
  /** The members a consent can go to (employer representatives). */
  recipients: readonly Member[]
  /** null while the list is loading: the switches wait for it. */
  grants: readonly ConsentGrant[] | null
  today: string
  /** The employer's company from the plan, for "Frau X von Firma Y". */
  company: string | null
  offline: boolean
  /** The grants changed by the coachee's own action: read them again. */
  onChanged: () => void
}

/** "Petra Lange von Frischmarkt Nord" (or "vom Betrieb" without a company). */
export function usePersonText(): (member: Pick<Member, 'name'>, company: string | null) => string {
  const { t } = useTranslation()
  return (member, company) => (company ? t('consent.person', { name: member.name, company }) : t('consent.personNoCompany', { name: member.name }))
}

/**
 * The coachee's consent switches, in plain language: per employer member and
 * confidential field one switch. Switching on asks for the purpose
 * (prefilled, editable) and an optional end date before anything is shared;
 * switching off revokes at once. A live region tells what happened.
 */
export function ConsentSwitches({ caseId, recipients, grants, today, company, offline, onChanged }: ConsentSwitchesProps) {
  const { t } = useTranslation()
  const id = useId()
  const person = usePersonText()
  const [status, setStatus] = useState<string | null>(null)

  return (
    <div className="consent-switches" data-testid="consent.switches">
      <p role="status" className={status ? 'notice success' : undefined} data-testid="consent.status">
        {status}
      </p>
      {offline ? <p className="notice">{t('consent.offline')}</p> : null}
      {recipients.length === 0 ? <p data-testid="consent.no-recipients">{t('consent.noRecipients')}</p> : null}
      {recipients.map((member) => (
        <section key={member.id} aria-labelledby={`${id}-${member.id}`} className="consent-person" data-testid="consent.person" data-member-id={member.id}>
          <h3 id={`${id}-${member.id}`}>{t('consent.personHeading', { person: person(member, company) })}</h3>
          <ul className="consent-list">
            {ConfidentialFields.map((field) => (
              <li key={field}>
                <ConsentSwitch
                  caseId={caseId}
                  member={member}
                  personText={person(member, company)}
                  field={field}
                  grants={grants}
                  today={today}
                  offline={offline}
                  onDone={(message) => {
                    setStatus(message)
                    onChanged()
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}

interface ConsentSwitchProps {
  caseId: string
  member: Member
  personText: string
  field: ConfidentialField
  grants: readonly ConsentGrant[] | null
  today: string
  offline: boolean
  onDone: (message: string) => void
}

function ConsentSwitch({ caseId, member, personText, field, grants, today, offline, onDone }: ConsentSwitchProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  // The coachee's words first, the formal term beside them (issue 16).
  const title = fieldTitle(t, field, true)
  const health = isHealthData(field)
  // After the coachee's own change, the reply is the truth until the list is
  // read again (so switching off right after switching on revokes the grant
  // just made, not the stale list's none).
  const [override, setOverride] = useState<{ grants: readonly ConsentGrant[] | null; active: ConsentGrant[] } | null>(null)
  const listed = grants === null ? [] : activeGrantsFor(grants, field, member.id, today)
  const active = override !== null && override.grants === grants ? override.active : listed
  const on = active.length > 0
  const [asking, setAsking] = useState(false)
  const [purpose, setPurpose] = useState('')
  const [validUntil, setValidUntil] = useState('')
  const [errors, setErrors] = useState<ConsentFormErrors>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const switchRef = useRef<HTMLButtonElement>(null)
  const purposeRef = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (asking) {
      purposeRef.current?.focus()
    }
  }, [asking])

  const close = (): void => {
    setAsking(false)
    setErrors({})
    switchRef.current?.focus()
  }

  const handleSwitch = async (): Promise<void> => {
    setError(null)
    if (!on) {
      if (asking) {
        close()
        return
      }
      setPurpose(t(`consent.defaultPurpose.${field}`))
      setValidUntil('')
      setErrors({})
      setAsking(true)
      return
    }
    // Switching off is one action: revoke every active grant of this field to this person.
    setBusy(true)
    try {
      for (const grant of active) {
        await api.revokeConsent(caseId, grant.id)
      }
      setOverride({ grants, active: [] })
      onDone(t('consent.revoked', { person: personText, field: title }))
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const handleGrant = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const result = inAppConsentBody({ field, memberId: member.id, purpose, validUntil }, today)
    if (!result.ok) {
      setErrors(result.errors)
      return
    }
    setErrors({})
    setError(null)
    setBusy(true)
    try {
      const { data } = await api.grantConsent(caseId, result.body)
      setOverride({ grants, active: [data.grant] })
      setAsking(false)
      switchRef.current?.focus()
      onDone(t('consent.granted', { person: personText, field: title }))
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const handleFormKey = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    }
  }

  const current = active[0]
  return (
    <div className="consent-switch" data-testid="consent.switch-row" data-field={field} data-member-id={member.id} data-on={on ? 'true' : 'false'}>
      <button
        ref={switchRef}
        type="button"
        role="switch"
        aria-checked={on}
        aria-describedby={`${id}-what`}
        aria-controls={asking ? `${id}-form` : undefined}
        className="switch"
        disabled={busy || offline || grants === null}
        onClick={() => void handleSwitch()}
        data-testid="consent.switch"
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-label">
          {title}
          <FormalTerm term={fieldTitle(t, field, false)} />
        </span>
        {/* The switch role already says on or off; this is for sighted users. */}
        <span className="switch-state" aria-hidden="true">
          {on ? t('consent.stateOn') : t('consent.stateOff')}
        </span>
      </button>
      <p id={`${id}-what`} className="consent-what">
        {t('consent.switchWhat', { person: personText, field: title })}
        {health ? (
          <>
            {' '}
            <strong>{t('consent.switchHealth')}</strong>
          </>
        ) : null}
      </p>
      {on && current ? (
        <p className="meta" data-testid="consent.current">
          {t('consent.since', { date: formatDate(current.signedOn ?? localDateOf(current.grantedAt), i18n.language) })}{' '}
          {t('plain.purposeLine', { purpose: current.purpose })}{' '}
          {current.validUntil !== null ? t('consent.until', { date: formatDate(current.validUntil, i18n.language) }) : t('consent.untilRevoked')}
        </p>
      ) : null}
      {asking && !on ? (
        <form id={`${id}-form`} className="form consent-ask" onSubmit={(event) => void handleGrant(event)} onKeyDown={handleFormKey} data-testid="consent.ask" noValidate>
          <fieldset>
            <legend>{t('consent.askLegend', { person: personText, field: title })}</legend>
            <label htmlFor={`${id}-purpose`}>{t('consent.purposeLabel', { name: member.name })}</label>
            <textarea
              ref={purposeRef}
              id={`${id}-purpose`}
              rows={3}
              maxLength={Limits.maxConsentPurposeLength}
              value={purpose}
              onChange={(event) => setPurpose(event.target.value)}
              aria-describedby={`${id}-purpose-help${errors.purpose ? ` ${id}-purpose-error` : ''}`}
              aria-invalid={errors.purpose ? true : undefined}
              required
              data-testid="consent.purpose"
            />
            <p id={`${id}-purpose-help`} className="meta">
              {t('consent.purposeHelp')}
            </p>
            {errors.purpose ? (
              <p id={`${id}-purpose-error`} className="field-error">
                {t(`consent.errors.${errors.purpose}`, { max: Limits.maxConsentPurposeLength })}
              </p>
            ) : null}
            <label htmlFor={`${id}-until`}>{t('consent.validUntilLabel')}</label>
            <input
              id={`${id}-until`}
              type="date"
              min={today}
              value={validUntil}
              onChange={(event) => setValidUntil(event.target.value)}
              aria-describedby={`${id}-until-help${errors.validUntil ? ` ${id}-until-error` : ''}`}
              aria-invalid={errors.validUntil ? true : undefined}
              data-testid="consent.valid-until"
            />
            <p id={`${id}-until-help`} className="meta">
              {t('consent.validUntilHelp')}
            </p>
            {errors.validUntil ? (
              <p id={`${id}-until-error`} className="field-error">
                {t(`consent.errors.${errors.validUntil}`)}
              </p>
            ) : null}
            <div className="actions-row">
              <button type="submit" className="primary" disabled={busy || offline} data-testid="consent.confirm">
                {t('consent.confirm')}
              </button>
              <button type="button" onClick={close} data-testid="consent.cancel">
                {t('consent.cancel')}
              </button>
            </div>
          </fieldset>
        </form>
      ) : null}
      <ErrorAlert message={error} testId="consent.error" />
    </div>
  )
}
