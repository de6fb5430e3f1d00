import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../errorText.js'

/** A server resource of the case as the session holds it: null until read (or while not `enabled`), with the last error. */
export interface CaseResourceState<T> {
  data: T | null
  error: string | null
}

/**
 * Reads `load(caseId)` while `enabled`, again whenever `generation` moves
 * (the case's event stream named the resource). A reply for another case is
 * never shown; the state is stable while unchanged (part of the case session).
 */
export function useCaseResource<T>(caseId: string, enabled: boolean, generation: number, load: (caseId: string) => Promise<T>): CaseResourceState<T> {
  const { t } = useTranslation()
  const [state, setState] = useState<CaseResourceState<T> & { caseId: string }>({ caseId, data: null, error: null })
  useEffect(() => {
    if (!enabled) {
      return undefined
    }
    let cancelled = false
    load(caseId)
      .then((data) => {
        if (!cancelled) {
          setState({ caseId, data, error: null })
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setState((previous) => ({ ...(previous.caseId === caseId ? previous : { data: null }), caseId, error: errorText(t, err) }))
        }
      })
    return () => {
      cancelled = true
    }
    // `load` names an endpoint: a new function per render must not read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, enabled, generation, t])
  const current = enabled && state.caseId === caseId ? state : null
  const data = current?.data ?? null
  const error = current?.error ?? null
  return useMemo(() => ({ data, error }), [data, error])
}
