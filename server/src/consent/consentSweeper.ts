/**
 * Consent grants end by themselves after their validUntil day (issue 4). The
 * upgrade refuses a lapsed grant from that day on anyway; this sweep records
 * the lapse (commands/consents.ts lapseConsents: audit log, the grant list's
 * "lapsed"), closes the readers' open connections with 4403 and tells the
 * case's members.
 */
import { lapseConsents } from '../commands/consents.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import type { Services } from '../services/Services.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'

/** Sweeps every `intervalMs`; returns the function that stops it. */
export function startConsentSweeper(services: Services<ConsentStorage & Pick<MemberStorage, 'listMembers'>>, intervalMs: number): () => void {
  return startPeriodicSweep({
    name: 'consent',
    intervalMs,
    logger: services.logger,
    run: () => lapseConsents(services),
    summary: (lapsed) => ({ lapsed: lapsed.length }),
  })
}
