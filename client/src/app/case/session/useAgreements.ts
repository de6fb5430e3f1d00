import { useMemo } from 'react'
import type { Agreement } from '../../../../../shared/src/api/agreements.js'
import { api } from '../../../api/endpoints.js'
import { useCaseResource } from './useCaseResource.js'

/** The agreements to the case's measure plan as the server lists them. */
export interface AgreementsState {
  /** Every agreement given, or null until loaded. */
  agreements: Agreement[] | null
  /** The server's hash of the committed plan when the list was read. */
  serverHash: string | null
  error: string | null
}

type AgreementsReply = Awaited<ReturnType<typeof api.agreements>>['data']

const loadAgreements = async (caseId: string): Promise<AgreementsReply> => (await api.agreements(caseId)).data

/**
 * `GET /api/cases/:id/agreements` while `enabled` (the caller reads the
 * plan), read again whenever `generation` moves (the case's event stream
 * says 'agreements', or the caller agreed).
 */
export function useAgreements(caseId: string, enabled: boolean, generation: number): AgreementsState {
  const { data, error } = useCaseResource(caseId, enabled, generation, loadAgreements)
  const agreements = data?.agreements ?? null
  const serverHash = data?.currentPlanHash ?? null
  return useMemo(() => ({ agreements, serverHash, error }), [agreements, serverHash, error])
}
