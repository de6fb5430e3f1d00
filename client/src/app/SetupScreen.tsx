import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useAuth } from './AuthContext.js'
import { errorText } from './errorText.js'

export function SetupScreen() {
  const { t } = useTranslation()
  const { signedIn } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const id = useId()
  const [token, setToken] = useState(params.get('token') ?? '')
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [alreadyDone, setAlreadyDone] = useState(false)

  useEffect(() => {
    api
      .setupStatus()
      .then(({ data }) => setAlreadyDone(!data.needsSetup))
      .catch(() => setAlreadyDone(false))
  }, [])

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { data } = await api.setup({ token, name, email, password })
      signedIn(data.user)
      await navigate('/', { replace: true })
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  if (alreadyDone) {
    return (
      <section className="narrow">
        <h1>{t('setup.title')}</h1>
        <p data-testid="setup.done">{t('setup.done')}</p>
        <Link to="/login">{t('setup.toLogin')}</Link>
      </section>
    )
  }

  return (
    <section className="narrow" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={(event) => void handleSubmit(event)} className="form">
        <label htmlFor={`${id}-token`}>{t('setup.token')}</label>
        <input
          id={`${id}-token`}
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={`${id}-token-help`}
          data-testid="setup.token"
        />
        <small id={`${id}-token-help`}>{t('setup.tokenHelp')}</small>
        <label htmlFor={`${id}-name`}>{t('setup.name')}</label>
        <input
          id={`${id}-name`}
          required
          autoComplete="name"
          maxLength={Limits.maxNameLength}
          value={name}
          onChange={(event) => setName(event.target.value)}
          data-testid="setup.name"
        />
        <label htmlFor={`${id}-email`}>{t('setup.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          required
          autoComplete="username"
          maxLength={Limits.maxEmailLength}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          data-testid="setup.email"
        />
        <label htmlFor={`${id}-password`}>{t('setup.password', { min: Limits.minPasswordLength })}</label>
        <input
          id={`${id}-password`}
          type="password"
          required
          autoComplete="new-password"
          minLength={Limits.minPasswordLength}
          maxLength={Limits.maxPasswordLength}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          data-testid="setup.password"
        />
        <ErrorAlert message={error} testId="setup.error" />
        <button type="submit" className="primary" disabled={busy} data-testid="setup.submit">
          {t('setup.submit')}
        </button>
      </form>
    </section>
  )
}
