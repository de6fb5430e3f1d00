import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConsentGrant } from '../../../../../shared/src/api/consents.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatDate, formatDateTime } from '../../format.js'
import { grantState, localDateOf, sortGrants } from './consentModel.js'

export interface GrantsListProps {
  caseId: string
  grants: readonly ConsentGrant[] | null
  fromCache: boolean
  loadError: string | null
  today: string
  /** The coachee and coaches may revoke. */
  canRevoke: boolean
  offline: boolean
  /** The coachee's plain-language heading. */
  plain?: boolean
  /** A grant was revoked here: read the list again. */
  onRevoked: () => void
}

/**
 * Every grant of the case, for every member (transparency is part of
 * consent): field (and whether it is health data), who may read it, since
 * when, purpose, evidence, end date, and whether it still holds.
 */
export function GrantsList({ caseId, grants, fromCache, loadError, today, canRevoke, offline, plain = false, onRevoked }: GrantsListProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)

  const handleRevoke = async (grant: ConsentGrant): Promise<void> => {
    setBusy(grant.id)
    setError(null)
    setStatus(null)
    try {
      await api.revokeConsent(caseId, grant.id)
      setStatus(t('consent.revoked', { person: grant.memberName, field: t(`confidentialPanel.title.${grant.field}`) }))
      onRevoked()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(null)
    }
  }

  const sorted = grants === null ? null : sortGrants(grants, today)
  return (
    <section aria-labelledby={`${id}-h`} className="grants" data-testid="consent.grants">
      <h3 id={`${id}-h`}>{t(plain ? 'consent.list.plainHeading' : 'consent.list.heading')}</h3>
      <p id={`${id}-intro`} className="meta">
        {t('consent.list.intro')}
      </p>
      <p role="status" className={status ? 'notice success' : undefined} data-testid="consent.grants.status">
        {status}
      </p>
      {fromCache ? <p className="notice">{t('consent.list.offlineCached')}</p> : null}
      <ErrorAlert message={loadError} testId="consent.grants.load-error" />
      <ErrorAlert message={error} testId="consent.grants.error" />
      {sorted === null && loadError === null ? <p role="status">{t('app.loading')}</p> : null}
      {sorted !== null && sorted.length === 0 ? <p data-testid="consent.grants.empty">{t('consent.list.empty')}</p> : null}
      {sorted !== null && sorted.length > 0 ? (
        <ul className="grant-list" aria-describedby={`${id}-intro`}>
          {sorted.map((grant) => {
            const state = grantState(grant, today)
            const fieldTitle = t(`confidentialPanel.title.${grant.field}`)
            return (
              <li
                key={grant.id}
                className={`grant grant-${state}`}
                data-testid="consent.grant"
                data-grant-id={grant.id}
                data-field={grant.field}
                data-member-id={grant.memberId}
                data-state={state}
                data-evidence={grant.evidence}
              >
                <div className="grant-head">
                  <p className="grant-what">
                    <strong>{fieldTitle}</strong>
                    {grant.healthData ? (
                      <>
                        {' '}
                        <span className="badge badge-health">{t('confidentialPanel.badge.health')}</span>
                      </>
                    ) : null}
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden">, {t('consent.list.col.reader')}: </span>
                    {grant.memberName} <span className="meta">({t(`roles.${grant.memberRole}`)})</span>
                  </p>
                  <p className={`grant-state state-${state}`} data-testid="consent.grant.state">
                    {state === 'revoked'
                      ? t('consent.list.state.revoked', {
                          date: grant.revokedAt !== null ? formatDateTime(grant.revokedAt, i18n.language) : '?',
                          name: grant.revokedByName ?? '?',
                        })
                      : t(`consent.list.state.${state}`)}
                  </p>
                  {canRevoke && state === 'active' ? (
                    <button
                      type="button"
                      className="danger small"
                      disabled={offline || busy !== null}
                      aria-label={t('consent.list.revokeLabel', { name: grant.memberName, field: fieldTitle })}
                      onClick={() => void handleRevoke(grant)}
                      data-testid="consent.grant.revoke"
                    >
                      {t('consent.list.revoke')}
                    </button>
                  ) : null}
                </div>
                <dl className="grant-facts">
                  <div>
                    <dt>{t('consent.list.col.since')}</dt>
                    <dd>
                      <time dateTime={grant.grantedAt}>{formatDateTime(grant.grantedAt, i18n.language)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('consent.list.col.evidence')}</dt>
                    <dd>
                      {grant.evidence === 'signedForm'
                        ? t('consent.list.evidence.signedForm', {
                            date: formatDate(grant.signedOn ?? localDateOf(grant.grantedAt), i18n.language),
                            name: grant.grantedByName,
                          })
                        : t('consent.list.evidence.inApp', { name: grant.grantedByName })}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('consent.list.col.validUntil')}</dt>
                    <dd>{grant.validUntil !== null ? formatDate(grant.validUntil, i18n.language) : t('consent.list.untilRevoked')}</dd>
                  </div>
                  <div className="grant-purpose">
                    <dt>{t('consent.list.col.purpose')}</dt>
                    <dd>{grant.purpose}</dd>
                  </div>
                </dl>
              </li>
            )
          })}
        </ul>
      ) : null}
    </section>
  )
}
