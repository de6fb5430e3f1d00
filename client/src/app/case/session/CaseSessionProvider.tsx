import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { CaseSessionContext } from './CaseSessionContext.js'
import { useCaseSessionState } from './useCaseSessionState.js'

/**
 * Loads the case session of `caseId` and provides it to `children` (read it
 * with `useCaseSession()`); shows the loading state or the error meanwhile.
 */
export function CaseSessionProvider({ caseId, children }: { caseId: string; children: ReactNode }) {
  const { t } = useTranslation()
  const { session, error } = useCaseSessionState(caseId)
  if (error) {
    return (
      <div className="stack">
        <ErrorAlert message={error} testId="case.error" />
        <Link to="/">{t('case.back')}</Link>
      </div>
    )
  }
  if (!session) {
    return <p role="status">{t('app.loading')}</p>
  }
  return <CaseSessionContext.Provider value={session}>{children}</CaseSessionContext.Provider>
}
