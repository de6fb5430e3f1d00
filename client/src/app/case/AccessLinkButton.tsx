import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatedAccessLinkReply } from '../../../../shared/src/api/passwordResets.js'
import type { Member } from '../../../../shared/src/api/cases.js'
import { api } from '../../api/endpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'

/**
 * "Neuen Zugangslink erstellen" for an external member (contract §8.5): the
 * link sets a new password once and ends the person's other sessions; it is
 * shown once, to be handed over on a safe way.
 */
export function AccessLinkButton({ caseId, member }: { caseId: string; member: Member }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [link, setLink] = useState<CreatedAccessLinkReply['link'] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const handleCreate = async (): Promise<void> => {
    if (!window.confirm(t('members.accessLink.confirm', { name: member.name }))) {
      return
    }
    setBusy(true)
    setError(null)
    try {
      const { data } = await api.createAccessLink(caseId, member.id)
      setLink(data.link)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" className="small" disabled={busy} onClick={() => void handleCreate()} data-testid="members.access-link">
        {t('members.accessLink.create', { name: member.name })}
      </button>
      {link ? (
        <div className="card invite-created" role="status" data-testid="members.access-link-created">
          <p>{t('members.accessLink.created', { name: member.name, until: formatDateTime(link.expiresAt, i18n.language) })}</p>
          <label htmlFor={`${id}-link`}>{t('members.accessLink.link')}</label>
          <input id={`${id}-link`} readOnly value={link.url} data-testid="members.access-link-url" onFocus={(event) => event.target.select()} />
          <p className="meta">{t('invite.shownOnce')}</p>
        </div>
      ) : null}
      <ErrorAlert message={error} testId="members.access-link-error" />
    </>
  )
}
