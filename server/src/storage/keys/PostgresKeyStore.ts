/**
 * The scaled-out keystore: wrapped data keys in a schema of their own
 * (`<DATABASE_SCHEMA>_keys` by default), so database backups can leave it
 * out (`pg_dump --exclude-schema=<schema>_keys`) and the keys get their own
 * short-lived backups. Shares the storage's connection pool.
 */
import type pg from 'pg'
import { toStoredDataKey as toStored, type DataKeyRow, type KeyStore, type Rewrapped, type StoredDataKey } from '../../crypto/KeyStore.js'
import type { Logger } from '../../log.js'

/** The keystore schema of a database schema. */
export function defaultKeysSchema(schema: string): string {
  return `${schema}_keys`
}

/** Inserts keystore rows as they are into `keysSchema`, on the caller's client (migration from SQLite, inside its transaction). */
export async function copyDataKeysIn(client: pg.ClientBase, keysSchema: string, rows: readonly StoredDataKey[]): Promise<void> {
  for (const row of rows) {
    await client.query(`INSERT INTO ${keysSchema}.data_keys (owner, master_key_id, wrapped, created_at, destroyed_at) VALUES ($1, $2, $3, $4, $5)`, [
      row.owner,
      row.masterKeyId,
      row.wrapped === null ? null : Buffer.from(row.wrapped),
      row.createdAt,
      row.destroyedAt,
    ])
  }
}

/** {@link KeyStore} in its own PostgreSQL schema. */
export class PostgresKeyStore implements KeyStore {
  private readonly table: string

  constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly logger: Logger,
  ) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`invalid keystore schema name ${JSON.stringify(schema)} (at most 63 lower-case letters, digits and _)`)
    }
    this.table = `${schema}.data_keys`
  }

  /** DDL that creates the schema and table when missing (run inside the caller's migration lock). */
  createSql(): string {
    return `CREATE SCHEMA IF NOT EXISTS ${this.schema};
    CREATE TABLE IF NOT EXISTS ${this.table} (
      seq BIGSERIAL UNIQUE,
      owner TEXT PRIMARY KEY,
      master_key_id TEXT,
      wrapped BYTEA,
      created_at TEXT NOT NULL,
      destroyed_at TEXT,
      CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
    )`
  }

  async find(owners: readonly string[]): Promise<StoredDataKey[]> {
    if (owners.length === 0) {
      return []
    }
    return (await this.pool.query<DataKeyRow>(`SELECT * FROM ${this.table} WHERE owner = ANY($1::text[])`, [[...owners]])).rows.map(toStored)
  }

  async insertMissing(rows: readonly StoredDataKey[]): Promise<void> {
    if (rows.length === 0) {
      return
    }
    await this.pool.query(
      `INSERT INTO ${this.table} (owner, master_key_id, wrapped, created_at, destroyed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[], $5::text[]) ON CONFLICT (owner) DO NOTHING`,
      [
        rows.map((row) => row.owner),
        rows.map((row) => row.masterKeyId),
        rows.map((row) => (row.wrapped === null ? null : Buffer.from(row.wrapped))),
        rows.map((row) => row.createdAt),
        rows.map((row) => row.destroyedAt),
      ],
    )
  }

  async destroy(owner: string, at: string): Promise<boolean> {
    const result = await this.pool.query<{ destroyed: boolean }>(
      `WITH wiped AS (
         UPDATE ${this.table} SET master_key_id = NULL, wrapped = NULL, destroyed_at = $2 WHERE owner = $1 AND destroyed_at IS NULL RETURNING 1
       ), tombstone AS (
         INSERT INTO ${this.table} (owner, created_at, destroyed_at) SELECT $1, $2, $2 WHERE NOT EXISTS (SELECT 1 FROM wiped)
         ON CONFLICT (owner) DO NOTHING
       )
       SELECT EXISTS (SELECT 1 FROM wiped) AS destroyed`,
      [owner, at],
    )
    // The old row version stays in the table file until vacuumed; the
    // keystore is small, so rewrite it. PostgreSQL cannot promise the freed
    // disk blocks are overwritten, and WAL archives keep the old version
    // until they expire (README: Encryption at rest).
    try {
      await this.pool.query(`VACUUM FULL ${this.table}`)
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'VACUUM FULL of the keystore after destroying a data key failed')
    }
    return result.rows[0]?.destroyed === true
  }

  async countByMasterKey(): Promise<Map<string, number>> {
    const rows = (
      await this.pool.query<{ master_key_id: string; n: number }>(
        `SELECT master_key_id, COUNT(*)::int AS n FROM ${this.table} WHERE wrapped IS NOT NULL GROUP BY master_key_id`,
      )
    ).rows
    return new Map(rows.map((row) => [row.master_key_id, row.n]))
  }

  async rewrapAll(rewrap: (row: StoredDataKey) => Rewrapped | null): Promise<number> {
    const client = await this.pool.connect()
    let changed = 0
    try {
      await client.query('BEGIN')
      const rows = (await client.query<DataKeyRow>(`SELECT * FROM ${this.table} WHERE wrapped IS NOT NULL ORDER BY seq FOR UPDATE`)).rows
      for (const row of rows.map(toStored)) {
        const next = rewrap(row)
        if (next !== null) {
          await client.query(`UPDATE ${this.table} SET master_key_id = $2, wrapped = $3 WHERE owner = $1`, [row.owner, next.masterKeyId, Buffer.from(next.wrapped)])
          changed += 1
        }
      }
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
    if (changed > 0) {
      await this.pool.query(`VACUUM FULL ${this.table}`).catch(() => undefined)
    }
    return changed
  }

  async all(): Promise<StoredDataKey[]> {
    return (await this.pool.query<DataKeyRow>(`SELECT * FROM ${this.table} ORDER BY seq`)).rows.map(toStored)
  }

  async close(): Promise<void> {
    // The pool belongs to the storage, which ends it.
  }
}
