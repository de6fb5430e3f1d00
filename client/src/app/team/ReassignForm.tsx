/** Hand a case over to another coach, or add a substitute (a lead; the server audits and moves access at once). */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TeamCase } from '../../../../shared/src/api/team.js'
import type { User } from '../../../../shared/src/api/users.js'
import { teamApi } from '../../api/teamEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'

const substitute = 'substitute'

export function ReassignForm({ item, staff, onDone, onCancel }: { item: TeamCase; staff: readonly User[]; onDone: (notice: string) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const candidates = staff.filter((user) => user.active && !item.coaches.some((coach) => coach.userId === user.id))
  const [userId, setUserId] = useState(candidates[0]?.id ?? '')
  const [mode, setMode] = useState(item.coaches[0]?.userId ?? substitute)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await teamApi.assignCoach(item.caseId, mode === substitute ? { userId } : { userId, replacesUserId: mode })
      const name = candidates.find((user) => user.id === userId)?.name ?? ''
      const from = item.coaches.find((coach) => coach.userId === mode)?.name ?? ''
      onDone(mode === substitute ? t('team.assign.substituteDone', { name }) : t('team.assign.handedOver', { name, from }))
    } catch (err) {
      setError(errorText(t, err))
      setBusy(false)
    }
  }

  if (candidates.length === 0) {
    return <p className="meta">{t('team.assign.nobody')}</p>
  }
  return (
    <form className="form team-assign" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-legend`} data-testid="team.assign-form">
      <p id={`${id}-legend`}>
        <strong>{t('team.assign.heading', { title: item.title })}</strong>
      </p>
      <label htmlFor={`${id}-coach`}>{t('team.assign.newCoach')}</label>
      <select id={`${id}-coach`} value={userId} onChange={(event) => setUserId(event.target.value)} data-testid="team.assign-coach">
        {candidates.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-mode`}>{t('team.assign.mode')}</label>
      <select id={`${id}-mode`} value={mode} onChange={(event) => setMode(event.target.value)} data-testid="team.assign-mode">
        {item.coaches.map((coach) => (
          <option key={coach.userId} value={coach.userId}>
            {t('team.assign.replaces', { name: coach.name })}
          </option>
        ))}
        <option value={substitute}>{t('team.assign.asSubstitute')}</option>
      </select>
      <p className="meta">{t('team.assign.help')}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || userId === ''} data-testid="team.assign-submit">
          {t('team.assign.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('team.assign.cancel')}
        </button>
      </div>
      <ErrorAlert message={error} testId="team.assign-error" />
    </form>
  )
}
