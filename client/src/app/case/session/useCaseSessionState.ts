import { useCallback, useEffect, useMemo, useReducer } from 'react'
import { onBackOnline } from '../../../api/reachability.js'
import { useCaseEvents, type CaseChange } from '../../../hooks/useCaseEvents.js'
import { userColor } from '../../../sync/userColor.js'
import { useAuth, useUser } from '../../AuthContext.js'
import { useCaseDetail } from '../../useCaseDetail.js'
import { useConsentGrants } from '../confidential/useConsentGrants.js'
import { initialGenerations, nextGenerations, reloadsOnCaseChange, type CaseResource } from './caseResources.js'
import type { CaseSession } from './CaseSessionContext.js'
import { useAgreements } from './useAgreements.js'
import { useCaseFunding } from './useCaseFunding.js'
import { useCaseReleases } from './useCaseReleases.js'
import { can } from '../../../../../shared/src/policy/actions.js'
import { useCaseDocValues } from './useCaseDocValues.js'
import { useCaseloadSummaryRefresh } from './useCaseloadSummaryRefresh.js'
import { useCaseRooms } from './useCaseRooms.js'
import { useLocalCopyCare } from './useLocalCopyCare.js'

/** The case session while it loads: the session once the case is there, or a message. */
export interface CaseSessionState {
  session: CaseSession | null
  error: string | null
}

/**
 * Builds the case session of a case screen: loads the case, opens its rooms,
 * follows its event stream and reloads what each event makes stale (one
 * table, {@link reloadsOnCaseChange}).
 */
export function useCaseSessionState(caseId: string): CaseSessionState {
  const user = useUser()
  const { sessionEnded } = useAuth()
  const [generations, requestReload] = useReducer(nextGenerations, initialGenerations)
  const reload = useCallback((resource: CaseResource) => requestReload([resource]), [])
  const reloadDetail = useCallback(() => requestReload(['detail']), [])

  const { detail, fromCache, error } = useCaseDetail(caseId, generations.detail)
  // Loaded from the offline cache: fetch the fresh case once back online (or once the server answered late).
  useEffect(() => (fromCache ? onBackOnline(reloadDetail) : undefined), [fromCache, reloadDetail])

  // Server-sent events: re-read what changed (access changes switch the open rooms in place).
  const handleCaseChange = useCallback((what: CaseChange) => requestReload(reloadsOnCaseChange[what]), [])
  useCaseEvents(caseId, detail !== null, handleCaseChange)

  const roomUser = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name])
  const caretUser = useMemo(() => ({ name: user.name, color: userColor(user.id) }), [user.id, user.name])
  const { rooms, live } = useCaseRooms(caseId, detail, roomUser, sessionEnded)
  const docs = useCaseDocValues(live.plan, live.notes)

  const reloadConsents = useCallback(() => requestReload(['consents']), [])
  const consents = useConsentGrants(caseId, user.id, detail !== null, generations.consents, reloadConsents)
  const agreements = useAgreements(caseId, detail !== null && rooms.planAccess !== 'none', generations.agreements)
  const funding = useCaseFunding(caseId, detail !== null && !fromCache && can(detail.myRole, 'funding.read'), generations.funding)
  const releases = useCaseReleases(caseId, detail !== null && !fromCache && can(detail.myRole, 'releases.read'), generations.releases)

  const erased = rooms.plan.snapshot?.closedReason === 'erased' || rooms.notes.snapshot?.closedReason === 'erased'
  useLocalCopyCare(user.id, caseId, detail, fromCache, erased)
  useCaseloadSummaryRefresh(user.id, caseId, live.plan, live.notes, docs.plan, docs.notes)

  // One value while nothing in it changed: every part of the screen reads it,
  // and a new object would re-render all of them (typing re-renders the
  // provider with each change sent and acknowledged).
  const session = useMemo(
    (): CaseSession | null =>
      detail === null
        ? null
        : {
            caseId,
            detail,
            role: detail.myRole,
            offline: fromCache,
            roomUser,
            caretUser,
            onSessionEnded: sessionEnded,
            rooms,
            docs,
            consents,
            agreements,
            funding,
            releases,
            generations,
            reload,
          },
    [caseId, detail, fromCache, roomUser, caretUser, sessionEnded, rooms, docs, consents, agreements, funding, releases, generations, reload],
  )
  if (error !== null || session === null) {
    return { session: null, error }
  }
  return { error: null, session }
}
