import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { errorText } from './errorText.js'

/** Asks for a reset link by e-mail; the answer is the same whether or not the address has an account. */
function RequestForm() {
  const { t } = useTranslation()
  const id = useId()
  const [email, setEmail] = useState('')
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [mailEnabled, setMailEnabled] = useState(true)

  useEffect(() => {
    api
      .passwordResetStatus()
      .then(({ data }) => setMailEnabled(data.mailEnabled))
      .catch(() => setMailEnabled(true))
  }, [])

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.requestPasswordReset({ email })
      setSent(true)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="narrow" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('passwordReset.title')}</h1>
      <p>{t('passwordReset.intro')}</p>
      {mailEnabled ? null : (
        <p className="notice" data-testid="reset.no-mail">
          {t('passwordReset.noMail')}
        </p>
      )}
      <form onSubmit={(event) => void handleSubmit(event)} className="form">
        <label htmlFor={`${id}-email`}>{t('passwordReset.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          required
          maxLength={Limits.maxEmailLength}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          data-testid="reset.email"
        />
        <ErrorAlert message={error} testId="reset.error" />
        {sent ? (
          <p role="status" className="notice" data-testid="reset.sent">
            {t('passwordReset.sent')}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy} data-testid="reset.request">
          {t('passwordReset.submit')}
        </button>
      </form>
      <p>
        <Link to="/login">{t('passwordReset.toLogin')}</Link>
      </p>
    </section>
  )
}

/** Sets a new password with the mailed link's token. */
function NewPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation()
  const id = useId()
  const [password, setPassword] = useState('')
  const [done, setDone] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.completePasswordReset(token, { password })
      setDone(true)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="narrow" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('passwordReset.newTitle')}</h1>
      {done ? (
        <p role="status" className="notice" data-testid="reset.done">
          {t('passwordReset.done')} <Link to="/login">{t('passwordReset.toLogin')}</Link>
        </p>
      ) : (
        <form onSubmit={(event) => void handleSubmit(event)} className="form">
          <label htmlFor={`${id}-password`}>{t('passwordReset.password', { min: Limits.minPasswordLength })}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            required
            minLength={Limits.minPasswordLength}
            maxLength={Limits.maxPasswordLength}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="reset.password"
          />
          <ErrorAlert message={error} testId="reset.error" />
          <button type="submit" className="primary" disabled={busy} data-testid="reset.save">
            {t('passwordReset.save')}
          </button>
        </form>
      )}
    </section>
  )
}

/** `/password-reset` (ask for a link) and `/password-reset?token=…` (the mailed link: set a new password). */
export function PasswordResetScreen() {
  const [params] = useSearchParams()
  const token = params.get('token')
  useEffect(() => {
    // The token must not stay in the address bar or the history.
    if (token !== null) {
      window.history.replaceState(window.history.state, '', '/password-reset')
    }
  }, [token])
  const [kept] = useState(token)
  return kept !== null ? <NewPasswordForm token={kept} /> : <RequestForm />
}
