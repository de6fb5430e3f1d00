import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SupervisionGroup } from '../../../../shared/src/api/supervision.js'
import { Limits } from '../../../../shared/src/limits.js'
import type { User } from '../../../../shared/src/api/users.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { supervisionApi } from './supervisionApi.js'

/** One group: its members (remove) and an add form with the active staff accounts. */
function GroupCard({ group, staff, onChanged }: { group: SupervisionGroup; staff: readonly User[]; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [userId, setUserId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const candidates = staff.filter((user) => user.active && !group.members.some((member) => member.userId === user.id))

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await work()
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const handleAdd = (event: FormEvent): void => {
    event.preventDefault()
    if (userId !== '') {
      void run(async () => {
        await supervisionApi.addGroupMember(group.id, { userId })
        setUserId('')
      })
    }
  }

  return (
    <li className="card" data-testid="supervision.group" data-group-name={group.name}>
      <h3 id={`${id}-name`}>{group.name}</h3>
      {group.members.length === 0 ? <p>{t('supervision.groups.noMembers')}</p> : null}
      <ul className="plain-list" aria-labelledby={`${id}-name`}>
        {group.members.map((member) => (
          <li key={member.userId} className="row" data-testid="supervision.group-member">
            <span>
              {member.name} <span className="meta">{member.email}</span>
            </span>
            <button
              type="button"
              className="small danger"
              disabled={busy}
              onClick={() => {
                if (window.confirm(t('supervision.groups.confirmRemove', { name: member.name, group: group.name }))) {
                  void run(() => supervisionApi.removeGroupMember(group.id, member.userId))
                }
              }}
              data-testid="supervision.group-remove"
            >
              {t('supervision.groups.remove', { name: member.name })}
            </button>
          </li>
        ))}
      </ul>
      <form className="form row" onSubmit={handleAdd}>
        <label htmlFor={`${id}-user`}>{t('supervision.groups.addLabel')}</label>
        <select id={`${id}-user`} value={userId} onChange={(event) => setUserId(event.target.value)} data-testid="supervision.group-add-user">
          <option value="">{t('supervision.groups.choose')}</option>
          {candidates.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </select>
        <button type="submit" className="small" disabled={busy || userId === ''} data-testid="supervision.group-add">
          {t('supervision.groups.add')}
        </button>
      </form>
      <ErrorAlert message={error} testId="supervision.group-error" />
    </li>
  )
}

/** Admin: supervision and intervision groups (create, add and remove members). */
export function SupervisionGroupsAdmin({ staff }: { staff: readonly User[] }) {
  const { t } = useTranslation()
  const id = useId()
  const [groups, setGroups] = useState<SupervisionGroup[]>([])
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    supervisionApi
      .groups()
      .then(({ data }) => setGroups(data.groups))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])

  useEffect(() => {
    load()
  }, [load])

  const handleCreate = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await supervisionApi.createGroup({ name })
      setName('')
      load()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="supervision.groups">
      <h2 id={`${id}-heading`}>{t('supervision.groups.heading')}</h2>
      <p>{t('supervision.groups.intro')}</p>
      <form className="form row" onSubmit={(event) => void handleCreate(event)}>
        <label htmlFor={`${id}-name`}>{t('supervision.groups.name')}</label>
        <input id={`${id}-name`} required maxLength={Limits.maxGroupNameLength} value={name} onChange={(event) => setName(event.target.value)} data-testid="supervision.group-name" />
        <button type="submit" className="primary" disabled={busy} data-testid="supervision.group-create">
          {t('supervision.groups.create')}
        </button>
      </form>
      <ErrorAlert message={error} testId="supervision.groups-error" />
      <ul className="plain-list stack">
        {groups.map((group) => (
          <GroupCard key={group.id} group={group} staff={staff} onChanged={load} />
        ))}
      </ul>
    </section>
  )
}
