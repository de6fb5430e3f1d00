/**
 * Reading a test relay's sealed rows straight from its files (encryption at
 * rest): the embedded relay's master key (DATA_DIR/master.key) unwraps the
 * owner's data key from DATA_DIR/keys.sqlite; scaled-out tests use
 * {@link testMasterKey} and the `<schema>_keys` keystore. Synchronous for
 * SQLite, so `until(() => …)` conditions can use it.
 */
import Database from 'better-sqlite3'
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto'
import { join } from 'node:path'
import { openRoomUpdate } from '../../server/src/crypto/atRest.js'
import { keyOwnerOfRoom } from '../../server/src/crypto/keyOwners.js'
import { unwrapDataKey } from '../../server/src/crypto/Keyring.js'
import { toStoredDataKey as toStored, type DataKeyRow } from '../../server/src/crypto/KeyStore.js'
import { defaultKeyFile, masterKeySet, readKeyFile, type MasterKeySet } from '../../server/src/crypto/masterKeys.js'

/**
 * MASTER_KEY of every scaled-out relay this test process starts (they share
 * PostgreSQL, so they must share the key); base64 of 32 random bytes.
 */
export const testMasterKey = randomBytes(32).toString('base64')

/** {@link testMasterKey} as a key set (openPostgresStorage in tests). */
export function testMasterKeys(): MasterKeySet {
  return masterKeySet([Buffer.from(testMasterKey, 'base64')], { kind: 'env' })
}

/** The master keys of an embedded relay's DATA_DIR. */
export function embeddedMasterKeys(dataDir: string): MasterKeySet {
  const path = defaultKeyFile(dataDir)
  return masterKeySet(readKeyFile(path), { kind: 'file', path, generated: false })
}

/** The data key of `owner` in an embedded relay's keystore (throws when missing or destroyed). */
export function embeddedDataKey(dataDir: string, owner: string, masterKeys = embeddedMasterKeys(dataDir)): KeyObject {
  const db = new Database(join(dataDir, 'keys.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const row = db.prepare('SELECT * FROM data_keys WHERE owner = ?').get(owner) as DataKeyRow | undefined
    if (row === undefined) {
      throw new Error(`no data key for ${owner} in ${dataDir}`)
    }
    return createSecretKey(unwrapDataKey(masterKeys, toStored(row)))
  } finally {
    db.close()
  }
}

/**
 * The sealed rows of a room in an embedded relay's file, in order (bind the
 * room twice): the log's and those still in its tail (a running or killed
 * relay's newest rows, sqliteRoomTail.ts).
 */
export const SqlEmbeddedRoomRows =
  'SELECT data FROM (SELECT seq, data FROM room_updates WHERE room = ? UNION ALL SELECT seq, data FROM room_updates_tail WHERE room = ?) ORDER BY seq'

/** Opens sealed room_updates rows of `room` of an embedded relay. */
export function openEmbeddedRoomRows(dataDir: string, room: string, rows: readonly Uint8Array[]): Uint8Array[] {
  if (rows.length === 0) {
    return []
  }
  const key = embeddedDataKey(dataDir, keyOwnerOfRoom(room))
  return rows.map((row) => openRoomUpdate(key, room, row))
}

/** The data key of `owner` in a PostgreSQL keystore (`<schema>_keys`), unwrapped with {@link testMasterKey}. */
export function postgresDataKey(rows: ReadonlyArray<DataKeyRow>, owner: string): KeyObject {
  const row = rows.find((candidate) => candidate.owner === owner)
  if (row === undefined) {
    throw new Error(`no data key for ${owner}`)
  }
  return createSecretKey(unwrapDataKey(testMasterKeys(), toStored(row)))
}

export type { DataKeyRow }
