import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { api } from '../api/endpoints.js'
import { useAuth } from './AuthContext.js'
import { CredentialsForm, type Credentials } from './CredentialsForm.js'

export function LoginScreen() {
  const { t } = useTranslation()
  const { signedIn, sessionEndedFlag } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const id = useId()
  const [needsSetup, setNeedsSetup] = useState(false)

  useEffect(() => {
    api
      .setupStatus()
      .then(({ data }) => setNeedsSetup(data.needsSetup))
      .catch(() => setNeedsSetup(false))
  }, [])

  const from = (location.state as { from?: unknown } | null)?.from
  const logIn = async ({ email, password }: Credentials): Promise<void> => {
    const { data } = await api.login({ email, password })
    signedIn(data.user)
    await navigate(typeof from === 'string' && from.startsWith('/') && from !== '/login' ? from : '/', { replace: true })
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
      <CredentialsForm
        fields={['email', 'password']}
        passwordKind="current"
        submitLabel={t('login.submit')}
        testIds={{ email: 'login.email', password: 'login.password', submit: 'login.submit', error: 'login.error' }}
        onSubmit={logIn}
      />
      <p>
        <Link to="/password-reset" data-testid="login.forgot">
          {t('login.forgot')}
        </Link>
      </p>
    </section>
  )
}
