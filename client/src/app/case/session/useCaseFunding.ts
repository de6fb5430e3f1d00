import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseFundingReply } from '../../../../../shared/src/api/funding.js'
import { fundingApi } from '../../../api/fundingEndpoints.js'
import { errorText } from '../../errorText.js'

/** A case's funding as the session holds it (issue 18): null until read, or for a role that may not read it. */
export interface CaseFundingState {
  funding: CaseFundingReply | null
  error: string | null
}

const notLoaded: CaseFundingState = { funding: null, error: null }

/** Reads the case's funding while `enabled` (coaches), again whenever `generation` moves (a `funding` event). */
export function useCaseFunding(caseId: string, enabled: boolean, generation: number): CaseFundingState {
  const { t } = useTranslation()
  const [state, setState] = useState<CaseFundingState & { caseId: string }>({ caseId, ...notLoaded })
  useEffect(() => {
    if (!enabled) {
      return undefined
    }
    let cancelled = false
    fundingApi
      .caseFunding(caseId)
      .then(({ data }) => {
        if (!cancelled) {
          setState({ caseId, funding: data, error: null })
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
  const current = enabled && state.caseId === caseId ? state : notLoaded
  const { funding, error } = current
  return useMemo(() => ({ funding, error }), [funding, error])
}
