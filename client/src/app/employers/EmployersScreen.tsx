/**
 * /employers: the service's employer directory (issue 19, B5) for staff who
 * take cases: employers with their contacts, notes on the cooperation and
 * past placements (position, kind, year — never who). A coach picks an
 * employer from it in a case's job search.
 */
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Employer } from '../../../../shared/src/api/jobSearch.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { jobSearchApi } from '../../api/jobSearchEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import { EmployerForm } from './EmployerForm.js'

export function EmployersScreen() {
  const { t } = useTranslation()
  const me = useUser()
  const allowed = can(null, 'employers.read', { takesIntake: me.takesIntake ?? me.kind === 'staff' })
  const [employers, setEmployers] = useState<Employer[] | null>(null)
  const [editing, setEditing] = useState<Employer | 'new' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(() => {
    jobSearchApi
      .employers()
      .then(({ data }) => {
        setEmployers(data.employers)
        setError(null)
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])
  useEffect(() => {
    if (allowed) {
      load()
    }
  }, [allowed, load])

  const remove = async (employer: Employer): Promise<void> => {
    if (!window.confirm(t('employers.confirmDelete', { name: employer.name }))) {
      return
    }
    try {
      await jobSearchApi.deleteEmployer(employer.id)
      load()
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  if (!allowed) {
    return <p role="alert">{t('errors.reason.employersIntakeStaff')}</p>
  }
  return (
    <div className="stack employers-screen">
      <h1>{t('employers.title')}</h1>
      <p>{t('employers.intro')}</p>
      <ErrorAlert message={error} testId="employers.load-error" />
      {editing === null ? (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="employers.add">
            {t('employers.add')}
          </button>
        </div>
      ) : (
        <EmployerForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            load()
          }}
        />
      )}
      {employers === null ? null : employers.length === 0 ? (
        <p data-testid="employers.empty">{t('employers.empty')}</p>
      ) : (
        <ul className="plain-list stack" data-testid="employers.list">
          {employers.map((employer) => (
            <li key={employer.id} className="card" data-testid="employers.entry">
              <h2>{employer.name}</h2>
              {employer.sector === '' ? null : <p className="meta">{employer.sector}</p>}
              {employer.address === '' ? null : <p className="preserve-lines">{employer.address}</p>}
              {employer.contacts.length === 0 ? null : (
                <ul className="plain-list">
                  {employer.contacts.map((contact, index) => (
                    <li key={index}>
                      {[contact.name, contact.function, contact.phone, contact.email].filter((part) => part !== '').join(' · ')}
                    </li>
                  ))}
                </ul>
              )}
              {employer.notes === '' ? null : <p className="preserve-lines">{employer.notes}</p>}
              <h3>{t('employers.placementsHeading')}</h3>
              {employer.placements.length === 0 ? (
                <p className="meta">{t('employers.noPlacements')}</p>
              ) : (
                <ul className="plain-list" data-testid="employers.placements">
                  {employer.placements.map((placement, index) => (
                    <li key={index}>{t('employers.placement', { position: placement.position || '—', kind: t(`jobSearch.placementKind.${placement.placementKind}`), year: placement.year })}</li>
                  ))}
                </ul>
              )}
              <div className="button-row">
                <button type="button" onClick={() => setEditing(employer)} data-testid="employers.edit">
                  {t('employers.edit', { name: employer.name })}
                </button>
                <button type="button" onClick={() => void remove(employer)} data-testid="employers.delete">
                  {t('employers.delete', { name: employer.name })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
