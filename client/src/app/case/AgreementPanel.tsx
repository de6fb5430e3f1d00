import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../shared/src/api/cases.js'
import { agreementStatus } from '../../agreements/agreementStatus.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { useRoomSyncState } from '../../sync/steadySnapshot.js'
import { api } from '../../api/endpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'
import { planLabelKey, type PlanView } from './planView.js'
import type { AgreementsState } from './session/useAgreements.js'
import { agreementComplete, rolesThatMustAgree } from '../../../../shared/src/process/agreementCompleteness.js'
import type * as Y from 'yjs'
import { ChangedSinceAgreed } from './versions/ChangedSinceAgreed.js'

export interface AgreementPanelProps {
  detail: CaseDetail
  userId: string
  /** Live hash of the local plan doc, or null while it is not known (not loaded, not synced). */
  liveHash: string | null
  /** The open plan room (null while it is not open): agreeing signs what is shown once it is in sync with the server. */
  planRoom: CaseRoom | null
  offline: boolean
  view: PlanView
  /** The agreements as the case session loaded them (again whenever the server says they changed). */
  agreements: AgreementsState
  /** The caller agreed: the agreements are read again. */
  onAgreed: () => void
  /** The live plan document, to show what changed since the caller agreed. */
  planDoc: Y.Doc | null
}

/**
 * Agreement to the measure plan: who agreed to the version shown now, who
 * agreed to an earlier one ("changed since agreed"), and the caller's own
 * "I agree" button.
 */
export function AgreementPanel({ detail, userId, liveHash, planRoom, offline, view, agreements: loaded, onAgreed, planDoc }: AgreementPanelProps) {
  const { t, i18n } = useTranslation()
  // No unsent edits: this panel alone follows the sync state, which flips with every keystroke.
  const canAgreeNow = useRoomSyncState(planRoom) === 'synced'
  const id = useId()
  const { agreements, serverHash } = loaded
  const [agreeError, setAgreeError] = useState<string | null>(null)
  /** The "agreement saved" notice, for the plan content it was given to. */
  const [notice, setNotice] = useState<{ text: string; hash: string | null } | null>(null)
  const [busy, setBusy] = useState(false)
  const error = agreeError ?? loaded.error

  const currentHash = liveHash ?? serverHash
  const status = agreementStatus(agreements ?? [], detail.members, currentHash)
  const mine = status.members.find((entry) => entry.userId === userId) ?? null
  const plain = view === 'plain'

  const handleAgree = async (): Promise<void> => {
    setBusy(true)
    setAgreeError(null)
    setNotice(null)
    try {
      const { data } = await api.agree(detail.id)
      // The content the server recorded the agreement for: the hash of this render may still be
      // catching up with the last keystrokes (it is computed asynchronously), and would hide the notice.
      setNotice({ text: t(plain ? 'plain.agreed' : 'agreement.done'), hash: data.agreement.planHash })
      onAgreed()
    } catch (err) {
      setAgreeError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const changedNames = status.changedSinceAgreed.map((entry) => entry.name).join(', ')
  const iAmOutdated = mine !== null && mine.latest !== null && !mine.current
  // Contract §8.3: "agreed" means every member who must agree did, to this content.
  const complete = agreementComplete(agreements ?? [], detail.members, currentHash, detail.flow)
  const mustAgree = rolesThatMustAgree(detail.flow)
  const notYet = (role: CaseDetail['members'][number]['role']): string =>
    mustAgree.includes(role) ? t(plain ? 'plain.notYet' : 'agreement.notYet') : t(plain ? 'plain.notRequired' : 'agreement.notRequired')

  return (
    <section aria-labelledby={`${id}-h`} className={`agreement card${plain ? ' plain-view' : ''}`} data-testid="agreement.panel">
      <h3 id={`${id}-h`}>{t(plain ? 'plain.agreementHeading' : 'agreement.heading')}</h3>
      {status.changedSince ? (
        <p role="status" className="notice warn" data-testid="agreement.changed-since">
          {plain ? (
            t('plain.changedSince')
          ) : (
            <>
              <strong>{t('agreement.changedSince')}</strong> {t('agreement.changedSinceDetail', { names: changedNames })}
            </>
          )}
        </p>
      ) : null}
      {agreements === null && !error ? <p role="status">{t('app.loading')}</p> : null}
      {agreements !== null && currentHash !== null ? (
        <p className={complete ? 'agreement-current' : 'meta'} data-testid="agreement.complete" data-complete={complete ? 'true' : 'false'}>
          {t(`${plain ? 'plain' : 'versions'}.${complete ? 'complete' : 'incomplete'}`)}
        </p>
      ) : null}
      {agreements !== null ? (
        <ul className="plain-list agreement-list">
          {status.members.map((entry) => (
            <li key={entry.userId} data-testid="agreement.item" data-current={entry.current ? 'true' : 'false'} data-user-id={entry.userId}>
              <span>
                {entry.name} <span className="meta">({t(`roles.${entry.role}`)})</span>
                {entry.latest?.onBehalfOfName ? (
                  <span className="meta" data-testid="agreement.for">
                    {' '}
                    {t('agreement.forCoachee', { name: entry.latest.onBehalfOfName })}
                  </span>
                ) : null}
              </span>
              <span className={entry.current ? 'agreement-current' : 'meta'}>
                {entry.latest === null
                  ? notYet(entry.role)
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
          {!canAgreeNow && !offline ? <p className="meta">{t(plain ? 'plain.waitForSync' : 'agreement.waitForSync')}</p> : null}
          {offline ? <p className="meta">{t(plain ? 'plain.offline' : 'agreement.offline')}</p> : null}
        </div>
      )}
      {/* Once the plan changed, "saved" would contradict "please agree again". */}
      {notice && notice.hash === currentHash ? (
        <p role="status" className="notice" data-testid="agreement.notice">
          {notice.text}
        </p>
      ) : null}
      <ErrorAlert message={error} testId="agreement.error" />
    </section>
  )
}
