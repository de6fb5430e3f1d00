/**
 * The scaled-out keystore: wrapped data keys in a schema of their own
 * (`<DATABASE_SCHEMA>_keys` by default), so database backups can leave it
 * out (`pg_dump --exclude-schema=<schema>_keys`) and the keys get their own
 * short-lived backups. Shares the storage's connection pool. Every
 * statement here is safe to repeat after a lost connection (reads,
 * `ON CONFLICT DO NOTHING` inserts, a destruction that leaves the same
 * tombstone, a re-wrap that skips what is done), so each is retried.
 */
import type pg from 'pg'
import type { PostgresDatabase } from './PostgresDatabase.js'
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
    private readonly db: PostgresDatabase,
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
    return (await this.db.statement<DataKeyRow>(`SELECT * FROM ${this.table} WHERE owner = ANY($1::text[])`, [[...owners]], true)).rows.map(toStored)
  }

  async insertMissing(rows: readonly StoredDataKey[]): Promise<void> {
    if (rows.length === 0) {
      return
    }
    await this.db.statement(
      `INSERT INTO ${this.table} (owner, master_key_id, wrapped, created_at, destroyed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[], $5::text[]) ON CONFLICT (owner) DO NOTHING`,
      [
        rows.map((row) => row.owner),
        rows.map((row) => row.masterKeyId),
        rows.map((row) => (row.wrapped === null ? null : Buffer.from(row.wrapped))),
        rows.map((row) => row.createdAt),
        rows.map((row) => row.destroyedAt),
      ],
      true,
    )
  }

  async destroy(owner: string, at: string): Promise<boolean> {
    // Repeated after a lost connection, it finds the tombstone and answers false: the key is destroyed either way.
    const result = await this.db.statement<{ destroyed: boolean }>(
      `WITH wiped AS (
         UPDATE ${this.table} SET master_key_id = NULL, wrapped = NULL, destroyed_at = $2 WHERE owner = $1 AND destroyed_at IS NULL RETURNING 1
       ), tombstone AS (
         INSERT INTO ${this.table} (owner, created_at, destroyed_at) SELECT $1, $2, $2 WHERE NOT EXISTS (SELECT 1 FROM wiped)
         ON CONFLICT (owner) DO NOTHING
       )
       SELECT EXISTS (SELECT 1 FROM wiped) AS destroyed`,
      [owner, at],
      true,
    )
    // The old row version stays in the table file until vacuumed; the
    // keystore is small, so rewrite it. PostgreSQL cannot promise the freed
    // disk blocks are overwritten, and WAL archives keep the old version
    // until they expire (README: Encryption at rest).
    try {
      await this.db.statement(`VACUUM FULL ${this.table}`, [], true)
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'VACUUM FULL of the keystore after destroying a data key failed')
    }
    return result.rows[0]?.destroyed === true
  }

  async countByMasterKey(): Promise<Map<string, number>> {
    const rows = (
      await this.db.statement<{ master_key_id: string; n: number }>(
        `SELECT master_key_id, COUNT(*)::int AS n FROM ${this.table} WHERE wrapped IS NOT NULL GROUP BY master_key_id`,
        [],
        true,
      )
    ).rows
    return new Map(rows.map((row) => [row.master_key_id, row.n]))
  }

  async rewrapAll(rewrap: (row: StoredDataKey) => Rewrapped | null): Promise<number> {
    // A repetition re-wraps only what is not wrapped by the new key yet.
    const changed = await this.db.retry.run(
      () => this.rewrapOnce(rewrap),
      () => 'retry',
    )
    if (changed > 0) {
      await this.db.statement(`VACUUM FULL ${this.table}`, [], true).catch(() => undefined)
    }
    return changed
  }

  private async rewrapOnce(rewrap: (row: StoredDataKey) => Rewrapped | null): Promise<number> {
    const client = await this.db.pool.connect()
    let changed = 0
    let failed: unknown
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
      failed = err
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release(failed instanceof Error ? failed : undefined)
    }
    return changed
  }

  async all(): Promise<StoredDataKey[]> {
    return (await this.db.statement<DataKeyRow>(`SELECT * FROM ${this.table} ORDER BY seq`, [], true)).rows.map(toStored)
  }

  /** A cheap read of the keystore table (readiness), without retries. */
  async ping(): Promise<void> {
    await this.db.pool.query(`SELECT 1 FROM ${this.table} LIMIT 1`)
  }

  async close(): Promise<void> {
    // The pool belongs to the storage, which ends it.
  }
}
