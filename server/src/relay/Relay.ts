/**
 * The relay of this process, put together: the room registry (load,
 * hold, idle unload), the sockets attached to rooms, access enforcement
 * (the AccessChanges subscriber), server-side document edits, the
 * after-commit hooks and, scaled out, the periodic catch-up. Each part
 * lives in its own module; this one only wires them and owns the open
 * connections' lifecycle (attach, session activity, shutdown).
 */
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import type * as Y from 'yjs'
import { errorMessage } from '../../../shared/src/errors.js'
import { GoingAway } from '../../../shared/src/protocol/closeCodes.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { RoomAccessStorage } from '../access/roomAccess.js'
import type { Clock } from '../clock.js'
import type { Fanout } from '../fanout/Fanout.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import type { ClientIdStorage, RoomStorage } from '../storage/rooms/RoomStorage.js'
import { AccessEnforcer } from './access/AccessEnforcer.js'
import { Connection, type ConnectionIdentity } from './Connection.js'
import { planTitleMirror } from './hooks/planTitleMirror.js'
import { encodeAwareness, encodeSyncStep1 } from './messages.js'
import { CompactionQueue } from './room/CompactionQueue.js'
import { GroupCommit } from './room/GroupCommit.js'
import type { Room } from './room/Room.js'
import type { RoomHook } from './room/RoomHooks.js'
import { RoomCatchUp } from './RoomCatchUp.js'
import { RoomRegistry } from './RoomRegistry.js'
import { ServerEdits } from './ServerEdits.js'

/** What the relay reads and writes: room logs, the server's client id bindings, access facts, and the case row the title mirror updates. */
export type RelayStorage = RoomStorage & Pick<ClientIdStorage, 'bindClientIds'> & RoomAccessStorage & Pick<CaseStorage, 'updateCase'> & Pick<MemberStorage, 'listMembers'>

/** Dependencies and settings of the relay. */
export interface RelayOptions {
  storage: RelayStorage
  logger: Logger
  metrics: Metrics
  compactAfterUpdates: number
  compactAfterBytes: number
  roomIdleMs: number
  /** Set with several processes: rooms follow the others. */
  fanout?: Fanout
  /**
   * With a fan-out: how often every loaded room is compared with its head in
   * storage, so rows whose message was lost arrive without waiting for the
   * room's next commit (FANOUT_CATCHUP_MS). Also done after a reconnect.
   */
  catchUpMs?: number
  /** Now, for consent end dates (tests move it). */
  clock?: Clock
  /** After-commit hooks beyond the built-in plan-title mirror. */
  hooks?: readonly RoomHook[]
}

/** All rooms and connections of this relay process. */
export class Relay {
  /** Loaded rooms. */
  readonly rooms: RoomRegistry
  /** Access re-checks and closes; subscribe {@link AccessEnforcer.apply} to AccessChanges. */
  readonly access: AccessEnforcer
  private readonly edits: ServerEdits
  private readonly catchUp: RoomCatchUp | null
  private readonly open = new Set<Connection>()
  private shuttingDown = false

  constructor(private readonly options: RelayOptions) {
    const { storage, logger, metrics, fanout } = options
    this.rooms = new RoomRegistry({
      room: {
        storage,
        groupCommit: new GroupCommit(storage),
        compactions: new CompactionQueue(logger),
        logger,
        metrics,
        compactAfterUpdates: options.compactAfterUpdates,
        compactAfterBytes: options.compactAfterBytes,
        hooks: [planTitleMirror(storage, logger), ...(options.hooks ?? [])],
        ...(fanout ? { fanout } : {}),
        caseMemberIds: async (caseId) => new Set((await storage.listMembers(caseId)).map((member) => member.id)),
      },
      metrics,
      roomIdleMs: options.roomIdleMs,
      migration: { storage, logger, metrics },
    })
    this.access = new AccessEnforcer({ connections: () => this.open, storage, logger, ...(options.clock ? { clock: options.clock } : {}) })
    this.edits = new ServerEdits(this.rooms, storage)
    this.catchUp = null
    if (fanout) {
      const catchUp = new RoomCatchUp({ rooms: () => this.rooms.all(), storage, logger })
      fanout.onReconnect(() => void catchUp.run())
      catchUp.every(options.catchUpMs ?? 5_000)
      this.catchUp = catchUp
    }
  }

  /** Whether the relay still accepts connections. */
  get accepting(): boolean {
    return !this.shuttingDown
  }

  /**
   * Attaches an upgraded socket to a room the caller acquired; the
   * connection takes over that hold. Sends sync step 1 and the current
   * awareness states, as the reference server does. `socket` is the one ws
   * took over: the connection writes its frames to it directly (OutgoingFrame).
   */
  attach(ws: WebSocket, room: Room, identity: ConnectionIdentity, socket: Duplex | null = null): Connection {
    const { logger, metrics } = this.options
    const connection = new Connection(ws, room, identity, logger, metrics, socket)
    room.connections.add(connection)
    this.open.add(connection)
    metrics.openConnections.value += 1
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      connection.receive(toUint8Array(data), isBinary)
    })
    ws.on('error', (err) => {
      logger.warn({ room: room.name, userId: identity.userId, error: errorMessage(err) }, 'socket error')
    })
    // log hook: opens and closes with room kind, account and close code, never content.
    const logged = { room: room.name, roomKind: room.parsed.kind, userId: identity.userId, access: identity.access }
    logger.info(logged, 'sync connection opened')
    ws.on('close', (code: number) => {
      logger.info({ ...logged, code }, 'sync connection closed')
      metrics.openConnections.value -= 1
      this.open.delete(connection)
      room.removeConnection(connection)
      void connection.drained().then(() => this.rooms.release(room))
    })
    connection.send(encodeSyncStep1(room.doc))
    const states = room.awarenessClientIds()
    if (states.length > 0) {
      connection.send(encodeAwareness(room.awareness, states))
    }
    return connection
  }

  /**
   * The sessions behind open connections, each with whether one of its
   * connections wrote since the last call (writing counts as activity for
   * the idle expiry; awareness, which providers renew on a timer, does not).
   */
  takeSessionActivity(): Map<string, boolean> {
    const sessions = new Map<string, boolean>()
    for (const connection of this.open) {
      sessions.set(connection.sessionHash, (sessions.get(connection.sessionHash) ?? false) || connection.wroteSinceSweep)
      connection.wroteSinceSweep = false
    }
    return sessions
  }

  /** Reads a room's committed document (see ServerEdits.read). */
  readDocument<T>(room: RoomName, read: (doc: Y.Doc) => T): Promise<T> {
    return this.edits.read(room, read)
  }

  /** Changes a room's document through its commit queue (see ServerEdits.change). */
  changeDocument(room: RoomName, change: (doc: Y.Doc) => void): Promise<void> {
    return this.edits.change(room, change)
  }

  /**
   * Shutdown: refuse new connections, close open ones with GoingAway (1001),
   * finish pending commits and compact every loaded room.
   */
  async shutdown(): Promise<void> {
    this.shuttingDown = true
    this.catchUp?.stop()
    this.rooms.stop()
    const connections = [...this.open]
    for (const connection of connections) {
      connection.close(GoingAway)
    }
    await Promise.all(connections.map((connection) => connection.drained()))
    await this.rooms.unloadAll()
  }
}

function toUint8Array(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) {
    return Buffer.concat(data)
  }
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}
