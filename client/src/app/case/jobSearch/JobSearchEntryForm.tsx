/** The form of one application or contact (issue 19, A4/A5): a coach adds or changes an entry; picking a directory employer fills its name. */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  JobSearchEntryKinds,
  JobSearchLimits,
  JobSearchStatuses,
  PlacementKinds,
  type Employer,
  type JobSearchEntry,
  type JobSearchEntryValues,
} from '../../../../../shared/src/api/jobSearch.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { jobSearchApi } from '../../../api/jobSearchEndpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'

function blank(): JobSearchEntryValues {
  return {
    kind: 'application',
    employerId: null,
    employerName: '',
    contactPerson: '',
    position: '',
    placementKind: 'permanent',
    date: localToday(),
    status: 'sent',
    nextStep: '',
    nextStepOn: null,
    interviewOn: null,
    interviewPreparation: '',
    accompaniedByCoach: false,
  }
}

function valuesOf(entry: JobSearchEntry): JobSearchEntryValues {
  const { id: _id, createdAt: _createdAt, createdByName: _createdByName, updatedAt: _updatedAt, ...values } = entry
  return values
}

export function JobSearchEntryForm({
  caseId,
  employers,
  editing,
  onSaved,
  onCancel,
}: {
  caseId: string
  employers: readonly Employer[]
  editing: JobSearchEntry | null
  onSaved: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [values, setValues] = useState<JobSearchEntryValues>(() => (editing === null ? blank() : valuesOf(editing)))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const set = <K extends keyof JobSearchEntryValues>(key: K, value: JobSearchEntryValues[K]): void => setValues((current) => ({ ...current, [key]: value }))

  const pickEmployer = (employerId: string): void => {
    const employer = employers.find((candidate) => candidate.id === employerId)
    setValues((current) => ({ ...current, employerId: employer?.id ?? null, employerName: employer?.name ?? current.employerName }))
  }

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      if (editing === null) {
        await jobSearchApi.add(caseId, values)
      } else {
        await jobSearchApi.change(caseId, editing.id, values)
      }
      onSaved()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const field = (name: string): string => `${id}-${name}`
  return (
    <form className="form card" onSubmit={(event) => void handleSubmit(event)} aria-labelledby={field('h')} data-testid="jobSearch.form">
      <h3 id={field('h')}>{t(editing === null ? 'jobSearch.addHeading' : 'jobSearch.editHeading')}</h3>
      <label htmlFor={field('kind')}>{t('jobSearch.field.kind')}</label>
      <select id={field('kind')} value={values.kind} onChange={(event) => set('kind', event.target.value as JobSearchEntryValues['kind'])} data-testid="jobSearch.kind">
        {JobSearchEntryKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`jobSearch.kind.${kind}`)}
          </option>
        ))}
      </select>
      <label htmlFor={field('directory')}>{t('jobSearch.field.directoryEmployer')}</label>
      <select id={field('directory')} value={values.employerId ?? ''} onChange={(event) => pickEmployer(event.target.value)} data-testid="jobSearch.directory-employer">
        <option value="">{t('jobSearch.noDirectoryEmployer')}</option>
        {employers.map((employer) => (
          <option key={employer.id} value={employer.id}>
            {employer.name}
          </option>
        ))}
      </select>
      <label htmlFor={field('employer')}>{t('jobSearch.field.employerName')}</label>
      <input
        id={field('employer')}
        required
        value={values.employerName}
        maxLength={JobSearchLimits.maxNameLength}
        onChange={(event) => set('employerName', event.target.value)}
        data-testid="jobSearch.employer-name"
      />
      <label htmlFor={field('position')}>{t('jobSearch.field.position')}</label>
      <input id={field('position')} value={values.position} maxLength={JobSearchLimits.maxNameLength} onChange={(event) => set('position', event.target.value)} data-testid="jobSearch.position" />
      <label htmlFor={field('placement')}>{t('jobSearch.field.placementKind')}</label>
      <select
        id={field('placement')}
        value={values.placementKind}
        onChange={(event) => set('placementKind', event.target.value as JobSearchEntryValues['placementKind'])}
        data-testid="jobSearch.placement-kind"
      >
        {PlacementKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`jobSearch.placementKind.${kind}`)}
          </option>
        ))}
      </select>
      <label htmlFor={field('contact')}>{t('jobSearch.field.contactPerson')}</label>
      <input id={field('contact')} value={values.contactPerson} maxLength={JobSearchLimits.maxNameLength} onChange={(event) => set('contactPerson', event.target.value)} />
      <label htmlFor={field('date')}>{t('jobSearch.field.date')}</label>
      <input id={field('date')} type="date" required value={values.date} onChange={(event) => set('date', event.target.value)} data-testid="jobSearch.date" />
      <label htmlFor={field('status')}>{t('jobSearch.field.status')}</label>
      <select id={field('status')} value={values.status} onChange={(event) => set('status', event.target.value as JobSearchEntryValues['status'])} data-testid="jobSearch.status">
        {JobSearchStatuses.map((status) => (
          <option key={status} value={status}>
            {t(`jobSearch.status.${status}`)}
          </option>
        ))}
      </select>
      <label htmlFor={field('next')}>{t('jobSearch.field.nextStep')}</label>
      <input id={field('next')} value={values.nextStep} maxLength={JobSearchLimits.maxTextLength} onChange={(event) => set('nextStep', event.target.value)} data-testid="jobSearch.next-step" />
      <label htmlFor={field('nextOn')}>{t('jobSearch.field.nextStepOn')}</label>
      <input id={field('nextOn')} type="date" value={values.nextStepOn ?? ''} onChange={(event) => set('nextStepOn', event.target.value === '' ? null : event.target.value)} />
      <fieldset>
        <legend>{t('jobSearch.interviewLegend')}</legend>
        <label htmlFor={field('interview')}>{t('jobSearch.field.interviewOn')}</label>
        <input
          id={field('interview')}
          type="date"
          value={values.interviewOn ?? ''}
          onChange={(event) => set('interviewOn', event.target.value === '' ? null : event.target.value)}
          data-testid="jobSearch.interview-on"
        />
        <label htmlFor={field('prep')}>{t('jobSearch.field.interviewPreparation')}</label>
        <textarea
          id={field('prep')}
          rows={3}
          value={values.interviewPreparation}
          maxLength={JobSearchLimits.maxTextLength}
          onChange={(event) => set('interviewPreparation', event.target.value)}
          data-testid="jobSearch.preparation"
        />
        <div className="checkbox">
          <input
            id={field('accompanied')}
            type="checkbox"
            checked={values.accompaniedByCoach}
            onChange={(event) => set('accompaniedByCoach', event.target.checked)}
            data-testid="jobSearch.accompanied"
          />
          <label htmlFor={field('accompanied')}>{t('jobSearch.field.accompaniedByCoach')}</label>
        </div>
      </fieldset>
      <ErrorAlert message={error} testId="jobSearch.error" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="jobSearch.save">
          {t('jobSearch.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('jobSearch.cancel')}
        </button>
      </div>
    </form>
  )
}
