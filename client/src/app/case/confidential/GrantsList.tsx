import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConsentGrant } from '../../../../../shared/src/api/consents.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatDate, formatDateTime } from '../../format.js'
import { FormalTerm } from '../../../components/FormalTerm.js'
import { grantState, localDateOf, sortGrants } from './consentModel.js'
import { fieldTitle } from './fieldTitle.js'

export interface GrantsListProps {
  caseId: string
  grants: readonly ConsentGrant[] | null
  fromCache: boolean
  loadError: string | null
  today: string
  /** The coachee and coaches may revoke. */
  canRevoke: boolean
  offline: boolean
  /** The coachee's plain words: heading, field names, labels and the revoke button. */
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
  // The coachee's plain word where there is one (`plain.grants.*`), the list's own otherwise.
  const word = (plainKey: string, key: string, options?: Record<string, string>): string => t(plain ? `plain.grants.${plainKey}` : key, options ?? {})

  const handleRevoke = async (grant: ConsentGrant): Promise<void> => {
    setBusy(grant.id)
    setError(null)
    setStatus(null)
    try {
      await api.revokeConsent(caseId, grant.id)
      setStatus(t('consent.revoked', { person: grant.memberName, field: fieldTitle(t, grant.field, plain) }))
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
        {word('intro', 'consent.list.intro')}
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
            const title = fieldTitle(t, grant.field, plain)
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
                    <strong>{title}</strong>
                    {plain ? <FormalTerm term={fieldTitle(t, grant.field, false)} /> : null}
                    {grant.healthData ? (
                      <>
                        {' '}
                        <span className="badge badge-health">{t(plain ? 'plain.badge.health' : 'confidentialPanel.badge.health')}</span>
                      </>
                    ) : null}
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden">, {t('consent.list.col.reader')}: </span>
                    {grant.memberName} <span className="meta">({t(`roles.${grant.memberRole}`)})</span>
                  </p>
                  <p className={`grant-state state-${state}`} data-testid="consent.grant.state">
                    {state === 'revoked'
                      ? word('revoked', 'consent.list.state.revoked', {
                          date: grant.revokedAt !== null ? formatDateTime(grant.revokedAt, i18n.language) : '?',
                          name: grant.revokedByName ?? '?',
                        })
                      : word(state, `consent.list.state.${state}`)}
                  </p>
                  {canRevoke && state === 'active' ? (
                    <button
                      type="button"
                      className="danger small"
                      disabled={offline || busy !== null}
                      aria-label={word('revokeLabel', 'consent.list.revokeLabel', { name: grant.memberName, field: title })}
                      onClick={() => void handleRevoke(grant)}
                      data-testid="consent.grant.revoke"
                    >
                      {word('revoke', 'consent.list.revoke')}
                    </button>
                  ) : null}
                </div>
                <dl className="grant-facts">
                  <div>
                    <dt>{word('since', 'consent.list.col.since')}</dt>
                    <dd>
                      <time dateTime={grant.grantedAt}>{formatDateTime(grant.grantedAt, i18n.language)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{word('evidence', 'consent.list.col.evidence')}</dt>
                    <dd>
                      {grant.evidence === 'signedForm'
                        ? word('evidenceSignedForm', 'consent.list.evidence.signedForm', {
                            date: formatDate(grant.signedOn ?? localDateOf(grant.grantedAt), i18n.language),
                            name: grant.grantedByName,
                          })
                        : word('evidenceInApp', 'consent.list.evidence.inApp', { name: grant.grantedByName })}
                    </dd>
                  </div>
                  <div>
                    <dt>{word('validUntil', 'consent.list.col.validUntil')}</dt>
                    <dd>{grant.validUntil !== null ? formatDate(grant.validUntil, i18n.language) : word('untilRevoked', 'consent.list.untilRevoked')}</dd>
                  </div>
                  <div className="grant-purpose">
                    <dt>{word('purpose', 'consent.list.col.purpose')}</dt>
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
