/**
 * WebSocket close codes of the sync endpoint (contract §5). The relay closes
 * with these; the client decides from them whether to reconnect, re-login or
 * delete its local copy of a room.
 */
export interface CloseCode {
  /** Numeric code sent in the close frame. */
  readonly code: number
  /** Short reason sent with it (ASCII, at most 123 bytes by RFC 6455). */
  readonly reason: string
}

/** A message could not be decoded or broke the protocol. */
export const MalformedMessage = { code: 4400, reason: 'malformed message' } as const satisfies CloseCode
/**
 * An update that decoded fine but does not fit the room's schema or the
 * writer's role (contract §8.2): nothing of it was stored. Same code as
 * {@link MalformedMessage}; the reason tells the client to stop resending it
 * (keep the local copy, export it, recover from the server).
 */
export const UpdateRefused = { code: 4400, reason: 'update refused' } as const satisfies CloseCode
/**
 * An update refused because it changes hours of a month whose proof was
 * confirmed (issue 18): like {@link UpdateRefused}, with a reason of its own
 * so the client can say why.
 */
export const HoursMonthLocked = { code: 4400, reason: 'hours month locked' } as const satisfies CloseCode
/** The session behind the connection ended (logout, expiry, deactivation). */
export const SessionEnded = { code: 4401, reason: 'session ended' } as const satisfies CloseCode
/** The member lost access to the room; the client deletes its local copy. */
export const AccessRevoked = { code: 4403, reason: 'access revoked' } as const satisfies CloseCode
/** The room was erased; the client deletes its local copy and stops reconnecting. */
export const RoomErased = { code: 4404, reason: 'room erased' } as const satisfies CloseCode
/** A message exceeded the configured maximum size. */
export const MessageTooLarge = { code: 4413, reason: 'message too large' } as const satisfies CloseCode
/** The connection sent more than it is allowed to. */
export const RateLimited = { code: 4429, reason: 'rate limited' } as const satisfies CloseCode
/** The relay failed; the client may reconnect. */
export const InternalError = { code: 1011, reason: 'internal error' } as const satisfies CloseCode
/** The relay is shutting down; the client reconnects later. */
export const GoingAway = { code: 1001, reason: 'server shutting down' } as const satisfies CloseCode

/** Close codes after which a client must not keep its local copy of the room. */
export const closeCodesThatDropLocalCopy: ReadonlySet<number> = new Set([AccessRevoked.code, RoomErased.code])

/** Close codes after which reconnecting cannot help until the user acts. */
export const closeCodesThatStopReconnecting: ReadonlySet<number> = new Set([
  SessionEnded.code,
  AccessRevoked.code,
  RoomErased.code,
])
