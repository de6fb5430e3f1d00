/** /requests/:id: one request (issue 19) — its facts, the order clarification and the decision, or the case / decline letter it led to. */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { FundingBody } from '../../../../shared/src/api/funding.js'
import type { IntakeRequest } from '../../../../shared/src/api/requests.js'
import { fundingApi } from '../../api/fundingEndpoints.js'
import { requestApi } from '../../api/requestEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDate } from '../format.js'
import { ClarifyForm } from './ClarifyForm.js'
import { DecideRequest } from './DecideRequest.js'
import { DeclineLetter } from './DeclineLetter.js'

export function RequestScreen() {
  const { t, i18n } = useTranslation()
  const { requestId = '' } = useParams()
  const [request, setRequest] = useState<IntakeRequest | null>(null)
  const [fundingBodies, setFundingBodies] = useState<FundingBody[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    Promise.all([requestApi.get(requestId), fundingApi.fundingBodies()])
      .then(([found, bodies]) => {
        setRequest(found.data.request)
        setFundingBodies(bodies.data.fundingBodies)
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [requestId, t])

  if (request === null) {
    return error !== null ? <ErrorAlert message={error} testId="request.error" /> : <p role="status">{t('app.loading')}</p>
  }
  const day = (iso: string): string => formatDate(iso.slice(0, 10), i18n.language)
  const row = (label: string, value: string, testId?: string) =>
    value === '' ? null : (
      <>
        <dt>{label}</dt>
        <dd data-testid={testId}>{value}</dd>
      </>
    )
  return (
    <div className="stack request-screen" data-testid="request.screen" data-status={request.status}>
      <p className="no-print">
        <Link to="/requests">{t('requests.back')}</Link>
      </p>
      <h1>{t('requests.detailTitle', { name: request.personName })}</h1>
      <p data-testid="request.status">
        <span className="badge">{t(`requests.status.${request.status}`)}</span>
        {request.erasesOn !== null ? <span className="meta"> {t('requests.erasesOn', { date: day(request.erasesOn) })}</span> : null}
      </p>
      <dl className="facts no-print">
        {row(t('requests.fields.requesterKind'), t(`requestWords.requesterKind.${request.requesterKind}`))}
        {row(t('requests.fields.requesterName'), request.requesterName)}
        {row(t('requests.fields.requesterContact'), request.requesterContact)}
        {row(t('requests.fields.referringBody'), request.referringBody, 'request.referring-body')}
        {row(t('requests.fields.firstContactOn'), day(request.firstContactOn))}
        {row(t('requests.fields.reason'), request.reason)}
        {row(t('requests.clarify.fundingBody'), request.fundingBodyName ?? '')}
        {row(t('requests.clarify.roughGoals'), request.roughGoals.map((goal) => t(`requestWords.roughGoal.${goal}`)).join(', '), 'request.goals')}
        {row(t('requests.clarify.consentOn'), request.consentOn === null ? '' : day(request.consentOn), 'request.consent-on')}
        {row(t('requests.recordedBy'), `${request.createdByName}, ${day(request.createdAt)}`)}
      </dl>
      {request.status === 'open' ? (
        <>
          <ClarifyForm request={request} fundingBodies={fundingBodies} onSaved={setRequest} />
          <DecideRequest request={request} onDeclined={setRequest} />
        </>
      ) : null}
      {request.status === 'accepted' && request.caseId !== null ? (
        <p data-testid="request.case-link">
          <Link to={`/cases/${request.caseId}`}>{t('requests.openCase')}</Link>
        </p>
      ) : null}
      {request.status === 'declined' ? <DeclineLetter request={request} /> : null}
    </div>
  )
}
