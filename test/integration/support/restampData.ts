/**
 * Stored data of the agreement re-stamp tests (agreementRestamp*.test.ts)
 * while the relay is stopped, on either backend: the plan log replaced
 * (sealed as the relay stores it), agreement rows written as an older app
 * did, a data move run as the migration runs it at start, and the audit rows
 * counted.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { join } from 'node:path'
import { Keyring } from '../../../server/src/crypto/Keyring.js'
import { createLogger } from '../../../server/src/log.js'
import { AtRest } from '../../../server/src/storage/AtRest.js'
import type { MoveContext } from '../../../server/src/storage/migrations/Migration.js'
import { KeystoreFileName, SqliteKeyStore } from '../../../server/src/storage/sqlite/SqliteKeyStore.js'
import { openPostgresStorage } from '../../../server/src/storage/postgres/openPostgresStorage.js'
import { PostgresDatabase } from '../../../server/src/storage/postgres/PostgresDatabase.js'
import { defaultKeysSchema, PostgresKeyStore } from '../../../server/src/storage/postgres/PostgresKeyStore.js'
import { openSqliteStorage } from '../../../server/src/storage/sqlite/openSqliteStorage.js'
import { SqliteDatabase } from '../../../server/src/storage/sqlite/SqliteDatabase.js'
import { embeddedMasterKeys, testMasterKeys } from '../../helpers/atRest.js'
import { databaseUrl, queryPostgres } from '../../helpers/scaleOut.js'
import type { RelayOverrides } from '../../helpers/startRelay.js'
import { execSql, querySql } from './database.js'

/** A one-time data move of the storage migrations. */
export type Move = (context: MoveContext) => Promise<void>

/** What a scenario needs of a backend's stored data while the relay is stopped. */
export interface StoredData {
  relayOptions: RelayOverrides
  replacePlanLog(dataDir: string, room: string, rows: readonly Uint8Array[]): Promise<void>
  insertAgreement(dataDir: string, values: AgreementValues): Promise<void>
  runMove(dataDir: string, move: Move): Promise<void>
  restampAudits(dataDir: string): Promise<number>
}

export type AgreementValues = [id: string, caseId: string, userId: string, role: string, planHash: string, at: string]

const silent = createLogger({ logLevel: 'silent' })
const SQL_INSERT_AGREEMENT = 'INSERT INTO agreements (id, case_id, user_id, role, plan_hash, at) VALUES (?, ?, ?, ?, ?, ?)'
const SQL_COUNT_RESTAMPS = "SELECT COUNT(*) AS n FROM audit_events WHERE type = 'agreementRestamped'"

/** The embedded default: the relay's SQLite file and keystore in DATA_DIR. */
export const sqliteData: StoredData = {
  relayOptions: {},
  async replacePlanLog(dataDir, room, rows) {
    execSql(dataDir, 'DELETE FROM room_updates WHERE room = ?', room)
    const storage = await openSqliteStorage({ dataDir, synchronous: 'normal', logger: silent, masterKeys: embeddedMasterKeys(dataDir) })
    try {
      await storage.appendUpdates(room, rows)
    } finally {
      await storage.close()
    }
  },
  async insertAgreement(dataDir, values) {
    execSql(dataDir, SQL_INSERT_AGREEMENT, ...values)
  },
  async runMove(dataDir, move) {
    const keyring = new Keyring(embeddedMasterKeys(dataDir), SqliteKeyStore.open(join(dataDir, KeystoreFileName)))
    const db = new SqliteDatabase(new Database(join(dataDir, 'fallbuch.sqlite')))
    try {
      await move({ db, atRest: new AtRest(keyring), logger: silent, afterRewrite: async () => {} })
    } finally {
      await db.close()
      await keyring.close()
    }
  },
  async restampAudits(dataDir) {
    return querySql<{ n: number }>(dataDir, SQL_COUNT_RESTAMPS)[0]?.n ?? 0
  },
}

/** Scaled out: a fresh PostgreSQL schema (and its `<schema>_keys` keystore) under the tests' master key. */
export function postgresData(schema: string): StoredData {
  const numbered = (sql: string): string => {
    let n = 0
    return sql.replace(/\?/g, () => `$${++n}`)
  }
  return {
    relayOptions: { databaseUrl, databaseSchema: schema },
    async replacePlanLog(_dataDir, room, rows) {
      await queryPostgres(schema, 'DELETE FROM room_updates WHERE room = $1', [room])
      const storage = await openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger: silent, masterKeys: testMasterKeys() })
      try {
        await storage.appendUpdates(room, rows)
      } finally {
        await storage.close()
      }
    },
    async insertAgreement(_dataDir, values) {
      await queryPostgres(schema, numbered(SQL_INSERT_AGREEMENT), values)
    },
    async runMove(_dataDir, move) {
      const db = new PostgresDatabase(new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}` }))
      const keyring = new Keyring(testMasterKeys(), new PostgresKeyStore(db, defaultKeysSchema(schema), silent))
      try {
        await move({ db, atRest: new AtRest(keyring), logger: silent, afterRewrite: async () => {} })
      } finally {
        await keyring.close()
        // The keystore borrows the database's pool; the database ends it.
        await db.close()
      }
    },
    async restampAudits() {
      return Number((await queryPostgres<{ n: string }>(schema, SQL_COUNT_RESTAMPS))[0]?.n ?? 0)
    },
  }
}
