/**
 * How a revocation reaches an open socket. The relay subscribes to
 * AccessChanges (server/src/access/AccessChanges.ts); each change arrives
 * here, from this process or another one, carrying what changed. From that
 * alone this module picks the connections it can touch — a consent
 * revocation only the recipient's connections to that field's room, a
 * membership change only that user's connections to the case — and:
 *
 * - re-checks each against the shared policy (access/roomAccess.ts): lost
 *   access closes it with AccessRevoked (4403; the client deletes its local
 *   copy), a change between read and write applies in place (the next frame
 *   is judged by it);
 * - closes a connection without asking storage when the change says all:
 *   an erased case's rooms with RoomErased (4404), an ended session's or
 *   account's connections with SessionEnded (4401).
 *
 * The upgrade re-checks each new connection once more right after it is
 * attached, so a change between its first check and the attach is not missed.
 */
import type { Access, Role } from '../../../../shared/src/policy/access.js'
import { AccessRevoked, RoomErased, SessionEnded, type CloseCode } from '../../../../shared/src/protocol/closeCodes.js'
import { caseIdOfRoom, formatRoomName, type RoomName } from '../../../../shared/src/protocol/roomName.js'
import type { AccessChange } from '../../access/AccessChanges.js'
import { isErasedCaseRoom, resolveRoomGrant, type RoomAccessStorage } from '../../access/roomAccess.js'
import { systemClock, type Clock } from '../../clock.js'
import type { Logger } from '../../log.js'

/** A connection as access enforcement sees it. */
export interface EnforcedConnection {
  readonly userId: string
  /** SHA-256 of the session token. */
  readonly sessionHash: string
  readonly room: { readonly parsed: RoomName }
  /** Current access; a re-check changes it in place ({@link setAccess}). */
  readonly access: Access
  /** The role behind the access (contract §8.2); a re-check changes it in place. */
  readonly role: Role
  /** A re-check's result, applied in place: the next frame is judged by it. */
  setAccess(access: Access, role: Role): void
  close(code: CloseCode): void
}

/** What a change does to one connection: nothing, a re-check, or a close without asking storage. */
export type Enforcement = { action: 'none' } | { action: 'recheck' } | { action: 'close'; code: CloseCode }

const none: Enforcement = { action: 'none' }
const recheck: Enforcement = { action: 'recheck' }

/** Which connections a change touches, and how; pure (unit-tested), no storage. */
export function enforcementOf(change: AccessChange, connection: EnforcedConnection): Enforcement {
  const room = connection.room.parsed
  const caseId = caseIdOfRoom(room)
  const supervision = room.kind === 'supervisionCopy' || room.kind === 'supervisionDiscussion'
  switch (change.kind) {
    case 'membership':
      // Leaving a case also ends the user's unreleased supervision copies of it
      // (issue 17); which copies those are is not known here, so the user's
      // supervision rooms are re-checked too.
      return (caseId === change.caseId || supervision) && connection.userId === change.userId ? recheck : none
    case 'consent':
      return room.kind === 'confidential' && room.caseId === change.caseId && room.field === change.field && connection.userId === change.userId
        ? recheck
        : none
    case 'employerCanEdit':
      return room.kind === 'plan' && room.caseId === change.caseId ? recheck : none
    case 'closed':
      return caseId === change.caseId ? recheck : none
    case 'details':
      return none
    case 'erased':
      if (caseId === change.caseId) {
        return { action: 'close', code: RoomErased }
      }
      // The erasure took the case's unreleased supervision copies along; which
      // copies those were is not known here, so every supervision room is re-checked.
      return supervision ? recheck : none
    case 'supervisionMember':
      return supervision && connection.userId === change.userId ? recheck : none
    case 'supervisionCopy':
      return supervision && room.copyId === change.copyId ? recheck : none
    case 'session':
      return connection.sessionHash === change.sessionHash ? { action: 'close', code: SessionEnded } : none
    case 'account':
      return connection.userId === change.userId ? { action: 'close', code: SessionEnded } : none
  }
}

/** Dependencies of an {@link AccessEnforcer}. */
export interface AccessEnforcerOptions {
  /** The open connections of this process. */
  connections: () => Iterable<EnforcedConnection>
  storage: RoomAccessStorage
  /** Now, for consent end dates. */
  clock?: Clock
  /** Debug lines of each re-check and its result (ids and access only). */
  logger?: Pick<Logger, 'debug'>
}

/** Applies access changes to this process's open connections. */
export class AccessEnforcer {
  constructor(private readonly options: AccessEnforcerOptions) {}

  /** Acts on one change (the relay's AccessChanges subscriber). */
  async apply(change: AccessChange): Promise<void> {
    const rechecks: Promise<void>[] = []
    for (const connection of [...this.options.connections()]) {
      const enforcement = enforcementOf(change, connection)
      if (enforcement.action === 'close') {
        this.options.logger?.debug(
          { change: change.kind, room: formatRoomName(connection.room.parsed), userId: connection.userId, code: enforcement.code.code },
          'access change closes a connection',
        )
        connection.close(enforcement.code)
      } else if (enforcement.action === 'recheck') {
        rechecks.push(this.recheck(connection))
      }
    }
    await Promise.all(rechecks)
  }

  /** Re-checks one connection's access against the policy: lost access closes it (4404 for an erased case, else 4403). */
  async recheck(connection: EnforcedConnection): Promise<void> {
    const { storage, clock = systemClock } = this.options
    const { access, role } = await resolveRoomGrant(storage, connection.userId, connection.room.parsed, clock)
    const checked = { room: formatRoomName(connection.room.parsed), userId: connection.userId, was: connection.access }
    if (access === 'none' || role === null) {
      const code = (await isErasedCaseRoom(storage, connection.room.parsed)) ? RoomErased : AccessRevoked
      this.options.logger?.debug({ ...checked, access: 'none', code: code.code }, 'access re-check: closed')
      connection.close(code)
    } else {
      this.options.logger?.debug({ ...checked, access, role }, access === connection.access ? 'access re-check: kept' : 'access re-check: changed')
      connection.setAccess(access, role)
    }
  }
}
