import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useAuth } from './AuthContext.js'
import { CredentialsForm, type Credentials } from './CredentialsForm.js'
import { formatDateTime } from './format.js'
import { useLinkPreview } from './useLinkPreview.js'

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
  const { preview, invalid, loadError, headingRef, whileValid } = useLinkPreview(token, async (link) => (await api.passwordResetPreview(link)).data.reset)

  const setNewPassword = ({ password }: Credentials): Promise<void> =>
    whileValid(async () => {
      const { data } = await api.resetPasswordWithLink(token, { password })
      signedIn(data.user)
      await navigate('/', { replace: true })
    })

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
    return <ErrorAlert message={loadError} testId="passwordReset.error" />
  }
  return (
    <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="passwordReset.form">
      <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t('passwordReset.title')}
      </h1>
      <p>{t('passwordReset.intro', { name: preview.name })}</p>
      <p className="meta">{t('passwordReset.expires', { until: formatDateTime(preview.expiresAt, i18n.language) })}</p>
      <CredentialsForm
        className="form card"
        fields={['password']}
        passwordKind="new"
        labels={{ password: t('credentials.newPassword') }}
        passwordHint={t('passwordReset.sessionsEnd')}
        submitLabel={t('passwordReset.submit')}
        testIds={{ password: 'passwordReset.password', submit: 'passwordReset.submit', error: 'passwordReset.error' }}
        onSubmit={setNewPassword}
      />
    </section>
  )
}

/** Asks for a reset link by e-mail; the answer is the same whether or not the address has an account. */
function RequestForm() {
  const { t } = useTranslation()
  const id = useId()
  const [sent, setSent] = useState(false)
  const [mailEnabled, setMailEnabled] = useState(true)

  useEffect(() => {
    api
      .passwordResetStatus()
      .then(({ data }) => setMailEnabled(data.mailEnabled))
      .catch(() => setMailEnabled(true))
  }, [])

  const requestLink = async ({ email }: Credentials): Promise<void> => {
    setSent(false)
    await api.requestPasswordReset({ email })
    setSent(true)
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
      <CredentialsForm
        fields={['email']}
        submitLabel={t('passwordReset.requestSubmit')}
        testIds={{ email: 'reset.email', submit: 'reset.request', error: 'reset.error' }}
        notice={sent ? { text: t('passwordReset.sent'), testId: 'reset.sent' } : null}
        onSubmit={requestLink}
      />
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
