/**
 * What follows a change of who may do what: open WebSockets and event
 * streams are re-checked at once (lost access: 4403 / stream ended; read <->
 * write switches in place), and the case's members hear `case-changed`.
 */
import type { CaseChangedEvent } from '../../../shared/src/api/caseEvents.js'
import { SessionEnded } from '../../../shared/src/protocol/closeCodes.js'
import type { AppContext } from './AppContext.js'

/** After a membership, role or setting change of a case. */
export async function afterCaseChange(ctx: AppContext<unknown>, caseId: string, what: CaseChangedEvent['what']): Promise<void> {
  await Promise.all([ctx.relay.recheckCase(caseId, what), ctx.events.recheckCase(caseId)])
  ctx.events.notify(caseId, what)
}

/** After an account lost its sessions (deactivated, password reset): closes its sockets (4401) and streams. */
export function endAccountConnections(ctx: AppContext<unknown>, userId: string): void {
  ctx.relay.closeUser(userId, SessionEnded)
  ctx.events.endUser(userId)
}
