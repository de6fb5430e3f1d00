import { createContext, useContext, useMemo, useState, type ReactNode } from 'react'
import type { SyncState } from '../sync/syncState.js'

interface SyncIndicatorValue {
  state: SyncState | null
  setState: (state: SyncState | null) => void
}

const SyncIndicatorContext = createContext<SyncIndicatorValue>({ state: null, setState: () => {} })

/** Carries the case view's aggregated sync state up to the header. */
export function SyncIndicatorProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SyncState | null>(null)
  const value = useMemo(() => ({ state, setState }), [state])
  return <SyncIndicatorContext.Provider value={value}>{children}</SyncIndicatorContext.Provider>
}

export function useSyncIndicator(): SyncIndicatorValue {
  return useContext(SyncIndicatorContext)
}
