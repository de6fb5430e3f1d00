import { poolInvitationApi } from '../api/poolInvitationEndpoints.js'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { MailOutboxPanel } from './MailOutboxPanel.js'
import { FundingBodiesAdmin } from './FundingBodiesAdmin.js'
import { RetainedBillingPanel } from './RetainedBillingPanel.js'
import { useTranslation } from 'react-i18next'
import type { User } from '../../../shared/src/api/users.js'
import { can } from '../../../shared/src/policy/actions.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useUser } from './AuthContext.js'
import { CredentialsForm, type Credentials } from './CredentialsForm.js'
import { errorText } from './errorText.js'
import { StaffBillingForm } from './StaffBillingForm.js'
import { StaffRoleForm } from './StaffRoleForm.js'
import { SupervisionGroupsAdmin } from './supervision/SupervisionGroupsAdmin.js'

/** One account: kind, admin flag, state; deactivate / reactivate and password reset. */
function UserRow({ user, isMe, onChanged }: { user: User; isMe: boolean; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [resetOpen, setResetOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const resetButtonRef = useRef<HTMLButtonElement>(null)
  const me = useUser()
  // Contract §8.5: admins set passwords of staff accounts only; external people get a coach's access link.
  const mayResetPassword = can(null, 'accounts.manageStaffCredentials', { isAdmin: me.isAdmin, targetKind: user.kind })

  const setActive = async (active: boolean): Promise<void> => {
    const question = active ? t('admin.confirmReactivate', { name: user.name }) : t('admin.confirmDeactivate', { name: user.name })
    if (!window.confirm(question)) {
      return
    }
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      await api.updateUser(user.id, { active })
      setNotice(t(active ? 'admin.reactivated' : 'admin.deactivated', { name: user.name }))
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  // Issue 20: the pool data of a deactivated account (an active member withdraws it themselves).
  const erasePoolData = async (): Promise<void> => {
    if (!window.confirm(t('pool.adminErase.confirm'))) {
      return
    }
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      await poolInvitationApi.eraseOf(user.id)
      setNotice(t('pool.adminErase.done'))
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const resetPassword = async ({ password }: Credentials): Promise<void> => {
    setNotice(null)
    await api.resetPassword(user.id, { password })
    setResetOpen(false)
    setNotice(t('admin.passwordReset', { name: user.name }))
    resetButtonRef.current?.focus()
  }

  return (
    <li data-testid="admin.user" data-user-id={user.id} data-active={user.active ? 'true' : 'false'} className={user.active ? undefined : 'inactive'}>
      <div className="admin-user-main">
        <span>
          <strong>{user.name}</strong> <span className="meta">{user.email}</span>
        </span>
        <span className="badges">
          <span className="badge" data-testid="admin.user-kind">
            {t(`admin.kind.${user.kind}`)}
          </span>
          {user.isAdmin ? <span className="badge">{t('admin.adminBadge')}</span> : null}
          {user.isLead ? <span className="badge">{t('admin.leadBadge')}</span> : null}
          <span className={`badge ${user.active ? 'badge-ok' : 'badge-off'}`} data-testid="admin.user-state">
            {t(user.active ? 'admin.active' : 'admin.inactive')}
          </span>
        </span>
      </div>
      <div className="admin-user-actions">
        {user.active ? (
          <button
            type="button"
            className="danger small"
            disabled={busy || isMe}
            title={isMe ? t('admin.notYourself') : undefined}
            onClick={() => void setActive(false)}
            data-testid="admin.user-deactivate"
          >
            {t('admin.deactivate', { name: user.name })}
          </button>
        ) : (
          <button type="button" className="small" disabled={busy} onClick={() => void setActive(true)} data-testid="admin.user-reactivate">
            {t('admin.reactivate', { name: user.name })}
          </button>
        )}
        {!user.active && user.kind === 'staff' ? (
          <button type="button" className="danger small" disabled={busy} onClick={() => void erasePoolData()} data-testid="admin.user-erase-pool">
            {t('pool.adminErase.button', { name: user.name })}
          </button>
        ) : null}
        {mayResetPassword ? (
          <button
            type="button"
            className="small"
            ref={resetButtonRef}
            aria-expanded={resetOpen}
            aria-controls={`${id}-reset`}
            onClick={() => setResetOpen((open) => !open)}
            data-testid="admin.user-reset-password"
          >
            {t('admin.resetPassword', { name: user.name })}
          </button>
        ) : (
          <span className="meta" data-testid="admin.user-external-reset">
            {t('admin.externalReset')}
          </span>
        )}
      </div>
      {mayResetPassword && user.active ? (
        <StaffRoleForm
          user={user}
          onChanged={(text) => {
            setNotice(text)
            onChanged()
          }}
        />
      ) : null}
      {mayResetPassword && user.active ? (
        <StaffBillingForm
          user={user}
          onChanged={(text) => {
            setNotice(text)
            onChanged()
          }}
        />
      ) : null}
      {resetOpen && mayResetPassword ? (
        <CredentialsForm
          id={`${id}-reset`}
          className="form admin-reset"
          fields={['password']}
          forSomeoneElse
          focusFirst
          labels={{ password: t('admin.newPassword', { name: user.name }) }}
          passwordHint={t('admin.resetHelp')}
          submitLabel={t('admin.resetSubmit')}
          testIds={{ password: 'admin.reset-password-input', submit: 'admin.reset-password-submit', error: 'admin.reset-error' }}
          onSubmit={resetPassword}
          secondary={
            <button type="button" onClick={() => setResetOpen(false)}>
              {t('admin.cancel')}
            </button>
          }
        />
      ) : null}
      {notice ? (
        <p role="status" className="notice" data-testid="admin.user-notice">
          {notice}
        </p>
      ) : null}
      <ErrorAlert message={error} testId="admin.user-error" />
    </li>
  )
}

export function AdminScreen() {
  const { t } = useTranslation()
  const me = useUser()
  const mayManage = can(null, 'accounts.manage', { isAdmin: me.isAdmin })
  const id = useId()
  const [users, setUsers] = useState<User[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [isAdmin, setIsAdmin] = useState(false)
  const [created, setCreated] = useState<string | null>(null)

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
    if (mayManage) {
      load()
    }
  }, [mayManage, load])

  if (!mayManage) {
    return <p role="alert">{t('admin.notAdmin')}</p>
  }

  const createStaff = async (credentials: Credentials): Promise<void> => {
    setCreated(null)
    const { data } = await api.createUser({ ...credentials, kind: 'staff', isAdmin })
    setCreated(t('admin.created', { name: data.user.name }))
    setIsAdmin(false)
    load()
  }

  return (
    <div className="stack">
      <h1>{t('admin.title')}</h1>
      <section aria-labelledby={`${id}-create`} className="card">
        <h2 id={`${id}-create`}>{t('admin.createHeading')}</h2>
        <CredentialsForm
          fields={['name', 'email', 'password']}
          forSomeoneElse
          clearOnSuccess
          labels={{ password: t('admin.password') }}
          submitLabel={t('admin.submit')}
          testIds={{ name: 'admin.create-name', email: 'admin.create-email', password: 'admin.create-password', submit: 'admin.create-submit', error: 'admin.create-error' }}
          notice={created ? { text: created, testId: 'admin.created' } : null}
          onSubmit={createStaff}
          extra={
            <div className="checkbox">
              <input id={`${id}-admin`} type="checkbox" checked={isAdmin} onChange={(event) => setIsAdmin(event.target.checked)} data-testid="admin.create-is-admin" />
              <label htmlFor={`${id}-admin`}>{t('admin.isAdmin')}</label>
            </div>
          }
        />
      </section>
      <section aria-labelledby={`${id}-users`}>
        <h2 id={`${id}-users`}>{t('admin.usersHeading')}</h2>
        <p>{t('admin.usersIntro')}</p>
        <ErrorAlert message={loadError} testId="admin.users-error" />
        <ul className="plain-list admin-users" data-testid="admin.users">
          {(users ?? []).map((user) => (
            <UserRow key={user.id} user={user} isMe={user.id === me.id} onChanged={load} />
          ))}
        </ul>
      </section>
      <SupervisionGroupsAdmin staff={(users ?? []).filter((user) => user.kind === 'staff')} />
      <FundingBodiesAdmin />
      <RetainedBillingPanel staff={(users ?? []).filter((user) => user.kind === 'staff')} />
      <MailOutboxPanel />
    </div>
  )
}
