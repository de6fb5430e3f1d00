/**
 * Readiness (GET /readyz): can this process serve right now? The database,
 * the keystore and (when configured) Redis each answer within a short time,
 * the installation's lock is held, and the process is not draining. Liveness
 * (GET /healthz) only says the process runs; a load balancer or an
 * orchestrator takes a process out of rotation on readiness, and restarts it
 * on liveness.
 */
import type { Fanout } from '../fanout/Fanout.js'
import type { InstanceLock } from '../storage/InstanceLockedError.js'
import type { OperationsStorage } from '../storage/ops/OperationsStorage.js'

/** One check's verdict; reasons are short words, never connection strings or errors. */
export type CheckResult = 'ok' | 'unavailable' | 'timeout' | 'lost' | 'draining'

/** The readiness report. */
export interface Readiness {
  ready: boolean
  checks: Record<string, CheckResult>
}

/** What readiness looks at. */
export interface ReadinessSources {
  storage: OperationsStorage
  fanout: Fanout | undefined
  lock: InstanceLock
  /** True from the shutdown signal on. */
  draining(): boolean
  /** Longest wait per check (default 2 s). */
  timeoutMs?: number
}

async function within(check: () => Promise<void>, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    return await Promise.race([check().then((): CheckResult => 'ok', (): CheckResult => 'unavailable'), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Runs every check (concurrently) and reports. */
export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const timeoutMs = sources.timeoutMs ?? 2_000
  const [database, keystore] = await Promise.all([within(() => sources.storage.checkDatabase(), timeoutMs), within(() => sources.storage.checkKeystore(), timeoutMs)])
  const checks: Record<string, CheckResult> = {
    database,
    keystore,
    lock: sources.lock.held ? 'ok' : 'lost',
    shutdown: sources.draining() ? 'draining' : 'ok',
  }
  if (sources.fanout !== undefined) {
    checks.redis = sources.fanout.isConnected() ? 'ok' : 'unavailable'
  }
  return { ready: Object.values(checks).every((result) => result === 'ok'), checks }
}
