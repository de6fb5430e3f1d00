/** An admin sets a staff account's team-lead flag and part-time share (Stellenanteil), issue 22, and the pool's coordinator and Integrationsamt flags (issue 20). */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { User } from '../../../shared/src/api/users.js'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { errorText } from './errorText.js'

export function StaffRoleForm({ user, onChanged }: { user: User; onChanged: (notice: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [isLead, setIsLead] = useState(user.isLead)
  const [isCoordinator, setIsCoordinator] = useState(user.isCoordinator)
  const [isIntegrationsamt, setIsIntegrationsamt] = useState(user.isIntegrationsamt)
  const [share, setShare] = useState(String(user.staffSharePercent))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const percent = Number(share)
  const valid = Number.isInteger(percent) && percent >= 1 && percent <= Limits.maxStaffSharePercent
  const changed = isLead !== user.isLead || percent !== user.staffSharePercent || isCoordinator !== user.isCoordinator || isIntegrationsamt !== user.isIntegrationsamt

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.updateUser(user.id, { isLead, staffSharePercent: percent, isCoordinator, isIntegrationsamt })
      onChanged(t('admin.staffRole.saved', { name: user.name }))
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="admin-staff-role" onSubmit={(event) => void submit(event)} aria-label={t('admin.staffRole.label', { name: user.name })}>
      <div className="checkbox">
        <input id={`${id}-lead`} type="checkbox" checked={isLead} onChange={(event) => setIsLead(event.target.checked)} data-testid="admin.user-lead" />
        <label htmlFor={`${id}-lead`}>{t('admin.staffRole.lead')}</label>
      </div>
      <div className="checkbox">
        <input id={`${id}-coordinator`} type="checkbox" checked={isCoordinator} onChange={(event) => setIsCoordinator(event.target.checked)} data-testid="admin.user-coordinator" />
        <label htmlFor={`${id}-coordinator`}>{t('admin.staffRole.coordinator')}</label>
      </div>
      <div className="checkbox">
        <input id={`${id}-amt`} type="checkbox" checked={isIntegrationsamt} onChange={(event) => setIsIntegrationsamt(event.target.checked)} data-testid="admin.user-integrationsamt" />
        <label htmlFor={`${id}-amt`}>{t('admin.staffRole.integrationsamt')}</label>
      </div>
      <label htmlFor={`${id}-share`}>{t('admin.staffRole.share')}</label>{' '}
      <input
        id={`${id}-share`}
        type="number"
        inputMode="numeric"
        min={1}
        max={Limits.maxStaffSharePercent}
        step={1}
        value={share}
        aria-invalid={!valid}
        onChange={(event) => setShare(event.target.value)}
        data-testid="admin.user-share"
        className="narrow"
      />{' '}
      %{' '}
      <button type="submit" className="small" disabled={busy || !valid || !changed} data-testid="admin.user-role-save">
        {t('admin.staffRole.save')}
      </button>
      <ErrorAlert message={error} testId="admin.user-role-error" />
    </form>
  )
}
