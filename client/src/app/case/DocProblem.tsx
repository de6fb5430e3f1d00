import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { reloadIntoNewVersion } from '../appUpdate.js'
import { LocalRecoveryActions } from './LocalProblem.js'
import type { ReadFailureReason } from '../../../../shared/src/caseDocument/common.js'

/**
 * Why a document cannot be shown: not loaded yet; an older schema the
 * server is about to migrate (a local copy from before an update: wait);
 * a newer schema (this app is outdated: update it); or invalid content
 * (with the room: export the local copy and recover from the server).
 */
export function DocProblem({ reason, issues, testId, room }: { reason: ReadFailureReason; issues: string[]; testId: string; room?: CaseRoom }) {
  const { t } = useTranslation()
  const [updating, setUpdating] = useState(false)
  const invalid = reason === 'invalid'
  useEffect(() => {
    if (invalid) {
      room?.reportSchemaProblem()
    }
  }, [room, invalid])
  const calm = reason === 'empty' || reason === 'olderSchema'
  const text =
    reason === 'empty'
      ? t('case.notLoaded')
      : reason === 'olderSchema'
        ? t('case.olderSchema')
        : reason === 'newerSchema'
          ? t('case.newerSchema')
          : t('case.invalid')
  return (
    <div role={calm ? 'status' : 'alert'} className={calm ? 'notice' : 'alert'} data-testid={testId} data-reason={reason}>
      <p>{text}</p>
      {issues.length > 0 && reason !== 'olderSchema' ? (
        <details>
          <summary>Details</summary>
          <ul>
            {issues.slice(0, 10).map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {reason === 'newerSchema' ? (
        <p className="actions">
          <button
            type="button"
            className="primary"
            disabled={updating}
            onClick={() => {
              setUpdating(true)
              void reloadIntoNewVersion()
            }}
            data-testid="case.update-app"
          >
            {t('case.updateApp')}
          </button>
        </p>
      ) : null}
      {/* After a refusal the refusal's own message (LocalProblemMessage) offers the way out. */}
      {invalid && room && room.snapshot.localProblem !== 'refused' ? (
        <div data-testid="case.local-problem" data-reason="schema">
          <p>{t('case.localProblem.exportHint')}</p>
          <LocalRecoveryActions room={room} problem="schema" />
        </div>
      ) : null}
    </div>
  )
}
