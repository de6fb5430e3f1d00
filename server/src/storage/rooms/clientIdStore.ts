/** Yjs client id bindings (issue 9) on either backend. */
import type { Dialect } from '../sql/Dialect.js'
import { all, get, list, run, Rollback, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { ClientIdBindGroup } from './ClientIdBindGroup.js'
import type { ClientIdStorage } from './RoomStorage.js'

const SQL_CLIENT_ID_OWNER = 'SELECT user_id FROM yjs_client_ids WHERE room = ? AND client_id = ?'
const SQL_BIND_CLIENT_ID = 'INSERT INTO yjs_client_ids (room, client_id, user_id, bound_at) VALUES (?, ?, ?, ?) ON CONFLICT (room, client_id) DO NOTHING'
const SQL_CLIENT_ID_OWNERS = (d: Dialect): string => `SELECT client_id, user_id FROM yjs_client_ids WHERE room = ? AND ${d.inList('client_id', 'bigint')}`
const SQL_BINDINGS_OF_ROOM = `SELECT b.client_id, b.user_id, u.name AS user_name FROM yjs_client_ids b
  LEFT JOIN users u ON u.id = b.user_id WHERE b.room = ? ORDER BY b.bound_at, b.client_id`
const SQL_DELETE_CLIENT_IDS = (d: Dialect): string => `DELETE FROM yjs_client_ids WHERE ${d.inList('room', 'text')}`

/** Deletes the bindings of `rooms` (inside an operation: erasure, replaced copies). */
export function* deleteClientIds(rooms: readonly string[]): Query<void> {
  yield* run(SQL_DELETE_CLIENT_IDS, list(rooms))
}

/** {@link ClientIdStorage} on either backend. */
export function createClientIdStore({ db }: StoreContext): ClientIdStorage {
  const clientIdOwner = async (room: string, clientId: number): Promise<string | null> =>
    (await db.query(get<{ user_id: string }>(SQL_CLIENT_ID_OWNER, room, clientId)))?.user_id ?? null
  const singleBinds = new ClientIdBindGroup(db, clientIdOwner)
  return {
    async bindClientIds(room, userId, clientIds) {
      const ids = [...new Set(clientIds)]
      if (ids.length === 0) {
        return []
      }
      const [only] = ids
      if (ids.length === 1 && only !== undefined) {
        // A writer's first update mostly brings one new id. One insert is all
        // or nothing by itself, so such binds of many connections share one
        // statement (ClientIdBindGroup.ts).
        return singleBinds.bind(room, userId, only)
      }
      const now = new Date().toISOString()
      return db.transaction(
        function* () {
          // An id this insert bound is ours. A concurrent insert of the same
          // id waits for the other transaction (PostgreSQL) and then inserts
          // nothing; only such ids, and ids bound earlier, are looked up,
          // which spares a writer's first update a query.
          const boundBefore: number[] = []
          for (const id of ids) {
            const { changes } = yield* run(SQL_BIND_CLIENT_ID, room, id, userId, now)
            if (changes === 0) {
              boundBefore.push(id)
            }
          }
          if (boundBefore.length === 0) {
            return []
          }
          const owners = yield* all<{ client_id: number | string; user_id: string }>(SQL_CLIENT_ID_OWNERS, room, list(boundBefore))
          const foreign = owners.filter((row) => row.user_id !== userId).map((row) => Number(row.client_id))
          if (foreign.length > 0) {
            // Nothing is bound when any id belongs to another account.
            throw new Rollback(foreign)
          }
          return foreign
        },
        { immediate: true },
      )
    },

    async clientIdBindingsOf(room) {
      const rows = await db.query(all<{ client_id: number | string; user_id: string; user_name: string | null }>(SQL_BINDINGS_OF_ROOM, room))
      // PostgreSQL returns BIGINT as a string.
      return rows.map((row) => ({ clientId: Number(row.client_id), userId: row.user_id, userName: row.user_name }))
    },

    clientIdOwner,
  }
}
