import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { FormalTerm } from '../components/FormalTerm.js'
import { useAuth } from './AuthContext.js'
import { CredentialsForm } from './CredentialsForm.js'
import { errorText } from './errorText.js'
import { formatDateTime } from './format.js'
import { useLinkPreview } from './useLinkPreview.js'

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
  const { preview, invalid, loadError, headingRef, whileValid } = useLinkPreview(token, async (link) => (await api.invitationPreview(link)).data.invitation)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  /** Accepts and opens the case. */
  const accept = (body: Parameters<typeof api.acceptInvitation>[1]): Promise<void> =>
    whileValid(async () => {
      const { data } = await api.acceptInvitation(token, body)
      signedIn(data.user)
      await navigate(`/cases/${encodeURIComponent(data.caseId)}`, { replace: true })
    })

  const acceptAsMe = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await accept({})
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
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
  const coachee = preview.role === 'coachee'
  const signedInUser = status === 'signedIn' ? user : null
  const staffNeeded = preview.requiresStaffAccount
  const canAcceptAsMe = signedInUser !== null && (!staffNeeded || signedInUser.kind === 'staff')

  return (
    <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="invitation.preview" data-role={preview.role}>
      <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t('invitation.title')}
      </h1>
      {coachee ? (
        // The coachee's words first; the formal role stays as secondary text (issue 16).
        <p data-testid="invitation.summary">
          {t('plain.invitation.summary', { name: preview.invitedBy, title: preview.caseTitle })}
          <FormalTerm term={t('cases.role', { role: roleName })} />
        </p>
      ) : (
        <p data-testid="invitation.summary">{t('invitation.summary', { name: preview.invitedBy, title: preview.caseTitle, role: roleName })}</p>
      )}
      <p className="meta">{t('invitation.expires', { until: formatDateTime(preview.expiresAt, i18n.language) })}</p>

      {canAcceptAsMe && signedInUser ? (
        <div className="card">
          <p>{t('invitation.signedInAs', { name: signedInUser.name })}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void acceptAsMe()} data-testid="invitation.accept-as-me">
            {t('invitation.acceptAsMe', { name: signedInUser.name })}
          </button>
          <ErrorAlert message={error} testId="invitation.accept-error" />
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
        <CredentialsForm
          className="form card"
          labelledBy={`${id}-new`}
          fields={['name', 'email', 'password']}
          passwordKind="new"
          labels={{ name: t('invitation.name') }}
          submitLabel={t(coachee ? 'plain.invitation.submit' : 'invitation.submit')}
          testIds={{
            name: 'invitation.name',
            email: 'invitation.email',
            password: 'invitation.password',
            submit: 'invitation.submit',
            error: 'invitation.submit-error',
          }}
          onSubmit={(credentials) => accept(credentials)}
        >
          <h2 id={`${id}-new`}>{signedInUser ? t('invitation.orNewAccount') : t('invitation.newAccount')}</h2>
          <p>{t('invitation.newAccountIntro')}</p>
        </CredentialsForm>
      ) : null}
    </section>
  )
}
