import { useMemo } from 'react'
import type { Release } from '../../../../../shared/src/api/releases.js'
import { api } from '../../../api/endpoints.js'
import { useCaseResource } from './useCaseResource.js'

/** The releases from confidentiality the caller sees (issue 16): null until read, or while not enabled. */
export interface CaseReleasesState {
  releases: Release[] | null
  error: string | null
}

const loadReleases = async (caseId: string): Promise<Release[]> => (await api.releases(caseId)).data.releases

/** Reads the case's releases while `enabled`, again whenever `generation` moves (a `consents` event, or the caller's own change). */
export function useCaseReleases(caseId: string, enabled: boolean, generation: number): CaseReleasesState {
  const { data: releases, error } = useCaseResource(caseId, enabled, generation, loadReleases)
  return useMemo(() => ({ releases, error }), [releases, error])
}
