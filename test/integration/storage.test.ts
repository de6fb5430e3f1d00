/**
 * One storage suite, run against both backends (contract §6): embedded
 * SQLite and PostgreSQL (the real one of DATABASE_URL; without it the
 * PostgreSQL half says it was not run).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Keyring } from '../../server/src/crypto/Keyring.js'
import { copyKeyOwner, keyOwnerOfRoom } from '../../server/src/crypto/keyOwners.js'
import { migrations } from '../../server/src/storage/sqlite/migrations.js'
import { SqliteKeyStore } from '../../server/src/storage/sqlite/SqliteKeyStore.js'
import { postgresMigrations } from '../../server/src/storage/postgres/migrations.js'
import { newId } from '../../server/src/ids.js'
import { storedRoomsOfCopy } from '../../server/src/storage/rooms/roomNames.js'
import { createLogger } from '../../server/src/log.js'
import { openPostgresStorage } from '../../server/src/storage/postgres/openPostgresStorage.js'
import { openSqliteStorage } from '../../server/src/storage/sqlite/openSqliteStorage.js'
import { CaseErasedError, type ConsentRecord, type MemberRecord, type Storage, type UserRecord } from '../../server/src/storage/Storage.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { testMasterKeys } from '../helpers/atRest.js'

const logger = createLogger({ logLevel: 'silent' })

/** Opens a fresh, empty store; `reopen` opens the same one again. */
interface StorageFactory {
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
const legacy = {
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
afterAll(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

const factories: StorageFactory[] = [
  {
    name: 'SQLite',
    skip: false,
    async create() {
      const dataDir = await mkdtemp(join(tmpdir(), 'fallbuch-storage-'))
      tempDirs.push(dataDir)
      const open = async (): Promise<Storage> => openSqliteStorage({ dataDir, synchronous: 'normal', logger, masterKeys: testMasterKeys() })
      const tombstone = async (caseId: string): Promise<void> => {
        const db = new Database(join(dataDir, 'fallbuch.sqlite'))
        try {
          db.prepare("INSERT INTO erased_cases (case_id, erased_at, reason) VALUES (?, '2026-01-01', 'request')").run(caseId)
        } finally {
          db.close()
        }
      }
      return { storage: await open(), reopen: open, tombstone }
    },
    async createLegacy() {
      const dataDir = await mkdtemp(join(tmpdir(), 'fallbuch-storage-'))
      tempDirs.push(dataDir)
      await buildLegacySqlite(dataDir)
      // As if an earlier start made the keys and then crashed before sealing the rows.
      const keyring = new Keyring(testMasterKeys(), SqliteKeyStore.open(join(dataDir, 'keys.sqlite')))
      await keyring.dataKey('case:legacyCase')
      await keyring.close()
      return {
        open: () => openSqliteStorage({ dataDir, synchronous: 'normal', logger, masterKeys: testMasterKeys() }),
        async raw() {
          const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true })
          try {
            return [
              ...db.prepare('SELECT data AS v FROM room_updates').all(),
              ...db.prepare('SELECT title AS v FROM cases').all(),
              ...db.prepare('SELECT purpose AS v FROM consent_grants').all(),
            ].map((row) => Buffer.from((row as { v: Buffer | string }).v))
          } finally {
            db.close()
          }
        },
      }
    },
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    async create() {
      const schema = testSchema()
      const open = (): Promise<Storage> => openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger, maxConnections: 4, masterKeys: testMasterKeys() })
      const tombstone = async (caseId: string): Promise<void> => {
        const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` })
        await client.connect()
        try {
          await client.query("INSERT INTO erased_cases (case_id, erased_at, reason) VALUES ($1, '2026-01-01', 'request')", [caseId])
        } finally {
          await client.end()
        }
      }
      return { storage: await open(), reopen: open, tombstone }
    },
    async createLegacy() {
      const schema = testSchema()
      await buildLegacyPostgres(schema)
      return {
        open: () => openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger, maxConnections: 4, masterKeys: testMasterKeys() }),
        async raw() {
          const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` })
          await client.connect()
          try {
            const rows = [
              ...(await client.query('SELECT data AS v FROM room_updates')).rows,
              ...(await client.query('SELECT title AS v FROM cases')).rows,
              ...(await client.query('SELECT purpose AS v FROM consent_grants')).rows,
            ]
            return rows.map((row) => Buffer.from((row as { v: Buffer | string }).v))
          } finally {
            await client.end()
          }
        },
      }
    },
  },
]

let counter = 0
function buildUser(overrides: Partial<UserRecord> = {}): UserRecord {
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

function buildMember(caseId: string, userId: string, role: MemberRecord['role'], overrides: Partial<MemberRecord> = {}): MemberRecord {
  counter += 1
  return { id: `member${counter}`, caseId, userId, role, addedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(), ...overrides }
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function docOf(updates: ReadonlyArray<{ data: Uint8Array }>): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) {
    Y.applyUpdate(doc, update.data)
  }
  return doc
}

/** Every text the fresh docs wrote, order-independent. */
function texts(doc: Y.Doc): string[] {
  return [...doc.getText('t').toString().matchAll(/<[^>]+>/g)].map((match) => match[0]).sort()
}

describe.each(factories.map((factory) => [factory.name, factory] as const))('storage on %s', (_name, factory) => {
  const open: Storage[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((storage) => storage.close()))
  })

  async function fresh(): Promise<{ storage: Storage; reopen(): Promise<Storage>; tombstone(caseId: string): Promise<void> }> {
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

  describe.skipIf(factory.skip)('', () => {
    it('migrates a new store and opens a migrated one again with its data', async () => {
      const { storage, reopen } = await fresh()
      await storage.createUser(buildUser({ email: 'kept@example.org' }))
      await storage.close()
      open.splice(open.indexOf(storage), 1)
      const again = await reopen()
      expect((await again.findUserByEmail('kept@example.org'))?.email).toBe('kept@example.org')
    })

    it('appends room updates in order with increasing row numbers, and loads all or only those after a number', async () => {
      const { storage } = await fresh()
      const first = await storage.appendUpdates('cases/a/plan', [textUpdate('<1>'), textUpdate('<2>')])
      await storage.appendUpdates('cases/b/plan', [textUpdate('<other room>')])
      const second = await storage.appendUpdates('cases/a/plan', [textUpdate('<3>')])
      expect(first.seqs).toHaveLength(2)
      expect(second.seqs).toHaveLength(1)
      const seqs = [...first.seqs, ...second.seqs]
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      expect(new Set(seqs).size).toBe(3)
      const all = await storage.loadUpdates('cases/a/plan')
      expect(all.map((row) => row.seq)).toEqual(seqs)
      expect(texts(docOf(all))).toEqual(['<1>', '<2>', '<3>'])
      const later = await storage.loadUpdates('cases/a/plan', seqs[1])
      expect(later.map((row) => row.seq)).toEqual([seqs[2]])
      expect(await storage.loadUpdates('cases/none/plan')).toEqual([])
    })

    it("reports each room's highest row number in one call, also after compaction; rooms without rows are left out", async () => {
      const { storage } = await fresh()
      expect(await storage.roomHeads([])).toEqual(new Map())
      await storage.appendUpdates('cases/h1/plan', [textUpdate('a'), textUpdate('b')])
      const { seqs } = await storage.appendUpdates('cases/h2/notes', [textUpdate('c')])
      const last = await storage.appendUpdates('cases/h1/plan', [textUpdate('d')])
      await storage.compact('cases/h1/plan')
      const heads = await storage.roomHeads(['cases/h1/plan', 'cases/h2/notes', 'cases/none/plan'])
      expect(heads).toEqual(new Map([['cases/h1/plan', last.seqs[0]], ['cases/h2/notes', seqs[0]]]))
    })

    it("commits a group of rooms at once, each continuing its own numbers; a tombstoned case's room gets none and its numbering stays gapless", async () => {
      const { storage, tombstone } = await fresh()
      const { caseId } = await withCase(storage)
      const gone = await withCase(storage)
      const kept = `cases/${caseId}/plan`
      const erased = `cases/${gone.caseId}/notes`
      const before = await storage.appendUpdates(kept, [textUpdate('<1>')])
      const erasedBefore = await storage.appendUpdates(erased, [textUpdate('<x>')])
      // A room of no case (a supervision copy) in the same group.
      const [copyRoom = ''] = storedRoomsOfCopy(newId())
      // The tombstone alone, its key still there: the group's own check must refuse the room (an erasure that committed while the keys were fetched).
      await tombstone(gone.caseId)
      const outcomes = await storage.appendToRooms([
        { room: kept, updates: [textUpdate('<2>'), textUpdate('<3>')] },
        { room: erased, updates: [textUpdate('<late>')] },
        { room: copyRoom, updates: [textUpdate('<copy>')] },
      ])
      const [keptOutcome, erasedOutcome, copyOutcome] = outcomes
      expect(keptOutcome?.ok && keptOutcome.result.seqs).toEqual([(before.seqs[0] ?? 0) + 1, (before.seqs[0] ?? 0) + 2])
      expect(erasedOutcome?.ok === false && erasedOutcome.error).toBeInstanceOf(CaseErasedError)
      expect(copyOutcome?.ok && copyOutcome.result.seqs).toHaveLength(1)
      expect(texts(docOf(await storage.loadUpdates(kept)))).toEqual(['<1>', '<2>', '<3>'])
      expect((await storage.loadUpdates(erased)).map((row) => row.seq)).toEqual(erasedBefore.seqs)
      expect((await storage.roomHeads([erased])).get(erased)).toBe(erasedBefore.seqs[0])
      // The next group continues where the last one ended.
      const [next] = await storage.appendToRooms([{ room: kept, updates: [textUpdate('<4>')] }])
      expect(next?.ok && next.result.seqs).toEqual([(before.seqs[0] ?? 0) + 3])
    })

    it('binds client ids to the first account per room, all or nothing, and keeps them across a reopen', async () => {
      const { storage, reopen } = await fresh()
      const big = 4_294_967_295 // client ids are unsigned 32-bit
      expect(await storage.bindClientIds('cases/b/plan', 'miriam', [1, big, 1])).toEqual([])
      expect(await storage.bindClientIds('cases/b/plan', 'miriam', [1, 2])).toEqual([])
      expect(await storage.clientIdOwner('cases/b/plan', big)).toBe('miriam')
      // One id alone (a writer's first update): its own id again, and another account's.
      expect(await storage.bindClientIds('cases/b/plan', 'miriam', [big])).toEqual([])
      expect(await storage.bindClientIds('cases/b/plan', 'tobias', [big])).toEqual([big])
      // Another account: refused for the bound ids, and its unbound id 3 is not bound either.
      expect((await storage.bindClientIds('cases/b/plan', 'tobias', [3, 1, big])).sort()).toEqual([1, big])
      expect(await storage.clientIdOwner('cases/b/plan', 3)).toBeNull()
      // Bindings are per room.
      expect(await storage.bindClientIds('cases/b/notes', 'tobias', [1])).toEqual([])
      // Two accounts binding the same id at once: exactly one gets it.
      const race = await Promise.all([storage.bindClientIds('cases/b/plan', 'anna', [9]), storage.bindClientIds('cases/b/plan', 'ben', [9])])
      expect(race.filter((foreign) => foreign.length === 0)).toHaveLength(1)
      const again = await reopen()
      expect(await again.clientIdOwner('cases/b/plan', 1)).toBe('miriam')
      expect(await again.clientIdOwner('cases/b/notes', 1)).toBe('tobias')
      expect(await again.bindClientIds('cases/b/plan', 'tobias', [2])).toEqual([2])
    })

    it('compacts a room into one row numbered as the last it replaced, dropping deleted content', async () => {
      const { storage } = await fresh()
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      doc.getText('t').insert(0, 'secret ')
      doc.getText('t').insert(7, 'kept')
      doc.getText('t').delete(0, 7)
      const { seqs } = await storage.appendUpdates('cases/a/notes', updates)
      await storage.compact('cases/a/notes')
      const rows = await storage.loadUpdates('cases/a/notes')
      expect(rows.map((row) => row.seq)).toEqual([seqs.at(-1)])
      expect(docOf(rows).getText('t').toString()).toBe('kept')
      expect(Buffer.from(rows[0]?.data ?? []).includes(Buffer.from('secret'))).toBe(false)
      const next = await storage.appendUpdates('cases/a/notes', [textUpdate('<after>')])
      expect(next.seqs[0]).toBeGreaterThan(seqs.at(-1) ?? 0)
      expect(await storage.loadUpdates('cases/a/notes')).toHaveLength(2)
    })

    it("replaces the rows up to a number with the room's state, keeping later rows; an erased case's room stores nothing", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const room = `cases/${caseId}/notes`
      const doc = new Y.Doc()
      const first: Uint8Array[] = []
      const record = (update: Uint8Array) => first.push(update)
      doc.on('update', record)
      doc.getText('t').insert(0, 'gelöscht ')
      doc.getText('t').insert(9, '<bleibt>')
      doc.getText('t').delete(0, 9)
      doc.off('update', record)
      const { seqs } = await storage.appendUpdates(room, first)
      const later = await storage.appendUpdates(room, [textUpdate('<danach>')])
      // The room's document holds the first three rows only (the later one is not applied yet).
      await storage.replaceWithState(room, Y.encodeStateAsUpdate(doc), seqs.at(-1) ?? 0)
      const rows = await storage.loadUpdates(room)
      expect(rows.map((row) => row.seq)).toEqual([seqs.at(-1), later.seqs[0]])
      expect(texts(docOf(rows))).toEqual(['<bleibt>', '<danach>'])
      expect(Buffer.from(rows[0]?.data ?? []).includes(Buffer.from('gelöscht'))).toBe(false)
      // One row up to the number: nothing to replace.
      await storage.replaceWithState(room, Y.encodeStateAsUpdate(new Y.Doc()), seqs.at(-1) ?? 0)
      expect(texts(docOf(await storage.loadUpdates(room)))).toEqual(['<bleibt>', '<danach>'])
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-05-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      // The tombstone is checked inside the transaction: the state is not written back.
      await storage.replaceWithState(room, Y.encodeStateAsUpdate(doc), later.seqs[0] ?? 0)
      expect(await storage.roomHeads([room])).toEqual(new Map())
    })

    it('loses no update when compactions run while updates are appended', async () => {
      const { storage } = await fresh()
      const room = 'cases/race/plan'
      const appends: Array<Promise<unknown>> = []
      const compactions: Array<Promise<void>> = []
      for (let i = 0; i < 60; i += 1) {
        appends.push(storage.appendUpdates(room, [textUpdate(`<${i}>`)]))
        if (i % 7 === 0) {
          compactions.push(storage.compact(room), storage.compact(room))
        }
      }
      await Promise.all([...appends, ...compactions])
      await storage.compact(room)
      const rows = await storage.loadUpdates(room)
      expect(rows).toHaveLength(1)
      expect(texts(docOf(rows))).toEqual(Array.from({ length: 60 }, (_, i) => `<${i}>`).sort())
    })

    it('creates the first account only once, and refuses a taken e-mail address', async () => {
      const { storage } = await fresh()
      const [a, b] = await Promise.all([storage.createFirstUser(buildUser({ isAdmin: true })), storage.createFirstUser(buildUser({ isAdmin: true }))])
      expect([a, b].filter(Boolean)).toHaveLength(1)
      expect(await storage.countUsers()).toBe(1)
      const user = buildUser({ email: 'same@example.org' })
      expect(await storage.createUser(user)).toBe(true)
      expect(await storage.createUser(buildUser({ email: 'same@example.org' }))).toBe(false)
      expect(await storage.findUserById(user.id)).toEqual(user)
      expect(await storage.findUserByEmail('same@example.org')).toEqual(user)
      expect(await storage.findUserById('missing')).toBeNull()
    })

    it('lists active staff and all users by name regardless of case', async () => {
      const { storage } = await fresh()
      await storage.createUser(buildUser({ name: 'bert' }))
      await storage.createUser(buildUser({ name: 'Anna' }))
      await storage.createUser(buildUser({ name: 'Carla', active: false }))
      await storage.createUser(buildUser({ name: 'Dora', kind: 'external' }))
      expect((await storage.listActiveStaff()).map((user) => user.name)).toEqual(['Anna', 'bert'])
      expect((await storage.listAllUsers()).map((user) => user.name)).toEqual(['Anna', 'bert', 'Carla', 'Dora'])
    })

    it('changes accounts but never removes the last active admin', async () => {
      const { storage } = await fresh()
      const admin = buildUser({ isAdmin: true })
      const other = buildUser({ isAdmin: true })
      await storage.createUser(admin)
      await storage.createUser(other)
      expect(await storage.updateUser('missing', { name: 'X' })).toBe('notFound')
      expect(await storage.updateUser(admin.id, { name: 'Neu' })).toBe('updated')
      const outcomes = await Promise.all([storage.updateUser(admin.id, { isAdmin: false }), storage.updateUser(other.id, { active: false })])
      expect(outcomes.sort()).toEqual(['lastAdmin', 'updated'])
      const users = await storage.listAllUsers()
      expect(users.filter((user) => user.isAdmin && user.active)).toHaveLength(1)
      expect((await storage.findUserById(admin.id))?.name).toBe('Neu')
    })

    it('finds only unexpired, recently seen sessions of active accounts; a new password ends them all', async () => {
      const { storage } = await fresh()
      const user = buildUser()
      await storage.createUser(user)
      await storage.createUser(buildUser({ isAdmin: true }))
      const t0 = new Date('2026-03-01T10:00:00.000Z')
      const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000)
      await storage.createSession({ tokenHash: 'h1', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      await storage.createSession({ tokenHash: 'h2', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      const found = await storage.findActiveSession('h1', at(5), at(-60))
      expect(found?.user.id).toBe(user.id)
      expect(found?.session).toEqual({ tokenHash: 'h1', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      expect(await storage.findActiveSession('h1', at(601), at(0))).toBeNull()
      expect(await storage.findActiveSession('h1', at(120), at(60))).toBeNull()
      await storage.touchSession('h1', at(100))
      expect(await storage.findActiveSession('h1', at(120), at(60))).not.toBeNull()
      await storage.deleteExpiredSessions(at(120), at(60))
      expect(await storage.findActiveSession('h2', at(5), at(-60))).toBeNull()
      expect(await storage.findActiveSession('h1', at(120), at(60))).not.toBeNull()
      await storage.updateUser(user.id, { active: false })
      expect(await storage.findActiveSession('h1', at(120), at(60))).toBeNull()
      await storage.updateUser(user.id, { active: true })
      expect(await storage.setPasswordHash(user.id, 'new')).toBe(true)
      expect(await storage.setPasswordHash('missing', 'new')).toBe(false)
      expect(await storage.findActiveSession('h1', at(120), at(60))).toBeNull()
      expect((await storage.findUserById(user.id))?.passwordHash).toBe('new')
      await storage.createSession({ tokenHash: 'h3', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      await storage.deleteSession('h3')
      expect(await storage.findActiveSession('h3', at(1), at(-60))).toBeNull()
      await storage.createSession({ tokenHash: 'h4', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      await storage.deleteSessionsOfUser(user.id)
      expect(await storage.findActiveSession('h4', at(1), at(-60))).toBeNull()
    })

    it('creates a case with its first member and seeded rooms, lists and changes it', async () => {
      const { storage } = await fresh()
      const coach = buildUser()
      await storage.createUser(coach)
      const record = { id: 'caseA', title: 'Fall A', type: 'placement' as const, employerCanEdit: false, createdAt: '2026-01-02T00:00:00.000Z', createdBy: coach.id, closedAt: null, closedBy: null, flow: null }
      const member = buildMember('caseA', coach.id, 'coach')
      await storage.createCase(record, member, [
        { room: 'cases/caseA/plan', update: textUpdate('<plan>') },
        { room: 'cases/caseA/notes', update: textUpdate('<notes>') },
      ])
      expect(await storage.findCase('caseA')).toEqual(record)
      expect(texts(docOf(await storage.loadUpdates('cases/caseA/plan')))).toEqual(['<plan>'])
      expect(texts(docOf(await storage.loadUpdates('cases/caseA/notes')))).toEqual(['<notes>'])
      expect(await storage.listCasesOfUser(coach.id)).toEqual([{ record, role: 'coach' }])
      await storage.updateCase('caseA', { employerCanEdit: true, title: 'Neu' })
      expect(await storage.findCase('caseA')).toEqual({ ...record, employerCanEdit: true, title: 'Neu' })
      await storage.updateCase('caseA', { type: 'retention' })
      expect(await storage.findCase('caseA')).toMatchObject({ employerCanEdit: true, title: 'Neu', type: 'retention' })
      expect(await storage.findCase('missing')).toBeNull()
    })

    it('adds members once and never removes the last coach, even with two removals at once', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const second = buildUser({ name: 'Zweite' })
      const employer = buildUser({ kind: 'external' })
      await storage.createUser(second)
      await storage.createUser(employer)
      const secondMember = buildMember(caseId, second.id, 'coach')
      expect(await storage.addMember(secondMember)).toBe(true)
      expect(await storage.addMember(buildMember(caseId, second.id, 'employer'))).toBe(false)
      expect(await storage.addMember(buildMember(caseId, employer.id, 'employer'))).toBe(true)
      expect(await storage.findMember(caseId, employer.id)).toMatchObject({ caseId, userId: employer.id, role: 'employer' })
      const members = await storage.listMembers(caseId)
      expect(members.map((member) => member.name).sort()).toEqual([coach.name, employer.name, 'Zweite'].sort())
      expect(members.find((member) => member.userId === second.id)?.email).toBe(second.email)
      const firstMember = members.find((member) => member.userId === coach.id)
      const ended = { at: '2026-02-01T00:00:00.000Z', by: coach.id }
      const outcomes = await Promise.all([storage.removeMember(caseId, firstMember?.id ?? '', ended), storage.removeMember(caseId, secondMember.id, ended)])
      expect(outcomes.sort()).toEqual(['lastCoach', 'removed'])
      expect(await storage.removeMember(caseId, 'missing', ended)).toBe('notFound')
      expect((await storage.listMembers(caseId)).filter((member) => member.role === 'coach')).toHaveLength(1)
    })

    it('uses a password-reset link once, with the new hash, the sessions ended and the audit (issue 17)', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const person = buildUser({ kind: 'external' })
      await storage.createUser(person)
      const now = '2026-02-03T00:00:00.000Z'
      await storage.createSession({ tokenHash: 's1', userId: person.id, createdAt: now, expiresAt: '2026-03-01T00:00:00.000Z', lastSeenAt: now })
      const link = { userId: person.id, caseId, createdBy: coach.id, createdAt: now, expiresAt: '2026-02-06T00:00:00.000Z', usedAt: null }
      await storage.createPasswordReset({ ...link, id: 'r1', tokenHash: 'h1' })
      await storage.createPasswordReset({ ...link, id: 'r2', tokenHash: 'h2' })
      expect(await storage.findOpenPasswordReset('h1', now)).toBeNull()
      expect(await storage.findOpenPasswordReset('h2', now)).toMatchObject({ id: 'r2', userId: person.id, userName: person.name })
      expect(await storage.findOpenPasswordReset('h2', '2026-02-07T00:00:00.000Z')).toBeNull()
      const audit = [{ caseId, at: now, type: 'passwordResetWithLink' as const, actorId: person.id, details: { userId: person.id } }]
      const outcomes = await Promise.all([
        storage.usePasswordReset({ tokenHash: 'h2', now, passwordHash: 'new-hash', audit }),
        storage.usePasswordReset({ tokenHash: 'h2', now, passwordHash: 'other-hash', audit }),
      ])
      expect(outcomes.filter((outcome) => outcome === 'invalid')).toHaveLength(1)
      expect(outcomes).toContainEqual({ userId: person.id })
      expect((await storage.findUserById(person.id))?.passwordHash).toBe('new-hash')
      expect(await storage.findActiveSession('s1', new Date(now), new Date('2026-02-01T00:00:00.000Z'))).toBeNull()
      expect((await storage.listCaseAudit(caseId, 100)).filter((event) => event.type === 'passwordResetWithLink')).toHaveLength(1)
    })

    it('stores invitations and lets exactly one of two concurrent accepts win', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const base = { caseId, role: 'employer' as const, createdAt: '2026-02-01T00:00:00.000Z', createdBy: coach.id, expiresAt: '2026-02-08T00:00:00.000Z', acceptedAt: null, acceptedBy: null, revokedAt: null, failedAccepts: 0, failedAcceptsSince: null }
      await storage.createInvitation({ ...base, id: 'inv1', tokenHash: 't1' })
      await storage.createInvitation({ ...base, id: 'inv2', tokenHash: 't2', createdAt: '2026-02-02T00:00:00.000Z' })
      expect((await storage.listInvitations(caseId)).map((invitation) => invitation.id)).toEqual(['inv2', 'inv1'])
      expect(await storage.findInvitationByTokenHash('t1')).toMatchObject({ id: 'inv1', createdByName: coach.name, acceptedByName: null })
      expect(await storage.findInvitationByTokenHash('none')).toBeNull()

      const now = '2026-02-03T00:00:00.000Z'
      const newcomers = [buildUser({ kind: 'external' }), buildUser({ kind: 'external' })]
      const outcomes = await Promise.all(
        newcomers.map((user) => storage.acceptInvitation({ invitationId: 'inv1', now, newUser: user, member: buildMember(caseId, user.id, 'employer') })),
      )
      expect([...outcomes].sort()).toEqual(['accepted', 'invalid'])
      const winner = newcomers[outcomes.indexOf('accepted')]
      const loser = newcomers[outcomes.indexOf('invalid')]
      expect(await storage.findUserById(loser?.id ?? '')).toBeNull()
      expect(await storage.findInvitationByTokenHash('t1')).toMatchObject({ acceptedAt: now, acceptedBy: winner?.id, acceptedByName: winner?.name })
      expect(await storage.revokeInvitation(caseId, 'inv1', now)).toBe('used')

      const taken = buildUser({ kind: 'external', email: coach.email })
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now, newUser: taken, member: buildMember(caseId, taken.id, 'employer') })).toBe('emailTaken')
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now, newUser: null, member: buildMember(caseId, coach.id, 'employer') })).toBe('alreadyMember')
      expect((await storage.findInvitationByTokenHash('t2'))?.acceptedAt).toBeNull()
      // Failed accepts count per hour; renewing gives a new token and clears them (issue 17).
      const at = (minutes: number): string => new Date(Date.parse(now) + minutes * 60_000).toISOString()
      expect(await storage.recordFailedAccept('inv2', at(0), at(-60))).toEqual({ failedAccepts: 1, since: at(0) })
      expect(await storage.recordFailedAccept('inv2', at(10), at(-50))).toEqual({ failedAccepts: 2, since: at(0) })
      expect(await storage.recordFailedAccept('inv2', at(60), at(0))).toEqual({ failedAccepts: 1, since: at(60) })
      expect(await storage.renewInvitation({ caseId, invitationId: 'inv1', tokenHash: 't1b', expiresAt: at(600) })).toBe('used')
      expect(await storage.renewInvitation({ caseId, invitationId: 'missing', tokenHash: 't1b', expiresAt: at(600) })).toBe('notFound')
      expect(await storage.renewInvitation({ caseId, invitationId: 'inv2', tokenHash: 't2b', expiresAt: at(600) })).toBe('renewed')
      expect(await storage.findInvitationByTokenHash('t2')).toBeNull()
      expect(await storage.findInvitationByTokenHash('t2b')).toMatchObject({ id: 'inv2', failedAccepts: 0, failedAcceptsSince: null, expiresAt: at(600) })
      expect(await storage.renewInvitation({ caseId, invitationId: 'inv2', tokenHash: 't2', expiresAt: base.expiresAt })).toBe('renewed')
      const late = buildUser({ kind: 'external' })
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now: '2026-03-01T00:00:00.000Z', newUser: late, member: buildMember(caseId, late.id, 'employer') })).toBe('invalid')
      expect(await storage.revokeInvitation(caseId, 'inv2', now)).toBe('revoked')
      expect((await storage.findInvitationByTokenHash('t2'))?.revokedAt).toBe(now)
      expect(await storage.revokeInvitation(caseId, 'missing', now)).toBe('notFound')
      const afterRevoke = buildUser({ kind: 'external' })
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now, newUser: afterRevoke, member: buildMember(caseId, afterRevoke.id, 'employer') })).toBe('invalid')
    })

    it('lists agreements newest first, in insertion order within the same instant', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const at = '2026-04-01T12:00:00.000Z'
      await storage.addAgreement({ id: 'ag1', caseId, userId: coach.id, role: 'coach', planHash: 'aa', at: '2026-04-01T11:00:00.000Z' })
      await storage.addAgreement({ id: 'ag3', caseId, userId: coach.id, role: 'coach', planHash: 'bb', at })
      await storage.addAgreement({ id: 'ag2', caseId, userId: coach.id, role: 'coach', planHash: 'cc', at })
      const listed = await storage.listAgreements(caseId)
      expect(listed.map((agreement) => agreement.id)).toEqual(['ag2', 'ag3', 'ag1'])
      expect(listed[0]).toEqual({ id: 'ag2', caseId, userId: coach.id, role: 'coach', planHash: 'cc', at, userName: coach.name })
    })

    it('stores document versions sealed with the case key, lists them newest first, and erases them with the case', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const state = textUpdate('<Versionstext>')
      const base = { caseId, doc: 'plan' as const, authors: [coach.id], agreementId: null }
      await storage.addDocumentVersion({ ...base, id: 'v1', at: '2026-04-01T10:00:00.000Z', reason: 'settled' }, state)
      await storage.addDocumentVersion({ ...base, id: 'v2', at: '2026-04-01T11:00:00.000Z', reason: 'agreement', agreementId: 'ag1' }, state)
      await storage.addDocumentVersion({ ...base, id: 'v3', doc: 'notes', at: '2026-04-01T12:00:00.000Z', reason: 'phaseClosed' }, state)
      expect((await storage.listDocumentVersions(caseId, 'plan')).map((version) => version.id)).toEqual(['v2', 'v1'])
      expect((await storage.listDocumentVersions(caseId, 'plan'))[0]).toEqual({ ...base, id: 'v2', at: '2026-04-01T11:00:00.000Z', reason: 'agreement', agreementId: 'ag1' })
      const found = await storage.findDocumentVersion(caseId, 'plan', 'v1')
      expect(texts(docOf([{ data: found?.state ?? new Uint8Array() }]))).toEqual(['<Versionstext>'])
      expect(await storage.findDocumentVersion(caseId, 'notes', 'v1')).toBeNull()
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-05-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await storage.listDocumentVersions(caseId, 'plan')).toEqual([])
      expect(await storage.listDocumentVersions(caseId, 'notes')).toEqual([])
    })

    it("lists a case's audit events newest first with the logins of its members since they joined", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const outsider = buildUser()
      await storage.createUser(outsider)
      await storage.appendAudit([
        { caseId: null, at: '2025-12-01T00:00:00.000Z', type: 'login', actorId: coach.id, details: {} },
        { caseId, at: '2026-01-02T00:00:00.000Z', type: 'memberAdded', actorId: coach.id, details: { role: 'coach', n: 1, ok: true, none: null } },
        { caseId: null, at: '2026-01-03T00:00:00.000Z', type: 'login', actorId: coach.id, details: {} },
        { caseId: null, at: '2026-01-03T00:00:00.000Z', type: 'login', actorId: outsider.id, details: {} },
      ])
      await storage.appendAudit([])
      const events = await storage.listCaseAudit(caseId, 10)
      expect(events.map((event) => [event.type, event.at])).toEqual([
        ['login', '2026-01-03T00:00:00.000Z'],
        ['memberAdded', '2026-01-02T00:00:00.000Z'],
      ])
      expect(events[1]).toMatchObject({ caseId, actorId: coach.id, actorName: coach.name, details: { role: 'coach', n: 1, ok: true, none: null } })
      expect(typeof events[0]?.id).toBe('string')
      expect(await storage.listCaseAudit(caseId, 1)).toHaveLength(1)
    })

    it('seals the plaintext rows of an older installation once at start, reusing keys an interrupted start made', async () => {
      const made = await factory.createLegacy()
      const plainBefore = (await made.raw()).filter((value) => value.includes(Buffer.from('Klartext')))
      expect(plainBefore).toHaveLength(4)
      const storage = await made.open()
      open.push(storage)
      const read = async (store: Storage) => ({
        title: (await store.findCase('legacyCase'))?.title,
        purpose: (await store.listConsents('legacyCase'))[0]?.purpose,
        plan: texts(docOf(await store.loadUpdates('cases/legacyCase/plan'))),
        notes: texts(docOf(await store.loadUpdates('cases/legacyCase/notes'))),
      })
      const expected = { title: legacy.title, purpose: legacy.purpose, plan: [legacy.texts[0]], notes: [legacy.texts[1]] }
      expect(await read(storage)).toEqual(expected)
      const sealed = await made.raw()
      expect(sealed).toHaveLength(4)
      expect(sealed.filter((value) => value.includes(Buffer.from('Klartext')))).toEqual([])
      // Only once: a second start leaves the sealed rows as they are.
      await storage.close()
      open.splice(open.indexOf(storage), 1)
      const again = await made.open()
      open.push(again)
      expect(await made.raw()).toEqual(sealed)
      expect(await read(again)).toEqual(expected)
    })

    it("crypto-shreds a case: after destroyCaseKey its rooms, title and purposes do not open, it is not found or listed, and nothing new is sealed for it", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const { caseId: otherCaseId } = await withCase(storage)
      await storage.appendUpdates(`cases/${caseId}/notes`, [textUpdate('<secret>')])
      await storage.appendUpdates(`cases/${otherCaseId}/notes`, [textUpdate('<kept>')])
      expect(await storage.keyring.destroyCaseKey(caseId)).toBe(true)
      await expect(storage.loadUpdates(`cases/${caseId}/notes`)).rejects.toMatchObject({ name: 'DataKeyUnavailable', reason: 'destroyed' })
      // A destroyed case key means an erased case: appends are refused as for a tombstoned one (4404).
      await expect(storage.appendUpdates(`cases/${caseId}/plan`, [textUpdate('<again>')])).rejects.toBeInstanceOf(CaseErasedError)
      expect(await storage.findCase(caseId)).toBeNull()
      expect((await storage.listCasesOfUser(coach.id)).map((c) => c.record.id)).toEqual([])
      expect(texts(docOf(await storage.loadUpdates(`cases/${otherCaseId}/notes`)))).toEqual(['<kept>'])
      expect(await storage.findCase(otherCaseId)).not.toBeNull()
    })

    it("gives each supervision copy its own key, and destroys it when the copy is replaced or goes with its erased case", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const keyOf = async (copyId: string) => (await storage.keyring.keyStore.find([copyKeyOwner(copyId)]))[0]
      const copy = { id: newId(), sourceCaseId: caseId, authorId: coach.id, createdAt: '2026-01-04T00:00:00.000Z', title: 'Kasse A', releasedGroupId: null, releasedAt: null, redactions: ['Jonas Weber'] }
      await storage.createSupervisionCopy(copy, { room: `supervision/${copy.id}`, update: textUpdate('<copy>') })
      expect(await storage.findSupervisionCopy(copy.id)).toMatchObject({ title: 'Kasse A', redactions: ['Jonas Weber'] })
      expect(await keyOf(copy.id)).toMatchObject({ destroyedAt: null })
      expect(keyOwnerOfRoom(`supervision/${copy.id}/discussion`)).toBe(copyKeyOwner(copy.id))
      const next = { ...copy, id: newId() }
      expect(await storage.replaceSupervisionCopy(copy.id, next, { room: `supervision/${next.id}`, update: textUpdate('<next>') })).toBe('replaced')
      expect(await keyOf(copy.id)).toMatchObject({ wrapped: null })
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await keyOf(next.id)).toMatchObject({ wrapped: null })
    })

    it('keeps one open consent grant per member and field, revokes, lapses and reports active fields by day', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const employer = buildUser({ kind: 'external', name: 'Sabine Keller' })
      await storage.createUser(employer)
      const member = buildMember(caseId, employer.id, 'employer')
      await storage.addMember(member)
      const grant = (id: string, field: ConsentRecord['field'], validUntil: string | null): ConsentRecord => ({
        id,
        caseId,
        field,
        memberId: member.id,
        recipientUserId: employer.id,
        recipientRole: 'employer',
        purpose: 'Arbeitsplatzanpassung',
        evidence: 'signedForm',
        signedOn: '2026-03-01',
        grantedAt: `2026-03-0${id.length}T10:00:00.000Z`,
        grantedBy: coach.id,
        validUntil,
        revokedAt: null,
        revokedBy: null,
        lapsedAt: null,
      })
      expect(await storage.addConsent(grant('g1', 'diagnosis', null))).toBe(true)
      expect(await storage.addConsent(grant('g22', 'diagnosis', null))).toBe(false)
      expect(await storage.addConsent(grant('g333', 'medication', '2026-03-10'))).toBe(true)
      expect((await storage.activeConsentFields(caseId, member.id, '2026-03-10')).sort()).toEqual(['diagnosis', 'medication'])
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-11')).toEqual(['diagnosis'])

      expect(await storage.recordLapsedConsents('2026-03-10', '2026-03-10T12:00:00.000Z')).toEqual([])
      expect(await storage.recordLapsedConsents('2026-03-11', '2026-03-11T00:01:00.000Z')).toEqual([
        { id: 'g333', caseId, field: 'medication', memberId: member.id },
      ])
      expect(await storage.revokeConsent(caseId, 'g333', '2026-03-12T00:00:00.000Z', coach.id)).toBe('ended')
      expect(await storage.revokeConsent(caseId, 'g1', '2026-03-12T00:00:00.000Z', coach.id)).toBe('revoked')
      expect(await storage.revokeConsent(caseId, 'g1', '2026-03-12T00:00:00.000Z', coach.id)).toBe('ended')
      expect(await storage.revokeConsent(caseId, 'missing', '2026-03-12T00:00:00.000Z', coach.id)).toBe('notFound')
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-01')).toEqual([])
      // Ended grants no longer block a new one.
      expect(await storage.addConsent(grant('g4444', 'diagnosis', null))).toBe(true)
      // A member who leaves keeps no grant: revoked with the removal, and handed to its audit entries.
      const removal: unknown[] = []
      const audit = (removed: unknown): [] => {
        removal.push(removed)
        return []
      }
      expect(await storage.removeMember(caseId, member.id, { at: '2026-03-13T00:00:00.000Z', by: coach.id }, audit)).toBe('removed')
      expect(removal).toEqual([{ member, revokedConsents: [{ id: 'g4444', caseId, field: 'diagnosis', memberId: member.id }] }])

      const listed = await storage.listConsents(caseId)
      expect(listed.map((g) => g.id)).toEqual(['g4444', 'g333', 'g1'])
      expect(listed[2]).toMatchObject({ recipientName: 'Sabine Keller', grantedByName: coach.name, revokedByName: coach.name, lapsedAt: null })
      expect(listed[0]).toMatchObject({ revokedAt: '2026-03-13T00:00:00.000Z', revokedBy: coach.id })
      expect(listed[1]).toMatchObject({ revokedAt: null, lapsedAt: '2026-03-11T00:01:00.000Z', validUntil: '2026-03-10', signedOn: '2026-03-01' })
    })

    it('commits a write and its audit entries together: an entry that cannot be stored leaves the change undone', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const employer = buildUser({ kind: 'external' })
      await storage.createUser(employer)
      const member = buildMember(caseId, employer.id, 'employer')
      await storage.addMember(member)
      const grant: ConsentRecord = {
        id: 'g1',
        caseId,
        field: 'diagnosis',
        memberId: member.id,
        recipientUserId: employer.id,
        recipientRole: 'employer',
        purpose: 'Arbeitsplatzanpassung',
        evidence: 'inApp',
        signedOn: null,
        grantedAt: '2026-03-01T10:00:00.000Z',
        grantedBy: coach.id,
        validUntil: null,
        revokedAt: null,
        revokedBy: null,
        lapsedAt: null,
      }
      const at = '2026-03-02T00:00:00.000Z'
      // An entry for a case that does not exist breaks the foreign key: its insert fails.
      const failing = [{ caseId: 'noSuchCase', at, type: 'consentRevoked' as const, actorId: coach.id, details: {} }]
      const entry = (type: 'consentGranted' | 'consentRevoked' | 'memberRemoved') => ({ caseId, at, type, actorId: coach.id, details: {} })

      await expect(storage.addConsent(grant, failing)).rejects.toThrow()
      expect(await storage.listConsents(caseId)).toEqual([])
      expect(await storage.addConsent(grant, [entry('consentGranted')])).toBe(true)

      await expect(storage.revokeConsent(caseId, grant.id, at, coach.id, () => failing)).rejects.toThrow()
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-02')).toEqual(['diagnosis'])
      await expect(storage.removeMember(caseId, member.id, { at, by: coach.id }, () => failing)).rejects.toThrow()
      expect(await storage.findMember(caseId, employer.id)).not.toBeNull()
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-02')).toEqual(['diagnosis'])
      await expect(storage.closeCase(caseId, at, coach.id, failing)).rejects.toThrow()
      expect(await storage.findCase(caseId)).toMatchObject({ closedAt: null })
      expect((await storage.listCaseAudit(caseId, 10)).map((event) => event.type)).toEqual(['consentGranted'])

      expect(await storage.revokeConsent(caseId, grant.id, at, coach.id, (revoked) => [{ ...entry('consentRevoked'), details: { grantId: revoked.id } }])).toBe('revoked')
      expect(await storage.removeMember(caseId, member.id, { at, by: coach.id }, ({ member: removed }) => [{ ...entry('memberRemoved'), details: { memberId: removed.id } }])).toBe('removed')
      expect((await storage.listCaseAudit(caseId, 10)).map((event) => [event.type, event.details])).toEqual([
        ['memberRemoved', { memberId: member.id }],
        ['consentRevoked', { grantId: grant.id }],
        ['consentGranted', {}],
      ])
    })

    it('closes cases, lists those closed before a date, and erases a case with all its rows, leaving a tombstone that refuses appends', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const other = await withCase(storage, `${caseId.slice(0, -1)}${caseId.endsWith('A') ? 'B' : 'A'}`)
      const room = `cases/${caseId}/plan`
      const otherRoom = `cases/${other.caseId}/plan`
      await storage.appendUpdates(room, [textUpdate('<a>')])
      await storage.appendUpdates(otherRoom, [textUpdate('<b>')])
      expect(await storage.bindClientIds(room, coach.id, [7])).toEqual([])
      await storage.appendAudit([{ caseId, at: '2026-01-02T00:00:00.000Z', type: 'caseUpdated', actorId: coach.id, details: {} }])

      expect(await storage.closeCase(caseId, '2026-02-01T00:00:00.000Z', coach.id)).toBe(true)
      expect(await storage.closeCase(caseId, '2026-02-02T00:00:00.000Z', coach.id)).toBe(false)
      expect(await storage.findCase(caseId)).toMatchObject({ closedAt: '2026-02-01T00:00:00.000Z', closedBy: coach.id })
      expect(await storage.casesClosedBefore('2026-02-01T00:00:00.000Z')).toEqual([])
      expect(await storage.casesClosedBefore('2026-02-01T00:00:00.001Z')).toEqual([caseId])

      expect(await storage.isCaseErased(caseId)).toBe(false)
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(false)
      expect(await storage.isCaseErased(caseId)).toBe(true)
      expect(await storage.findCase(caseId)).toBeNull()
      expect(await storage.listMembers(caseId)).toEqual([])
      expect(await storage.listCaseAudit(caseId, 10)).toEqual([])
      expect(await storage.loadUpdates(room)).toEqual([])
      expect(await storage.clientIdOwner(room, 7)).toBeNull()
      await expect(storage.appendUpdates(room, [textUpdate('<late>')])).rejects.toBeInstanceOf(CaseErasedError)
      expect(await storage.loadUpdates(room)).toEqual([])
      // Another case, even one whose id differs by one character, is untouched.
      expect(texts(docOf(await storage.loadUpdates(otherRoom)))).toEqual(['<b>'])
      expect(await storage.findCase(other.caseId)).not.toBeNull()
    })

    it('never keeps an append that raced an erasure', async () => {
      const { storage } = await fresh()
      const { caseId } = await withCase(storage)
      const room = `cases/${caseId}/notes`
      await storage.appendUpdates(room, [textUpdate('<seed>')])
      const appends = Array.from({ length: 20 }, (_, i) => storage.appendUpdates(room, [textUpdate(`<${i}>`)]).then(() => 'stored', () => 'refused'))
      const erased = storage.eraseCase({ caseId, erasedAt: new Date().toISOString(), reason: 'request', erasedBy: null })
      await Promise.all([...appends, erased])
      expect(await storage.loadUpdates(room)).toEqual([])
    })
    it('stores supervision groups with members, and copies with their one room update, released or replaced', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const supervisor = buildUser({ name: 'Ursula' })
      await storage.createUser(supervisor)
      const group = { id: newId(), name: 'Fallsupervision Nord', createdAt: '2026-01-02T00:00:00.000Z', createdBy: coach.id }
      await storage.createSupervisionGroup(group)
      expect(await storage.findSupervisionGroup(group.id)).toEqual(group)
      expect(await storage.addSupervisionGroupMember(group.id, supervisor.id, '2026-01-03T00:00:00.000Z')).toBe(true)
      expect(await storage.addSupervisionGroupMember(group.id, supervisor.id, '2026-01-03T00:00:00.000Z')).toBe(false)
      expect(await storage.addSupervisionGroupMember(group.id, coach.id, '2026-01-03T00:00:00.000Z')).toBe(true)
      expect((await storage.listSupervisionGroupMembers([group.id])).map((m) => m.userId).sort()).toEqual([coach.id, supervisor.id].sort())
      expect(await storage.listSupervisionGroupsOfUser(supervisor.id)).toEqual([group])
      expect(await storage.listSupervisionGroups()).toEqual([group])

      const copy = { id: newId(), sourceCaseId: caseId, authorId: coach.id, createdAt: '2026-01-04T00:00:00.000Z', title: 'Kasse', releasedGroupId: null, releasedAt: null, redactions: [] }
      await storage.createSupervisionCopy(copy, { room: `supervision/${copy.id}`, update: textUpdate('<copy>') })
      expect(await storage.findSupervisionCopy(copy.id)).toMatchObject({ ...copy, authorName: coach.name, releasedGroupName: null })
      // Unreleased: only the author lists it.
      expect((await storage.listSupervisionCopiesForUser(coach.id)).map((c) => c.id)).toEqual([copy.id])
      expect(await storage.listSupervisionCopiesForUser(supervisor.id)).toEqual([])

      const next = { ...copy, id: newId(), createdAt: '2026-01-05T00:00:00.000Z', redactions: ['Kasse'] }
      await storage.bindClientIds(`supervision/${copy.id}`, coach.id, [3])
      expect(await storage.replaceSupervisionCopy(copy.id, next, { room: `supervision/${next.id}`, update: textUpdate('<next>') })).toBe('replaced')
      expect(await storage.findSupervisionCopy(copy.id)).toBeNull()
      expect(await storage.loadUpdates(`supervision/${copy.id}`)).toEqual([])
      expect(await storage.clientIdOwner(`supervision/${copy.id}`, 3)).toBeNull()
      expect(texts(docOf(await storage.loadUpdates(`supervision/${next.id}`)))).toEqual(['<next>'])
      expect(await storage.replaceSupervisionCopy(copy.id, next, { room: 'x', update: textUpdate('<x>') })).toBe('notFound')

      expect(await storage.releaseSupervisionCopy(next.id, group.id, '2026-01-06T00:00:00.000Z')).toBe(true)
      expect(await storage.releaseSupervisionCopy(next.id, group.id, '2026-01-07T00:00:00.000Z')).toBe(false)
      expect(await storage.findSupervisionCopy(next.id)).toMatchObject({ releasedGroupId: group.id, releasedGroupName: 'Fallsupervision Nord', redactions: [] })
      expect(await storage.replaceSupervisionCopy(next.id, { ...next, id: newId() }, { room: 'y', update: textUpdate('<y>') })).toBe('released')
      expect((await storage.listSupervisionCopiesForUser(supervisor.id)).map((c) => c.id)).toEqual([next.id])

      const draft = { ...copy, id: newId(), redactions: ['Jonas'] }
      await storage.createSupervisionCopy(draft, { room: `supervision/${draft.id}`, update: textUpdate('<draft>') })
      // Erasing the case: the released copy stays, unlinked; the unreleased one goes with its room.
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await storage.findSupervisionCopy(next.id)).toMatchObject({ sourceCaseId: null })
      expect(texts(docOf(await storage.loadUpdates(`supervision/${next.id}`)))).toEqual(['<next>'])
      expect(await storage.findSupervisionCopy(draft.id)).toBeNull()
      expect(await storage.loadUpdates(`supervision/${draft.id}`)).toEqual([])

      expect(await storage.removeSupervisionGroupMember(group.id, supervisor.id)).toBe(true)
      expect(await storage.removeSupervisionGroupMember(group.id, supervisor.id)).toBe(false)
      expect(await storage.isSupervisionGroupMember(group.id, supervisor.id)).toBe(false)
      expect(await storage.listSupervisionCopiesForUser(supervisor.id)).toEqual([])
    })
  })
})
