/**
 * /pool: a staff account's own part of the Jobcoach pool (issue 20): the
 * application, keeping qualified, and the requests the office proposed them
 * for (without the person's data until they accept). The office's pages
 * are linked for the coordinator and the Integrationsamt.
 */
import './pool.css'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Application, ProposalPreview } from '../../../../shared/src/api/pool.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { poolApi } from '../../api/poolEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import { formatDate } from '../format.js'
import { QualifiedSummary } from './GroupChecks.js'
import { OwnApplication } from './OwnApplication.js'
import { WithdrawApplication } from './WithdrawApplication.js'
import { Section, TextField } from './poolFields.js'

export function PoolScreen() {
  const { t, i18n } = useTranslation()
  const me = useUser()
  const [application, setApplication] = useState<Application | null>(null)
  const [proposals, setProposals] = useState<ProposalPreview[]>([])
  const [error, setError] = useState<string | null>(null)
  const reviewer = can(null, 'pool.review', { isCoordinator: me.isCoordinator, isIntegrationsamt: me.isIntegrationsamt })

  const load = useCallback(() => {
    Promise.all([poolApi.own(), poolApi.proposals()])
      .then(([own, previews]) => {
        setApplication(own.data.application)
        setProposals(previews.data.proposals)
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])
  useEffect(() => {
    if (me.kind === 'staff') {
      load()
    }
  }, [me.kind, load])

  if (me.kind !== 'staff') {
    return <p role="alert">{t('errors.reason.poolStaffOnly')}</p>
  }
  const answer = async (proposal: ProposalPreview, choice: 'accept' | 'decline'): Promise<void> => {
    try {
      await poolApi.answer(proposal.proposalId, choice)
      load()
    } catch (err) {
      setError(errorText(t, err))
    }
  }
  return (
    <div className="stack pool-screen">
      <h1>{t('pool.title')}</h1>
      <p>{t('pool.intro')}</p>
      {reviewer ? (
        <p>
          <Link to="/pool/office" data-testid="pool.office-link">
            {t('pool.office.link')}
          </Link>
        </p>
      ) : null}
      <ErrorAlert message={error} testId="pool.error" />
      <Section title={t('pool.proposals.title')} testId="pool.proposals">
        {proposals.length === 0 ? <p>{t('pool.proposals.none')}</p> : null}
        <ul className="stack">
          {proposals.map((proposal) => (
            <li key={proposal.proposalId} data-testid="pool.proposal" className="stack">
              <p>
                {t('pool.proposals.line', {
                  area: proposal.postcodeArea,
                  caseType: t(`pool.caseType.${proposal.caseType}`),
                  hours: proposal.hoursPerWeek,
                  date: formatDate(proposal.proposedAt.slice(0, 10), i18n.language),
                })}
              </p>
              <p>{t('pool.proposals.noPersonalData')}</p>
              <p>{t(`pool.proposalStatus.${proposal.status}`)}</p>
              {proposal.status === 'proposed' ? (
                <div className="button-row">
                  <button type="button" className="primary" onClick={() => void answer(proposal, 'accept')} data-testid="pool.proposal-accept">
                    {t('pool.proposals.accept')}
                  </button>
                  <button type="button" onClick={() => void answer(proposal, 'decline')} data-testid="pool.proposal-decline">
                    {t('pool.proposals.decline')}
                  </button>
                </div>
              ) : null}
              {proposal.caseId !== null ? (
                <Link to={`/cases/${proposal.caseId}`} data-testid="pool.proposal-case">
                  {t('pool.proposals.openCase')}
                </Link>
              ) : proposal.status === 'accepted' ? (
                <p>{t('pool.proposals.waiting')}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      {application === null ? (
        <p>{t('pool.loading')}</p>
      ) : (
        <>
          <h2>{t('pool.own.title')}</h2>
          <OwnApplication key={application.id} application={application} onChange={setApplication} />
          <KeepingQualified application={application} onChange={setApplication} />
          <WithdrawApplication />
        </>
      )}
    </div>
  )
}

function KeepingQualified({ application, onChange }: { application: Application; onChange: (application: Application) => void }) {
  const { t } = useTranslation()
  const [on, setOn] = useState('')
  const [title, setTitle] = useState('')
  const [kind, setKind] = useState<'training' | 'supervision'>('training')
  const [error, setError] = useState<string | null>(null)
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    try {
      const reply = kind === 'training' ? await poolApi.addTraining({ on, title, hours: 0 }) : await poolApi.addSupervision({ on, note: title })
      onChange(reply.data.application)
      setOn('')
      setTitle('')
    } catch (err) {
      setError(errorText(t, err))
    }
  }
  return (
    <Section title={t('pool.qualified.title')} testId="pool.keeping-qualified">
      <p>{t('pool.qualified.rule')}</p>
      <QualifiedSummary qualified={application.qualified} />
      <form onSubmit={(event) => void submit(event)} className="stack" aria-label={t('pool.qualified.addLabel')}>
        <fieldset className="stack">
          <legend>{t('pool.qualified.kind')}</legend>
          {(['training', 'supervision'] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="pool-record-kind" value={value} checked={kind === value} onChange={() => setKind(value)} /> {t(`pool.qualified.kind_${value}`)}
            </label>
          ))}
        </fieldset>
        <TextField label={t('pool.qualified.on')} type="date" value={on} onChange={setOn} testId="pool.qualified.on" />
        <TextField label={t('pool.qualified.what')} value={title} onChange={setTitle} testId="pool.qualified.what" />
        <ErrorAlert message={error} />
        <div className="button-row">
          <button type="submit" disabled={on === '' || (kind === 'training' && title.trim() === '')} data-testid="pool.qualified.add">
            {t('pool.qualified.add')}
          </button>
        </div>
      </form>
    </Section>
  )
}
