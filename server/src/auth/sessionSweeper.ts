/**
 * The periodic session sweep: open WebSockets and event streams whose
 * session ended (absolute end, idle expiry, deleted, account deactivated)
 * are closed with SessionEnded (4401) / ended; writes over a socket count as
 * activity of its session; expired session rows are deleted.
 */
import { startPeriodicSweep } from '../periodicSweep.js'
import type { AccessChanged } from '../services/Services.js'
import type { Logger } from '../log.js'
import type { SessionStorage } from '../storage/sessions/SessionStorage.js'
import { idleCutoff, type SessionLifetime } from './sessions.js'

/** The sessions behind open sockets (the relay). */
export interface SocketSessions {
  /** Each session with an open socket, and whether one of its sockets wrote since the last call. */
  takeSessionActivity(): Map<string, boolean>
}

/** The sessions behind open event streams (the case event hub). */
export interface StreamSessions {
  sessionHashes(): Set<string>
}

/** Dependencies of {@link startSessionSweeper}. */
export interface SessionSweeperOptions extends AccessChanged {
  storage: SessionStorage
  sockets: SocketSessions
  streams: StreamSessions
  logger: Logger
  lifetime: SessionLifetime
  intervalMs: number
}

/** What one sweep did: sessions behind open sockets and streams, and how many of them had ended. */
export interface SessionSweepResult {
  open: number
  ended: number
}

/** One sweep; exported for tests. */
export async function sweepSessions(options: Omit<SessionSweeperOptions, 'intervalMs'>, now = new Date()): Promise<SessionSweepResult> {
  const { storage, sockets, streams, lifetime } = options
  const activity = sockets.takeSessionActivity()
  const hashes = new Set([...activity.keys(), ...streams.sessionHashes()])
  const cutoff = idleCutoff(lifetime, now)
  let ended = 0
  for (const hash of hashes) {
    const found = await storage.findActiveSession(hash, now, cutoff)
    if (!found) {
      ended += 1
      await options.accessChanged({ kind: 'session', sessionHash: hash })
    } else if (activity.get(hash) === true) {
      await storage.touchSession(hash, now)
    }
  }
  await storage.deleteExpiredSessions(now, cutoff)
  return { open: hashes.size, ended }
}

/** Starts sweeping every `intervalMs`; returns the function that stops it. */
export function startSessionSweeper(options: SessionSweeperOptions): () => void {
  return startPeriodicSweep({
    name: 'session',
    intervalMs: options.intervalMs,
    logger: options.logger,
    run: () => sweepSessions(options),
    summary: (result) => ({ ...result }),
  })
}
