import { useTranslation } from 'react-i18next'
import type { SyncState } from '../sync/syncState.js'

/** The header's sync state, announced politely. */
export function SyncStateIndicator({ state }: { state: SyncState | null }) {
  const { t } = useTranslation()
  return (
    <div role="status" aria-live="polite" data-testid="sync.state" data-state={state ?? 'none'} className={`sync-state sync-${state ?? 'none'}`}>
      {state ? (
        <>
          <span className="sync-dot" aria-hidden="true" />
          <span className="sync-label">{t(`sync.${state}`)}</span>
        </>
      ) : null}
    </div>
  )
}
