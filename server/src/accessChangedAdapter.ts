/**
 * Wires the commands' `accessChanged` port to what re-checks access today:
 * the relay's connection re-checks (announced to the other processes
 * through the fan-out) and the case event streams. A stand-in until one
 * AccessChanges publisher carries the change to every subscriber (issue 15).
 */
import type { CaseChangedEvent } from '../../shared/src/api/caseEvents.js'
import { SessionEnded } from '../../shared/src/protocol/closeCodes.js'
import type { CaseEventHub } from './events/CaseEventHub.js'
import type { Relay } from './relay/Relay.js'
import type { AccessChange } from './services/AccessChange.js'

/** The `accessChanged` port over this process's relay and event streams. */
export function relayAccessChanged(relay: Relay, events: CaseEventHub): (change: AccessChange) => Promise<void> {
  // Open WebSockets and event streams of the case are re-checked at once (lost
  // access: 4403 / stream ended; read <-> write switches in place), then the
  // members hear `case-changed`.
  const recheckCase = async (caseId: string, what: CaseChangedEvent['what']): Promise<void> => {
    await Promise.all([relay.recheckCase(caseId, what), events.recheckCase(caseId)])
    events.notify(caseId, what)
  }
  return async (change) => {
    switch (change.kind) {
      case 'membership':
        return recheckCase(change.caseId, 'members')
      case 'consent':
        return recheckCase(change.caseId, 'consents')
      case 'employerCanEdit':
      case 'closed':
        return recheckCase(change.caseId, 'case')
      case 'erased':
        // The re-check finds the case gone and tombstoned: 4404 here and on every other process.
        // Its unreleased supervision copies went with it: their authors' sockets close too (4403).
        await Promise.all([relay.recheckCase(change.caseId, 'access'), events.recheckCase(change.caseId), relay.recheckSupervision()])
        return
      case 'supervision':
        return relay.recheckSupervision()
      case 'sessions':
        relay.closeUser(change.userId, SessionEnded)
        events.endUser(change.userId)
        return
      case 'session':
        relay.closeSession(change.sessionHash)
        events.endSession(change.sessionHash)
        return
    }
  }
}
