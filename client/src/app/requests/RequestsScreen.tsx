/**
 * /requests: the service's requests (issue 19) for staff who take intake,
 * filtered by status, and recording a new one. A request opens on its own
 * page (/requests/:id) for the order clarification and the decision.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { RequestStatuses, type IntakeRequest, type RequestStatus } from '../../../../shared/src/api/requests.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { requestApi } from '../../api/requestEndpoints.js'
import { useUser } from '../AuthContext.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDate } from '../format.js'
import { NewRequestForm } from './NewRequestForm.js'

type Filter = RequestStatus | 'all'

export function RequestsScreen() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const navigate = useNavigate()
  const me = useUser()
  const allowed = can(null, 'requests.read', { takesIntake: me.takesIntake ?? me.kind === 'staff' })
  const [filter, setFilter] = useState<Filter>('open')
  const [requests, setRequests] = useState<IntakeRequest[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)

  const load = useCallback(() => {
    requestApi
      .list(filter === 'all' ? undefined : filter)
      .then(({ data }) => {
        setRequests(data.requests)
        setError(null)
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [filter, t])
  useEffect(() => {
    if (allowed) {
      load()
    }
  }, [allowed, load])

  if (!allowed) {
    return <p role="alert">{t('errors.reason.requestsIntakeStaff')}</p>
  }
  return (
    <div className="stack requests-screen">
      <h1>{t('requests.title')}</h1>
      <p>{t('requests.intro')}</p>
      {adding ? (
        <NewRequestForm onRecorded={(request) => void navigate(`/requests/${request.id}`)} />
      ) : (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="requests.new">
            {t('requests.new.open')}
          </button>
        </div>
      )}
      <fieldset className="filter" data-testid="requests.filter">
        <legend>{t('requests.filter.label')}</legend>
        {[...RequestStatuses, 'all' as const].map((status) => (
          <label key={status} className="radio">
            <input type="radio" name={`${id}-filter`} value={status} checked={filter === status} onChange={() => setFilter(status)} data-testid={`requests.filter-${status}`} />{' '}
            {t(`requests.filter.${status}`)}
          </label>
        ))}
      </fieldset>
      <ErrorAlert message={error} testId="requests.error" />
      {requests === null && error === null ? <p role="status">{t('app.loading')}</p> : null}
      {requests !== null && requests.length === 0 ? <p data-testid="requests.empty">{t('requests.empty')}</p> : null}
      <ul className="plain-list" aria-label={t('requests.listLabel')} data-testid="requests.list">
        {(requests ?? []).map((request) => (
          <li key={request.id} className="card" data-testid="requests.item" data-status={request.status}>
            <p>
              <Link to={`/requests/${request.id}`} data-testid="requests.open">
                {request.personName}
              </Link>{' '}
              <span className="badge">{t(`requests.status.${request.status}`)}</span>
            </p>
            <p className="meta">
              {t('requests.listLine', {
                date: formatDate(request.firstContactOn, i18n.language),
                requester: request.requesterName !== '' ? request.requesterName : t(`requestWords.requesterKind.${request.requesterKind}`),
              })}
              {request.referringBody !== '' ? ` · ${t('requests.fields.referringBody')}: ${request.referringBody}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </div>
  )
}
