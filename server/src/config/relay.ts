/**
 * The sync endpoint: message sizes, rooms in memory, compaction, versions,
 * and the limits against hostile input, floods and slow readers (issue 9).
 */
import { z } from 'zod'
import { defineSection, namedFields, positiveInt } from './section.js'

const RelayEnvSchema = z.object({
  MAX_MESSAGE_BYTES: positiveInt.default(8 * 1024 * 1024),
  ROOM_IDLE_MS: z.coerce.number().int().min(0).default(10_000),
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  COMPACT_AFTER_BYTES: positiveInt.default(1_048_576),
  VERSION_SETTLE_MS: positiveInt.default(120_000),
  // Issue 20: the largest file an attachment upload accepts (10 MiB); larger is 413.
  ATTACHMENT_MAX_BYTES: positiveInt.default(10 * 1024 * 1024),
})

const LimitsEnvSchema = z.object({
  MAX_UPDATE_STRUCTS: positiveInt.default(100_000),
  MAX_UPDATE_DEPTH: positiveInt.default(64),
  SYNC_MESSAGES_PER_SECOND: positiveInt.default(50),
  SYNC_MESSAGE_BURST: positiveInt.default(500),
  AWARENESS_MESSAGES_PER_SECOND: positiveInt.default(20),
  AWARENESS_MESSAGE_BURST: positiveInt.default(200),
  MAX_SEND_BUFFER_BYTES: positiveInt.default(32 * 1024 * 1024),
  MAX_CONNECTIONS_PER_ACCOUNT: positiveInt.default(100),
  MAX_CONNECTIONS_PER_ADDRESS: positiveInt.default(500),
  MAX_LOADED_ROOMS: positiveInt.default(5_000),
})

/**
 * Limits of the sync endpoint. The defaults leave room for normal use (typing
 * sends one update and one awareness message per keystroke; a reconnect sends
 * a handful) and stop floods, hoarders and clients that stop reading.
 */
export interface RelayLimits {
  /** Structs plus delete ranges in one update (MAX_UPDATE_STRUCTS); more closes with 4413. */
  maxUpdateStructs: number
  /** Nesting depth of shared types an update may create (MAX_UPDATE_DEPTH); deeper closes with 4400. */
  maxUpdateDepth: number
  /** Sync messages (step 1, step 2, update) per second and connection, sustained (SYNC_MESSAGES_PER_SECOND). */
  syncMessagesPerSecond: number
  /** Sync messages a connection may send at once (SYNC_MESSAGE_BURST); beyond the bucket it closes with 4429. */
  syncMessageBurst: number
  /** Awareness and query-awareness messages per second and connection (AWARENESS_MESSAGES_PER_SECOND). */
  awarenessMessagesPerSecond: number
  /** Awareness messages at once (AWARENESS_MESSAGE_BURST); beyond the bucket the connection closes with 4429. */
  awarenessMessageBurst: number
  /** Bytes queued for a client that does not read (MAX_SEND_BUFFER_BYTES); beyond it the connection is dropped and logged. */
  maxSendBufferBytes: number
  /** Open sync connections per account (MAX_CONNECTIONS_PER_ACCOUNT); more are refused with HTTP 429. */
  maxConnectionsPerAccount: number
  /** Open sync connections per client address (MAX_CONNECTIONS_PER_ADDRESS); more are refused with HTTP 429. */
  maxConnectionsPerAddress: number
  /** Rooms held in memory by this process (MAX_LOADED_ROOMS); opening another is refused with HTTP 503. */
  maxLoadedRooms: number
}

export interface RelayConfig {
  /** Largest WebSocket message accepted. */
  maxMessageBytes: number
  /** How long a room without connections stays in memory. */
  roomIdleMs: number
  /** Stored updates per room after which the room's log is compacted. */
  compactAfterUpdates: number
  /** Bytes appended to a room's log since its last compaction after which it is compacted. */
  compactAfterBytes: number
  /** A plan or notes document unchanged for this long gets a "settled" version (contract §8.4). */
  versionSettleMs: number
  /** The largest file an attachment upload accepts (ATTACHMENT_MAX_BYTES, issue 20). */
  attachmentMaxBytes: number
}

export const RelaySettings = defineSection(RelayEnvSchema, (values): RelayConfig => namedFields(values))

export const RelayLimitSettings = defineSection(LimitsEnvSchema, (values): { limits: RelayLimits } => ({ limits: namedFields(values) }))

/** The limits when no variable sets them (a connection built without a policy: tests). */
export function defaultRelayLimits(): RelayLimits {
  const read = RelayLimitSettings.read({})
  if (!read.ok) {
    throw new Error('the relay limits have no valid defaults')
  }
  return read.fields.limits
}
