/**
 * The rooms of this process: loading a room once however many ask for it
 * at the same time, holding it while it is used, compacting it when the
 * last user leaves and unloading it after an idle period (contract §6).
 * A loaded room is migrated to the current schema before anyone gets it
 * (contract §8.1, migrateOnLoad.ts).
 */
import { formatRoomName, type RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Metrics } from '../metrics.js'
import { migrateOnLoad, type MigrationContext } from './migrateOnLoad.js'
import { Room, type RoomOptions } from './room/Room.js'

/** Settings of a {@link RoomRegistry}. */
export interface RoomRegistryOptions {
  /** What every room is loaded with. */
  room: RoomOptions
  metrics: Metrics
  /** How long a room without holds stays in memory. */
  roomIdleMs: number
  /** What the schema migration on load needs. */
  migration: MigrationContext
}

/** Loaded rooms by name. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  /**
   * Rooms without holds and when they unload (performance.now() ms), in
   * that order: every room waits the same idle period, so the order of
   * release is the order of unloading. One timer, armed for the first of
   * them, serves all (issue 21: no timer per room).
   */
  private readonly idle = new Map<string, { room: Room; unloadAt: number }>()
  private idleTimer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(private readonly options: RoomRegistryOptions) {}

  /** How many rooms are in memory (or loading), and whether `room` is one of them: for the MAX_LOADED_ROOMS check. */
  loadedRooms(room: RoomName): { count: number; includes: boolean } {
    const name = formatRoomName(room)
    return { count: this.rooms.size + this.loading.size, includes: this.rooms.has(name) || this.loading.has(name) }
  }

  /** The loaded rooms. */
  all(): IterableIterator<Room> {
    return this.rooms.values()
  }

  /** Loads (or finds) a room and holds it in memory until {@link release}. */
  async acquire(room: RoomName): Promise<Room> {
    const name = formatRoomName(room)
    this.idle.delete(name)
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
      }
      loaded = this.rooms.get(name) ?? loaded
    }
    loaded.holds += 1
    return loaded
  }

  /**
   * Loads a room from storage and migrates it to the current schema before
   * anyone gets it (contract §8.1: before any client syncs or any route reads).
   */
  private async load(name: string, room: RoomName): Promise<Room> {
    const loaded = await Room.load(name, room, this.options.room)
    try {
      // After the hooks saw the loaded room, so the migration's commit mirrors no unchanged title.
      await migrateOnLoad(loaded, this.options.migration)
    } catch (err) {
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
    if (this.stopped) {
      return
    }
    // Re-inserted at the end: its idle period starts now.
    this.idle.delete(room.name)
    this.idle.set(room.name, { room, unloadAt: performance.now() + this.options.roomIdleMs })
    this.armIdleTimer()
  }

  /** Whether the idle timer is armed (tests: nothing is left once every room unloaded). */
  get idleTimerArmed(): boolean {
    return this.idleTimer !== null
  }

  private armIdleTimer(): void {
    const first = this.idle.values().next().value
    if (this.idleTimer !== null || first === undefined) {
      return
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      this.unloadIdle()
    }, Math.max(0, first.unloadAt - performance.now()))
    this.idleTimer.unref()
  }

  /** Unloads every room whose idle period is over, then arms the timer for the next one. */
  private unloadIdle(): void {
    const now = performance.now()
    for (const [name, { room, unloadAt }] of this.idle) {
      if (unloadAt > now) {
        break
      }
      this.idle.delete(name)
      if (room.holds === 0 && this.rooms.get(name) === room) {
        this.rooms.delete(name)
        this.options.metrics.loadedRooms.value = this.rooms.size
        this.options.room.logger.debug({ room: name, idleMs: this.options.roomIdleMs, loadedRooms: this.rooms.size }, 'room unloaded')
        void room.settled().then(() => room.destroy())
      }
    }
    this.armIdleTimer()
  }

  /** Shutdown, first step: no idle timers from now on (rooms stay until {@link unloadAll}). */
  stop(): void {
    this.stopped = true
    if (this.idleTimer !== null) {
      clearTimeout(this.idleTimer)
      this.idleTimer = null
    }
    this.idle.clear()
  }

  /**
   * Shutdown, last step: every room is compacted after its pending commits
   * and unloaded, and the compactions still queued by rooms unloaded
   * before have run.
   */
  async unloadAll(): Promise<void> {
    this.stop()
    for (const room of this.rooms.values()) {
      await room.compactWhenSettled()
      room.destroy()
    }
    await this.options.room.compactions.settle()
    this.options.room.logger.debug({ rooms: this.rooms.size }, 'rooms unloaded at shutdown')
    this.rooms.clear()
    this.options.metrics.loadedRooms.value = 0
  }
}
