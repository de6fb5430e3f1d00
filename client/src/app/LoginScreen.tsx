import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useAuth } from './AuthContext.js'
import { errorText } from './errorText.js'

export function LoginScreen() {
  const { t } = useTranslation()
  const { signedIn, sessionEndedFlag } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const id = useId()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [needsSetup, setNeedsSetup] = useState(false)

  useEffect(() => {
    api
      .setupStatus()
      .then(({ data }) => setNeedsSetup(data.needsSetup))
      .catch(() => setNeedsSetup(false))
  }, [])

  const from = (location.state as { from?: unknown } | null)?.from
  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { data } = await api.login({ email, password })
      signedIn(data.user)
      await navigate(typeof from === 'string' && from.startsWith('/') && from !== '/login' ? from : '/', { replace: true })
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="narrow" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('login.title')}</h1>
      {sessionEndedFlag ? (
        <p role="status" className="notice" data-testid="login.session-ended">
          {t('login.sessionEnded')}
        </p>
      ) : null}
      {needsSetup ? (
        <p className="notice">
          <Link to="/setup">{t('setup.title')}</Link>
        </p>
      ) : null}
      <form onSubmit={(event) => void handleSubmit(event)} className="form">
        <label htmlFor={`${id}-email`}>{t('login.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          required
          maxLength={Limits.maxEmailLength}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          data-testid="login.email"
        />
        <label htmlFor={`${id}-password`}>{t('login.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          required
          maxLength={Limits.maxPasswordLength}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          data-testid="login.password"
        />
        <ErrorAlert message={error} testId="login.error" />
        <button type="submit" className="primary" disabled={busy} data-testid="login.submit">
          {t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/password-reset" data-testid="login.forgot">
          {t('login.forgot')}
        </Link>
      </p>
    </section>
  )
}
