/**
 * Binds of single client ids, grouped (issue 21): the binds asked for in
 * one event-loop turn go into one INSERT, however many rooms and accounts
 * they come from. Each asker learns only its own outcome.
 *
 * Why: every writer's first update binds its client id before it is
 * committed. When many rooms start at once (the scaled-out provider's day:
 * a thousand rooms in its first second), one statement per bind made the
 * first edits wait for PostgreSQL: one-second buckets of the bench's delay
 * showed p50 26-36 ms in the first second, and 9-10 ms with the binds left
 * out.
 *
 * Like the group commit, one group runs at a time; binds asked for
 * meanwhile form the next group, so groups grow with the load (TurnGroups).
 */
import type { Dialect } from '../sql/Dialect.js'
import { all, list, type SqlDatabase } from '../sql/query.js'
import { TurnGroups } from '../../turnGroups.js'

// ON CONFLICT DO NOTHING also skips a pair that an earlier row of the same statement inserted (two accounts in one group).
const SQL_BIND_MANY = (d: Dialect): string =>
  d.name === 'postgres'
    ? `INSERT INTO yjs_client_ids (room, client_id, user_id, bound_at)
       SELECT t.room, t.client_id, t.user_id, ? FROM unnest(?::text[], ?::bigint[], ?::text[]) WITH ORDINALITY AS t(room, client_id, user_id, n)
       ORDER BY t.n
       ON CONFLICT (room, client_id) DO NOTHING RETURNING room, client_id, user_id`
    : // SQLite needs a WHERE before ON CONFLICT after a SELECT (parsing ambiguity).
      `INSERT INTO yjs_client_ids (room, client_id, user_id, bound_at)
       SELECT r.value, c.value, u.value, ? FROM json_each(?) AS r
       JOIN json_each(?) AS c ON c.key = r.key JOIN json_each(?) AS u ON u.key = r.key
       WHERE true ORDER BY r.key
       ON CONFLICT (room, client_id) DO NOTHING RETURNING room, client_id, user_id`

interface Asked {
  room: string
  userId: string
  clientId: number
  /** Resolves with [] when the id is the account's, or [clientId] when another account holds it. */
  resolve: (foreign: number[]) => void
  reject: (error: unknown) => void
}

const pairKey = (room: string, clientId: number): string => `${room}\n${clientId}`

/** Groups single client-id binds of a turn into one statement. */
export class ClientIdBindGroup {
  private waiting: Asked[] = []
  private readonly groups = new TurnGroups(
    () => this.bindGroup(),
    () => this.waiting.length > 0,
  )

  constructor(
    private readonly db: SqlDatabase,
    /** The account an id is bound to in a room, or null (ClientIdStorage.clientIdOwner). */
    private readonly ownerOf: (room: string, clientId: number) => Promise<string | null>,
  ) {}

  /** Binds `clientId` in `room` to `userId` unless bound already; resolves with the ids another account holds ([] or [clientId]). */
  bind(room: string, userId: string, clientId: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ room, userId, clientId, resolve, reject })
      this.groups.request()
    })
  }

  private async bindGroup(): Promise<void> {
    const group = this.waiting
    this.waiting = []
    let inserted: Array<{ room: string; client_id: number | string; user_id: string }>
    try {
      inserted = await this.db.query(
        all(
          SQL_BIND_MANY,
          new Date().toISOString(),
          list(group.map((asked) => asked.room)),
          list(group.map((asked) => asked.clientId)),
          list(group.map((asked) => asked.userId)),
        ),
      )
    } catch (err) {
      for (const asked of group) {
        asked.reject(err)
      }
      return
    }
    // PostgreSQL returns BIGINT as a string.
    const owners = new Map(inserted.map((row) => [pairKey(row.room, Number(row.client_id)), row.user_id]))
    const lookups: Array<Promise<void>> = []
    for (const asked of group) {
      const owner = owners.get(pairKey(asked.room, asked.clientId))
      if (owner !== undefined) {
        asked.resolve(owner === asked.userId ? [] : [asked.clientId])
        continue
      }
      // Bound before this group (a connection's own id again, or a foreign one): looked up.
      lookups.push(
        this.ownerOf(asked.room, asked.clientId).then(
          (owner) => asked.resolve(owner === null || owner === asked.userId ? [] : [asked.clientId]),
          asked.reject,
        ),
      )
    }
    await Promise.all(lookups)
  }
}
