/**
 * Where wrapped data keys live: apart from the database that backups copy
 * (SQLite: DATA_DIR/keys.sqlite; PostgreSQL: the schema `<schema>_keys`), so
 * destroying a key also makes old database backups unreadable.
 */

/** One owner's data key, wrapped by a master key; a destroyed one keeps only its tombstone. */
export interface StoredDataKey {
  /** `case:<caseId>`, `copy:<copyId>` or `room:<name>` (see keyOwners.ts). */
  owner: string
  /** Id of the master key that wrapped it; null once destroyed. */
  masterKeyId: string | null
  /** Sealed data key (aead.ts format); null once destroyed. */
  wrapped: Uint8Array | null
  createdAt: string
  destroyedAt: string | null
}

/** A re-wrapped key, for {@link KeyStore.rewrapAll}. */
export interface Rewrapped {
  masterKeyId: string
  wrapped: Uint8Array
}

/** Persistence of wrapped data keys (SqliteKeyStore, PostgresKeyStore). */
export interface KeyStore {
  /** The rows of `owners` that exist, destroyed ones included. */
  find(owners: readonly string[]): Promise<StoredDataKey[]>
  /** Inserts the rows whose owner has none yet; an existing row (another writer's) is kept. */
  insertMissing(rows: readonly StoredDataKey[]): Promise<void>
  /**
   * Wipes an owner's wrapped key and leaves a tombstone (also for an owner
   * that had none), so no later write creates a fresh key for it; freed
   * bytes are overwritten as far as the database allows. True when a live
   * key was destroyed.
   */
  destroy(owner: string, at: string): Promise<boolean>
  /** Live wrapped keys per master key id. */
  countByMasterKey(): Promise<Map<string, number>>
  /**
   * In one transaction, replaces every live key for which `rewrap` returns
   * a value; resolves with the number replaced.
   */
  rewrapAll(rewrap: (row: StoredDataKey) => Rewrapped | null): Promise<number>
  /** Every row, oldest first (migration to PostgreSQL). */
  all(): Promise<StoredDataKey[]>
  /** One cheap read, without retries: throws when the keystore cannot be read (readiness). */
  ping(): Promise<void>
  close(): Promise<void>
}

/** A data_keys row as both keystore dialects (and the tests) read it. */
export interface DataKeyRow {
  owner: string
  master_key_id: string | null
  wrapped: Buffer | null
  created_at: string
  destroyed_at: string | null
}

/** The stored key of a data_keys row. */
export function toStoredDataKey(row: DataKeyRow): StoredDataKey {
  return { owner: row.owner, masterKeyId: row.master_key_id, wrapped: row.wrapped, createdAt: row.created_at, destroyedAt: row.destroyed_at }
}
