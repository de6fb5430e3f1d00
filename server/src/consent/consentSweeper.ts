/**
 * Consent grants end by themselves after their validUntil day (issue 4). The
 * upgrade refuses a lapsed grant from that day on anyway; this sweep records
 * the lapse (commands/consents.ts lapseConsents: audit log, the grant list's
 * "lapsed"), closes the readers' open connections with 4403 and tells the
 * case's members.
 */
import { lapseConsents } from '../commands/consents.js'
import { lapseReleases } from '../commands/releases.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import type { Services } from '../services/Services.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import type { ReleaseStorage } from '../storage/releases/ReleaseStorage.js'

/** Sweeps every `intervalMs` (releases from confidentiality lapse in the same sweep, issue 16); returns the function that stops it. */
export function startConsentSweeper(services: Services<ConsentStorage & ReleaseStorage & Pick<MemberStorage, 'listMembers'>>, intervalMs: number): () => void {
  return startPeriodicSweep({
    name: 'consent',
    intervalMs,
    logger: services.logger,
    run: async () => ({ consents: await lapseConsents(services), releases: await lapseReleases(services) }),
    summary: (lapsed) => ({ lapsed: lapsed.consents.length, releasesLapsed: lapsed.releases.length }),
  })
}
