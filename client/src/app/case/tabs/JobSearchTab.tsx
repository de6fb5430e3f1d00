import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Employer, JobSearchEntry } from '../../../../../shared/src/api/jobSearch.js'
import { jobSearchApi } from '../../../api/jobSearchEndpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatDate } from '../../format.js'
import { JobSearchEntryForm } from '../jobSearch/JobSearchEntryForm.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** The fields the coachee's plain view asks as questions (`jobSearch.plainField.*`). */
type PlainJobSearchField = 'kind' | 'placementKind' | 'date' | 'status' | 'nextStep' | 'interviewOn' | 'interviewPreparation'

/**
 * Stellensuche (issue 19, A4/A5): the case's applications and contacts with
 * employers — position, kind of placement, date, status, next step,
 * interview preparation and whether a coach goes along. The coaches keep
 * it; the coachee reads their own search (in plain words). The employer
 * member never gets this tab (the action policy).
 */
export function JobSearchTab() {
  const { t, i18n } = useTranslation()
  const { detail, offline } = useCaseSession()
  const { plain } = useCaseScreen()
  const [entries, setEntries] = useState<JobSearchEntry[] | null>(null)
  const [mayWrite, setMayWrite] = useState(false)
  const [employers, setEmployers] = useState<Employer[]>([])
  const [editing, setEditing] = useState<JobSearchEntry | 'new' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(() => {
    jobSearchApi
      .list(detail.id)
      .then(({ data }) => {
        setEntries(data.entries)
        setMayWrite(data.mayWrite)
        setError(null)
        if (data.mayWrite) {
          // The directory is the service's: only staff who write the log pick from it.
          jobSearchApi
            .employers()
            .then(({ data: directory }) => setEmployers(directory.employers))
            .catch(() => setEmployers([]))
        }
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [detail.id, t])
  useEffect(() => {
    if (!offline) {
      load()
    }
  }, [load, offline])

  const writable = mayWrite && !offline
  const day = (iso: string | null): string => (iso === null ? '—' : formatDate(iso, i18n.language))
  // The coachee reads questions, as in their plan; the coaches keep the field names.
  const label = (field: PlainJobSearchField): string => t(plain ? `jobSearch.plainField.${field}` : `jobSearch.field.${field}`)
  return (
    <TabPanel name="jobSearch">
      <h2>{t(plain ? 'plain.tab.jobSearch' : 'case.tab.jobSearch')}</h2>
      <p className="meta">{t(plain ? 'jobSearch.plainIntro' : 'jobSearch.intro')}</p>
      <ErrorAlert message={error} testId="jobSearch.load-error" />
      {offline ? <p className="notice">{t('jobSearch.offline')}</p> : null}
      {writable && editing === null ? (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="jobSearch.add">
            {t('jobSearch.add')}
          </button>
        </div>
      ) : null}
      {writable && editing !== null ? (
        <JobSearchEntryForm
          key={editing === 'new' ? 'new' : editing.id}
          caseId={detail.id}
          employers={employers}
          editing={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            load()
          }}
        />
      ) : null}
      {entries === null ? null : entries.length === 0 ? (
        <p data-testid="jobSearch.empty">{t(plain ? 'jobSearch.plainEmpty' : 'jobSearch.empty')}</p>
      ) : (
        <ul className="plain-list stack" data-testid="jobSearch.entries">
          {entries.map((entry) => (
            <li key={entry.id} className="card" data-testid="jobSearch.entry">
              <h3>
                {entry.employerName}
                {entry.position === '' ? null : ` – ${entry.position}`}
              </h3>
              <dl>
                <dt>{label('kind')}</dt>
                <dd>{t(`jobSearch.kind.${entry.kind}`)}</dd>
                <dt>{label('placementKind')}</dt>
                <dd>{t(`jobSearch.placementKind.${entry.placementKind}`)}</dd>
                <dt>{label('date')}</dt>
                <dd>{day(entry.date)}</dd>
                <dt>{label('status')}</dt>
                <dd data-testid="jobSearch.entry-status">{t(`jobSearch.status.${entry.status}`)}</dd>
                {entry.nextStep === '' ? null : (
                  <>
                    <dt>{label('nextStep')}</dt>
                    <dd>
                      {entry.nextStep}
                      {entry.nextStepOn === null ? null : ` (${day(entry.nextStepOn)})`}
                    </dd>
                  </>
                )}
                {entry.interviewOn === null ? null : (
                  <>
                    <dt>{label('interviewOn')}</dt>
                    <dd>
                      {day(entry.interviewOn)}
                      {entry.accompaniedByCoach ? ` · ${t('jobSearch.accompanied')}` : ''}
                    </dd>
                  </>
                )}
                {entry.interviewPreparation === '' ? null : (
                  <>
                    <dt>{label('interviewPreparation')}</dt>
                    <dd className="preserve-lines">{entry.interviewPreparation}</dd>
                  </>
                )}
              </dl>
              {writable && editing === null ? (
                <button type="button" onClick={() => setEditing(entry)} data-testid="jobSearch.edit">
                  {t('jobSearch.edit', { employer: entry.employerName })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </TabPanel>
  )
}
