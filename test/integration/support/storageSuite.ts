/**
 * The storage suite's fresh stores on both backends (contract §6): embedded
 * SQLite and PostgreSQL (the real one of DATABASE_URL; without it the
 * PostgreSQL half says it was not run), each reopenable, with a way to
 * tombstone a case behind the store's back and an installation from before
 * encryption at rest; and the records and Yjs updates the suite writes.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach } from 'vitest'
import * as Y from 'yjs'
import { Keyring } from '../../../server/src/crypto/Keyring.js'
import { newId } from '../../../server/src/ids.js'
import { createLogger } from '../../../server/src/log.js'
import { openPostgresStorage } from '../../../server/src/storage/postgres/openPostgresStorage.js'
import { postgresMigrations } from '../../../server/src/storage/postgres/migrations.js'
import { migrations } from '../../../server/src/storage/sqlite/migrations.js'
import { openSqliteStorage } from '../../../server/src/storage/sqlite/openSqliteStorage.js'
import { SqliteKeyStore } from '../../../server/src/storage/sqlite/SqliteKeyStore.js'
import type { MemberRecord, Storage, UserRecord } from '../../../server/src/storage/Storage.js'
import { testMasterKeys } from '../../helpers/atRest.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../../helpers/scaleOut.js'
import { execSql, querySql } from './database.js'
const logger = createLogger({ logLevel: 'silent' })

/** Opens a fresh, empty store; `reopen` opens the same one again. */
export interface StorageFactory {
  name: string
  skip: boolean
  create(): Promise<{ storage: Storage; reopen(): Promise<Storage>; tombstone(caseId: string): Promise<void> }>
  /**
   * A store as an installation from before encryption at rest left it
   * (schema before the marker, plaintext rows from `legacyRows`), not yet
   * opened; `raw` reads the stored bytes of every sealed column.
   */
  createLegacy(): Promise<{ open(): Promise<Storage>; raw(): Promise<Buffer[]> }>
}


/** The rows of a pre-encryption installation: one case, its consent grant and two room updates. */
export const legacy = {
  title: 'Klartext-Titel Bäckerei',
  purpose: 'Klartext-Zweck Pausenregelung',
  texts: ['<Klartext-Plan>', '<Klartext-Notiz>'],
}

async function buildLegacySqlite(dataDir: string): Promise<void> {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'))
  try {
    for (const migration of migrations.filter((m) => m.version <= 5)) {
      db.exec(migration.sql)
    }
    db.pragma('user_version = 5')
    db.prepare("INSERT INTO users VALUES ('u1', 'Miriam', 'm@example.org', 'h', 'staff', 1, 1, '2026-01-01')").run()
    db.prepare("INSERT INTO users VALUES ('u2', 'Sabine', 's@example.org', 'h', 'external', 0, 1, '2026-01-01')").run()
    db.prepare("INSERT INTO cases (id, title, type, employer_can_edit, created_at, created_by) VALUES ('legacyCase', ?, 'placement', 0, '2026-01-01', 'u1')").run(legacy.title)
    db.prepare("INSERT INTO members VALUES ('m2', 'legacyCase', 'u2', 'employer', '2026-01-01')").run()
    db.prepare(`INSERT INTO consent_grants (id, case_id, field, member_id, recipient_user_id, recipient_role, purpose, evidence, granted_at, granted_by)
      VALUES ('g1', 'legacyCase', 'diagnosis', 'm2', 'u2', 'employer', ?, 'inApp', '2026-01-02', 'u1')`).run(legacy.purpose)
    db.prepare("INSERT INTO room_updates (room, data, created_at) VALUES ('cases/legacyCase/plan', ?, '2026-01-01')").run(Buffer.from(textUpdate(legacy.texts[0] ?? '')))
    db.prepare("INSERT INTO room_updates (room, data, created_at) VALUES ('cases/legacyCase/notes', ?, '2026-01-01')").run(Buffer.from(textUpdate(legacy.texts[1] ?? '')))
  } finally {
    db.close()
  }
}

async function buildLegacyPostgres(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` })
  await client.connect()
  try {
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)')
    for (const migration of postgresMigrations.filter((m) => m.version <= 4)) {
      await client.query(migration.sql)
      await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [migration.version, migration.description, '2026-01-01'])
    }
    await client.query("INSERT INTO users VALUES ('u1', 'Miriam', 'm@example.org', 'h', 'staff', true, true, '2026-01-01')")
    await client.query("INSERT INTO users VALUES ('u2', 'Sabine', 's@example.org', 'h', 'external', false, true, '2026-01-01')")
    await client.query("INSERT INTO cases VALUES ('legacyCase', $1, 'placement', false, '2026-01-01', 'u1')", [legacy.title])
    await client.query("INSERT INTO members VALUES ('m2', 'legacyCase', 'u2', 'employer', '2026-01-01')")
    await client.query(
      `INSERT INTO consent_grants (id, case_id, field, member_id, recipient_user_id, recipient_role, purpose, evidence, granted_at, granted_by)
       VALUES ('g1', 'legacyCase', 'diagnosis', 'm2', 'u2', 'employer', $1, 'inApp', '2026-01-02', 'u1')`,
      [legacy.purpose],
    )
    await client.query("INSERT INTO room_updates VALUES ('cases/legacyCase/plan', 1, $1, '2026-01-01')", [Buffer.from(textUpdate(legacy.texts[0] ?? ''))])
    await client.query("INSERT INTO room_updates VALUES ('cases/legacyCase/notes', 1, $1, '2026-01-01')", [Buffer.from(textUpdate(legacy.texts[1] ?? ''))])
    await client.query("INSERT INTO room_heads VALUES ('cases/legacyCase/plan', 1), ('cases/legacyCase/notes', 1)")
  } finally {
    await client.end()
  }
}

const tempDirs: string[] = []

/** The two backends; call once at the top of a test file (registers the removal of its folders). */
export function storageFactories(): StorageFactory[] {
  afterAll(async () => {
    await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })
  return factories
}

/** The sealed columns of the legacy installation's rows, as the raw bytes `createLegacy().raw()` returns. */
const SealedColumns = ['SELECT data AS v FROM room_updates', 'SELECT title AS v FROM cases', 'SELECT purpose AS v FROM consent_grants']
const SqlTombstone = "INSERT INTO erased_cases (case_id, erased_at, reason) VALUES (?, '2026-01-01', 'request')"
const rawBytes = (rows: ReadonlyArray<{ v: Buffer | string }>): Buffer[] => rows.map((row) => Buffer.from(row.v))

const openSqlite = (dataDir: string): Promise<Storage> => openSqliteStorage({ dataDir, synchronous: 'normal', logger, masterKeys: testMasterKeys() })
const openPostgres = (schema: string): Promise<Storage> =>
  openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger, maxConnections: 4, masterKeys: testMasterKeys() })

async function sqliteDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fallbuch-storage-'))
  tempDirs.push(dataDir)
  return dataDir
}

const factories: StorageFactory[] = [
  {
    name: 'SQLite',
    skip: false,
    async create() {
      const dataDir = await sqliteDataDir()
      return {
        storage: await openSqlite(dataDir),
        reopen: () => openSqlite(dataDir),
        tombstone: async (caseId) => void execSql(dataDir, SqlTombstone, caseId),
      }
    },
    async createLegacy() {
      const dataDir = await sqliteDataDir()
      await buildLegacySqlite(dataDir)
      // As if an earlier start made the keys and then crashed before sealing the rows.
      const keyring = new Keyring(testMasterKeys(), SqliteKeyStore.open(join(dataDir, 'keys.sqlite')))
      await keyring.dataKey('case:legacyCase')
      await keyring.close()
      return {
        open: () => openSqlite(dataDir),
        raw: async () => rawBytes(SealedColumns.flatMap((sql) => querySql<{ v: Buffer | string }>(dataDir, sql))),
      }
    },
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    async create() {
      const schema = testSchema()
      return {
        storage: await openPostgres(schema),
        reopen: () => openPostgres(schema),
        tombstone: async (caseId) => void (await queryPostgres(schema, SqlTombstone.replace('?', '$1'), [caseId])),
      }
    },
    async createLegacy() {
      const schema = testSchema()
      await buildLegacyPostgres(schema)
      return {
        open: () => openPostgres(schema),
        raw: async () => rawBytes((await Promise.all(SealedColumns.map((sql) => queryPostgres<{ v: Buffer | string }>(schema, sql)))).flat()),
      }
    },
  },
]

let counter = 0
export function buildUser(overrides: Partial<UserRecord> = {}): UserRecord {
  counter += 1
  return {
    id: `user${counter}`,
    name: `Person ${counter}`,
    email: `person${counter}@example.org`,
    passwordHash: 'hash',
    kind: 'staff',
    isAdmin: false,
    active: true,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString(),
    isLead: false,
    staffSharePercent: 100,
    isBilling: false,
    isCoordinator: false,
    isIntegrationsamt: false,
    coachRate: null,
    ...overrides,
  }
}

export function buildMember(caseId: string, userId: string, role: MemberRecord['role'], overrides: Partial<MemberRecord> = {}): MemberRecord {
  counter += 1
  return { id: `member${counter}`, caseId, userId, role, addedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(), ...overrides }
}

export function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

export function docOf(updates: ReadonlyArray<{ data: Uint8Array }>): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) {
    Y.applyUpdate(doc, update.data)
  }
  return doc
}

/** Every text the fresh docs wrote, order-independent. */
export function texts(doc: Y.Doc): string[] {
  return [...doc.getText('t').toString().matchAll(/<[^>]+>/g)].map((match) => match[0]).sort()
}

/** A fresh store and the same store reopened; a tombstone written behind its back. */
export interface FreshStore {
  storage: Storage
  reopen(): Promise<Storage>
  tombstone(caseId: string): Promise<void>
}

/** Opens fresh stores of `factory` for one describe block, each closed after its test. */
export function storageSuite(factory: StorageFactory): {
  fresh(): Promise<FreshStore>
  withCase(storage: Storage, caseId?: string): Promise<{ coach: UserRecord; caseId: string }>
  open: Storage[]
} {
  const open: Storage[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((storage) => storage.close()))
  })

  async function fresh(): Promise<FreshStore> {
    const made = await factory.create()
    open.push(made.storage)
    return {
      storage: made.storage,
      tombstone: made.tombstone,
      reopen: async () => {
        const again = await made.reopen()
        open.push(again)
        return again
      },
    }
  }

  async function withCase(storage: Storage, caseId = newId()): Promise<{ coach: UserRecord; caseId: string }> {
    const coach = buildUser({ isAdmin: true })
    await storage.createUser(coach)
    await storage.createCase(
      { id: caseId, title: 'Fall', type: 'placement', employerCanEdit: false, createdAt: new Date().toISOString(), createdBy: coach.id, closedAt: null, closedBy: null, flow: null },
      buildMember(caseId, coach.id, 'coach'),
      [],
    )
    return { coach, caseId }
  }
  return { fresh, withCase, open }
}
