/** A1 Auftragsklärung (issue 19): referring body, funding body, rough goals, the person's consent to the cooperation. */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FundingBody } from '../../../../shared/src/api/funding.js'
import { RoughGoals, type IntakeRequest, type RoughGoal } from '../../../../shared/src/api/requests.js'
import { Limits } from '../../../../shared/src/limits.js'
import { requestApi } from '../../api/requestEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'

export function ClarifyForm({ request, fundingBodies, onSaved }: { request: IntakeRequest; fundingBodies: FundingBody[]; onSaved: (request: IntakeRequest) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [referringBody, setReferringBody] = useState(request.referringBody)
  const [fundingBodyId, setFundingBodyId] = useState(request.fundingBodyId ?? '')
  const [goals, setGoals] = useState<RoughGoal[]>(request.roughGoals)
  const [consented, setConsented] = useState(request.consentOn !== null)
  const [consentOn, setConsentOn] = useState(request.consentOn ?? new Date().toISOString().slice(0, 10))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const toggleGoal = (goal: RoughGoal, on: boolean): void => setGoals((previous) => (on ? RoughGoals.filter((entry) => entry === goal || previous.includes(entry)) : previous.filter((entry) => entry !== goal)))

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      const { data } = await requestApi.clarify(request.id, {
        referringBody,
        fundingBodyId: fundingBodyId === '' ? null : fundingBodyId,
        roughGoals: goals,
        consentOn: consented ? consentOn : null,
      })
      setNotice(t('requests.clarify.saved'))
      onSaved(data.request)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  // The current body stays choosable even when it was deactivated since.
  const choosable = fundingBodies.filter((body) => body.active || body.id === request.fundingBodyId)
  return (
    <form className="form card" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-h`} data-testid="requests.clarify-form">
      <h2 id={`${id}-h`}>{t('requests.clarify.heading')}</h2>
      <p className="meta">{t('requests.clarify.intro')}</p>
      <label htmlFor={`${id}-referring`}>{t('requests.fields.referringBody')}</label>
      <input id={`${id}-referring`} maxLength={Limits.maxFundingNameLength} value={referringBody} onChange={(event) => setReferringBody(event.target.value)} data-testid="requests.clarify-referring" />
      <label htmlFor={`${id}-funding`}>{t('requests.clarify.fundingBody')}</label>
      <select id={`${id}-funding`} value={fundingBodyId} onChange={(event) => setFundingBodyId(event.target.value)} data-testid="requests.clarify-funding">
        <option value="">{t('requests.clarify.noFundingBody')}</option>
        {choosable.map((body) => (
          <option key={body.id} value={body.id}>
            {body.name}
          </option>
        ))}
      </select>
      <fieldset data-testid="requests.clarify-goals">
        <legend>{t('requests.clarify.roughGoals')}</legend>
        {RoughGoals.map((goal) => (
          <div className="checkbox" key={goal}>
            <input id={`${id}-goal-${goal}`} type="checkbox" checked={goals.includes(goal)} onChange={(event) => toggleGoal(goal, event.target.checked)} data-testid={`requests.goal-${goal}`} />
            <label htmlFor={`${id}-goal-${goal}`}>{t(`requestWords.roughGoal.${goal}`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('requests.clarify.consentLegend')}</legend>
        <div className="checkbox">
          <input id={`${id}-consent`} type="checkbox" checked={consented} onChange={(event) => setConsented(event.target.checked)} data-testid="requests.consent" />
          <label htmlFor={`${id}-consent`}>{t('requests.clarify.consent')}</label>
        </div>
        {consented ? (
          <>
            <label htmlFor={`${id}-consent-on`}>{t('requests.clarify.consentOn')}</label>
            <input id={`${id}-consent-on`} type="date" required value={consentOn} onChange={(event) => setConsentOn(event.target.value)} data-testid="requests.consent-on" />
          </>
        ) : null}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="requests.clarify-save">
          {t('requests.clarify.save')}
        </button>
      </div>
      <p role="status" className="meta" data-testid="requests.clarify-notice">
        {notice}
      </p>
      <ErrorAlert message={error} testId="requests.clarify-error" />
    </form>
  )
}
