import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../shared/src/api/cases.js'
import type { User } from '../../../../shared/src/api/users.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { api } from '../../api/endpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { AccessLinkButton } from './AccessLinkButton.js'

export interface MembersPanelProps {
  detail: CaseDetail
  offline: boolean
  /** Reloads the case after a change. */
  onChanged: () => void
}

/** Members of the case; a coach adds a second coach and removes members. */
export function MembersPanel({ detail, offline, onChanged }: MembersPanelProps) {
  const { t } = useTranslation()
  const id = useId()
  const mayAdd = can(detail.myRole, 'members.add')
  const mayRemove = can(detail.myRole, 'members.remove')
  const [staff, setStaff] = useState<User[]>([])
  const [selected, setSelected] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!mayAdd || offline) {
      return
    }
    let cancelled = false
    api
      .users()
      .then(({ data }) => {
        if (!cancelled) {
          setStaff(data.users)
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [mayAdd, offline, t])

  const memberUserIds = new Set(detail.members.map((member) => member.userId))
  const candidates = staff.filter((user) => user.kind === 'staff' && user.active && !memberUserIds.has(user.id))

  const handleAdd = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!selected) {
      return
    }
    setBusy(true)
    setError(null)
    try {
      await api.addMember(detail.id, { userId: selected, role: 'coach' })
      setSelected('')
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const handleRemove = async (memberId: string, name: string): Promise<void> => {
    if (!window.confirm(t('members.confirmRemove', { name }))) {
      return
    }
    setError(null)
    try {
      await api.removeMember(detail.id, memberId)
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  return (
    <div className="members" data-testid="members.panel">
      {detail.members.length === 0 ? <p>{t('members.none')}</p> : null}
      <ul className="plain-list" data-testid="members.list">
        {detail.members.map((member) => (
          <li key={member.id} data-testid="members.item" data-member-id={member.id}>
            <span>
              {member.name} <span className="meta">({t(`roles.${member.role}`)}, {member.email})</span>
            </span>
            {mayRemove && !offline ? (
              <button type="button" className="danger small" onClick={() => void handleRemove(member.id, member.name)} data-testid="members.remove">
                {t('members.remove', { name: member.name })}
              </button>
            ) : null}
            {!offline && can(detail.myRole, 'members.newAccessLink', { targetKind: member.role === 'coach' ? 'staff' : 'external' }) ? (
              <AccessLinkButton caseId={detail.id} member={member} />
            ) : null}
          </li>
        ))}
      </ul>
      {(mayAdd || mayRemove) && offline ? <p className="notice">{t('members.offline')}</p> : null}
      {mayAdd && !offline ? (
        <form onSubmit={(event) => void handleAdd(event)} className="form" aria-labelledby={`${id}-add`}>
          <h3 id={`${id}-add`}>{t('members.addHeading')}</h3>
          {candidates.length === 0 ? (
            <p data-testid="members.no-candidates">{t('members.noCandidates')}</p>
          ) : (
            <>
              <label htmlFor={`${id}-select`}>{t('members.addSelect')}</label>
              <select id={`${id}-select`} value={selected} onChange={(event) => setSelected(event.target.value)} required data-testid="members.add-select">
                <option value="">{t('members.addChoose')}</option>
                {candidates.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} ({user.email})
                  </option>
                ))}
              </select>
              <button type="submit" className="primary" disabled={busy || !selected} data-testid="members.add-submit">
                {t('members.addSubmit')}
              </button>
            </>
          )}
        </form>
      ) : null}
      <ErrorAlert message={error} testId="members.error" />
    </div>
  )
}
