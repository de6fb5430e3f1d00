/**
 * /pool/applications/:id: the office checks the evidence, classifies into
 * a group the confirmed evidence supports, approves the admission (the
 * Integrationsamt gives the second approval), declines, and schedules and
 * documents the Kennenlerngespräch. Each role sees only its controls.
 */
import './pool.css'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { PoolGroups, type Application, type PoolGroup } from '../../../../shared/src/api/pool.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { poolApi } from '../../api/poolEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'
import { EvidenceFileLink } from './EvidenceFile.js'
import { countedFinalReports } from '../../../../shared/src/pool/groups.js'
import { GroupChecks, QualifiedSummary } from './GroupChecks.js'
import { Section, SelectField, TextField } from './poolFields.js'

export function ApplicationReview() {
  const { t, i18n } = useTranslation()
  const { applicationId = '' } = useParams()
  const me = useUser()
  const facts = { isCoordinator: me.isCoordinator, isIntegrationsamt: me.isIntegrationsamt }
  const coordinator = can(null, 'pool.coordinate', facts)
  const amt = can(null, 'pool.approveAsIntegrationsamt', facts)
  const [application, setApplication] = useState<Application | null>(null)
  const [group, setGroup] = useState<PoolGroup>('group1')
  const [note, setNote] = useState('')
  const [meeting, setMeeting] = useState({ scheduledFor: '', place: '', withPerson: '', heldOn: '', notes: '' })
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    poolApi
      .get(applicationId)
      .then(({ data }) => {
        setApplication(data.application)
        const m = data.application.meeting
        setMeeting({ scheduledFor: m.scheduledFor ?? '', place: m.place, withPerson: m.withPerson, heldOn: m.heldOn ?? '', notes: m.notes })
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [applicationId, t])

  const run = async (action: () => Promise<{ data: { application: Application } }>, done: string): Promise<void> => {
    setError(null)
    setNotice(null)
    try {
      setApplication((await action()).data.application)
      setNotice(done)
    } catch (err) {
      setError(errorText(t, err))
    }
  }
  if (application === null) {
    return error !== null ? <ErrorAlert message={error} /> : <p>{t('pool.loading')}</p>
  }
  const id = application.id
  return (
    <div className="stack pool-review">
      <p>
        <Link to="/pool/office">{t('pool.office.back')}</Link>
      </p>
      <h1>{t('pool.review.title', { name: application.name })}</h1>
      <p data-testid="pool.review.status">
        {t(`pool.status.${application.status}`)}
        {application.group !== null ? ` · ${t(`pool.group.${application.group}`)}` : ''}
      </p>
      <p role="status" data-testid="pool.review.notice">
        {notice}
      </p>
      <ErrorAlert message={error} testId="pool.review.error" />
      <Section title={t('pool.evidence.title')}>
        <ul className="stack">
          {application.evidence.map((item) => (
            <li key={item.id} data-testid="pool.review.evidence">
              {t(`pool.evidenceKind.${item.kind}`)}: {item.description} — {item.confirmed ? t('pool.evidence.confirmed') : item.fromFallbuchCase !== undefined ? t('pool.evidence.fromFallbuch') : t('pool.evidence.unconfirmed')} · <EvidenceFileLink file={item.file} />{' '}
              {coordinator ? (
                <button
                  type="button"
                  className="small"
                  onClick={() => void run(() => poolApi.confirmEvidence(id, item.id, !item.confirmed), t('pool.review.saved'))}
                  aria-label={t(item.confirmed ? 'pool.review.unconfirmLabel' : 'pool.review.confirmLabel', { description: item.description })}
                  data-testid="pool.review.confirm"
                >
                  {t(item.confirmed ? 'pool.review.unconfirm' : 'pool.review.confirm')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('pool.checks.title')}>
        <GroupChecks checks={application.groupChecks} finalReports={countedFinalReports(application.evidence)} />
      </Section>
      {coordinator && application.status !== 'declined' && application.status !== 'draft' ? (
        <Section title={t('pool.review.classify')}>
          <SelectField label={t('pool.review.group')} value={group} options={PoolGroups} optionLabel={(value) => t(`pool.group.${value}`)} onChange={setGroup} testId="pool.review.group" />
          <TextField label={t('pool.review.note')} value={note} onChange={setNote} testId="pool.review.note" />
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void run(() => poolApi.classify(id, { group, note }), t('pool.review.classified'))} data-testid="pool.review.classify">
              {t('pool.review.classifyButton')}
            </button>
            {application.status !== 'admitted' ? (
              <button type="button" onClick={() => void run(() => poolApi.decline(id, note), t('pool.review.declined'))} disabled={note.trim() === ''} data-testid="pool.review.decline">
                {t('pool.review.decline')}
              </button>
            ) : null}
          </div>
        </Section>
      ) : null}
      <Section title={t('pool.review.admission')} testId="pool.review.admission">
        <p>{t('pool.review.admissionRule')}</p>
        <ul>
          <li>{application.officeApproval ? t('pool.review.approvedBy', { name: application.officeApproval.byName, at: formatDateTime(application.officeApproval.at, i18n.language) }) : t('pool.review.officeOpen')}</li>
          <li>
            {application.integrationsamtApproval
              ? t('pool.review.approvedBy', { name: application.integrationsamtApproval.byName, at: formatDateTime(application.integrationsamtApproval.at, i18n.language) })
              : t('pool.review.amtOpen')}
          </li>
        </ul>
        {application.status === 'classified' ? (
          <div className="button-row">
            {coordinator && application.officeApproval === null ? (
              <button type="button" onClick={() => void run(() => poolApi.approve(id, 'office'), t('pool.review.approved'))} data-testid="pool.review.approve-office">
                {t('pool.review.approveOffice')}
              </button>
            ) : null}
            {amt && application.integrationsamtApproval === null ? (
              <button type="button" onClick={() => void run(() => poolApi.approve(id, 'integrationsamt'), t('pool.review.approved'))} data-testid="pool.review.approve-amt">
                {t('pool.review.approveAmt')}
              </button>
            ) : null}
          </div>
        ) : null}
      </Section>
      {coordinator ? (
        <Section title={t('pool.meeting.title')} testId="pool.review.meeting">
          <TextField label={t('pool.meeting.scheduledFor')} type="datetime-local" value={meeting.scheduledFor} onChange={(value) => setMeeting({ ...meeting, scheduledFor: value })} testId="pool.meeting.scheduledFor" />
          <TextField label={t('pool.meeting.place')} value={meeting.place} onChange={(value) => setMeeting({ ...meeting, place: value })} testId="pool.meeting.place" />
          <TextField label={t('pool.meeting.withPerson')} value={meeting.withPerson} onChange={(value) => setMeeting({ ...meeting, withPerson: value })} testId="pool.meeting.withPerson" />
          <TextField label={t('pool.meeting.heldOn')} type="date" value={meeting.heldOn} onChange={(value) => setMeeting({ ...meeting, heldOn: value })} testId="pool.meeting.heldOn" />
          <TextField label={t('pool.meeting.notes')} value={meeting.notes} onChange={(value) => setMeeting({ ...meeting, notes: value })} testId="pool.meeting.notes" />
          <div className="button-row">
            <button
              type="button"
              onClick={() =>
                void run(
                  () =>
                    poolApi.meeting(id, {
                      scheduledFor: meeting.scheduledFor === '' ? null : meeting.scheduledFor.slice(0, 16),
                      place: meeting.place,
                      withPerson: meeting.withPerson,
                      heldOn: meeting.heldOn === '' ? null : meeting.heldOn,
                      notes: meeting.notes,
                    }),
                  t('pool.review.saved'),
                )
              }
              data-testid="pool.meeting.save"
            >
              {t('pool.meeting.save')}
            </button>
          </div>
        </Section>
      ) : null}
      {application.status === 'admitted' ? (
        <Section title={t('pool.qualified.title')}>
          <QualifiedSummary qualified={application.qualified} />
        </Section>
      ) : null}
    </div>
  )
}
