import { useMemo } from 'react'
import type { CaseFundingReply } from '../../../../../shared/src/api/funding.js'
import { fundingApi } from '../../../api/fundingEndpoints.js'
import { useCaseResource } from './useCaseResource.js'

/** A case's funding as the session holds it (issue 18): null until read, or for a role that may not read it. */
export interface CaseFundingState {
  funding: CaseFundingReply | null
  error: string | null
}

const loadFunding = async (caseId: string): Promise<CaseFundingReply> => (await fundingApi.caseFunding(caseId)).data

/** Reads the case's funding while `enabled` (coaches), again whenever `generation` moves (a `funding` event). */
export function useCaseFunding(caseId: string, enabled: boolean, generation: number): CaseFundingState {
  const { data: funding, error } = useCaseResource(caseId, enabled, generation, loadFunding)
  return useMemo(() => ({ funding, error }), [funding, error])
}
