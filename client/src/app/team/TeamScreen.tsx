/**
 * /team: the team lead's overview (issue 22). Every coach's caseload, then
 * the team's cases, most urgent first, with filters and search; a case can
 * be handed over or given a substitute. Only structured facts: the lead
 * reads no notes here.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TeamOverviewReply } from '../../../../shared/src/api/team.js'
import type { User } from '../../../../shared/src/api/users.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { filterTeamCases, fundingBodiesOf, type TeamFilter } from '../../../../shared/src/process/teamFilters.js'
import { api } from '../../api/endpoints.js'
import { teamApi } from '../../api/teamEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import { CoachLoadList } from './CoachLoadList.js'
import { TeamCaseItem } from './TeamCaseItem.js'
import { TeamFilterForm } from './TeamFilterForm.js'
import './team.css'

export function TeamScreen() {
  const { t } = useTranslation()
  const me = useUser()
  const id = useId()
  const allowed = can(null, 'team.overview', { isLead: me.isLead, isAdmin: me.isAdmin })
  const [overview, setOverview] = useState<TeamOverviewReply | null>(null)
  const [staff, setStaff] = useState<User[]>([])
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [filter, setFilter] = useState<TeamFilter>({})

  const load = useCallback(() => {
    Promise.all([teamApi.overview(), api.users()])
      .then(([team, users]) => {
        setOverview(team.data)
        setStaff(users.data.users.filter((user) => user.kind === 'staff'))
        setError(null)
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])

  useEffect(() => {
    if (allowed) {
      load()
    }
  }, [allowed, load])

  const shown = useMemo(() => (overview ? filterTeamCases(overview.cases, filter, overview.today) : []), [overview, filter])

  if (!allowed) {
    return <p role="alert">{t('team.notLead')}</p>
  }
  return (
    <div className="stack team-screen">
      <h1>{t('team.title')}</h1>
      {can(null, 'statistics.read', { isLead: me.isLead, isAdmin: me.isAdmin }) ? (
        <p>
          <Link to="/statistics" data-testid="team.statistics-link">
            {t('team.toStatistics')}
          </Link>
        </p>
      ) : null}
      <ErrorAlert message={error} testId="team.error" />
      {notice ? (
        <p role="status" className="notice" data-testid="team.notice">
          {notice}
        </p>
      ) : null}
      {overview === null ? (
        error ? null : <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <CoachLoadList coaches={overview.coaches} tandemShare={overview.tandemShare} />
          <section aria-labelledby={`${id}-cases`}>
            <h2 id={`${id}-cases`}>{t('team.casesHeading')}</h2>
            <TeamFilterForm filter={filter} coaches={overview.coaches} fundingBodies={fundingBodiesOf(overview.cases)} onChange={setFilter} />
            <p role="status" aria-live="polite" data-testid="team.count">
              {t('team.count', { count: shown.length })}
            </p>
            <ul className="plain-list team-cases" data-testid="team.cases">
              {shown.map((item) => (
                <TeamCaseItem
                  key={item.caseId}
                  item={item}
                  staff={staff}
                  onChanged={(text) => {
                    setNotice(text)
                    load()
                  }}
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  )
}
