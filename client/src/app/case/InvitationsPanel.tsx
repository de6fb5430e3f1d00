import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import { CaseRoles } from '../../../../shared/src/policy/access.js'
import { InvitationLifetimeDays, type CreatedInvitationReply, type Invitation } from '../../../../shared/src/api/invitations.js'
import { Limits } from '../../../../shared/src/limits.js'
import { api } from '../../api/endpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'

export interface InvitationsPanelProps {
  caseId: string
  offline: boolean
  /** Moves when the invitations are to be read again (the case session's generation of them). */
  generation: number
  /** The caller created or revoked an invitation: the list is read again. */
  onChanged: () => void
}

type InvitationState = 'open' | 'limited' | 'accepted' | 'revoked' | 'expired'

function invitationState(invitation: Invitation, now: number): InvitationState {
  if (invitation.acceptedAt !== null) {
    return 'accepted'
  }
  if (invitation.revokedAt !== null) {
    return 'revoked'
  }
  if (Date.parse(invitation.expiresAt) <= now) {
    return 'expired'
  }
  return invitation.limitedUntil !== null && Date.parse(invitation.limitedUntil) > now ? 'limited' : 'open'
}

/** A coach invites the second coach, the employer and the coachee with one-time links. */
export function InvitationsPanel({ caseId, offline, generation, onChanged }: InvitationsPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [role, setRole] = useState<CaseRole>('employer')
  const [email, setEmail] = useState('')
  const [invitations, setInvitations] = useState<Invitation[] | null>(null)
  const [created, setCreated] = useState<CreatedInvitationReply['invitation'] | null>(null)
  const [copied, setCopied] = useState(false)
  const [emailedTo, setEmailedTo] = useState<string | null>(null)
  // An address was given but the server sends no mail (no SMTP_URL): the link is to be handed over by hand.
  const [notEmailed, setNotEmailed] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const linkRef = useRef<HTMLInputElement>(null)
  // Time of the last load, for "expired" (not read during render).
  const [now, setNow] = useState(0)

  useEffect(() => {
    if (offline) {
      return undefined
    }
    let cancelled = false
    api
      .invitations(caseId)
      .then(({ data }) => {
        if (!cancelled) {
          setInvitations(data.invitations)
          setNow(Date.now())
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [caseId, offline, generation, t])

  useEffect(() => {
    if (created) {
      linkRef.current?.focus()
      linkRef.current?.select()
    }
  }, [created])

  const handleCreate = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setCopied(false)
    try {
      const address = email.trim()
      const { data } = await api.createInvitation(caseId, address === '' ? { role } : { role, email: address })
      setCreated(data.invitation)
      setEmailedTo(data.invitation.emailed ? address : null)
      setNotEmailed(address !== '' && !data.invitation.emailed)
      setEmail('')
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const handleCopy = async (): Promise<void> => {
    if (!created) {
      return
    }
    try {
      await navigator.clipboard.writeText(created.url)
      setCopied(true)
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      linkRef.current?.focus()
      linkRef.current?.select()
      setError(t('invite.copyFailed'))
    }
  }

  const handleRenew = async (invitation: Invitation): Promise<void> => {
    if (!window.confirm(t('invite.confirmRenew', { role: t(`roles.${invitation.role}`) }))) {
      return
    }
    setError(null)
    setCopied(false)
    try {
      const { data } = await api.renewInvitation(caseId, invitation.id)
      setCreated(data.invitation)
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  const handleRevoke = async (invitation: Invitation): Promise<void> => {
    if (!window.confirm(t('invite.confirmRevoke', { role: t(`roles.${invitation.role}`) }))) {
      return
    }
    setError(null)
    try {
      await api.revokeInvitation(caseId, invitation.id)
      if (created?.id === invitation.id) {
        setCreated(null)
      }
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  if (offline) {
    return <p className="notice">{t('invite.offline')}</p>
  }

  return (
    <section aria-labelledby={`${id}-h`} className="invitations" data-testid="invite.panel">
      <h3 id={`${id}-h`}>{t('invite.heading')}</h3>
      <p>{t('invite.intro', { days: InvitationLifetimeDays })}</p>
      <form onSubmit={(event) => void handleCreate(event)} className="form">
        <label htmlFor={`${id}-role`}>{t('invite.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as CaseRole)} data-testid="invite.role">
          {CaseRoles.map((value) => (
            <option key={value} value={value}>
              {t(`invite.roleOption.${value}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-email`}>{t('invite.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          maxLength={Limits.maxEmailLength}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          data-testid="invite.email"
        />
        <button type="submit" className="primary" disabled={busy} data-testid="invite.create">
          {t('invite.create')}
        </button>
      </form>
      {created ? (
        <div className="card invite-created" role="status" data-testid="invite.created">
          <p>
            <strong>{t('invite.createdFor', { role: t(`roles.${created.role}`) })}</strong>{' '}
            {t('invite.onceNotice', { days: InvitationLifetimeDays, until: formatDateTime(created.expiresAt, i18n.language) })}
          </p>
          {emailedTo !== null ? (
            <p data-testid="invite.emailed">{t('invite.emailed', { email: emailedTo })}</p>
          ) : null}
          {notEmailed ? <p data-testid="invite.not-emailed">{t('invite.notEmailed')}</p> : null}
          <label htmlFor={`${id}-link`}>{t('invite.link')}</label>
          <div className="copy-row">
            <input id={`${id}-link`} ref={linkRef} readOnly value={created.url} data-testid="invite.link" onFocus={(event) => event.target.select()} />
            <button type="button" onClick={() => void handleCopy()} data-testid="invite.copy">
              {t('invite.copy')}
            </button>
          </div>
          {copied ? <p className="meta" data-testid="invite.copied">{t('invite.copied')}</p> : null}
          <p className="meta">{t('invite.shownOnce')}</p>
        </div>
      ) : null}
      <ErrorAlert message={error} testId="invite.error" />
      <h4>{t('invite.listHeading')}</h4>
      {invitations !== null && invitations.length === 0 ? <p>{t('invite.none')}</p> : null}
      <ul className="plain-list" data-testid="invite.list">
        {(invitations ?? []).map((invitation) => {
          const state = invitationState(invitation, now)
          return (
            <li key={invitation.id} data-testid="invite.item" data-state={state} data-invitation-id={invitation.id}>
              <span>
                {t(`roles.${invitation.role}`)}{' '}
                <span className="meta">
                  {t('invite.createdBy', { name: invitation.createdBy, at: formatDateTime(invitation.createdAt, i18n.language) })} ·{' '}
                  {state === 'accepted'
                    ? t('invite.state.accepted', { name: invitation.acceptedBy ?? '?', at: formatDateTime(invitation.acceptedAt ?? '', i18n.language) })
                    : state === 'open'
                      ? t('invite.state.open', { until: formatDateTime(invitation.expiresAt, i18n.language) })
                      : state === 'limited'
                        ? t('invite.state.limited', { until: formatDateTime(invitation.limitedUntil ?? '', i18n.language) })
                        : t(`invite.state.${state}`)}
                </span>
              </span>
              {state === 'open' || state === 'limited' ? (
                <button type="button" className="small" onClick={() => void handleRenew(invitation)} data-testid="invite.renew">
                  {t('invite.renew', { role: t(`roles.${invitation.role}`) })}
                </button>
              ) : null}
              {state === 'open' || state === 'limited' ? (
                <button type="button" className="danger small" onClick={() => void handleRevoke(invitation)} data-testid="invite.revoke">
                  {t('invite.revoke', { role: t(`roles.${invitation.role}`) })}
                </button>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
