import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { PasswordResetPreviewReply } from '../../../shared/src/api/passwordResets.js'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ApiError } from '../api/errors.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useAuth } from './AuthContext.js'
import { errorText } from './errorText.js'
import { formatDateTime } from './format.js'

/**
 * `/password-reset?token=…`: the page a coach's new access link or a mailed
 * reset link opens (contract §8.5). The person sets a new password; their
 * other sessions end and they are logged in here.
 */
function LinkForm({ token }: { token: string }) {
  const { t, i18n } = useTranslation()
  const { signedIn } = useAuth()
  const navigate = useNavigate()
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [preview, setPreview] = useState<PasswordResetPreviewReply['reset'] | null>(null)
  const [invalid, setInvalid] = useState(false)
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let cancelled = false
    api
      .passwordResetPreview(token)
      .then(({ data }) => {
        if (!cancelled) {
          setPreview(data.reset)
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          if (err instanceof ApiError && err.status === 404) {
            setInvalid(true)
          } else {
            setError(errorText(t, err))
          }
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

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { data } = await api.resetPasswordWithLink(token, { password })
      signedIn(data.user)
      await navigate('/', { replace: true })
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

  if (invalid) {
    return (
      <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="passwordReset.invalid">
        <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
          {t('passwordReset.invalidTitle')}
        </h1>
        <p>{t('passwordReset.invalidText')}</p>
        <p>
          <Link to="/password-reset" data-testid="passwordReset.requestNew">
            {t('passwordReset.requestNew')}
          </Link>
        </p>
      </section>
    )
  }
  if (!preview) {
    return <ErrorAlert message={error} testId="passwordReset.error" />
  }
  return (
    <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="passwordReset.form">
      <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t('passwordReset.title')}
      </h1>
      <p>{t('passwordReset.intro', { name: preview.name })}</p>
      <p className="meta">{t('passwordReset.expires', { until: formatDateTime(preview.expiresAt, i18n.language) })}</p>
      <form onSubmit={(event) => void handleSubmit(event)} className="form card">
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
          data-testid="passwordReset.password"
        />
        <small>{t('passwordReset.sessionsEnd')}</small>
        <button type="submit" className="primary" disabled={busy} data-testid="passwordReset.submit">
          {t('passwordReset.submit')}
        </button>
      </form>
      <ErrorAlert message={error} testId="passwordReset.error" />
    </section>
  )
}

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
      <h1 id={`${id}-h`}>{t('passwordReset.requestTitle')}</h1>
      <p>{t('passwordReset.requestIntro')}</p>
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
          {t('passwordReset.requestSubmit')}
        </button>
      </form>
      <p>
        <Link to="/login">{t('passwordReset.toLogin')}</Link>
      </p>
    </section>
  )
}

/** `/password-reset`: ask for a link by e-mail; `/password-reset?token=…`: set a new password with a link. */
export function PasswordResetScreen() {
  const [params] = useSearchParams()
  const token = params.get('token')
  return token !== null ? <LinkForm token={token} /> : <RequestForm />
}
