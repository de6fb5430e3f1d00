/**
 * The embedded storage: SQLite through better-sqlite3 in WAL mode (contract
 * §6). better-sqlite3 is synchronous, so every method finishes its
 * transaction before its Promise resolves: "resolved" means "committed".
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { Logger } from '../../log.js'
import { caseIdOfStoredRoom, storedRoomsOfCase } from '../caseRooms.js'
import { compactUpdates } from '../compactUpdates.js'
import { CONSENT_COLUMNS, consentValues, SQL_CONSENTS_WITH_NAMES, toConsentWithNames, toLapsedConsent, type ConsentRow, type ConsentRowWithNames } from '../consentRows.js'
import type { ConfidentialField } from '../../../../shared/src/caseDocument/confidential.js'
import { migrations } from './migrations.js'
import type { VersionDoc } from '../../../../shared/src/api/versions.js'
import { openVersionRow, toDocumentVersion, VERSION_COLUMNS, versionValues, type DocumentVersionRow } from '../versionRows.js'
import { openCaseTitle, openConsentPurpose, openRoomUpdate, sealCaseTitle, sealConsentPurpose, sealCopyText, sealRoomUpdate } from '../../crypto/atRest.js'
import { caseKeyOwner, copyKeyOwner, keyOwnerOfRoom } from '../../crypto/keyOwners.js'
import type { KeyObject } from 'node:crypto'
import { Keyring } from '../../crypto/Keyring.js'
import { sealingKeyOfRoom } from '../sealingKey.js'
import type { MasterKeySet } from '../../crypto/masterKeys.js'
import { KeystoreFileName, SqliteKeyStore } from './SqliteKeyStore.js'
import {
  SQL_SUPERVISION_COPIES_WITH_NAMES,
  storedRoomsOfCopy,
  SUPERVISION_COPY_COLUMNS,
  openSupervisionCopyRow,
  sealedEmptyRedactions,
  sealedSupervisionCopyValues,
  toSupervisionCopy,
  toSupervisionGroup,
  toSupervisionGroupMember,
  type SupervisionCopyRow,
  type SupervisionGroupMemberRow,
  type SupervisionGroupRow,
} from '../supervisionRows.js'
import {
  type AcceptOutcome,
  type AgreementRecord,
  type DocumentVersionRecord,
  type AppendResult,
  type AuditRecord,
  CaseErasedError,
  type CaseRecord,
  type ConsentRecord,
  type ConsentWithNames,
  type ErasedCase,
  type InvitationRecord,
  type InvitationWithNames,
  type LapsedConsent,
  type MemberRecord,
  type MemberWithUser,
  type RoomSeed,
  type SessionRecord,
  type Storage,
  type StoredAuditEvent,
  type StoredUpdate,
  type SupervisionCopyRecord,
  type SupervisionCopyWithNames,
  type SupervisionGroupMemberRecord,
  type SupervisionGroupRecord,
  type UserChanges,
  type UserRecord,
} from '../Storage.js'

const SQL_CLIENT_ID_OWNER = 'SELECT user_id FROM yjs_client_ids WHERE room = ? AND client_id = ?'
const SQL_BIND_CLIENT_ID = 'INSERT INTO yjs_client_ids (room, client_id, user_id, bound_at) VALUES (?, ?, ?, ?)'
const SQL_ROOM_HEADS = 'SELECT room, MAX(seq) AS seq FROM room_updates WHERE room IN (SELECT value FROM json_each(?)) GROUP BY room'
const SQL_LOAD_UPDATES = 'SELECT seq, data FROM room_updates WHERE room = ? AND seq > ? ORDER BY seq'
const SQL_APPEND_UPDATE = 'INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)'
const SQL_COUNT_UPDATES = 'SELECT COUNT(*) AS n FROM room_updates WHERE room = ?'
const SQL_IS_ERASED = 'SELECT 1 FROM erased_cases WHERE case_id = ?'
const SQL_INSERT_TOMBSTONE = 'INSERT INTO erased_cases (case_id, erased_at, reason, erased_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'
const SQL_ERASE_ROOM_UPDATES = 'DELETE FROM room_updates WHERE room IN (SELECT value FROM json_each(?))'
const SQL_ERASE_CLIENT_IDS = 'DELETE FROM yjs_client_ids WHERE room IN (SELECT value FROM json_each(?))'
// Members, invitations, agreements, document versions, consent grants and the case's audit events go with it (ON DELETE CASCADE).
const SQL_ERASE_CASE = 'DELETE FROM cases WHERE id = ?'
const SQL_CLOSE_CASE = 'UPDATE cases SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL'
const SQL_CASES_CLOSED_BEFORE = 'SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY closed_at'
const SQL_DELETE_UPDATES_UP_TO = 'DELETE FROM room_updates WHERE room = ? AND seq <= ?'
const SQL_INSERT_COMPACTED = 'INSERT INTO room_updates (seq, room, data, created_at) VALUES (?, ?, ?, ?)'

const SQL_SEALED_MARKER = 'SELECT sealed_at FROM at_rest_encryption WHERE id = 1'
const SQL_SET_SEALED_MARKER = 'INSERT INTO at_rest_encryption (id, sealed_at) VALUES (1, ?)'
const SQL_ROOMS_WITH_ROWS = 'SELECT DISTINCT room FROM room_updates'
const SQL_ROOM_ROWS_AFTER = 'SELECT seq, room, data FROM room_updates WHERE seq > ? ORDER BY seq LIMIT 500'
const SQL_SET_ROOM_ROW = 'UPDATE room_updates SET data = ? WHERE seq = ?'
const SQL_ALL_TITLES = 'SELECT id, title FROM cases'
const SQL_SET_TITLE = 'UPDATE cases SET title = ? WHERE id = ?'
const SQL_ALL_PURPOSES = 'SELECT id, case_id, purpose FROM consent_grants'
const SQL_SET_PURPOSE = 'UPDATE consent_grants SET purpose = ? WHERE id = ?'
const SQL_ALL_COPY_TEXTS = 'SELECT id, title, redactions FROM supervision_copies'
const SQL_SET_COPY_TEXTS = 'UPDATE supervision_copies SET title = ?, redactions = ? WHERE id = ?'

const SQL_COUNT_USERS = 'SELECT COUNT(*) AS n FROM users'
const SQL_INSERT_USER = `INSERT INTO users (id, name, email, password_hash, kind, is_admin, active, created_at)
  VALUES (@id, @name, @email, @passwordHash, @kind, @isAdmin, @active, @createdAt) ON CONFLICT (email) DO NOTHING`
const SQL_USER_BY_EMAIL = 'SELECT * FROM users WHERE email = ?'
const SQL_USER_BY_ID = 'SELECT * FROM users WHERE id = ?'
const SQL_ACTIVE_STAFF = "SELECT * FROM users WHERE kind = 'staff' AND active = 1 ORDER BY name COLLATE NOCASE"
const SQL_ALL_USERS = 'SELECT * FROM users ORDER BY name COLLATE NOCASE, id'
const SQL_UPDATE_USER = `UPDATE users SET name = COALESCE(@name, name), active = COALESCE(@active, active),
  is_admin = COALESCE(@isAdmin, is_admin) WHERE id = @id`
const SQL_COUNT_ACTIVE_ADMINS = 'SELECT COUNT(*) AS n FROM users WHERE is_admin = 1 AND active = 1'
const SQL_SET_PASSWORD = 'UPDATE users SET password_hash = ? WHERE id = ?'

const SQL_INSERT_SESSION = 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)'
const SQL_ACTIVE_SESSION = `SELECT s.token_hash, s.user_id, s.created_at AS s_created_at, s.expires_at,
  COALESCE(s.last_seen_at, s.created_at) AS last_seen_at, u.*
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = ? AND s.expires_at > ? AND COALESCE(s.last_seen_at, s.created_at) > ? AND u.active = 1`
const SQL_TOUCH_SESSION = 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'
const SQL_DELETE_SESSION = 'DELETE FROM sessions WHERE token_hash = ?'
const SQL_DELETE_SESSIONS_OF_USER = 'DELETE FROM sessions WHERE user_id = ?'
const SQL_DELETE_EXPIRED_SESSIONS = 'DELETE FROM sessions WHERE expires_at <= ? OR COALESCE(last_seen_at, created_at) <= ?'

const SQL_INSERT_INVITATION = `INSERT INTO invitations
  (id, case_id, token_hash, role, created_at, created_by, expires_at, accepted_at, accepted_by, revoked_at)
  VALUES (@id, @caseId, @tokenHash, @role, @createdAt, @createdBy, @expiresAt, @acceptedAt, @acceptedBy, @revokedAt)`
const SQL_INVITATION_COLUMNS = `SELECT i.*, c.name AS created_by_name, a.name AS accepted_by_name
  FROM invitations i JOIN users c ON c.id = i.created_by LEFT JOIN users a ON a.id = i.accepted_by`
const SQL_INVITATIONS_OF_CASE = `${SQL_INVITATION_COLUMNS} WHERE i.case_id = ? ORDER BY i.created_at DESC, i.id`
const SQL_INVITATION_BY_TOKEN = `${SQL_INVITATION_COLUMNS} WHERE i.token_hash = ?`
const SQL_INVITATION_BY_ID = 'SELECT * FROM invitations WHERE case_id = ? AND id = ?'
const SQL_REVOKE_INVITATION = 'UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND accepted_at IS NULL'
const SQL_OPEN_INVITATION = `SELECT 1 FROM invitations
  WHERE id = @id AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now`
const SQL_USE_INVITATION = `UPDATE invitations SET accepted_at = @now, accepted_by = @userId
  WHERE id = @id AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now`

const SQL_INSERT_AGREEMENT = `INSERT INTO agreements (id, case_id, user_id, role, plan_hash, at)
  VALUES (@id, @caseId, @userId, @role, @planHash, @at)`
const SQL_AGREEMENTS_OF_CASE = `SELECT a.*, u.name AS user_name FROM agreements a JOIN users u ON u.id = a.user_id
  WHERE a.case_id = ? ORDER BY a.at DESC, a.rowid DESC`

const SQL_INSERT_VERSION = `INSERT INTO document_versions (${VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_VERSIONS_OF_DOC = `SELECT id, case_id, doc, at, reason, authors, agreement_id FROM document_versions
  WHERE case_id = ? AND doc = ? ORDER BY at DESC, rowid DESC`
const SQL_VERSION_BY_ID = 'SELECT * FROM document_versions WHERE case_id = ? AND doc = ? AND id = ?'

const SQL_INSERT_CONSENT = `INSERT INTO consent_grants (${CONSENT_COLUMNS}) VALUES (${CONSENT_COLUMNS.split(',').map(() => '?').join(', ')})
  ON CONFLICT DO NOTHING`
const SQL_CONSENTS_OF_CASE = `${SQL_CONSENTS_WITH_NAMES} WHERE g.case_id = ? ORDER BY g.granted_at DESC, g.id`
const SQL_REVOKE_CONSENT = `UPDATE consent_grants SET revoked_at = ?, revoked_by = ?
  WHERE case_id = ? AND id = ? AND revoked_at IS NULL AND lapsed_at IS NULL`
const SQL_CONSENT_EXISTS = 'SELECT 1 FROM consent_grants WHERE case_id = ? AND id = ?'
const SQL_REVOKE_CONSENTS_OF_MEMBER = `UPDATE consent_grants SET revoked_at = ?, revoked_by = ?
  WHERE case_id = ? AND member_id = ? AND revoked_at IS NULL AND lapsed_at IS NULL RETURNING id, case_id, field, member_id`
const SQL_ACTIVE_CONSENT_FIELDS = `SELECT field FROM consent_grants
  WHERE case_id = ? AND member_id = ? AND revoked_at IS NULL AND lapsed_at IS NULL AND (valid_until IS NULL OR valid_until >= ?)`
const SQL_RECORD_LAPSES = `UPDATE consent_grants SET lapsed_at = ?
  WHERE revoked_at IS NULL AND lapsed_at IS NULL AND valid_until IS NOT NULL AND valid_until < ? RETURNING id, case_id, field, member_id`

const SQL_INSERT_AUDIT = 'INSERT INTO audit_events (case_id, at, type, actor_id, details) VALUES (?, ?, ?, ?, ?)'
const SQL_CASE_AUDIT = `SELECT e.*, u.name AS actor_name FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
  WHERE e.case_id = @caseId
     OR (e.case_id IS NULL AND e.type = 'login' AND EXISTS (
           SELECT 1 FROM members m WHERE m.case_id = @caseId AND m.user_id = e.actor_id AND m.added_at <= e.at))
  ORDER BY e.seq DESC LIMIT @limit`

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

const SQL_INSERT_GROUP = 'INSERT INTO supervision_groups (id, name, created_at, created_by) VALUES (?, ?, ?, ?)'
const SQL_GROUP_BY_ID = 'SELECT * FROM supervision_groups WHERE id = ?'
const SQL_ALL_GROUPS = 'SELECT * FROM supervision_groups ORDER BY name COLLATE NOCASE, id'
const SQL_GROUPS_OF_USER = `SELECT g.* FROM supervision_groups g JOIN supervision_group_members m ON m.group_id = g.id
  WHERE m.user_id = ? ORDER BY g.name COLLATE NOCASE, g.id`
const SQL_GROUP_MEMBERS = `SELECT m.group_id, m.user_id, m.added_at, u.name, u.email
  FROM supervision_group_members m JOIN users u ON u.id = m.user_id
  WHERE m.group_id IN (SELECT value FROM json_each(?)) ORDER BY u.name COLLATE NOCASE, u.id`
const SQL_INSERT_GROUP_MEMBER = 'INSERT INTO supervision_group_members (group_id, user_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
const SQL_DELETE_GROUP_MEMBER = 'DELETE FROM supervision_group_members WHERE group_id = ? AND user_id = ?'
const SQL_IS_GROUP_MEMBER = 'SELECT 1 FROM supervision_group_members WHERE group_id = ? AND user_id = ?'
const SQL_INSERT_COPY = `INSERT INTO supervision_copies (${SUPERVISION_COPY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_COPY_BY_ID = `${SQL_SUPERVISION_COPIES_WITH_NAMES} WHERE c.id = ?`
const SQL_COPY_RELEASED_AT = 'SELECT released_at FROM supervision_copies WHERE id = ?'
const SQL_DELETE_COPY = 'DELETE FROM supervision_copies WHERE id = ?'
const SQL_COPIES_FOR_USER = `${SQL_SUPERVISION_COPIES_WITH_NAMES}
  WHERE c.author_id = @userId OR (c.released_group_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM supervision_group_members m WHERE m.group_id = c.released_group_id AND m.user_id = @userId))
  ORDER BY c.created_at DESC, c.id`
const SQL_RELEASE_COPY = `UPDATE supervision_copies SET released_group_id = ?, released_at = ?, redactions = ?
  WHERE id = ? AND released_at IS NULL`
const SQL_UNRELEASED_COPIES_OF_CASE = 'SELECT id FROM supervision_copies WHERE source_case_id = ? AND released_at IS NULL'

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
  closed_at: string | null
  closed_by: string | null
}
interface MemberRow {
  id: string
  case_id: string
  user_id: string
  role: CaseRole
  added_at: string
}

interface InvitationRow {
  id: string
  case_id: string
  token_hash: string
  role: CaseRole
  created_at: string
  created_by: string
  expires_at: string
  accepted_at: string | null
  accepted_by: string | null
  revoked_at: string | null
}
interface AuditRow {
  seq: number
  case_id: string | null
  at: string
  type: AuditRecord['type']
  actor_id: string | null
  details: string
  actor_name: string | null
}

function toInvitation(row: InvitationRow): InvitationRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    tokenHash: row.token_hash,
    role: row.role,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
  }
}

function toInvitationWithNames(row: InvitationRow & { created_by_name: string; accepted_by_name: string | null }): InvitationWithNames {
  return { ...toInvitation(row), createdByName: row.created_by_name, acceptedByName: row.accepted_by_name }
}

function toAuditEvent(row: AuditRow): StoredAuditEvent {
  let details: AuditRecord['details'] = {}
  try {
    const parsed: unknown = JSON.parse(row.details)
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      details = parsed as AuditRecord['details']
    }
  } catch {
    // A damaged row still shows who did what and when.
  }
  return {
    id: String(row.seq),
    caseId: row.case_id,
    at: row.at,
    type: row.type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    details,
  }
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
    closedAt: row.closed_at,
    closedBy: row.closed_by,
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
  /** Master keys wrapping the data keys (crypto/masterKeys.ts). */
  masterKeys: MasterKeySet
  /** The keystore file; default DATA_DIR/keys.sqlite, apart from the database that backups copy. */
  keystoreFile?: string
}

/** {@link Storage} on SQLite. */
export class SqliteStorage implements Storage {
  private constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger,
    /** Data keys of every room, case title and consent purpose; `keyring.destroyCaseKey(caseId)` crypto-shreds a case. */
    readonly keyring: Keyring,
  ) {}

  /** Prepared statements by SQL text; every query here is a constant, so this stays small. */
  private readonly statements = new Map<string, Database.Statement>()

  /** The prepared statement for a query, compiled once (the commit path runs it per batch). */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /**
   * Opens (and migrates) the database in `dataDir` and its keystore; seals
   * the plaintext rows of an older installation once.
   */
  static async open(options: SqliteStorageOptions): Promise<SqliteStorage> {
    const keyring = new Keyring(options.masterKeys, SqliteKeyStore.open(options.keystoreFile ?? join(options.dataDir, KeystoreFileName)))
    try {
      await keyring.checkMasterKeys()
    } catch (err) {
      await keyring.close()
      throw err
    }
    const db = new Database(join(options.dataDir, 'fallbuch.sqlite'))
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
    db.pragma('foreign_keys = ON')
    // Freed pages are overwritten with zeros, so deleted content (a compacted
    // room's old log, an erased case) does not linger in the file (issue 4).
    db.pragma('secure_delete = ON')
    db.pragma('busy_timeout = 5000')
    const storage = new SqliteStorage(db, options.logger, keyring)
    try {
      storage.migrate()
      await storage.sealPlaintextRows()
    } catch (err) {
      await storage.close()
      throw err
    }
    return storage
  }

  /**
   * One-time encryption of an installation from before encryption at rest.
   * Keys are created first (committed in the keystore); the rows and the
   * marker change in one transaction, so a crash leaves either all rows
   * plain and no marker (the next start does it again, reusing the keys) or
   * all sealed with the marker.
   */
  private async sealPlaintextRows(): Promise<void> {
    if (this.db.prepare(SQL_SEALED_MARKER).get() !== undefined) {
      return
    }
    const rooms = (this.db.prepare(SQL_ROOMS_WITH_ROWS).all() as Array<{ room: string }>).map((row) => row.room)
    const titles = this.db.prepare(SQL_ALL_TITLES).all() as Array<{ id: string; title: string }>
    const purposes = this.db.prepare(SQL_ALL_PURPOSES).all() as Array<{ id: string; case_id: string; purpose: string }>
    const copies = this.db.prepare(SQL_ALL_COPY_TEXTS).all() as Array<{ id: string; title: string; redactions: string }>
    const keys = await this.keyring.dataKeys(
      [...rooms.map(keyOwnerOfRoom), ...titles.map((row) => caseKeyOwner(row.id)), ...copies.map((row) => copyKeyOwner(row.id))],
      { create: true },
    )
    const keyOf = (owner: string) => keys.get(owner) ?? this.missingKey(owner)
    let updates = 0
    this.db
      .transaction(() => {
        const select = this.db.prepare(SQL_ROOM_ROWS_AFTER)
        const update = this.db.prepare(SQL_SET_ROOM_ROW)
        for (let after = 0; ; ) {
          const batch = select.all(after) as Array<{ seq: number; room: string; data: Buffer }>
          for (const row of batch) {
            update.run(sealRoomUpdate(keyOf(keyOwnerOfRoom(row.room)), row.room, row.data), row.seq)
          }
          updates += batch.length
          const last = batch.at(-1)
          if (last === undefined) {
            break
          }
          after = last.seq
        }
        for (const row of titles) {
          this.db.prepare(SQL_SET_TITLE).run(sealCaseTitle(keyOf(caseKeyOwner(row.id)), row.id, row.title), row.id)
        }
        for (const row of purposes) {
          this.db.prepare(SQL_SET_PURPOSE).run(sealConsentPurpose(keyOf(caseKeyOwner(row.case_id)), row.case_id, row.id, row.purpose), row.id)
        }
        for (const row of copies) {
          const key = keyOf(copyKeyOwner(row.id))
          this.db.prepare(SQL_SET_COPY_TEXTS).run(sealCopyText(key, row.id, 'title', row.title), sealCopyText(key, row.id, 'redactions', row.redactions), row.id)
        }
        this.db.prepare(SQL_SET_SEALED_MARKER).run(new Date().toISOString())
      })
      .immediate()
    if (updates + titles.length + purposes.length + copies.length > 0) {
      // The plaintext is gone from the live rows; rebuild the file and empty
      // the WAL so no old page keeps it.
      this.db.exec('VACUUM')
      this.db.pragma('wal_checkpoint(TRUNCATE)')
      this.logger.info({ roomUpdates: updates, cases: titles.length, consentGrants: purposes.length }, 'sealed the plaintext rows of an older installation')
    }
  }

  private missingKey(owner: string): never {
    throw new Error(`no data key for ${owner}`)
  }

  /**
   * Case rows with their titles decrypted. Rows of a case whose key was
   * destroyed (erased; a restored older backup can still hold its rows) are
   * left out: an erased case is not found.
   */
  private async openTitles<T extends CaseRow>(rows: readonly T[]): Promise<T[]> {
    const keys = await this.keyring.dataKeys(rows.map((row) => caseKeyOwner(row.id)), { create: false, skipDestroyed: true })
    const destroyed = new Set((await this.keyring.keyStore.find(rows.filter((row) => !keys.has(caseKeyOwner(row.id))).map((row) => caseKeyOwner(row.id)))).map((row) => row.owner))
    return rows
      .filter((row) => !destroyed.has(caseKeyOwner(row.id)))
      .map((row) => ({ ...row, title: openCaseTitle(keys.get(caseKeyOwner(row.id)) ?? this.missingKey(caseKeyOwner(row.id)), row.id, row.title) }))
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
    return (this.statement(sql).get(...params) as { n: number }).n
  }

  async roomHeads(rooms: readonly string[]): Promise<Map<string, number>> {
    if (rooms.length === 0) {
      return new Map()
    }
    const rows = this.statement(SQL_ROOM_HEADS).all(JSON.stringify(rooms)) as Array<{ room: string; seq: number }>
    return new Map(rows.map((row) => [row.room, row.seq]))
  }

  async loadUpdates(room: string, afterSeq = 0): Promise<StoredUpdate[]> {
    const rows = this.statement(SQL_LOAD_UPDATES).all(room, afterSeq) as Array<{ seq: number; data: Buffer }>
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(keyOwnerOfRoom(room))
    return rows.map((row) => ({ seq: row.seq, data: openRoomUpdate(key, room, row.data) }))
  }

  async appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<AppendResult> {
    const key = await sealingKeyOfRoom(this.keyring, room)
    const insert = this.statement(SQL_APPEND_UPDATE)
    const now = new Date().toISOString()
    const caseId = caseIdOfStoredRoom(room)
    const sealed = updates.map((update) => sealRoomUpdate(key, room, update))
    return this.db.transaction(() => {
      // In the same transaction as the insert: SQLite's one writer orders it against an erasure.
      if (caseId !== null && this.statement(SQL_IS_ERASED).get(caseId) !== undefined) {
        throw new CaseErasedError(caseId)
      }
      const seqs = sealed.map((update) => Number(insert.run(room, update, now).lastInsertRowid))
      return { seqs, rows: this.count(SQL_COUNT_UPDATES, room) }
    })()
  }

  async compact(room: string): Promise<void> {
    if (this.count(SQL_COUNT_UPDATES, room) <= 1) {
      return
    }
    const key = await this.keyring.existingDataKey(keyOwnerOfRoom(room))
    this.db.transaction(() => {
      const rows = this.statement(SQL_LOAD_UPDATES).all(room, 0) as Array<{ seq: number; data: Buffer }>
      const last = rows.at(-1)
      if (last === undefined || rows.length <= 1) {
        return
      }
      // Decrypt, merge, seal again: the merged row is as sealed as the rows it replaces.
      const state = compactUpdates(rows.map((row) => openRoomUpdate(key, room, row.data)), (err) => {
        this.logger.error({ room, err }, 'skipping an update that failed to apply during compaction')
      })
      // The merged row takes the highest number it replaces (StoredUpdate.seq).
      this.statement(SQL_DELETE_UPDATES_UP_TO).run(room, last.seq)
      this.statement(SQL_INSERT_COMPACTED).run(last.seq, room, sealRoomUpdate(key, room, state), new Date().toISOString())
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
      return this.statement(SQL_INSERT_USER).run(userParams(user)).changes === 1
    })()
  }

  async createUser(user: UserRecord): Promise<boolean> {
    return this.statement(SQL_INSERT_USER).run(userParams(user)).changes === 1
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const row = this.statement(SQL_USER_BY_EMAIL).get(email) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = this.statement(SQL_USER_BY_ID).get(id) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async listActiveStaff(): Promise<UserRecord[]> {
    return (this.statement(SQL_ACTIVE_STAFF).all() as UserRow[]).map(toUser)
  }

  async listAllUsers(): Promise<UserRecord[]> {
    return (this.statement(SQL_ALL_USERS).all() as UserRow[]).map(toUser)
  }

  async updateUser(id: string, changes: UserChanges): Promise<'updated' | 'notFound' | 'lastAdmin'> {
    const update = this.db.transaction(() => {
      const result = this.statement(SQL_UPDATE_USER).run({
        id,
        name: changes.name ?? null,
        active: changes.active === undefined ? null : changes.active ? 1 : 0,
        isAdmin: changes.isAdmin === undefined ? null : changes.isAdmin ? 1 : 0,
      })
      if (result.changes === 0) {
        return 'notFound' as const
      }
      if (this.count(SQL_COUNT_ACTIVE_ADMINS) === 0) {
        // Throwing rolls the update back.
        throw new LastAdminError()
      }
      return 'updated' as const
    })
    try {
      return update.immediate()
    } catch (err) {
      if (err instanceof LastAdminError) {
        return 'lastAdmin'
      }
      throw err
    }
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.statement(SQL_SET_PASSWORD).run(passwordHash, id).changes === 0) {
        return false
      }
      this.statement(SQL_DELETE_SESSIONS_OF_USER).run(id)
      return true
    })()
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.statement(SQL_INSERT_SESSION).run(session.tokenHash, session.userId, session.createdAt, session.expiresAt, session.lastSeenAt)
  }

  async findActiveSession(tokenHash: string, now: Date, idleSince: Date): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const row = this.statement(SQL_ACTIVE_SESSION).get(tokenHash, now.toISOString(), idleSince.toISOString()) as
      | (UserRow & { token_hash: string; user_id: string; s_created_at: string; expires_at: string; last_seen_at: string })
      | undefined
    if (!row) {
      return null
    }
    return {
      session: {
        tokenHash: row.token_hash,
        userId: row.user_id,
        createdAt: row.s_created_at,
        expiresAt: row.expires_at,
        lastSeenAt: row.last_seen_at,
      },
      user: toUser(row),
    }
  }

  async touchSession(tokenHash: string, now: Date): Promise<void> {
    this.statement(SQL_TOUCH_SESSION).run(now.toISOString(), tokenHash)
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.statement(SQL_DELETE_SESSION).run(tokenHash)
  }

  async deleteSessionsOfUser(userId: string): Promise<void> {
    this.statement(SQL_DELETE_SESSIONS_OF_USER).run(userId)
  }

  async deleteExpiredSessions(now: Date, idleSince: Date): Promise<void> {
    this.statement(SQL_DELETE_EXPIRED_SESSIONS).run(now.toISOString(), idleSince.toISOString())
  }

  async createCase(record: CaseRecord, firstMember: MemberRecord, seeds: readonly RoomSeed[]): Promise<void> {
    const now = new Date().toISOString()
    const owner = caseKeyOwner(record.id)
    const keys = await this.keyring.dataKeys([owner, ...seeds.map((seed) => keyOwnerOfRoom(seed.room))], { create: true })
    const keyOf = (of: string) => keys.get(of) ?? this.missingKey(of)
    const title = sealCaseTitle(keyOf(owner), record.id, record.title)
    const sealedSeeds = seeds.map((seed) => ({ room: seed.room, data: sealRoomUpdate(keyOf(keyOwnerOfRoom(seed.room)), seed.room, seed.update) }))
    this.db.transaction(() => {
      this.statement(SQL_INSERT_CASE).run({ ...record, title, employerCanEdit: record.employerCanEdit ? 1 : 0 })
      this.statement(SQL_INSERT_MEMBER).run(firstMember)
      const insert = this.statement(SQL_APPEND_UPDATE)
      for (const seed of sealedSeeds) {
        insert.run(seed.room, seed.data, now)
      }
    })()
  }

  async closeCase(id: string, at: string, by: string): Promise<boolean> {
    return this.statement(SQL_CLOSE_CASE).run(at, by, id).changes === 1
  }

  async casesClosedBefore(closedBefore: string): Promise<string[]> {
    return (this.statement(SQL_CASES_CLOSED_BEFORE).all(closedBefore) as Array<{ id: string }>).map((row) => row.id)
  }

  async eraseCase(tombstone: ErasedCase): Promise<boolean> {
    const rooms = JSON.stringify(storedRoomsOfCase(tombstone.caseId))
    const erasedCopies: string[] = []
    const erased = this.db.transaction(() => {
      if (this.statement(SQL_CASE_BY_ID).get(tombstone.caseId) === undefined) {
        return false
      }
      this.statement(SQL_INSERT_TOMBSTONE).run(tombstone.caseId, tombstone.erasedAt, tombstone.reason, tombstone.erasedBy)
      this.statement(SQL_ERASE_ROOM_UPDATES).run(rooms)
      this.statement(SQL_ERASE_CLIENT_IDS).run(rooms)
      // Unreleased supervision copies go with the case (their redactions are
      // the case's text); released ones stay, unlinked by ON DELETE SET NULL.
      for (const { id } of this.statement(SQL_UNRELEASED_COPIES_OF_CASE).all(tombstone.caseId) as Array<{ id: string }>) {
        this.deleteCopyInTransaction(id)
        erasedCopies.push(id)
      }
      this.statement(SQL_ERASE_CASE).run(tombstone.caseId)
      return true
    })()
    for (const copyId of erasedCopies) {
      await this.keyring.destroyCopyKey(copyId)
    }
    if (erased) {
      // secure_delete zeroed the freed pages; the checkpoint moves them into
      // the main file and empties the WAL, VACUUM rebuilds the file without
      // free pages, and the last checkpoint empties the WAL VACUUM wrote.
      this.db.pragma('wal_checkpoint(TRUNCATE)')
      this.db.exec('VACUUM')
      this.db.pragma('wal_checkpoint(TRUNCATE)')
    }
    return erased
  }

  async isCaseErased(caseId: string): Promise<boolean> {
    return this.statement(SQL_IS_ERASED).get(caseId) !== undefined
  }

  async erasedCaseIds(): Promise<string[]> {
    return (this.statement('SELECT case_id FROM erased_cases ORDER BY erased_at').all() as Array<{ case_id: string }>).map((row) => row.case_id)
  }

  async findCase(id: string): Promise<CaseRecord | null> {
    const row = this.statement(SQL_CASE_BY_ID).get(id) as CaseRow | undefined
    const [opened] = row ? await this.openTitles([row]) : []
    return opened ? toCase(opened) : null
  }

  async listCasesOfUser(userId: string): Promise<Array<{ record: CaseRecord; role: CaseRole }>> {
    const rows = await this.openTitles(this.statement(SQL_CASES_OF_USER).all(userId) as Array<CaseRow & { my_role: CaseRole }>)
    return rows.map((row) => ({ record: toCase(row), role: row.my_role }))
  }

  async updateCase(id: string, changes: Partial<Pick<CaseRecord, 'title' | 'type' | 'employerCanEdit'>>): Promise<void> {
    const title = changes.title === undefined ? null : sealCaseTitle(await this.keyring.dataKey(caseKeyOwner(id)), id, changes.title)
    this.statement(SQL_UPDATE_CASE).run({
      id,
      title,
      type: changes.type ?? null,
      employerCanEdit: changes.employerCanEdit === undefined ? null : changes.employerCanEdit ? 1 : 0,
    })
  }

  async findMember(caseId: string, userId: string): Promise<MemberRecord | null> {
    const row = this.statement(SQL_MEMBER_BY_USER).get(caseId, userId) as MemberRow | undefined
    return row ? toMember(row) : null
  }

  async listMembers(caseId: string): Promise<MemberWithUser[]> {
    const rows = this.statement(SQL_MEMBERS_OF_CASE).all(caseId) as Array<MemberRow & { name: string; email: string }>
    return rows.map((row) => ({ ...toMember(row), name: row.name, email: row.email }))
  }

  async addMember(member: MemberRecord): Promise<boolean> {
    return this.statement(SQL_INSERT_MEMBER).run(member).changes === 1
  }

  async removeMember(caseId: string, memberId: string): Promise<'removed' | 'notFound' | 'lastCoach'> {
    return this.db.transaction(() => {
      const row = this.statement(SQL_MEMBER_BY_ID).get(caseId, memberId) as MemberRow | undefined
      if (!row) {
        return 'notFound' as const
      }
      if (row.role === 'coach' && this.count(SQL_COUNT_COACHES, caseId) <= 1) {
        return 'lastCoach' as const
      }
      this.statement(SQL_DELETE_MEMBER).run(memberId)
      return 'removed' as const
    })()
  }

  async createInvitation(invitation: InvitationRecord): Promise<void> {
    this.statement(SQL_INSERT_INVITATION).run(invitation)
  }

  async listInvitations(caseId: string): Promise<InvitationWithNames[]> {
    const rows = this.statement(SQL_INVITATIONS_OF_CASE).all(caseId) as Array<
      InvitationRow & { created_by_name: string; accepted_by_name: string | null }
    >
    return rows.map(toInvitationWithNames)
  }

  async findInvitationByTokenHash(tokenHash: string): Promise<InvitationWithNames | null> {
    const row = this.statement(SQL_INVITATION_BY_TOKEN).get(tokenHash) as
      | (InvitationRow & { created_by_name: string; accepted_by_name: string | null })
      | undefined
    return row ? toInvitationWithNames(row) : null
  }

  async revokeInvitation(caseId: string, invitationId: string, now: string): Promise<'revoked' | 'notFound' | 'used'> {
    return this.db.transaction(() => {
      const row = this.statement(SQL_INVITATION_BY_ID).get(caseId, invitationId) as InvitationRow | undefined
      if (!row) {
        return 'notFound' as const
      }
      if (row.accepted_at !== null) {
        return 'used' as const
      }
      this.statement(SQL_REVOKE_INVITATION).run(now, invitationId)
      return 'revoked' as const
    })()
  }

  async acceptInvitation(input: {
    invitationId: string
    now: string
    newUser: UserRecord | null
    member: MemberRecord
  }): Promise<AcceptOutcome> {
    const outcome = new Rollback()
    try {
      this.db.transaction(() => {
        // Checked first, so a used link tells nothing about which e-mail addresses have accounts.
        if (!this.statement(SQL_OPEN_INVITATION).get({ id: input.invitationId, now: input.now })) {
          throw outcome.with('invalid')
        }
        if (input.newUser && this.statement(SQL_INSERT_USER).run(userParams(input.newUser)).changes !== 1) {
          throw outcome.with('emailTaken')
        }
        if (this.statement(SQL_USE_INVITATION).run({ id: input.invitationId, now: input.now, userId: input.member.userId }).changes !== 1) {
          throw outcome.with('invalid')
        }
        if (this.statement(SQL_INSERT_MEMBER).run(input.member).changes !== 1) {
          throw outcome.with('alreadyMember')
        }
      }).immediate()
    } catch (err) {
      if (err === outcome) {
        return outcome.value
      }
      throw err
    }
    return 'accepted'
  }

  async addAgreement(agreement: AgreementRecord): Promise<void> {
    this.statement(SQL_INSERT_AGREEMENT).run(agreement)
  }

  async addDocumentVersion(version: DocumentVersionRecord, state: Uint8Array): Promise<void> {
    const key = await this.keyring.dataKey(caseKeyOwner(version.caseId))
    this.statement(SQL_INSERT_VERSION).run(...versionValues(version, state, key))
  }

  async listDocumentVersions(caseId: string, doc: VersionDoc): Promise<DocumentVersionRecord[]> {
    return (this.statement(SQL_VERSIONS_OF_DOC).all(caseId, doc) as DocumentVersionRow[]).map(toDocumentVersion)
  }

  async findDocumentVersion(caseId: string, doc: VersionDoc, id: string): Promise<{ version: DocumentVersionRecord; state: Uint8Array } | null> {
    const row = this.statement(SQL_VERSION_BY_ID).get(caseId, doc, id) as (DocumentVersionRow & { state: Buffer }) | undefined
    if (!row) {
      return null
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return { version: toDocumentVersion(row), state: openVersionRow(row, key) }
  }

  async addConsent(grant: ConsentRecord): Promise<boolean> {
    const key = await this.keyring.dataKey(caseKeyOwner(grant.caseId))
    const purpose = sealConsentPurpose(key, grant.caseId, grant.id, grant.purpose)
    return this.statement(SQL_INSERT_CONSENT).run(...consentValues({ ...grant, purpose })).changes === 1
  }

  async listConsents(caseId: string): Promise<ConsentWithNames[]> {
    const rows = this.statement(SQL_CONSENTS_OF_CASE).all(caseId) as ConsentRowWithNames[]
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return rows.map((row) => toConsentWithNames({ ...row, purpose: openConsentPurpose(key, row.case_id, row.id, row.purpose) }))
  }

  async revokeConsent(caseId: string, grantId: string, at: string, by: string): Promise<'revoked' | 'notFound' | 'ended'> {
    if (this.statement(SQL_REVOKE_CONSENT).run(at, by, caseId, grantId).changes === 1) {
      return 'revoked'
    }
    return this.statement(SQL_CONSENT_EXISTS).get(caseId, grantId) === undefined ? 'notFound' : 'ended'
  }

  async revokeConsentsOfMember(caseId: string, memberId: string, at: string, by: string): Promise<LapsedConsent[]> {
    return (this.statement(SQL_REVOKE_CONSENTS_OF_MEMBER).all(at, by, caseId, memberId) as ConsentRow[]).map(toLapsedConsent)
  }

  async activeConsentFields(caseId: string, memberId: string, today: string): Promise<ConfidentialField[]> {
    return (this.statement(SQL_ACTIVE_CONSENT_FIELDS).all(caseId, memberId, today) as Array<{ field: ConfidentialField }>).map((row) => row.field)
  }

  async recordLapsedConsents(today: string, at: string): Promise<LapsedConsent[]> {
    return (this.statement(SQL_RECORD_LAPSES).all(at, today) as ConsentRow[]).map(toLapsedConsent)
  }

  async listAgreements(caseId: string): Promise<Array<AgreementRecord & { userName: string }>> {
    const rows = this.statement(SQL_AGREEMENTS_OF_CASE).all(caseId) as Array<{
      id: string
      case_id: string
      user_id: string
      role: CaseRole
      plan_hash: string
      at: string
      user_name: string
    }>
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      userId: row.user_id,
      role: row.role,
      planHash: row.plan_hash,
      at: row.at,
      userName: row.user_name,
    }))
  }

  async appendAudit(events: readonly AuditRecord[]): Promise<void> {
    const insert = this.statement(SQL_INSERT_AUDIT)
    this.db.transaction(() => {
      for (const event of events) {
        insert.run(event.caseId, event.at, event.type, event.actorId, JSON.stringify(event.details))
      }
    })()
  }

  async listCaseAudit(caseId: string, limit: number): Promise<StoredAuditEvent[]> {
    return (this.statement(SQL_CASE_AUDIT).all({ caseId, limit }) as AuditRow[]).map(toAuditEvent)
  }

  async bindClientIds(room: string, userId: string, clientIds: readonly number[]): Promise<number[]> {
    const owner = this.statement(SQL_CLIENT_ID_OWNER)
    const insert = this.statement(SQL_BIND_CLIENT_ID)
    return this.db.transaction(() => {
      const foreign: number[] = []
      const unbound: number[] = []
      for (const clientId of new Set(clientIds)) {
        const row = owner.get(room, clientId) as { user_id: string } | undefined
        if (row === undefined) {
          unbound.push(clientId)
        } else if (row.user_id !== userId) {
          foreign.push(clientId)
        }
      }
      if (foreign.length === 0) {
        const now = new Date().toISOString()
        for (const clientId of unbound) {
          insert.run(room, clientId, userId, now)
        }
      }
      return foreign
    }).immediate()
  }

  async clientIdOwner(room: string, clientId: number): Promise<string | null> {
    const row = this.statement(SQL_CLIENT_ID_OWNER).get(room, clientId) as { user_id: string } | undefined
    return row?.user_id ?? null
  }

  async createSupervisionGroup(group: SupervisionGroupRecord): Promise<void> {
    this.statement(SQL_INSERT_GROUP).run(group.id, group.name, group.createdAt, group.createdBy)
  }

  async findSupervisionGroup(id: string): Promise<SupervisionGroupRecord | null> {
    const row = this.statement(SQL_GROUP_BY_ID).get(id) as SupervisionGroupRow | undefined
    return row ? toSupervisionGroup(row) : null
  }

  async listSupervisionGroups(): Promise<SupervisionGroupRecord[]> {
    return (this.statement(SQL_ALL_GROUPS).all() as SupervisionGroupRow[]).map(toSupervisionGroup)
  }

  async listSupervisionGroupsOfUser(userId: string): Promise<SupervisionGroupRecord[]> {
    return (this.statement(SQL_GROUPS_OF_USER).all(userId) as SupervisionGroupRow[]).map(toSupervisionGroup)
  }

  async listSupervisionGroupMembers(groupIds: readonly string[]): Promise<SupervisionGroupMemberRecord[]> {
    if (groupIds.length === 0) {
      return []
    }
    return (this.statement(SQL_GROUP_MEMBERS).all(JSON.stringify(groupIds)) as SupervisionGroupMemberRow[]).map(toSupervisionGroupMember)
  }

  async addSupervisionGroupMember(groupId: string, userId: string, addedAt: string): Promise<boolean> {
    return this.statement(SQL_INSERT_GROUP_MEMBER).run(groupId, userId, addedAt).changes === 1
  }

  async removeSupervisionGroupMember(groupId: string, userId: string): Promise<boolean> {
    return this.statement(SQL_DELETE_GROUP_MEMBER).run(groupId, userId).changes === 1
  }

  async isSupervisionGroupMember(groupId: string, userId: string): Promise<boolean> {
    return this.statement(SQL_IS_GROUP_MEMBER).get(groupId, userId) !== undefined
  }

  /** Inserts a copy (title and redactions sealed) and its room's first update, sealed (inside the caller's transaction). */
  private insertCopyInTransaction(copy: SupervisionCopyRecord, room: { room: string; update: Uint8Array }, key: KeyObject): void {
    this.statement(SQL_INSERT_COPY).run(...sealedSupervisionCopyValues(copy, key))
    this.statement(SQL_APPEND_UPDATE).run(room.room, sealRoomUpdate(key, room.room, room.update), new Date().toISOString())
  }

  /** Copy rows with title and redactions opened with each copy's key. */
  private async openCopies(rows: readonly SupervisionCopyRow[]): Promise<SupervisionCopyWithNames[]> {
    const keys = await this.keyring.dataKeys(rows.map((row) => copyKeyOwner(row.id)), { create: false })
    return rows.map((row) => toSupervisionCopy(openSupervisionCopyRow(row, keys.get(copyKeyOwner(row.id)) ?? this.missingKey(copyKeyOwner(row.id)))))
  }

  /** Deletes a copy's row, its rooms' logs and client id bindings (inside the caller's transaction). */
  private deleteCopyInTransaction(copyId: string): void {
    const rooms = JSON.stringify(storedRoomsOfCopy(copyId))
    this.statement(SQL_ERASE_ROOM_UPDATES).run(rooms)
    this.statement(SQL_ERASE_CLIENT_IDS).run(rooms)
    this.statement(SQL_DELETE_COPY).run(copyId)
  }

  async createSupervisionCopy(copy: SupervisionCopyRecord, room: { room: string; update: Uint8Array }): Promise<void> {
    const key = await this.keyring.dataKey(copyKeyOwner(copy.id))
    this.db.transaction(() => this.insertCopyInTransaction(copy, room, key))()
  }

  async replaceSupervisionCopy(
    replacedId: string,
    copy: SupervisionCopyRecord,
    room: { room: string; update: Uint8Array },
  ): Promise<'replaced' | 'released' | 'notFound'> {
    const key = await this.keyring.dataKey(copyKeyOwner(copy.id))
    const outcome = this.db.transaction(() => {
      const old = this.statement(SQL_COPY_RELEASED_AT).get(replacedId) as { released_at: string | null } | undefined
      if (old === undefined) {
        return 'notFound' as const
      }
      if (old.released_at !== null) {
        return 'released' as const
      }
      this.deleteCopyInTransaction(replacedId)
      this.insertCopyInTransaction(copy, room, key)
      return 'replaced' as const
    }).immediate()
    if (outcome === 'replaced') {
      // The replaced copy's rows are gone; its key goes too (old backups).
      await this.keyring.destroyCopyKey(replacedId)
    }
    return outcome
  }

  async findSupervisionCopy(id: string): Promise<SupervisionCopyWithNames | null> {
    const row = this.statement(SQL_COPY_BY_ID).get(id) as SupervisionCopyRow | undefined
    return row ? ((await this.openCopies([row]))[0] ?? null) : null
  }

  async listSupervisionCopiesForUser(userId: string): Promise<SupervisionCopyWithNames[]> {
    return this.openCopies(this.statement(SQL_COPIES_FOR_USER).all({ userId }) as SupervisionCopyRow[])
  }

  async releaseSupervisionCopy(id: string, groupId: string, at: string): Promise<boolean> {
    const empty = sealedEmptyRedactions(id, await this.keyring.dataKey(copyKeyOwner(id)))
    return this.statement(SQL_RELEASE_COPY).run(groupId, at, empty, id).changes === 1
  }

  async close(): Promise<void> {
    this.db.close()
    await this.keyring.close()
  }
}

/** Thrown inside a transaction to roll it back when no active admin would remain. */
class LastAdminError extends Error {
  override name = 'LastAdminError'
}

/** Thrown inside a transaction to roll it back with an outcome for the caller. */
class Rollback extends Error {
  override name = 'Rollback'
  value: AcceptOutcome = 'invalid'
  with(value: AcceptOutcome): this {
    this.value = value
    return this
  }
}
