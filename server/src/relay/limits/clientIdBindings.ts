/**
 * Yjs client id binding (issue 9): a client id belongs to the account that
 * first wrote with it in a room. An update from another account that adds
 * structs under that id is refused, so an account cannot write in someone
 * else's name, and "who wrote this" is answerable from the structs' ids.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'

/** Where bindings live. */
export interface ClientIdBindings {
  /**
   * Binds the unbound ids of `clientIds` in `room` to `userId`, in one
   * transaction, and returns the ids bound to another account. When that
   * list is not empty nothing was bound.
   */
  bind(room: string, userId: string, clientIds: readonly number[]): Promise<number[]>
  /** The account a client id is bound to in a room, if any. */
  ownerOf(room: string, clientId: number): Promise<string | undefined>
  close(): void
}

// The table is created here rather than by a numbered migration because the
// storage layer is being split into SQLite and PostgreSQL backends; moving it
// into migrations.ts (and a PostgreSQL twin) is a follow-up of that work.
const SQL_CREATE = `CREATE TABLE IF NOT EXISTS yjs_client_ids (
  room TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  bound_at TEXT NOT NULL,
  PRIMARY KEY (room, client_id)
) WITHOUT ROWID`
const SQL_OWNER = 'SELECT user_id FROM yjs_client_ids WHERE room = ? AND client_id = ?'
const SQL_BIND = 'INSERT INTO yjs_client_ids (room, client_id, user_id, bound_at) VALUES (?, ?, ?, ?)'

/** Bindings in the embedded database (DATA_DIR/fallbuch.sqlite), on a connection of their own. */
export class SqliteClientIdBindings implements ClientIdBindings {
  private readonly db: Database.Database
  private readonly owner: Database.Statement<[string, number], { user_id: string }>
  private readonly bindTx: (room: string, userId: string, clientIds: readonly number[]) => number[]

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, 'fallbuch.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(SQL_CREATE)
    this.owner = this.db.prepare(SQL_OWNER)
    const insert = this.db.prepare(SQL_BIND)
    this.bindTx = this.db.transaction((room: string, userId: string, clientIds: readonly number[]) => {
      const foreign: number[] = []
      const unbound: number[] = []
      for (const clientId of clientIds) {
        const row = this.owner.get(room, clientId)
        if (row === undefined) {
          unbound.push(clientId)
        } else if (row.user_id !== userId) {
          foreign.push(clientId)
        }
      }
      if (foreign.length === 0) {
        const now = new Date().toISOString()
        for (const clientId of unbound) {
          insert.run(room, clientId, userId, now)
        }
      }
      return foreign
    })
  }

  bind(room: string, userId: string, clientIds: readonly number[]): Promise<number[]> {
    return Promise.resolve(this.bindTx(room, userId, clientIds))
  }

  ownerOf(room: string, clientId: number): Promise<string | undefined> {
    return Promise.resolve(this.owner.get(room, clientId)?.user_id)
  }

  close(): void {
    this.db.close()
  }
}

/** Bindings held in this process only (scaled-out mode until PostgreSQL keeps them; lost at restart). */
export class MemoryClientIdBindings implements ClientIdBindings {
  private readonly owners = new Map<string, string>()

  bind(room: string, userId: string, clientIds: readonly number[]): Promise<number[]> {
    const foreign = clientIds.filter((id) => {
      const owner = this.owners.get(`${room}\n${id}`)
      return owner !== undefined && owner !== userId
    })
    if (foreign.length === 0) {
      for (const id of clientIds) {
        this.owners.set(`${room}\n${id}`, userId)
      }
    }
    return Promise.resolve(foreign)
  }

  ownerOf(room: string, clientId: number): Promise<string | undefined> {
    return Promise.resolve(this.owners.get(`${room}\n${clientId}`))
  }

  close(): void {
    this.owners.clear()
  }
}
