/**
 * Consent grants end by themselves after their validUntil day (issue 4). The
 * upgrade refuses a lapsed grant from that day on anyway; this sweep records
 * the lapse (audit log, the grant list's "lapsed"), closes the readers' open
 * connections with 4403 and tells the case's members.
 */
import { errorMessage } from '../../../shared/src/errors.js'
import { recordAudit } from '../audit/auditLog.js'
import { isoDay } from '../clock.js'
import type { AppContext } from '../http/AppContext.js'
import type { LapsedConsent } from '../storage/Storage.js'
import type { AuditStorage } from '../storage/audit/AuditStorage.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & ConsentStorage & Pick<MemberStorage, 'listMembers'>

/** One sweep; exported for tests and for the consent routes (which sweep before reading or granting). */
export async function sweepLapsedConsents(ctx: AppContext<Ports>): Promise<LapsedConsent[]> {
  const now = ctx.clock()
  const lapsed = await ctx.storage.recordLapsedConsents(isoDay(now), now.toISOString())
  if (lapsed.length === 0) {
    return lapsed
  }
  await recordAudit(
    ctx.storage,
    ...lapsed.map((grant) => ({
      caseId: grant.caseId,
      type: 'consentLapsed' as const,
      actorId: null,
      details: { grantId: grant.id, field: grant.field, memberId: grant.memberId },
    })),
  )
  // Each lapsed grant closes its reader's sockets to that field's room (4403), on every process.
  for (const caseId of new Set(lapsed.map((grant) => grant.caseId))) {
    const accounts = new Map((await ctx.storage.listMembers(caseId)).map((member) => [member.id, member.userId]))
    for (const grant of lapsed.filter((entry) => entry.caseId === caseId)) {
      const userId = accounts.get(grant.memberId)
      if (userId !== undefined) {
        await ctx.accessChanges.publish({ kind: 'consent', caseId, field: grant.field, userId })
      }
    }
  }
  ctx.logger.info({ grants: lapsed.length }, 'consent grants lapsed')
  return lapsed
}

/** Sweeps every `intervalMs`; returns the function that stops it. */
export function startConsentSweeper(ctx: AppContext<Ports>, intervalMs: number): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) {
      return
    }
    running = true
    sweepLapsedConsents(ctx)
      .catch((err: unknown) => ctx.logger.error({ error: errorMessage(err) }, 'consent sweep failed'))
      .finally(() => {
        running = false
      })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
