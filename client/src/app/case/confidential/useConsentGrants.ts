import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConsentGrant } from '../../../../../shared/src/api/consents.js'
import { api } from '../../../api/endpoints.js'
import { errorText } from '../../errorText.js'

export interface ConsentGrantsState {
  /** Every grant of the case, or null until loaded. */
  grants: ConsentGrant[] | null
  /** Served from the offline cache (the network failed). */
  fromCache: boolean
  error: string | null
  /** Reads the list again (after the caller's own grant or revocation). */
  reload: () => void
}

/**
 * The case's consent grants (`GET /api/cases/:id/consents`) while `enabled`,
 * read again whenever `generation` moves (the case's event stream says
 * 'consents', or `reload` was called after the caller's own change). Falls
 * back to the last list read on this device when offline.
 */
export function useConsentGrants(caseId: string, userId: string, enabled: boolean, generation: number, reload: () => void): ConsentGrantsState {
  const { t } = useTranslation()
  const [state, setState] = useState<Omit<ConsentGrantsState, 'reload'> & { caseId: string }>({
    caseId,
    grants: null,
    fromCache: false,
    error: null,
  })

  useEffect(() => {
    if (!enabled) {
      return undefined
    }
    let cancelled = false
    api
      .consents(userId, caseId)
      .then(({ data, fromCache }) => {
        if (!cancelled) {
          setState({ caseId, grants: data.grants, fromCache, error: null })
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setState((previous) => ({ ...previous, caseId, error: errorText(t, err) }))
        }
      })
    return () => {
      cancelled = true
    }
  }, [caseId, userId, enabled, generation, t])

  // A list read for another case is never shown.
  const current = state.caseId === caseId ? state : { grants: null, fromCache: false, error: null }
  const { grants, fromCache, error } = current
  // Stable while unchanged: it is part of the case session every tab reads.
  return useMemo(() => ({ grants, fromCache, error, reload }), [grants, fromCache, error, reload])
}
