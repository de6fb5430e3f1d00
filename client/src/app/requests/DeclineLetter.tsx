/**
 * The letter a declined request leaves (issue 19): the quality standards
 * ask that a refusal be communicated transparently — why, and where else
 * to turn. Written from the request for the requester, to print or copy.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IntakeRequest } from '../../../../shared/src/api/requests.js'
import { formatDate } from '../format.js'

/** The letter's text (plain, so it can be copied into a mail or a letter template). */
export function declineLetterText(t: (key: string, values?: Record<string, string>) => string, request: IntakeRequest, language: string): string {
  const addressee = request.requesterKind === 'person' || request.requesterName === '' ? request.personName : request.requesterName
  return [
    request.requesterContact !== '' ? `${addressee}\n${request.requesterContact}` : addressee,
    '',
    t('requests.letter.subject', { name: request.personName, date: formatDate(request.firstContactOn, language) }),
    '',
    t('requests.letter.salutation'),
    '',
    t('requests.letter.thanks', { date: formatDate(request.firstContactOn, language) }),
    '',
    t('requests.letter.reasonIntro'),
    request.declineReason,
    '',
    t('requests.letter.referralIntro'),
    request.referral,
    '',
    t('requests.letter.closing'),
    '',
    t('requests.letter.regards'),
    request.decidedByName ?? '',
  ].join('\n')
}

export function DeclineLetter({ request }: { request: IntakeRequest }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [copied, setCopied] = useState(false)
  const text = declineLetterText(t, request, i18n.language)
  return (
    <section className="card decline-letter" aria-labelledby={`${id}-h`} data-testid="requests.letter">
      <h2 id={`${id}-h`}>{t('requests.letter.heading')}</h2>
      <p className="meta no-print">{t('requests.letter.intro')}</p>
      <pre className="letter-text pre-line" data-testid="requests.letter-text">
        {text}
      </pre>
      <div className="button-row no-print">
        <button type="button" onClick={() => window.print()} data-testid="requests.letter-print">
          {t('requests.letter.print')}
        </button>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true))
          }}
          data-testid="requests.letter-copy"
        >
          {t('requests.letter.copy')}
        </button>
      </div>
      <p role="status" className="meta">
        {copied ? t('requests.letter.copied') : null}
      </p>
    </section>
  )
}
