/**
 * The embedded storage: SQLite through better-sqlite3 in WAL mode (contract
 * §6). better-sqlite3 is synchronous, so every method finishes its
 * transaction before its Promise resolves: "resolved" means "committed".
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import type { Logger } from '../log.js'
import { migrations } from './migrations.js'
import type { CaseRecord, MemberRecord, MemberWithUser, RoomSeed, SessionRecord, Storage, UserRecord } from './Storage.js'

const SQL_LOAD_UPDATES = 'SELECT data FROM room_updates WHERE room = ? ORDER BY seq'
const SQL_APPEND_UPDATE = 'INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)'
const SQL_COUNT_UPDATES = 'SELECT COUNT(*) AS n FROM room_updates WHERE room = ?'
const SQL_DELETE_UPDATES = 'DELETE FROM room_updates WHERE room = ?'

const SQL_COUNT_USERS = 'SELECT COUNT(*) AS n FROM users'
const SQL_INSERT_USER = `INSERT INTO users (id, name, email, password_hash, kind, is_admin, active, created_at)
  VALUES (@id, @name, @email, @passwordHash, @kind, @isAdmin, @active, @createdAt) ON CONFLICT (email) DO NOTHING`
const SQL_USER_BY_EMAIL = 'SELECT * FROM users WHERE email = ?'
const SQL_USER_BY_ID = 'SELECT * FROM users WHERE id = ?'
const SQL_ACTIVE_STAFF = "SELECT * FROM users WHERE kind = 'staff' AND active = 1 ORDER BY name COLLATE NOCASE"

const SQL_INSERT_SESSION = 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
const SQL_ACTIVE_SESSION = `SELECT s.token_hash, s.user_id, s.created_at AS s_created_at, s.expires_at, u.*
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1`
const SQL_DELETE_SESSION = 'DELETE FROM sessions WHERE token_hash = ?'
const SQL_DELETE_EXPIRED_SESSIONS = 'DELETE FROM sessions WHERE expires_at <= ?'

const SQL_INSERT_CASE = `INSERT INTO cases (id, title, type, employer_can_edit, created_at, created_by)
  VALUES (@id, @title, @type, @employerCanEdit, @createdAt, @createdBy)`
const SQL_CASE_BY_ID = 'SELECT * FROM cases WHERE id = ?'
const SQL_CASES_OF_USER = `SELECT c.*, m.role AS my_role FROM cases c JOIN members m ON m.case_id = c.id
  WHERE m.user_id = ? ORDER BY c.created_at DESC, c.id`
const SQL_UPDATE_CASE = `UPDATE cases SET title = COALESCE(@title, title), type = COALESCE(@type, type),
  employer_can_edit = COALESCE(@employerCanEdit, employer_can_edit) WHERE id = @id`

const SQL_INSERT_MEMBER = `INSERT INTO members (id, case_id, user_id, role, added_at)
  VALUES (@id, @caseId, @userId, @role, @addedAt) ON CONFLICT (case_id, user_id) DO NOTHING`
const SQL_MEMBER_BY_USER = 'SELECT * FROM members WHERE case_id = ? AND user_id = ?'
const SQL_MEMBER_BY_ID = 'SELECT * FROM members WHERE case_id = ? AND id = ?'
const SQL_MEMBERS_OF_CASE = `SELECT m.*, u.name, u.email FROM members m JOIN users u ON u.id = m.user_id
  WHERE m.case_id = ? ORDER BY m.added_at, m.id`
const SQL_COUNT_COACHES = "SELECT COUNT(*) AS n FROM members WHERE case_id = ? AND role = 'coach'"
const SQL_DELETE_MEMBER = 'DELETE FROM members WHERE id = ?'

interface UserRow {
  id: string
  name: string
  email: string
  password_hash: string
  kind: UserRecord['kind']
  is_admin: number
  active: number
  created_at: string
}
interface CaseRow {
  id: string
  title: string
  type: CaseRecord['type']
  employer_can_edit: number
  created_at: string
  created_by: string
}
interface MemberRow {
  id: string
  case_id: string
  user_id: string
  role: CaseRole
  added_at: string
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    passwordHash: row.password_hash,
    kind: row.kind,
    isAdmin: row.is_admin === 1,
    active: row.active === 1,
    createdAt: row.created_at,
  }
}

function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    employerCanEdit: row.employer_can_edit === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
  }
}

function toMember(row: MemberRow): MemberRecord {
  return { id: row.id, caseId: row.case_id, userId: row.user_id, role: row.role, addedAt: row.added_at }
}

function userParams(user: UserRecord): Record<string, unknown> {
  return { ...user, isAdmin: user.isAdmin ? 1 : 0, active: user.active ? 1 : 0 }
}

/** Options of {@link SqliteStorage.open}. */
export interface SqliteStorageOptions {
  /** Folder of the database file `fallbuch.sqlite`. */
  dataDir: string
  /** `synchronous` pragma: normal survives a killed process, full also power loss. */
  synchronous: 'normal' | 'full'
  logger: Logger
}

/** {@link Storage} on SQLite. */
export class SqliteStorage implements Storage {
  private constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger,
  ) {}

  /** Opens (and migrates) the database in `dataDir`. */
  static open(options: SqliteStorageOptions): SqliteStorage {
    const db = new Database(join(options.dataDir, 'fallbuch.sqlite'))
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    const storage = new SqliteStorage(db, options.logger)
    storage.migrate()
    return storage
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number
    for (const migration of migrations) {
      if (migration.version <= current) {
        continue
      }
      this.db.transaction(() => {
        this.db.exec(migration.sql)
        this.db.pragma(`user_version = ${migration.version}`)
      })()
      this.logger.info({ version: migration.version, description: migration.description }, 'database migrated')
    }
  }

  private count(sql: string, ...params: unknown[]): number {
    return (this.db.prepare(sql).get(...params) as { n: number }).n
  }

  async loadUpdates(room: string): Promise<Uint8Array[]> {
    const rows = this.db.prepare(SQL_LOAD_UPDATES).all(room) as Array<{ data: Buffer }>
    return rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength))
  }

  async appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<number> {
    const insert = this.db.prepare(SQL_APPEND_UPDATE)
    const now = new Date().toISOString()
    return this.db.transaction(() => {
      for (const update of updates) {
        insert.run(room, Buffer.from(update), now)
      }
      return this.count(SQL_COUNT_UPDATES, room)
    })()
  }

  async compact(room: string): Promise<void> {
    this.db.transaction(() => {
      const rows = this.db.prepare(SQL_LOAD_UPDATES).all(room) as Array<{ data: Buffer }>
      if (rows.length <= 1) {
        return
      }
      // A fresh gc'd doc drops deleted content; Y.mergeUpdates would keep it
      // and is quadratic on long logs (contract §6).
      const doc = new Y.Doc({ gc: true })
      for (const row of rows) {
        try {
          Y.applyUpdate(doc, row.data)
        } catch (err) {
          // Keep going: one bad row must not lose the rest of the room.
          this.logger.error({ room, err }, 'skipping an update that failed to apply during compaction')
        }
      }
      const state = Y.encodeStateAsUpdate(doc)
      doc.destroy()
      this.db.prepare(SQL_DELETE_UPDATES).run(room)
      this.db.prepare(SQL_APPEND_UPDATE).run(room, Buffer.from(state), new Date().toISOString())
    })()
  }

  async countUsers(): Promise<number> {
    return this.count(SQL_COUNT_USERS)
  }

  async createFirstUser(user: UserRecord): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.count(SQL_COUNT_USERS) > 0) {
        return false
      }
      return this.db.prepare(SQL_INSERT_USER).run(userParams(user)).changes === 1
    })()
  }

  async createUser(user: UserRecord): Promise<boolean> {
    return this.db.prepare(SQL_INSERT_USER).run(userParams(user)).changes === 1
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const row = this.db.prepare(SQL_USER_BY_EMAIL).get(email) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = this.db.prepare(SQL_USER_BY_ID).get(id) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async listActiveStaff(): Promise<UserRecord[]> {
    return (this.db.prepare(SQL_ACTIVE_STAFF).all() as UserRow[]).map(toUser)
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.db.prepare(SQL_INSERT_SESSION).run(session.tokenHash, session.userId, session.createdAt, session.expiresAt)
  }

  async findActiveSession(tokenHash: string, now: Date): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const row = this.db.prepare(SQL_ACTIVE_SESSION).get(tokenHash, now.toISOString()) as
      | (UserRow & { token_hash: string; user_id: string; s_created_at: string; expires_at: string })
      | undefined
    if (!row) {
      return null
    }
    return {
      session: { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.s_created_at, expiresAt: row.expires_at },
      user: toUser(row),
    }
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare(SQL_DELETE_SESSION).run(tokenHash)
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    this.db.prepare(SQL_DELETE_EXPIRED_SESSIONS).run(now.toISOString())
  }

  async createCase(record: CaseRecord, firstMember: MemberRecord, seeds: readonly RoomSeed[]): Promise<void> {
    const now = new Date().toISOString()
    this.db.transaction(() => {
      this.db.prepare(SQL_INSERT_CASE).run({ ...record, employerCanEdit: record.employerCanEdit ? 1 : 0 })
      this.db.prepare(SQL_INSERT_MEMBER).run(firstMember)
      const insert = this.db.prepare(SQL_APPEND_UPDATE)
      for (const seed of seeds) {
        insert.run(seed.room, Buffer.from(seed.update), now)
      }
    })()
  }

  async findCase(id: string): Promise<CaseRecord | null> {
    const row = this.db.prepare(SQL_CASE_BY_ID).get(id) as CaseRow | undefined
    return row ? toCase(row) : null
  }

  async listCasesOfUser(userId: string): Promise<Array<{ record: CaseRecord; role: CaseRole }>> {
    const rows = this.db.prepare(SQL_CASES_OF_USER).all(userId) as Array<CaseRow & { my_role: CaseRole }>
    return rows.map((row) => ({ record: toCase(row), role: row.my_role }))
  }

  async updateCase(id: string, changes: Partial<Pick<CaseRecord, 'title' | 'type' | 'employerCanEdit'>>): Promise<void> {
    this.db.prepare(SQL_UPDATE_CASE).run({
      id,
      title: changes.title ?? null,
      type: changes.type ?? null,
      employerCanEdit: changes.employerCanEdit === undefined ? null : changes.employerCanEdit ? 1 : 0,
    })
  }

  async findMember(caseId: string, userId: string): Promise<MemberRecord | null> {
    const row = this.db.prepare(SQL_MEMBER_BY_USER).get(caseId, userId) as MemberRow | undefined
    return row ? toMember(row) : null
  }

  async listMembers(caseId: string): Promise<MemberWithUser[]> {
    const rows = this.db.prepare(SQL_MEMBERS_OF_CASE).all(caseId) as Array<MemberRow & { name: string; email: string }>
    return rows.map((row) => ({ ...toMember(row), name: row.name, email: row.email }))
  }

  async addMember(member: MemberRecord): Promise<boolean> {
    return this.db.prepare(SQL_INSERT_MEMBER).run(member).changes === 1
  }

  async removeMember(caseId: string, memberId: string): Promise<'removed' | 'notFound' | 'lastCoach'> {
    return this.db.transaction(() => {
      const row = this.db.prepare(SQL_MEMBER_BY_ID).get(caseId, memberId) as MemberRow | undefined
      if (!row) {
        return 'notFound' as const
      }
      if (row.role === 'coach' && this.count(SQL_COUNT_COACHES, caseId) <= 1) {
        return 'lastCoach' as const
      }
      this.db.prepare(SQL_DELETE_MEMBER).run(memberId)
      return 'removed' as const
    })()
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
