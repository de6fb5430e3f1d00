/**
 * Top-level message types of the y-websocket protocol (the first varUint of
 * every binary frame). The stock y-websocket provider uses the same numbers.
 */
export const MessageType = {
  /** y-protocols/sync: step 1, step 2 or update follows. */
  Sync: 0,
  /** y-protocols/awareness update. */
  Awareness: 1,
  /** y-protocols/auth (permission denied); the relay never expects it from clients. */
  Auth: 2,
  /** Ask for the awareness states of everyone in the room. */
  QueryAwareness: 3,
} as const

/** Sub-types of a {@link MessageType.Sync} message (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const
