import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import type { Release } from '../../../../../shared/src/api/releases.js'
import { can } from '../../../../../shared/src/policy/actions.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatDate } from '../../format.js'
import { OwnReleaseForm } from './OwnReleaseForm.js'
import { ReleaseForm } from './ReleaseForm.js'

export interface ReleasesPanelProps {
  detail: CaseDetail
  today: string
  offline: boolean
  /** The coachee's and guardian's plain words, with the formal term as secondary text. */
  plain: boolean
  /** The releases the caller sees (the case session reads them), null until read. */
  releases: Release[] | null
  /** Why they could not be read, or null. */
  loadError: string | null
  /** Reads them again after the caller's own change. */
  onChanged: () => void
}

/**
 * Releases from confidentiality (Schweigepflichtentbindung, issue 16): who
 * releases whom, towards whom, for what, from when until when, with which
 * evidence. Coaches record them; the coachee and a guardian see them in
 * plain words, give their own in the app and may revoke; an employer sees
 * only one towards them.
 */
export function ReleasesPanel({ detail, today, offline, plain, releases, loadError, onChanged }: ReleasesPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const role = detail.myRole

  const handleRevoke = async (release: Release): Promise<void> => {
    setBusy(release.id)
    setError(null)
    setStatus(null)
    try {
      await api.revokeRelease(detail.id, release.id)
      setStatus(t('releases.revoked', { recipient: release.recipientName }))
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(null)
    }
  }

  const state = (release: Release): string => {
    if (release.endedBy === 'revoked') {
      return t('releases.state.revoked', { date: release.revokedAt !== null ? formatDate(release.revokedAt.slice(0, 10), i18n.language) : '' })
    }
    if (release.endedBy === 'lapsed') {
      return t('releases.state.lapsed')
    }
    if (!release.active) {
      return t('releases.state.notYet')
    }
    return release.endingSoon ? t('releases.state.endingSoon') : t('releases.state.active')
  }

  return (
    <section aria-labelledby={`${id}-h`} className="releases" data-testid="releases.panel">
      <h3 id={`${id}-h`}>
        {t(plain ? 'releases.plainHeading' : 'releases.heading')}
        {plain ? <small className="meta formal-term"> ({t('releases.heading')})</small> : null}
      </h3>
      <p className={plain ? 'plain-intro' : 'meta'}>{t(plain ? 'releases.plainIntro' : 'releases.intro')}</p>
      <p role="status" className={status ? 'notice success' : undefined} data-testid="releases.status">
        {status}
      </p>
      <ErrorAlert message={error ?? loadError} testId="releases.error" />
      {releases === null ? null : releases.length === 0 ? (
        <p className="meta" data-testid="releases.empty">
          {t('releases.none')}
        </p>
      ) : (
        <ul className="release-list" data-testid="releases.list">
          {releases.map((release) => (
            <li key={release.id} className="card" data-testid="releases.item">
              <p>
                <strong>
                  {release.onBehalfOfName !== null
                    ? t('releases.byFor', { name: release.releasorName, coachee: release.onBehalfOfName })
                    : release.releasorName}
                </strong>{' '}
                {t(plain ? 'releases.plainSentence' : 'releases.sentence', { released: release.releasedParty, recipient: release.recipientName })}{' '}
                <span className="meta">({t(`releases.kind.${release.recipientKind}`)})</span>
              </p>
              <dl className="release-facts">
                <dt>{t('releases.purpose')}</dt>
                <dd>{release.purpose}</dd>
                <dt>{t('releases.valid')}</dt>
                <dd>
                  {release.validUntil !== null
                    ? t('releases.fromUntil', { from: formatDate(release.validFrom, i18n.language), until: formatDate(release.validUntil, i18n.language) })
                    : t('releases.fromOpen', { from: formatDate(release.validFrom, i18n.language) })}
                </dd>
                <dt>{t('releases.evidence')}</dt>
                <dd>
                  {release.evidence === 'signedForm' && release.signedOn !== null
                    ? t('releases.signedOn', { date: formatDate(release.signedOn, i18n.language) })
                    : t('releases.inApp')}
                </dd>
                <dt>{t('releases.stateLabel')}</dt>
                <dd data-testid="releases.state">{state(release)}</dd>
              </dl>
              {release.endedBy === null && can(role, 'releases.revoke') ? (
                <button type="button" disabled={offline || busy !== null} onClick={() => void handleRevoke(release)} data-testid="releases.revoke">
                  {t(plain ? 'releases.plainRevoke' : 'releases.revoke', { recipient: release.recipientName })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {can(role, 'releases.manage') ? (
        <ReleaseForm detail={detail} today={today} offline={offline} onRecorded={onChanged} />
      ) : can(role, 'releases.giveOwn') && !detail.closedAt ? (
        <OwnReleaseForm detail={detail} today={today} offline={offline} onRecorded={onChanged} />
      ) : null}
    </section>
  )
}
