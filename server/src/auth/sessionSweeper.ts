/**
 * The periodic session sweep: open WebSockets and event streams whose
 * session ended (absolute end, idle expiry, deleted, account deactivated)
 * are closed with SessionEnded (4401) / ended; writes over a socket count as
 * activity of its session; expired session rows are deleted.
 */
import { errorMessage } from '../../../shared/src/errors.js'
import type { AccessChanges } from '../access/AccessChanges.js'
import type { CaseEventHub } from '../events/CaseEventHub.js'
import type { Logger } from '../log.js'
import type { Relay } from '../relay/Relay.js'
import type { SessionStorage } from '../storage/sessions/SessionStorage.js'
import { idleCutoff, type SessionLifetime } from './sessions.js'

/** Dependencies of {@link startSessionSweeper}. */
export interface SessionSweeperOptions {
  storage: SessionStorage
  relay: Pick<Relay, 'takeSessionActivity'>
  events: Pick<CaseEventHub, 'sessionHashes'>
  accessChanges: AccessChanges
  logger: Logger
  lifetime: SessionLifetime
  intervalMs: number
}

/** One sweep; exported for tests. */
export async function sweepSessions(options: Omit<SessionSweeperOptions, 'intervalMs'>, now = new Date()): Promise<void> {
  const { storage, relay, events, accessChanges, lifetime } = options
  const activity = relay.takeSessionActivity()
  const hashes = new Set([...activity.keys(), ...events.sessionHashes()])
  const cutoff = idleCutoff(lifetime, now)
  for (const hash of hashes) {
    const found = await storage.findActiveSession(hash, now, cutoff)
    if (!found) {
      // Closes its sockets (4401) and ends its event streams, on every process.
      await accessChanges.publish({ kind: 'session', sessionHash: hash })
    } else if (activity.get(hash) === true) {
      await storage.touchSession(hash, now)
    }
  }
  await storage.deleteExpiredSessions(now, cutoff)
}

/** Starts sweeping every `intervalMs`; returns the function that stops it. */
export function startSessionSweeper(options: SessionSweeperOptions): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) {
      return
    }
    running = true
    sweepSessions(options)
      .catch((err: unknown) => options.logger.error({ error: errorMessage(err) }, 'session sweep failed'))
      .finally(() => {
        running = false
      })
  }, options.intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
