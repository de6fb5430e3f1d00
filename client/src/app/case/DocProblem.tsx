import { useTranslation } from 'react-i18next'
import type { ReadFailureReason } from '../../../../shared/src/caseDocument/common.js'

/** Why a document cannot be shown: not loaded yet, newer schema, or invalid. */
export function DocProblem({ reason, issues, testId }: { reason: ReadFailureReason; issues: string[]; testId: string }) {
  const { t } = useTranslation()
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
    </div>
  )
}
