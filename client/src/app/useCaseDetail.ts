import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../shared/src/api/cases.js'
import { api } from '../api/endpoints.js'
import { ApiError } from '../api/errors.js'
import { useAuth, useUser } from './AuthContext.js'
import { errorText } from './errorText.js'
import { forgetCase } from '../sync/forgetCase.js'

/** A case's detail as the case screen and the report pages load it. */
export interface CaseDetailState {
  detail: CaseDetail | null
  /** Served from the offline cache (the network failed). */
  fromCache: boolean
  /** A message for the person, or null. */
  error: string | null
}

/**
 * Loads `GET /api/cases/:id` (falling back to the offline cache), again
 * whenever `reloadKey` changes; a 401 ends the session, a 403/404 reads as
 * "case not found" and deletes what this device held of the case.
 */
export function useCaseDetail(caseId: string, reloadKey = 0): CaseDetailState {
  const { t } = useTranslation()
  const user = useUser()
  const { sessionEnded } = useAuth()
  const [state, setState] = useState<CaseDetailState>({ detail: null, fromCache: false, error: null })

  useEffect(() => {
    let cancelled = false
    api
      .case(user.id, caseId)
      .then(({ data, fromCache }) => {
        if (!cancelled) {
          setState({ detail: data.case, fromCache, error: null })
        }
      })
      .catch((err: unknown) => {
        if (cancelled) {
          return
        }
        if (err instanceof ApiError && err.status === 401) {
          sessionEnded()
          return
        }
        const gone = err instanceof ApiError && (err.status === 404 || err.status === 403)
        if (gone) {
          // Erased, or no longer the user's case: this device keeps nothing of it.
          void forgetCase(user.id, caseId)
        }
        setState((previous) => ({ ...previous, detail: gone ? null : previous.detail, error: gone ? t('case.notFound') : errorText(t, err) }))
      })
    return () => {
      cancelled = true
    }
  }, [user.id, caseId, reloadKey, sessionEnded, t])

  return state
}
