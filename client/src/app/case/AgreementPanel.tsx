import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Agreement } from '../../../../shared/src/api/agreements.js'
import type { CaseDetail } from '../../../../shared/src/api/cases.js'
import { agreementStatus } from '../../agreements/agreementStatus.js'
import { api } from '../../api/endpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'
import { planLabelKey, type PlanView } from './planView.js'
import { agreementComplete } from '../../../../shared/src/process/agreementCompleteness.js'
import type * as Y from 'yjs'
import { ChangedSinceAgreed } from './versions/ChangedSinceAgreed.js'

export interface AgreementPanelProps {
  detail: CaseDetail
  userId: string
  /** Live hash of the local plan doc, or null while it is not known (not loaded, not synced). */
  liveHash: string | null
  /** The plan is in sync with the server now (no unsent edits): agreeing signs what is shown. */
  canAgreeNow: boolean
  offline: boolean
  view: PlanView
  /** Bumped when the server says agreements changed. */
  refreshKey: number
  /** The live plan document, to show what changed since the caller agreed. */
  planDoc: Y.Doc | null
  /** Told the agreements and the server's current plan hash whenever they were (re)loaded. */
  onLoaded?: (agreements: Agreement[], currentPlanHash: string | null) => void
}

/**
 * Agreement to the measure plan: who agreed to the version shown now, who
 * agreed to an earlier one ("changed since agreed"), and the caller's own
 * "I agree" button.
 */
export function AgreementPanel({ detail, userId, liveHash, canAgreeNow, offline, view, refreshKey, planDoc, onLoaded }: AgreementPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [agreements, setAgreements] = useState<Agreement[] | null>(null)
  const [serverHash, setServerHash] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [ownRefresh, setOwnRefresh] = useState(0)
  const onLoadedRef = useRef(onLoaded)
  useEffect(() => {
    onLoadedRef.current = onLoaded
  }, [onLoaded])

  useEffect(() => {
    let cancelled = false
    api
      .agreements(detail.id)
      .then(({ data }) => {
        if (!cancelled) {
          setAgreements(data.agreements)
          setServerHash(data.currentPlanHash)
          setError(null)
          onLoadedRef.current?.(data.agreements, data.currentPlanHash)
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
  }, [detail.id, refreshKey, ownRefresh, t])

  const refresh = useCallback(() => setOwnRefresh((n) => n + 1), [])

  const currentHash = liveHash ?? serverHash
  const status = agreementStatus(agreements ?? [], detail.members, currentHash)
  const mine = status.members.find((entry) => entry.userId === userId) ?? null
  const plain = view === 'plain'

  const handleAgree = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      await api.agree(detail.id)
      setNotice(t(plain ? 'plain.agreed' : 'agreement.done'))
      refresh()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const changedNames = status.changedSinceAgreed.map((entry) => entry.name).join(', ')
  const iAmOutdated = mine !== null && mine.latest !== null && !mine.current
  // Contract §8.3: "agreed" means every member who must agree did, to this content.
  const complete = agreementComplete(agreements ?? [], detail.members, currentHash, detail.flow)

  return (
    <section aria-labelledby={`${id}-h`} className={`agreement card${plain ? ' plain-view' : ''}`} data-testid="agreement.panel">
      <h3 id={`${id}-h`}>{t(plain ? 'plain.agreementHeading' : 'agreement.heading')}</h3>
      {status.changedSince ? (
        <p role="status" className="notice warn" data-testid="agreement.changed-since">
          <strong>{t('agreement.changedSince')}</strong>{' '}
          {plain ? t('plain.changedSince') : t('agreement.changedSinceDetail', { names: changedNames })}
        </p>
      ) : null}
      {agreements === null && !error ? <p role="status">{t('app.loading')}</p> : null}
      {agreements !== null && currentHash !== null ? (
        <p className={complete ? 'agreement-current' : 'meta'} data-testid="agreement.complete" data-complete={complete ? 'true' : 'false'}>
          {t(complete ? 'versions.complete' : 'versions.incomplete')}
        </p>
      ) : null}
      {agreements !== null ? (
        <ul className="plain-list agreement-list">
          {status.members.map((entry) => (
            <li key={entry.userId} data-testid="agreement.item" data-current={entry.current ? 'true' : 'false'} data-user-id={entry.userId}>
              <span>
                {entry.name} <span className="meta">({t(`roles.${entry.role}`)})</span>
              </span>
              <span className={entry.current ? 'agreement-current' : 'meta'}>
                {entry.latest === null
                  ? t(plain ? 'plain.notYet' : 'agreement.notYet')
                  : entry.current
                    ? t(plain ? 'plain.current' : 'agreement.current', { at: formatDateTime(entry.latest.at, i18n.language) })
                    : t(plain ? 'plain.outdated' : 'agreement.outdated', { at: formatDateTime(entry.latest.at, i18n.language) })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {mine?.current ? (
        <p className="agreement-current" data-testid="agreement.mine-current">
          {t(plain ? 'plain.youAgreed' : 'agreement.youAgreed')}
        </p>
      ) : (
        <div className="agreement-action">
          <p id={`${id}-explain`}>{t(planLabelKey(view, 'agreeExplanation'))}</p>
          {iAmOutdated ? <p>{t(plain ? 'plain.agreeAgain' : 'agreement.agreeAgain')}</p> : null}
          {iAmOutdated && mine.latest && !offline ? (
            <ChangedSinceAgreed caseId={detail.id} versionId={mine.latest.versionId} planDoc={planDoc} view={view} />
          ) : null}
          <button
            type="button"
            className="primary"
            aria-describedby={`${id}-explain`}
            disabled={busy || offline || !canAgreeNow || currentHash === null}
            onClick={() => void handleAgree()}
            data-testid="agreement.agree"
          >
            {t(planLabelKey(view, 'agree'))}
          </button>
          {!canAgreeNow && !offline ? <p className="meta">{t('agreement.waitForSync')}</p> : null}
          {offline ? <p className="meta">{t('agreement.offline')}</p> : null}
        </div>
      )}
      {notice ? (
        <p role="status" className="notice" data-testid="agreement.notice">
          {notice}
        </p>
      ) : null}
      <ErrorAlert message={error} testId="agreement.error" />
    </section>
  )
}
