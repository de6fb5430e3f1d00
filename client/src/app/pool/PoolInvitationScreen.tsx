/**
 * `/pool-invitations/:token`: the page the coordination office's invitation
 * link opens (issue 20 point 1). The invitee makes their own account (name,
 * address, password) and lands on their pool application.
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { poolInvitationApi } from '../../api/poolInvitationEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useAuth } from '../AuthContext.js'
import { CredentialsForm } from '../CredentialsForm.js'
import { formatDateTime } from '../format.js'
import { useLinkPreview } from '../useLinkPreview.js'

export function PoolInvitationScreen() {
  const { t, i18n } = useTranslation()
  const { token = '' } = useParams()
  const { signedIn } = useAuth()
  const navigate = useNavigate()
  const id = useId()
  const { preview, invalid, loadError, headingRef, whileValid } = useLinkPreview(token, async (link) => (await poolInvitationApi.preview(link)).data.invitation)

  if (invalid) {
    return (
      <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="pool-invitation.invalid">
        <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
          {t('invitation.invalidTitle')}
        </h1>
        <p>{t('pool.inviteAccept.invalid')}</p>
        <Link to="/login">{t('setup.toLogin')}</Link>
      </section>
    )
  }
  if (loadError) {
    return <ErrorAlert message={loadError} testId="pool-invitation.error" />
  }
  if (!preview) {
    return <p role="status">{t('app.loading')}</p>
  }
  return (
    <section className="narrow stack" aria-labelledby={`${id}-h`} data-testid="pool-invitation.preview">
      <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t('pool.inviteAccept.title')}
      </h1>
      <p data-testid="pool-invitation.summary">{t('pool.inviteAccept.summary', { office: preview.invitedBy, name: preview.name, email: preview.email })}</p>
      <p className="meta">{t('invitation.expires', { until: formatDateTime(preview.expiresAt, i18n.language) })}</p>
      <CredentialsForm
        className="form card"
        labelledBy={`${id}-new`}
        fields={['name', 'email', 'password']}
        passwordKind="new"
        labels={{ name: t('invitation.name') }}
        submitLabel={t('pool.inviteAccept.submit')}
        testIds={{ name: 'pool-invitation.name', email: 'pool-invitation.email', password: 'pool-invitation.password', submit: 'pool-invitation.submit', error: 'pool-invitation.submit-error' }}
        onSubmit={(credentials) =>
          whileValid(async () => {
            const { data } = await poolInvitationApi.accept(token, credentials)
            signedIn(data.user)
            await navigate('/pool', { replace: true })
          })
        }
      >
        <h2 id={`${id}-new`}>{t('invitation.newAccount')}</h2>
        <p>{t('pool.inviteAccept.intro')}</p>
      </CredentialsForm>
    </section>
  )
}
