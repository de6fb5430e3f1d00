/**
 * The coordination office invites a freelance job coach to apply (issue 20
 * point 1): name and address; the invitee gets a one-time link by mail
 * (7 days). The link is shown once too, for when mail is off. The list
 * shows open, used, expired and withdrawn invitations; an open one can be
 * withdrawn. Only the coordinator sees this (the server checks it too).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PoolInvitation } from '../../../../shared/src/api/poolInvitations.js'
import { poolInvitationApi } from '../../api/poolInvitationEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDate } from '../format.js'
import { Section, TextField } from './poolFields.js'

export function InviteFreelancer() {
  const { t, i18n } = useTranslation()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [invitations, setInvitations] = useState<PoolInvitation[]>([])
  const [created, setCreated] = useState<{ url: string; emailed: boolean } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    poolInvitationApi
      .list()
      .then(({ data }) => setInvitations(data.invitations))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])
  useEffect(load, [load])

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { data } = await poolInvitationApi.invite({ name, email })
      setCreated({ url: data.invitation.url, emailed: data.invitation.emailed })
      setName('')
      setEmail('')
      load()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async (id: string): Promise<void> => {
    try {
      await poolInvitationApi.withdraw(id)
      load()
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  return (
    <Section title={t('pool.invite.title')} testId="pool.office.invite">
      <p>{t('pool.invite.intro')}</p>
      <form onSubmit={(event) => void submit(event)} className="stack" aria-label={t('pool.invite.title')}>
        <TextField label={t('pool.invite.name')} value={name} onChange={setName} testId="pool.invite.name" />
        <TextField label={t('pool.invite.email')} value={email} onChange={setEmail} testId="pool.invite.email" type="email" />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy || name.trim() === '' || email.trim() === ''} data-testid="pool.invite.submit">
            {t('pool.invite.submit')}
          </button>
        </div>
      </form>
      <ErrorAlert message={error} testId="pool.invite.error" />
      {created !== null ? (
        <div role="status" className="stack" data-testid="pool.invite.created">
          <p>{created.emailed ? t('pool.invite.mailed') : t('pool.invite.notMailed')}</p>
          <p className="meta">{t('pool.invite.linkOnce')}</p>
          <input readOnly value={created.url} aria-label={t('pool.invite.link')} data-testid="pool.invite.url" className="pool-invite-url" />
        </div>
      ) : null}
      {invitations.length === 0 ? <p>{t('pool.invite.none')}</p> : null}
      <ul className="stack">
        {invitations.map((invitation) => (
          <li key={invitation.id} data-testid="pool.invite.entry" data-status={invitation.status}>
            {t('pool.invite.line', {
              name: invitation.name ?? t('pool.invite.withdrawnName'),
              status: t(`pool.invite.status.${invitation.status}`),
              date: formatDate(invitation.createdAt.slice(0, 10), i18n.language),
            })}
            {invitation.status === 'open' ? (
              <>
                {' '}
                <button type="button" onClick={() => void withdraw(invitation.id)} data-testid="pool.invite.withdraw">
                  {t('pool.invite.withdraw')}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  )
}
