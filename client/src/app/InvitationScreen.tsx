import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import type { InvitationPreviewReply } from '../../../shared/src/api/invitations.js'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ApiError } from '../api/errors.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useAuth } from './AuthContext.js'
import { errorText } from './errorText.js'
import { formatDateTime } from './format.js'

type Preview = InvitationPreviewReply['invitation']

/**
 * `/invitations/:token`: the page an invitation link opens. Employers and
 * coachees set a name and password (a new account); a coach invitation is
 * accepted by a logged-in staff account. Then the case opens.
 */
export function InvitationScreen() {
  const { t, i18n } = useTranslation()
  const { token = '' } = useParams()
  const { status, user, signedIn } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [invalid, setInvalid] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let cancelled = false
    api
      .invitationPreview(token)
      .then(({ data }) => {
        if (!cancelled) {
          setPreview(data.invitation)
        }
      })
      .catch((err: unknown) => {
        if (cancelled) {
          return
        }
        if (err instanceof ApiError && (err.status === 404 || err.status === 410 || err.code === 'not_found')) {
          setInvalid(true)
        } else {
          setLoadError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [token, t])

  useEffect(() => {
    if (preview || invalid) {
      headingRef.current?.focus()
    }
  }, [preview, invalid])

  const accept = async (body: Parameters<typeof api.acceptInvitation>[1]): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const { data } = await api.acceptInvitation(token, body)
      signedIn(data.user)
      await navigate(`/cases/${encodeURIComponent(data.caseId)}`, { replace: true })
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setInvalid(true)
      } else {
        setError(errorText(t, err))
      }
    } finally {
      setBusy(false)
    }
  }

  const handleNewAccount = (event: FormEvent): void => {
    event.preventDefault()
    void accept({ name, email, password })
  }

  if (invalid) {
    return (
      <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="invitation.invalid">
        <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
          {t('invitation.invalidTitle')}
        </h1>
        <p>{t('invitation.invalidText')}</p>
        <p>{t('invitation.invalidHelp')}</p>
        {status === 'signedIn' ? <Link to="/">{t('invitation.toCases')}</Link> : <Link to="/login">{t('setup.toLogin')}</Link>}
      </section>
    )
  }
  if (loadError) {
    return <ErrorAlert message={loadError} testId="invitation.error" />
  }
  if (!preview || status === 'loading') {
    return <p role="status">{t('app.loading')}</p>
  }

  const roleName = t(`roles.${preview.role}`)
  const signedInUser = status === 'signedIn' ? user : null
  const staffNeeded = preview.requiresStaffAccount
  const canAcceptAsMe = signedInUser !== null && (!staffNeeded || signedInUser.kind === 'staff')

  return (
    <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="invitation.preview" data-role={preview.role}>
      <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t('invitation.title')}
      </h1>
      <p>
        {t('invitation.summary', { name: preview.invitedBy, title: preview.caseTitle, role: roleName })}
      </p>
      <p className="meta">{t('invitation.expires', { until: formatDateTime(preview.expiresAt, i18n.language) })}</p>

      {canAcceptAsMe && signedInUser ? (
        <div className="card">
          <p>{t('invitation.signedInAs', { name: signedInUser.name })}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void accept({})} data-testid="invitation.accept-as-me">
            {t('invitation.acceptAsMe', { name: signedInUser.name })}
          </button>
        </div>
      ) : null}

      {staffNeeded && !canAcceptAsMe ? (
        <div className="card">
          <p>{signedInUser ? t('invitation.needsStaffOther', { name: signedInUser.name }) : t('invitation.needsStaff')}</p>
          <Link to="/login" state={{ from: location.pathname }} className="button-link" data-testid="invitation.login">
            {t('invitation.login')}
          </Link>
        </div>
      ) : null}

      {!staffNeeded ? (
        <form onSubmit={handleNewAccount} className="form card" aria-labelledby={`${id}-new`}>
          <h2 id={`${id}-new`}>{signedInUser ? t('invitation.orNewAccount') : t('invitation.newAccount')}</h2>
          <p>{t('invitation.newAccountIntro')}</p>
          <label htmlFor={`${id}-name`}>{t('invitation.name')}</label>
          <input
            id={`${id}-name`}
            required
            autoComplete="name"
            maxLength={Limits.maxNameLength}
            value={name}
            onChange={(event) => setName(event.target.value)}
            data-testid="invitation.name"
          />
          <label htmlFor={`${id}-email`}>{t('invitation.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            required
            autoComplete="username"
            maxLength={Limits.maxEmailLength}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="invitation.email"
          />
          <label htmlFor={`${id}-password`}>{t('invitation.password', { min: Limits.minPasswordLength })}</label>
          <input
            id={`${id}-password`}
            type="password"
            required
            autoComplete="new-password"
            minLength={Limits.minPasswordLength}
            maxLength={Limits.maxPasswordLength}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="invitation.password"
          />
          <ErrorAlert message={error} testId="invitation.submit-error" />
          <button type="submit" className="primary" disabled={busy} data-testid="invitation.submit">
            {t('invitation.submit')}
          </button>
        </form>
      ) : (
        <ErrorAlert message={error} testId="invitation.submit-error" />
      )}
    </section>
  )
}
