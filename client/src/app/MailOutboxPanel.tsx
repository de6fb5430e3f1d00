import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OutboxReply } from '../../../shared/src/api/mail.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { errorText } from './errorText.js'
import { formatDateTime } from './format.js'

/** The admin's view of the mail outbox: kind, recipient, status and the last SMTP error — never a mail's body. */
export function MailOutboxPanel() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [outbox, setOutbox] = useState<OutboxReply | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api
      .mailOutbox()
      .then(({ data }) => setOutbox(data))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])

  return (
    <section aria-labelledby={`${id}-h`} data-testid="outbox.panel">
      <h2 id={`${id}-h`}>{t('mailOutbox.heading')}</h2>
      {outbox && !outbox.mailEnabled ? <p className="meta">{t('mailOutbox.off')}</p> : null}
      {outbox?.mails.length === 0 ? <p>{t('mailOutbox.none')}</p> : null}
      <ErrorAlert message={error} testId="outbox.error" />
      <ul className="plain-list" data-testid="outbox.list">
        {(outbox?.mails ?? []).map((mail) => (
          <li key={mail.id} data-testid="outbox.item" data-status={mail.status}>
            <strong>{t(`mailOutbox.kind.${mail.kind}`)}</strong> · {mail.recipient} · {t(`mailOutbox.status.${mail.status}`)}{' '}
            <span className="meta">
              {formatDateTime(mail.createdAt, i18n.language)} · {t('mailOutbox.attempts', { count: mail.attempts })}
              {mail.status === 'pending' && mail.nextAttemptAt !== null ? ` · ${t('mailOutbox.nextAttempt', { at: formatDateTime(mail.nextAttemptAt, i18n.language) })}` : ''}
              {mail.lastError !== null ? ` · ${mail.lastError}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
