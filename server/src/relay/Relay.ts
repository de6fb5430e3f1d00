/**
 * The rooms of this process: loading and unloading them, attaching
 * connections, closing connections when sessions end or access changes, and
 * server-side document changes that take the same commit-then-forward path
 * as client updates.
 */
import type { WebSocket } from 'ws'
import type * as Y from 'yjs'
import { errorMessage } from '../../../shared/src/errors.js'
import { AccessRevoked, GoingAway, RoomErased, SessionEnded, type CloseCode } from '../../../shared/src/protocol/closeCodes.js'
import { caseIdOfRoom, formatRoomName, type RoomName } from '../../../shared/src/protocol/roomName.js'
import type { ControlMessage, Fanout } from '../fanout/Fanout.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { ClientIdStorage, RoomStorage } from '../storage/rooms/RoomStorage.js'
import { Connection, type ConnectionIdentity } from './Connection.js'
import { encodeAwareness, encodeSyncStep1 } from './messages.js'
import { migrateOnLoad } from './migrateOnLoad.js'
import { PlanTitleMirror } from './PlanTitleMirror.js'
import { Room } from './Room.js'
import { serverChangeUpdate } from './serverChanges.js'
import { isErasedCaseRoom, resolveRoomGrant, type RoomAccessStorage } from './roomAccess.js'
import type { Clock } from '../clock.js'
import type { CaseChangedEvent } from '../../../shared/src/api/caseEvents.js'

/** Observers of the rooms' lives (e.g. server/src/versions/VersionRecorder.ts); each is called synchronously and must not throw. */
export interface RoomHooks {
  /** A room was loaded into memory (and migrated). */
  loaded?(room: Room): void
  /** A batch was committed and applied; `authors` are the accounts whose connections sent it. */
  committed?(room: Room, authors: readonly string[]): void
  /** A room was unloaded. */
  unloaded?(room: Room): void
}

/** Dependencies and settings of the relay. */
export interface RelayOptions {
  storage: RoomStorage & ClientIdStorage & Pick<CaseStorage, 'updateCase'> & RoomAccessStorage
  logger: Logger
  metrics: Metrics
  compactAfterUpdates: number
  compactAfterBytes: number
  roomIdleMs: number
  /** Set with several processes: rooms follow the others, and access changes are announced to them. */
  fanout?: Fanout
  /**
   * With a fan-out: how often every loaded room is compared with its head in
   * storage, so rows whose message was lost arrive without waiting for the
   * room's next commit (FANOUT_CATCHUP_MS). Also done after a reconnect.
   */
  catchUpMs?: number
  /** Now, for consent end dates (tests move it). */
  clock?: Clock
  /** Observers of loads, commits and unloads. */
  hooks?: RoomHooks
}

/** All rooms and connections of this relay process. */
export class Relay {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()
  private readonly planTitles: PlanTitleMirror
  private shuttingDown = false
  private catchUpTimer: NodeJS.Timeout | undefined
  private catchingUp = false

  constructor(private readonly options: RelayOptions) {
    this.planTitles = new PlanTitleMirror(options.storage, options.logger)
    const fanout = options.fanout
    if (fanout) {
      fanout.onControl((message) => this.handleControl(message))
      fanout.onReconnect(() => void this.catchUpRooms())
      this.catchUpTimer = setInterval(() => void this.catchUpRooms(), options.catchUpMs ?? 5_000)
      this.catchUpTimer.unref()
    }
  }

  /**
   * Compares every loaded room's last applied row with its head in storage
   * (one query for all) and has the rooms that are behind read what they
   * missed. Never throws; failures are logged and the next round retries.
   */
  async catchUpRooms(): Promise<void> {
    if (this.catchingUp || this.shuttingDown || this.rooms.size === 0) {
      return
    }
    this.catchingUp = true
    try {
      const rooms = [...this.rooms.values()]
      const heads = await this.options.storage.roomHeads(rooms.map((room) => room.name))
      await Promise.all(
        rooms.map(async (room) => {
          const head = heads.get(room.name)
          if (head !== undefined && head > room.appliedSeq) {
            await room.catchUpTo(head)
          }
        }),
      )
    } catch (err) {
      this.options.logger.warn({ error: errorMessage(err) }, 'catching up rooms from storage failed')
    } finally {
      this.catchingUp = false
    }
  }

  /** An access change announced by another process: the same re-check, for this process's connections. */
  private handleControl(message: ControlMessage): void {
    switch (message.kind) {
      case 'case':
        this.recheckCaseHere(message.caseId).catch((err: unknown) => {
          this.options.logger.error({ caseId: message.caseId, error: errorMessage(err) }, 're-checking connections failed')
        })
        return
      case 'user':
        this.closeUserHere(message.userId, message.close)
        return
      case 'session':
        this.closeSessionHere(message.sessionHash)
        return
      case 'supervision':
        this.recheckSupervisionHere().catch((err: unknown) => {
          this.options.logger.error({ error: errorMessage(err) }, 're-checking supervision connections failed')
        })
        return
    }
  }

  /** Whether the relay still accepts connections. */
  get accepting(): boolean {
    return !this.shuttingDown
  }

  /** How many rooms are in memory (or loading), and whether `room` is one of them: for the MAX_LOADED_ROOMS check of the upgrade. */
  loadedRooms(room: RoomName): { count: number; includes: boolean } {
    const name = formatRoomName(room)
    return { count: this.rooms.size + this.loading.size, includes: this.rooms.has(name) || this.loading.has(name) }
  }

  /** Loads (or finds) a room and holds it in memory until {@link release}. */
  async acquire(room: RoomName): Promise<Room> {
    const name = formatRoomName(room)
    const timer = this.idleTimers.get(name)
    if (timer) {
      clearTimeout(timer)
      this.idleTimers.delete(name)
    }
    let loaded = this.rooms.get(name)
    if (!loaded) {
      let loadingRoom = this.loading.get(name)
      if (!loadingRoom) {
        loadingRoom = this.load(name, room)
        this.loading.set(name, loadingRoom)
      }
      try {
        loaded = await loadingRoom
      } finally {
        this.loading.delete(name)
      }
      if (!this.rooms.has(name)) {
        this.rooms.set(name, loaded)
        this.options.metrics.loadedRooms.value = this.rooms.size
        this.options.hooks?.loaded?.(loaded)
      }
      loaded = this.rooms.get(name) ?? loaded
    }
    loaded.holds += 1
    return loaded
  }

  /**
   * Loads a room from storage and migrates it to the current schema before
   * anyone gets it (contract §8.1: before any client syncs).
   */
  private async load(name: string, room: RoomName): Promise<Room> {
    const loaded = await Room.load(name, room, {
      storage: this.options.storage,
      logger: this.options.logger,
      metrics: this.options.metrics,
      compactAfterUpdates: this.options.compactAfterUpdates,
      compactAfterBytes: this.options.compactAfterBytes,
      afterCommit: (committed, authors) => {
        this.planTitles.afterCommit(committed)
        this.options.hooks?.committed?.(committed, authors)
      },
      ...(this.options.fanout ? { fanout: this.options.fanout } : {}),
    })
    // Seeded before the migration commits, so that commit mirrors no unchanged title.
    this.planTitles.seed(loaded)
    try {
      await migrateOnLoad(loaded, this.options)
    } catch (err) {
      this.planTitles.forget(loaded)
      loaded.destroy()
      throw err
    }
    return loaded
  }

  /** Gives up a hold; the last one compacts the room and starts its idle timer. */
  release(room: Room): void {
    room.holds -= 1
    if (room.holds > 0) {
      return
    }
    void room.compactWhenSettled()
    if (this.shuttingDown) {
      return
    }
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.name)
      if (room.holds === 0 && this.rooms.get(room.name) === room) {
        this.rooms.delete(room.name)
        this.planTitles.forget(room)
        this.options.hooks?.unloaded?.(room)
        this.options.metrics.loadedRooms.value = this.rooms.size
        void room.settled().then(() => room.destroy())
      }
    }, this.options.roomIdleMs)
    timer.unref()
    this.idleTimers.set(room.name, timer)
  }

  /**
   * Attaches an upgraded socket to a room the caller acquired; the
   * connection takes over that hold. Sends sync step 1 and the current
   * awareness states, as the reference server does.
   */
  attach(ws: WebSocket, room: Room, identity: ConnectionIdentity): Connection {
    const connection = new Connection(ws, room, identity, this.options.logger, this.options.metrics)
    room.connections.add(connection)
    this.options.metrics.openConnections.value += 1
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      connection.receive(toUint8Array(data), isBinary)
    })
    ws.on('error', (err) => {
      this.options.logger.warn({ room: room.name, userId: identity.userId, error: errorMessage(err) }, 'socket error')
    })
    ws.on('close', () => {
      this.options.metrics.openConnections.value -= 1
      room.removeConnection(connection)
      void connection.drained().then(() => this.release(room))
    })
    connection.send(encodeSyncStep1(room.doc))
    const states = [...room.awareness.getStates().keys()]
    if (states.length > 0) {
      connection.send(encodeAwareness(room.awareness, states))
    }
    return connection
  }

  /** Every open connection, optionally only those to rooms of one case. */
  private connectionsOf(caseId?: string): Connection[] {
    const found: Connection[] = []
    for (const room of this.rooms.values()) {
      if (caseId !== undefined && caseIdOfRoom(room.parsed) !== caseId) {
        continue
      }
      for (const connection of room.connections) {
        found.push(connection as Connection)
      }
    }
    return found
  }

  /** Closes every connection of an ended session with SessionEnded (4401), in every process. */
  closeSession(sessionHash: string): void {
    this.options.fanout?.publishControl({ kind: 'session', sessionHash })
    this.closeSessionHere(sessionHash)
  }

  private closeSessionHere(sessionHash: string): void {
    for (const connection of this.connectionsOf()) {
      if (connection.sessionHash === sessionHash) {
        connection.close(SessionEnded)
      }
    }
  }

  /** Closes every connection of an account (deactivation, password reset) with `code`, in every process. */
  closeUser(userId: string, code: CloseCode = SessionEnded): void {
    this.options.fanout?.publishControl({ kind: 'user', userId, close: code })
    this.closeUserHere(userId, code)
  }

  private closeUserHere(userId: string, code: CloseCode): void {
    for (const connection of this.connectionsOf()) {
      if (connection.userId === userId) {
        connection.close(code)
      }
    }
  }

  /**
   * The sessions behind open connections, each with whether one of its
   * connections wrote since the last call (writing counts as activity for
   * the idle expiry; awareness, which providers renew on a timer, does not).
   */
  takeSessionActivity(): Map<string, boolean> {
    const sessions = new Map<string, boolean>()
    for (const connection of this.connectionsOf()) {
      sessions.set(connection.sessionHash, (sessions.get(connection.sessionHash) ?? false) || connection.wroteSinceSweep)
      connection.wroteSinceSweep = false
    }
    return sessions
  }

  /**
   * Re-checks every open connection of a case against the policy after a
   * membership or setting change: lost access closes with AccessRevoked
   * (4403) at once; a change between read and write applies in place. The
   * other processes are told to do the same with theirs.
   */
  async recheckCase(caseId: string, what?: CaseChangedEvent['what']): Promise<void> {
    this.options.fanout?.publishControl({ kind: 'case', caseId, ...(what ? { what } : {}) })
    await this.recheckCaseHere(caseId)
  }

  private async recheckCaseHere(caseId: string): Promise<void> {
    await Promise.all(this.connectionsOf(caseId).map((connection) => this.recheckConnection(connection)))
  }

  /**
   * Re-checks every open connection to a supervision room (issue 6) after a
   * group member was removed or a copy was replaced: lost access closes with
   * AccessRevoked (4403). The other processes do the same with theirs.
   */
  async recheckSupervision(): Promise<void> {
    this.options.fanout?.publishControl({ kind: 'supervision' })
    await this.recheckSupervisionHere()
  }

  private async recheckSupervisionHere(): Promise<void> {
    const connections = this.connectionsOf().filter((connection) => caseIdOfRoom(connection.room.parsed) === null)
    await Promise.all(connections.map((connection) => this.recheckConnection(connection)))
  }

  /**
   * Re-checks one connection's access. The upgrade calls it right after
   * attaching, so a change that landed between the upgrade's check and the
   * attach is not missed.
   */
  async recheckConnection(connection: Connection): Promise<void> {
    const { access, role } = await resolveRoomGrant(this.options.storage, connection.userId, connection.room.parsed, this.options.clock)
    if (access === 'none' || role === null) {
      connection.close((await isErasedCaseRoom(this.options.storage, connection.room.parsed)) ? RoomErased : AccessRevoked)
    } else {
      connection.access = access
      connection.role = role
    }
  }

  /**
   * Loads a room (as the sync endpoint does, so the reader sees exactly what
   * is committed, pending commits included) and reads its document.
   */
  async readDocument<T>(room: RoomName, read: (doc: Y.Doc) => T): Promise<T> {
    const loaded = await this.acquire(room)
    try {
      await loaded.settled()
      return read(loaded.doc)
    } finally {
      this.release(loaded)
    }
  }

  /**
   * Makes a server-side change to a room's document (serverChanges.ts: a
   * client id of the server's own). The change is computed on a copy and
   * submitted as an update, so it is committed before any client sees it,
   * like a client's update; it is not judged by the schema check (§8.2).
   */
  async changeDocument(room: RoomName, change: (doc: Y.Doc) => void): Promise<void> {
    const loaded = await this.acquire(room)
    try {
      await loaded.settled()
      const update = await serverChangeUpdate(this.options.storage, loaded.name, loaded.doc, change)
      if (update !== null) {
        await loaded.submitUpdate(update, null)
      }
    } finally {
      this.release(loaded)
    }
  }

  /**
   * Shutdown: refuse new connections, close open ones with GoingAway (1001),
   * finish pending commits and compact every loaded room.
   */
  async shutdown(): Promise<void> {
    this.shuttingDown = true
    clearInterval(this.catchUpTimer)
    for (const timer of this.idleTimers.values()) {
      clearTimeout(timer)
    }
    this.idleTimers.clear()
    const connections = this.connectionsOf()
    for (const connection of connections) {
      connection.close(GoingAway)
    }
    await Promise.all(connections.map((connection) => connection.drained()))
    for (const room of this.rooms.values()) {
      await room.compactWhenSettled()
      room.destroy()
    }
    this.rooms.clear()
    this.options.metrics.loadedRooms.value = 0
  }
}

function toUint8Array(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) {
    return Buffer.concat(data)
  }
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}
