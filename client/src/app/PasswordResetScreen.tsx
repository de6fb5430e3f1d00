import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import type { PasswordResetPreviewReply } from '../../../shared/src/api/passwordResets.js'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ApiError } from '../api/errors.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useAuth } from './AuthContext.js'
import { errorText } from './errorText.js'
import { formatDateTime } from './format.js'

/**
 * `/password-reset?token=…`: the page a coach's new access link opens
 * (contract §8.5). The person sets a new password; their other sessions end
 * and they are logged in here.
 */
export function PasswordResetScreen() {
  const { t, i18n } = useTranslation()
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
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
