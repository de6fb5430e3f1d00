/**
 * Retention (issue 10): a closed case is kept for RETENTION_YEARS after it was
 * closed and then erased automatically. The sweep runs every
 * RETENTION_SWEEP_MS and erases every case whose period ended (and first
 * finishes erasures a crash interrupted).
 */
import { errorMessage } from '../../../shared/src/errors.js'
import type { AppContext } from '../http/AppContext.js'
import { eraseCase, finishInterruptedErasures } from './eraseCase.js'
import type { AuditStorage } from '../storage/audit/AuditStorage.js'
import type { CaseStorage, ErasureStorage } from '../storage/cases/CaseStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & ErasureStorage

/** When a case closed at `closedAt` is erased: the same instant `years` calendar years later. */
export function retentionEndsAt(closedAt: string, years: number): string {
  const end = new Date(closedAt)
  end.setUTCFullYear(end.getUTCFullYear() + years)
  return end.toISOString()
}

/** The latest closing instant whose retention period has ended at `now`. */
function closedBeforeCutoff(now: Date, years: number): string {
  const cutoff = new Date(now)
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years)
  return cutoff.toISOString()
}

/** One sweep: erases the cases whose retention period ended; resolves with their ids. */
export async function sweepRetention(ctx: AppContext<Ports>): Promise<string[]> {
  await finishInterruptedErasures(ctx)
  const due = await ctx.storage.casesClosedBefore(closedBeforeCutoff(ctx.clock(), ctx.config.retentionYears))
  const erased: string[] = []
  for (const caseId of due) {
    if (await eraseCase(ctx, caseId, 'retention', null)) {
      erased.push(caseId)
    }
  }
  return erased
}

/** Sweeps every `intervalMs` (and once at start); returns the function that stops it. */
export function startRetentionSweeper(ctx: AppContext<Ports>, intervalMs: number): () => void {
  let running = false
  const sweep = (): void => {
    if (running) {
      return
    }
    running = true
    sweepRetention(ctx)
      .catch((err: unknown) => ctx.logger.error({ error: errorMessage(err) }, 'retention sweep failed'))
      .finally(() => {
        running = false
      })
  }
  const timer = setInterval(sweep, intervalMs)
  timer.unref()
  sweep()
  return () => clearInterval(timer)
}
