/**
 * The embedded keystore: wrapped data keys in their own SQLite file
 * (DATA_DIR/keys.sqlite), which `npm run backup` does not copy; `npm run
 * backup:keys` backs it up on its own. `synchronous = FULL`: a key whose
 * rows are committed must survive a power loss too.
 */
import Database from 'better-sqlite3'
import { toStoredDataKey as toStored, type DataKeyRow, type KeyStore, type Rewrapped, type StoredDataKey } from '../../crypto/KeyStore.js'

/** File name of the keystore in DATA_DIR. */
export const KeystoreFileName = 'keys.sqlite'

const SQL_CREATE = `CREATE TABLE IF NOT EXISTS data_keys (
  owner TEXT PRIMARY KEY,
  master_key_id TEXT,
  wrapped BLOB,
  created_at TEXT NOT NULL,
  destroyed_at TEXT,
  CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
)`
const SQL_FIND = 'SELECT * FROM data_keys WHERE owner IN (SELECT value FROM json_each(?))'
const SQL_INSERT = `INSERT INTO data_keys (owner, master_key_id, wrapped, created_at, destroyed_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (owner) DO NOTHING`
const SQL_DESTROY = 'UPDATE data_keys SET master_key_id = NULL, wrapped = NULL, destroyed_at = ? WHERE owner = ? AND destroyed_at IS NULL'
const SQL_TOMBSTONE = 'INSERT INTO data_keys (owner, created_at, destroyed_at) VALUES (?, ?, ?) ON CONFLICT (owner) DO NOTHING'
const SQL_COUNT_BY_MASTER = 'SELECT master_key_id, COUNT(*) AS n FROM data_keys WHERE wrapped IS NOT NULL GROUP BY master_key_id'
const SQL_LIVE = 'SELECT * FROM data_keys WHERE wrapped IS NOT NULL ORDER BY rowid'
const SQL_REWRAP = 'UPDATE data_keys SET master_key_id = ?, wrapped = ? WHERE owner = ? AND wrapped IS NOT NULL'
const SQL_ALL = 'SELECT * FROM data_keys ORDER BY rowid'

/** {@link KeyStore} in a SQLite file of its own. */
export class SqliteKeyStore implements KeyStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (and creates) the keystore file. */
  static open(file: string): SqliteKeyStore {
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    // A destroyed key's bytes are overwritten in the file, not just unlinked from the b-tree.
    db.pragma('secure_delete = ON')
    db.pragma('busy_timeout = 5000')
    db.exec(SQL_CREATE)
    return new SqliteKeyStore(db)
  }

  async find(owners: readonly string[]): Promise<StoredDataKey[]> {
    if (owners.length === 0) {
      return []
    }
    return (this.db.prepare(SQL_FIND).all(JSON.stringify(owners)) as DataKeyRow[]).map(toStored)
  }

  async insertMissing(rows: readonly StoredDataKey[]): Promise<void> {
    const insert = this.db.prepare(SQL_INSERT)
    this.db.transaction(() => {
      for (const row of rows) {
        insert.run(row.owner, row.masterKeyId, row.wrapped === null ? null : Buffer.from(row.wrapped), row.createdAt, row.destroyedAt)
      }
    })()
  }

  async destroy(owner: string, at: string): Promise<boolean> {
    const destroyed = this.db.transaction(() => {
      const changed = this.db.prepare(SQL_DESTROY).run(at, owner).changes === 1
      this.db.prepare(SQL_TOMBSTONE).run(owner, at, at)
      return changed
    })()
    // The WAL still holds earlier page images with the wrapped key; a
    // truncating checkpoint writes the wiped page home and empties the WAL.
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    return destroyed
  }

  async countByMasterKey(): Promise<Map<string, number>> {
    const rows = this.db.prepare(SQL_COUNT_BY_MASTER).all() as Array<{ master_key_id: string; n: number }>
    return new Map(rows.map((row) => [row.master_key_id, row.n]))
  }

  async rewrapAll(rewrap: (row: StoredDataKey) => Rewrapped | null): Promise<number> {
    const update = this.db.prepare(SQL_REWRAP)
    const changed = this.db
      .transaction(() => {
        let n = 0
        for (const row of (this.db.prepare(SQL_LIVE).all() as DataKeyRow[]).map(toStored)) {
          const next = rewrap(row)
          if (next !== null) {
            update.run(next.masterKeyId, Buffer.from(next.wrapped), row.owner)
            n += 1
          }
        }
        return n
      })
      .immediate()
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    return changed
  }

  async all(): Promise<StoredDataKey[]> {
    return (this.db.prepare(SQL_ALL).all() as DataKeyRow[]).map(toStored)
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1 FROM data_keys LIMIT 1').get()
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
