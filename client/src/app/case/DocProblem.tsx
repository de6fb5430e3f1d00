import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { LocalRecoveryActions } from './LocalProblem.js'
import type { ReadFailureReason } from '../../../../shared/src/caseDocument/common.js'

/**
 * Why a document cannot be shown: not loaded yet, newer schema, or invalid.
 * With the room, a newer or invalid document also offers the recovery from
 * the server (the local copy is exported first).
 */
export function DocProblem({ reason, issues, testId, room }: { reason: ReadFailureReason; issues: string[]; testId: string; room?: CaseRoom }) {
  const { t } = useTranslation()
  const schemaProblem = reason === 'newerSchema' || reason === 'invalid'
  useEffect(() => {
    if (schemaProblem) {
      room?.reportSchemaProblem()
    }
  }, [room, schemaProblem])
  const text = reason === 'empty' ? t('case.notLoaded') : reason === 'newerSchema' ? t('case.newerSchema') : t('case.invalid')
  return (
    <div role={reason === 'empty' ? 'status' : 'alert'} className={reason === 'empty' ? 'notice' : 'alert'} data-testid={testId} data-reason={reason}>
      <p>{text}</p>
      {issues.length > 0 ? (
        <details>
          <summary>Details</summary>
          <ul>
            {issues.slice(0, 10).map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {schemaProblem && room ? (
        <div data-testid="case.local-problem" data-reason="schema">
          <p>{t('case.localProblem.exportHint')}</p>
          <LocalRecoveryActions room={room} />
        </div>
      ) : null}
    </div>
  )
}
