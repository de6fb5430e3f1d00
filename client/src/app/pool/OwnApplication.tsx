/**
 * The applicant's own application (issue 20 points 1, 5): the admission and
 * classification form, the profile, the evidence items, the status and
 * what each group still lacks. The form is fixed once the office classified
 * it; the profile stays editable.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  ComparableKinds,
  EvidenceKinds,
  QualificationFields,
  Specialisations,
  TrainingInstitutions,
  TrainingStatuses,
  type Application,
  type EvidenceKind,
  type PoolForm,
  type PoolProfile,
} from '../../../../shared/src/api/pool.js'
import { poolApi } from '../../api/poolEndpoints.js'
import { poolEvidenceApi } from '../../api/poolEvidenceEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { EvidenceFileForm, EvidenceFileLink } from './EvidenceFile.js'
import { countedFinalReports } from '../../../../shared/src/pool/groups.js'
import { GroupChecks } from './GroupChecks.js'
import { CheckField, CheckGroup, joinList, Section, SelectField, splitList, TextField } from './poolFields.js'

export function OwnApplication({ application, onChange }: { application: Application; onChange: (application: Application) => void }) {
  const { t } = useTranslation()
  const [form, setForm] = useState<PoolForm>(application.form)
  const [profile, setProfile] = useState<PoolProfile>(application.profile)
  const [regions, setRegions] = useState(joinList(application.profile.postcodeAreas))
  const [languages, setLanguages] = useState(joinList(application.profile.languages))
  const [evidenceKind, setEvidenceKind] = useState<EvidenceKind>('qualificationCertificate')
  const [evidenceText, setEvidenceText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // The upload limit, from the evidence store; until it is known no file can be chosen.
  const [maxBytes, setMaxBytes] = useState<number | null>(null)
  useEffect(() => {
    poolEvidenceApi
      .list(application.userId)
      .then(({ data }) => setMaxBytes(data.maxBytes))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [application.userId, t])
  const formFixed = application.status !== 'draft' && application.status !== 'submitted'
  const setF = <K extends keyof PoolForm>(key: K, value: PoolForm[K]): void => setForm({ ...form, [key]: value })
  const setP = <K extends keyof PoolProfile>(key: K, value: PoolProfile[K]): void => setProfile({ ...profile, [key]: value })
  const num = (text: string): number => (Number.isFinite(Number(text)) ? Number(text) : 0)

  const run = async (action: () => Promise<{ data: { application: Application } }>, done: string): Promise<void> => {
    setError(null)
    setNotice(null)
    try {
      onChange((await action()).data.application)
      setNotice(done)
    } catch (err) {
      setError(errorText(t, err))
    }
  }
  const save = (event: FormEvent): void => {
    event.preventDefault()
    const nextProfile = { ...profile, postcodeAreas: splitList(regions), languages: splitList(languages).map((code) => code.toLowerCase()) }
    void run(() => poolApi.saveOwn(formFixed ? { profile: nextProfile } : { form, profile: nextProfile }), t('pool.own.saved'))
  }
  const fileChanged = (next: Application, done: string): void => {
    setError(null)
    onChange(next)
    setNotice(done)
  }
  const fileFailed = (message: string): void => {
    setNotice(null)
    setError(message)
  }
  const addEvidence = (event: FormEvent): void => {
    event.preventDefault()
    void run(() => poolApi.addEvidence({ kind: evidenceKind, description: evidenceText }), t('pool.evidence.added')).then(() => setEvidenceText(''))
  }

  return (
    <div className="stack">
      <p data-testid="pool.own.status">
        {t('pool.own.statusLine', { status: t(`pool.status.${application.status}`) })}
        {application.group !== null ? ` · ${t(`pool.group.${application.group}`)}` : ''}
      </p>
      <p role="status" data-testid="pool.own.notice">
        {notice}
      </p>
      <ErrorAlert message={error} testId="pool.own.error" />
      <form onSubmit={save} className="stack" aria-label={t('pool.own.formLabel')}>
        <Section title={t('pool.form.title')}>
          {formFixed ? <p>{t('pool.form.fixed')}</p> : null}
          <fieldset disabled={formFixed} className="stack">
            <legend>{t('pool.form.qualification')}</legend>
            <CheckGroup legend={t('pool.form.fields')} options={QualificationFields} selected={form.qualificationFields} optionLabel={(field) => t(`pool.field.${field}`)} onChange={(value) => setF('qualificationFields', value)} testId="pool.form.fields" />
            <TextField label={t('pool.form.qualificationTitle')} value={form.qualificationTitle} onChange={(value) => setF('qualificationTitle', value)} testId="pool.form.qualificationTitle" />
            <CheckField label={t('pool.form.trainerAptitude')} checked={form.trainerAptitude} onChange={(value) => setF('trainerAptitude', value)} testId="pool.form.trainerAptitude" />
          </fieldset>
          <fieldset disabled={formFixed} className="stack">
            <legend>{t('pool.form.training')}</legend>
            <SelectField label={t('pool.form.trainingStatus')} value={form.trainingStatus} options={TrainingStatuses} optionLabel={(value) => t(`pool.trainingStatus.${value}`)} onChange={(value) => setF('trainingStatus', value)} testId="pool.form.trainingStatus" />
            <SelectField label={t('pool.form.trainingInstitution')} value={form.trainingInstitution} options={TrainingInstitutions} optionLabel={(value) => t(`pool.institution.${value}`)} onChange={(value) => setF('trainingInstitution', value)} testId="pool.form.trainingInstitution" />
            <TextField label={t('pool.form.trainingInstitutionName')} value={form.trainingInstitutionName} onChange={(value) => setF('trainingInstitutionName', value)} testId="pool.form.trainingInstitutionName" />
            <TextField label={t('pool.form.trainingHours')} type="number" value={String(form.trainingHours)} onChange={(value) => setF('trainingHours', Math.trunc(num(value)))} testId="pool.form.trainingHours" hint={t('pool.form.trainingHoursHint')} />
            <CheckField label={t('pool.form.trainingExamPassed')} checked={form.trainingExamPassed} onChange={(value) => setF('trainingExamPassed', value)} testId="pool.form.trainingExamPassed" />
          </fieldset>
          <fieldset disabled={formFixed} className="stack">
            <legend>{t('pool.form.comparable')}</legend>
            <SelectField label={t('pool.form.comparableKind')} value={form.comparableKind} options={ComparableKinds} optionLabel={(value) => t(`pool.comparableKind.${value}`)} onChange={(value) => setF('comparableKind', value)} testId="pool.form.comparableKind" />
            <TextField label={t('pool.form.comparableHours')} type="number" value={String(form.comparableHours)} onChange={(value) => setF('comparableHours', Math.trunc(num(value)))} testId="pool.form.comparableHours" />
            <TextField label={t('pool.form.confirmedCases')} type="number" value={String(form.confirmedCases)} onChange={(value) => setF('confirmedCases', Math.trunc(num(value)))} testId="pool.form.confirmedCases" />
            <TextField label={t('pool.form.experienceYears')} type="number" value={String(form.experienceYears)} onChange={(value) => setF('experienceYears', num(value))} testId="pool.form.experienceYears" />
            <CheckField label={t('pool.form.questionnaireDone')} checked={form.questionnaireDone} onChange={(value) => setF('questionnaireDone', value)} testId="pool.form.questionnaireDone" />
          </fieldset>
        </Section>
        <Section title={t('pool.profile.title')}>
          <TextField label={t('pool.profile.postcodeAreas')} value={regions} onChange={setRegions} testId="pool.profile.postcodeAreas" hint={t('pool.profile.postcodeAreasHint')} />
          <TextField label={t('pool.profile.hoursFree')} type="number" value={String(profile.hoursFreePerWeek)} onChange={(value) => setP('hoursFreePerWeek', num(value))} testId="pool.profile.hoursFree" />
          <CheckGroup legend={t('pool.profile.caseTypes')} options={['placement', 'retention'] as const} selected={profile.caseTypes} optionLabel={(value) => t(`pool.caseType.${value}`)} onChange={(value) => setP('caseTypes', value)} testId="pool.profile.caseTypes" />
          <TextField label={t('pool.profile.languages')} value={languages} onChange={setLanguages} testId="pool.profile.languages" hint={t('pool.profile.languagesHint')} />
          <CheckGroup legend={t('pool.profile.specialisations')} options={Specialisations} selected={profile.specialisations} optionLabel={(value) => t(`pool.specialisation.${value}`)} onChange={(value) => setP('specialisations', value)} testId="pool.profile.specialisations" />
          <SelectField label={t('pool.profile.employment')} value={profile.employment} options={['employed', 'freelance'] as const} optionLabel={(value) => t(`pool.employment.${value}`)} onChange={(value) => setP('employment', value)} testId="pool.profile.employment" />
          {profile.employment === 'employed' ? (
            <TextField label={t('pool.profile.employerName')} value={profile.employerName} onChange={(value) => setP('employerName', value)} testId="pool.profile.employerName" />
          ) : (
            <TextField
              label={t('pool.profile.hourlyRate')}
              type="number"
              value={profile.hourlyRateCents === null ? '' : String(profile.hourlyRateCents / 100)}
              onChange={(value) => setP('hourlyRateCents', value === '' ? null : Math.round(num(value) * 100))}
              testId="pool.profile.hourlyRate"
            />
          )}
        </Section>
        <div className="button-row">
          <button type="submit" className="primary" data-testid="pool.own.save">
            {t('pool.own.save')}
          </button>
        </div>
      </form>
      <Section title={t('pool.evidence.title')} testId="pool.evidence">
        <p>{t('pool.evidence.intro')}</p>
        <ul className="stack">
          {application.evidence.map((item) => (
            <li key={item.id} data-testid="pool.evidence-item" className="stack">
              <span>
                {t(`pool.evidenceKind.${item.kind}`)}: {item.description} — {item.confirmed ? t('pool.evidence.confirmed') : item.fromFallbuchCase !== undefined ? t('pool.evidence.fromFallbuch') : t('pool.evidence.unconfirmed')}
                {item.confirmed ? null : (
                  <button type="button" className="small" onClick={() => void run(() => poolApi.removeEvidence(item.id), t('pool.evidence.removed'))} aria-label={t('pool.evidence.removeLabel', { description: item.description })}>
                    {t('pool.evidence.remove')}
                  </button>
                )}
              </span>
              <EvidenceFileLink file={item.file} />
              {item.confirmed || item.fromFallbuchCase !== undefined || maxBytes === null ? null : <EvidenceFileForm item={item} userId={application.userId} maxBytes={maxBytes} onChanged={fileChanged} onFailed={fileFailed} />}
            </li>
          ))}
        </ul>
        <form onSubmit={addEvidence} className="stack" aria-label={t('pool.evidence.addLabel')}>
          <SelectField label={t('pool.evidence.kind')} value={evidenceKind} options={EvidenceKinds} optionLabel={(value) => t(`pool.evidenceKind.${value}`)} onChange={setEvidenceKind} testId="pool.evidence.kind" />
          <TextField label={t('pool.evidence.description')} value={evidenceText} onChange={setEvidenceText} testId="pool.evidence.description" />
          <div className="button-row">
            <button type="submit" disabled={evidenceText.trim() === ''} data-testid="pool.evidence.add">
              {t('pool.evidence.add')}
            </button>
          </div>
        </form>
      </Section>
      <Section title={t('pool.checks.title')}>
        <GroupChecks checks={application.groupChecks} finalReports={countedFinalReports(application.evidence)} />
      </Section>
      {application.status === 'draft' ? (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => void run(() => poolApi.submit(), t('pool.own.submitted'))} data-testid="pool.own.submit">
            {t('pool.own.submit')}
          </button>
        </div>
      ) : null}
    </div>
  )
}
