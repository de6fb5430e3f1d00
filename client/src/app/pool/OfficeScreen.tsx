/**
 * /pool/office: the coordination office's and the Integrationsamt's view
 * of the pool (issue 20): the applications by status, the admitted members'
 * keeping-qualified state with its reminders, and the open requests to
 * match (the coordinator only).
 */
import './pool.css'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ApplicationsReply } from '../../../../shared/src/api/pool.js'
import type { IntakeRequest } from '../../../../shared/src/api/requests.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { poolApi } from '../../api/poolEndpoints.js'
import { requestApi } from '../../api/requestEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import { InviteFreelancer } from './InviteFreelancer.js'
import { Section } from './poolFields.js'

export function OfficeScreen() {
  const { t } = useTranslation()
  const me = useUser()
  const facts = { isCoordinator: me.isCoordinator, isIntegrationsamt: me.isIntegrationsamt }
  const reviewer = can(null, 'pool.review', facts)
  const coordinator = can(null, 'pool.coordinate', facts)
  const [applications, setApplications] = useState<ApplicationsReply['applications'] | null>(null)
  const [requests, setRequests] = useState<IntakeRequest[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!reviewer) {
      return
    }
    poolApi
      .list()
      .then(({ data }) => setApplications(data.applications))
      .catch((err: unknown) => setError(errorText(t, err)))
    if (coordinator) {
      requestApi
        .list('open')
        .then(({ data }) => setRequests(data.requests))
        .catch(() => setRequests([]))
    }
  }, [reviewer, coordinator, t])

  if (!reviewer) {
    return <p role="alert">{t('errors.reason.poolReviewersOnly')}</p>
  }
  const admitted = (applications ?? []).filter((entry) => entry.status === 'admitted')
  return (
    <div className="stack pool-office">
      <h1>{t('pool.office.title')}</h1>
      <ErrorAlert message={error} testId="pool.office.error" />
      <Section title={t('pool.office.applications')} testId="pool.office.applications">
        {applications === null ? <p>{t('pool.loading')}</p> : applications.length === 0 ? <p>{t('pool.office.none')}</p> : null}
        <ul className="stack">
          {(applications ?? []).map((entry) => (
            <li key={entry.id}>
              <Link to={`/pool/applications/${entry.id}`} data-testid="pool.office.application">
                {entry.name}
              </Link>{' '}
              — {t(`pool.status.${entry.status}`)}
              {entry.group !== null ? ` · ${t(`pool.group.${entry.group}`)}` : ''}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('pool.office.qualified')} testId="pool.office.qualified">
        {admitted.length === 0 ? <p>{t('pool.office.noMembers')}</p> : null}
        <ul className="stack">
          {admitted.map((entry) =>
            entry.qualified === null ? null : (
              <li key={entry.id} data-testid="pool.office.member">
                {t('pool.office.memberLine', { name: entry.name, trainings: entry.qualified.trainings, supervisions: entry.qualified.supervisions })}
                {entry.qualified.reminders.length > 0 ? (
                  <ul className="warnings">
                    {entry.qualified.reminders.map((reminder) => (
                      <li key={reminder}>{t(`pool.reminder.${reminder}`)}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ),
          )}
        </ul>
      </Section>
      {coordinator ? (
        <Section title={t('pool.office.requests')} testId="pool.office.requests">
          {requests.length === 0 ? <p>{t('pool.office.noRequests')}</p> : null}
          <ul className="stack">
            {requests.map((request) => (
              <li key={request.id}>
                <Link to={`/pool/match/${request.id}`} data-testid="pool.office.match">
                  {t('pool.office.matchLink', { name: request.personName })}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {coordinator ? <InviteFreelancer /> : null}
    </div>
  )
}
