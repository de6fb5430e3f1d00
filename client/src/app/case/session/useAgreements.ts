import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Agreement } from '../../../../../shared/src/api/agreements.js'
import { api } from '../../../api/endpoints.js'
import { errorText } from '../../errorText.js'

/** The agreements to the case's measure plan as the server lists them. */
export interface AgreementsState {
  /** Every agreement given, or null until loaded. */
  agreements: Agreement[] | null
  /** The server's hash of the committed plan when the list was read. */
  serverHash: string | null
  error: string | null
}

const notLoaded: AgreementsState = { agreements: null, serverHash: null, error: null }

/**
 * `GET /api/cases/:id/agreements` while `enabled` (the caller reads the
 * plan), read again whenever `generation` moves (the case's event stream
 * says 'agreements', or the caller agreed).
 */
export function useAgreements(caseId: string, enabled: boolean, generation: number): AgreementsState {
  const { t } = useTranslation()
  const [state, setState] = useState<AgreementsState & { caseId: string }>({ caseId, ...notLoaded })

  useEffect(() => {
    if (!enabled) {
      return undefined
    }
    let cancelled = false
    api
      .agreements(caseId)
      .then(({ data }) => {
        if (!cancelled) {
          setState({ caseId, agreements: data.agreements, serverHash: data.currentPlanHash, error: null })
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setState((previous) => ({ ...(previous.caseId === caseId ? previous : notLoaded), caseId, error: errorText(t, err) }))
        }
      })
    return () => {
      cancelled = true
    }
  }, [caseId, enabled, generation, t])

  // A list read for another case is never shown; stable while unchanged (part of the case session).
  const current = state.caseId === caseId ? state : notLoaded
  const { agreements, serverHash, error } = current
  return useMemo(() => ({ agreements, serverHash, error }), [agreements, serverHash, error])
}
