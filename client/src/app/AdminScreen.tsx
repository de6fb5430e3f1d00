import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { User } from '../../../shared/src/api/users.js'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useUser } from './AuthContext.js'
import { errorText } from './errorText.js'

export function AdminScreen() {
  const { t } = useTranslation()
  const me = useUser()
  const id = useId()
  const [users, setUsers] = useState<User[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [isAdmin, setIsAdmin] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    api
      .users()
      .then(({ data }) => {
        setUsers(data.users)
        setLoadError(null)
      })
      .catch((err: unknown) => setLoadError(errorText(t, err)))
  }, [t])

  useEffect(() => {
    if (me.isAdmin) {
      load()
    }
  }, [me.isAdmin, load])

  if (!me.isAdmin) {
    return <p role="alert">{t('admin.notAdmin')}</p>
  }

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setCreated(null)
    try {
      const { data } = await api.createUser({ name, email, password, kind: 'staff', isAdmin })
      setCreated(t('admin.created', { name: data.user.name }))
      setName('')
      setEmail('')
      setPassword('')
      setIsAdmin(false)
      load()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack">
      <h1>{t('admin.title')}</h1>
      <section aria-labelledby={`${id}-create`} className="card">
        <h2 id={`${id}-create`}>{t('admin.createHeading')}</h2>
        <form onSubmit={(event) => void handleSubmit(event)} className="form">
          <label htmlFor={`${id}-name`}>{t('admin.name')}</label>
          <input id={`${id}-name`} required maxLength={Limits.maxNameLength} value={name} onChange={(event) => setName(event.target.value)} data-testid="admin.create-name" />
          <label htmlFor={`${id}-email`}>{t('admin.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            required
            maxLength={Limits.maxEmailLength}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="admin.create-email"
          />
          <label htmlFor={`${id}-password`}>{t('admin.password', { min: Limits.minPasswordLength })}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            required
            minLength={Limits.minPasswordLength}
            maxLength={Limits.maxPasswordLength}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="admin.create-password"
          />
          <div className="checkbox">
            <input id={`${id}-admin`} type="checkbox" checked={isAdmin} onChange={(event) => setIsAdmin(event.target.checked)} data-testid="admin.create-is-admin" />
            <label htmlFor={`${id}-admin`}>{t('admin.isAdmin')}</label>
          </div>
          <ErrorAlert message={error} testId="admin.create-error" />
          {created ? (
            <p role="status" className="notice" data-testid="admin.created">
              {created}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy} data-testid="admin.create-submit">
            {t('admin.submit')}
          </button>
        </form>
      </section>
      <section aria-labelledby={`${id}-users`}>
        <h2 id={`${id}-users`}>{t('admin.usersHeading')}</h2>
        <ErrorAlert message={loadError} testId="admin.users-error" />
        <ul className="plain-list" data-testid="admin.users">
          {(users ?? []).map((user) => (
            <li key={user.id} data-testid="admin.user">
              {user.name} <span className="meta">{user.email}</span> {user.isAdmin ? <span className="badge">{t('admin.adminBadge')}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
