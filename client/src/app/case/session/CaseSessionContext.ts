import { createContext, useContext } from 'react'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import type { CaseRole } from '../../../../../shared/src/policy/access.js'
import type { ConsentGrantsState } from '../confidential/useConsentGrants.js'
import type { CaseResource, ResourceGenerations } from './caseResources.js'
import type { AgreementsState } from './useAgreements.js'
import type { CaseFundingState } from './useCaseFunding.js'
import type { CaseReleasesState } from './useCaseReleases.js'
import type { CaseDocValues } from './useCaseDocValues.js'
import type { CaseRooms } from './useCaseRooms.js'

/**
 * Everything the parts of the case screen share: the case as the server
 * describes it to the caller, its open rooms and their values, and the
 * resources loaded over HTTP, kept fresh by the case's event stream.
 */
export interface CaseSession {
  caseId: string
  detail: CaseDetail
  /** The caller's role in the case. */
  role: CaseRole
  /** The case came from the offline cache: changes over HTTP are not possible now. */
  offline: boolean
  /** The caller as rooms know them (awareness). */
  roomUser: { id: string; name: string }
  /** The caller's caret in shared editors. */
  caretUser: { name: string; color: string }
  /** Ends the session after a room was refused with 4401. */
  onSessionEnded: () => void
  rooms: CaseRooms
  docs: CaseDocValues
  consents: ConsentGrantsState
  agreements: AgreementsState
  /** The case's funding body and approvals (issue 18), for those who may read them (coaches). */
  funding: CaseFundingState
  /** The releases from confidentiality the caller sees (issue 16); not read offline. */
  releases: CaseReleasesState
  /** Per resource, how often it was asked to load again (a loader's effect dependency). */
  generations: ResourceGenerations
  /** Loads a resource again (after the caller's own change). */
  reload: (resource: CaseResource) => void
}

/** Provided by CaseSessionProvider once the case has loaded. */
export const CaseSessionContext = createContext<CaseSession | null>(null)

/** The case session of the case screen around the caller; throws outside of one. */
export function useCaseSession(): CaseSession {
  const session = useContext(CaseSessionContext)
  if (session === null) {
    throw new Error('useCaseSession() outside of a CaseSessionProvider')
  }
  return session
}
