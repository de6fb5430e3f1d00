/**
 * The scaled-out storage: PostgreSQL through a `pg` Pool (contract §6). Every
 * method's Promise resolves after its transaction committed, so several
 * relay processes can share one database; the rules that SQLite gets from
 * its single writer (one first account, one last admin, one last coach, one
 * accepted invitation) are kept with row locks and advisory locks.
 */
import pg from 'pg'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { Logger } from '../../log.js'
import { caseIdOfStoredRoom, storedRoomsOfCase } from '../caseRooms.js'
import { compactUpdates } from '../compactUpdates.js'
import { CONSENT_COLUMNS, consentValues, SQL_CONSENTS_WITH_NAMES, toConsentWithNames, toLapsedConsent, type ConsentRow, type ConsentRowWithNames } from '../consentRows.js'
import type { ConfidentialField } from '../../../../shared/src/caseDocument/confidential.js'
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
import { postgresMigrations } from './migrations.js'
import type { VersionDoc } from '../../../../shared/src/api/versions.js'
import { openVersionRow, toDocumentVersion, VERSION_COLUMNS, versionValues, type DocumentVersionRow } from '../versionRows.js'
import { openCaseTitle, openConsentPurpose, openRoomUpdate, sealCaseTitle, sealConsentPurpose, sealCopyText, sealRoomUpdate } from '../../crypto/atRest.js'
import { caseKeyOwner, copyKeyOwner, keyOwnerOfRoom } from '../../crypto/keyOwners.js'
import type { KeyObject } from 'node:crypto'
import { Keyring } from '../../crypto/Keyring.js'
import { sealingKeyOfRoom } from '../sealingKey.js'
import type { MasterKeySet } from '../../crypto/masterKeys.js'
import { defaultKeysSchema, PostgresKeyStore } from './PostgresKeyStore.js'
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

/** Advisory lock keys (pg_advisory_xact_lock takes one bigint). */
const LOCK_MIGRATIONS = 7_465_701
/** Serialises changes that must leave an active admin / create only the first account. */
const LOCK_ACCOUNTS = 7_465_702

const SQL_CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`
const SQL_APPLIED_MIGRATIONS = 'SELECT version FROM schema_migrations'
const SQL_RECORD_MIGRATION = 'INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)'

const SQL_LOAD_UPDATES = 'SELECT seq, data FROM room_updates WHERE room = $1 AND seq > $2 ORDER BY seq'
const SQL_RESERVE_SEQS = `INSERT INTO room_heads (room, last_seq) VALUES ($1, $2)
  ON CONFLICT (room) DO UPDATE SET last_seq = room_heads.last_seq + EXCLUDED.last_seq RETURNING last_seq`
const SQL_INSERT_UPDATES = `INSERT INTO room_updates (room, seq, data, created_at)
  SELECT $1, t.seq, t.data, $4 FROM unnest($2::bigint[], $3::bytea[]) AS t(seq, data)`
const SQL_BIND_CLIENT_IDS = `INSERT INTO yjs_client_ids (room, client_id, user_id, bound_at)
  SELECT $1, t.id, $3, $4 FROM unnest($2::bigint[]) AS t(id) ON CONFLICT (room, client_id) DO NOTHING`
const SQL_CLIENT_ID_OWNERS = 'SELECT client_id, user_id FROM yjs_client_ids WHERE room = $1 AND client_id = ANY($2::bigint[])'
const SQL_CLIENT_ID_OWNER = 'SELECT user_id FROM yjs_client_ids WHERE room = $1 AND client_id = $2'
const SQL_ROOM_HEADS = 'SELECT room, last_seq FROM room_heads WHERE room = ANY($1::text[])'
const SQL_COUNT_UPDATES = 'SELECT COUNT(*)::int AS n FROM room_updates WHERE room = $1'
const SQL_IS_ERASED = 'SELECT 1 FROM erased_cases WHERE case_id = $1'
const SQL_LOCK_CASE_ROW = 'SELECT 1 FROM cases WHERE id = $1 FOR UPDATE'
const SQL_LOCK_ROOM_HEADS = 'SELECT room FROM room_heads WHERE room = ANY($1::text[]) ORDER BY room FOR UPDATE'
const SQL_INSERT_TOMBSTONE = 'INSERT INTO erased_cases (case_id, erased_at, reason, erased_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING'
const SQL_ERASE_ROOM_UPDATES = 'DELETE FROM room_updates WHERE room = ANY($1::text[])'
const SQL_ERASE_ROOM_HEADS = 'DELETE FROM room_heads WHERE room = ANY($1::text[])'
const SQL_ERASE_CLIENT_IDS = 'DELETE FROM yjs_client_ids WHERE room = ANY($1::text[])'
// Members, invitations, agreements, document versions, consent grants and the case's audit events go with it (ON DELETE CASCADE).
const SQL_ERASE_CASE = 'DELETE FROM cases WHERE id = $1'
const SQL_VACUUM_AFTER_ERASURE =
  'VACUUM room_updates, room_heads, yjs_client_ids, cases, members, invitations, agreements, document_versions, consent_grants, audit_events, supervision_copies'
const SQL_INSERT_VERSION = `INSERT INTO document_versions (${VERSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
const SQL_VERSIONS_OF_DOC = `SELECT id, case_id, doc, at, reason, authors, agreement_id FROM document_versions
  WHERE case_id = $1 AND doc = $2 ORDER BY at DESC, seq DESC`
const SQL_VERSION_BY_ID = 'SELECT * FROM document_versions WHERE case_id = $1 AND doc = $2 AND id = $3'
const SQL_CLOSE_CASE = 'UPDATE cases SET closed_at = $1, closed_by = $2 WHERE id = $3 AND closed_at IS NULL'
const SQL_CASES_CLOSED_BEFORE = 'SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < $1 ORDER BY closed_at'
const SQL_TRY_ROOM_LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended('fallbuch.compact:' || $1, 0)) AS locked"
const SQL_DELETE_UPDATES_UP_TO = 'DELETE FROM room_updates WHERE room = $1 AND seq <= $2'
const SQL_INSERT_COMPACTED = 'INSERT INTO room_updates (room, seq, data, created_at) VALUES ($1, $2, $3, $4)'

const SQL_SEALED_MARKER = 'SELECT sealed_at FROM at_rest_encryption WHERE id = 1'
const SQL_SET_SEALED_MARKER = 'INSERT INTO at_rest_encryption (id, sealed_at) VALUES (1, $1)'
const SQL_ROOMS_WITH_ROWS = 'SELECT DISTINCT room FROM room_updates'
const SQL_ROOM_ROWS_AFTER = 'SELECT room, seq, data FROM room_updates WHERE (room, seq) > ($1, $2) ORDER BY room, seq LIMIT 500'
const SQL_SET_ROOM_ROWS = `UPDATE room_updates u SET data = t.data
  FROM unnest($1::text[], $2::bigint[], $3::bytea[]) AS t(room, seq, data) WHERE u.room = t.room AND u.seq = t.seq`
const SQL_ALL_TITLES = 'SELECT id, title FROM cases'
const SQL_SET_TITLE = 'UPDATE cases SET title = $2 WHERE id = $1'
const SQL_ALL_PURPOSES = 'SELECT id, case_id, purpose FROM consent_grants'
const SQL_SET_PURPOSE = 'UPDATE consent_grants SET purpose = $2 WHERE id = $1'
const SQL_ALL_COPY_TEXTS = 'SELECT id, title, redactions FROM supervision_copies'
const SQL_SET_COPY_TEXTS = 'UPDATE supervision_copies SET title = $2, redactions = $3 WHERE id = $1'

const SQL_LOCK = 'SELECT pg_advisory_xact_lock($1)'
const SQL_COUNT_USERS = 'SELECT COUNT(*)::int AS n FROM users'
const SQL_INSERT_USER = `INSERT INTO users (id, name, email, password_hash, kind, is_admin, active, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING`
const SQL_USER_BY_EMAIL = 'SELECT * FROM users WHERE email = $1'
const SQL_USER_BY_ID = 'SELECT * FROM users WHERE id = $1'
const SQL_ACTIVE_STAFF = "SELECT * FROM users WHERE kind = 'staff' AND active ORDER BY lower(name), id"
const SQL_ALL_USERS = 'SELECT * FROM users ORDER BY lower(name), id'
const SQL_UPDATE_USER = `UPDATE users SET name = COALESCE($2, name), active = COALESCE($3, active),
  is_admin = COALESCE($4, is_admin) WHERE id = $1`
const SQL_COUNT_ACTIVE_ADMINS = 'SELECT COUNT(*)::int AS n FROM users WHERE is_admin AND active'
const SQL_SET_PASSWORD = 'UPDATE users SET password_hash = $1 WHERE id = $2'

const SQL_INSERT_SESSION = 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)'
const SQL_ACTIVE_SESSION = `SELECT s.token_hash, s.user_id, s.created_at AS s_created_at, s.expires_at,
  COALESCE(s.last_seen_at, s.created_at) AS last_seen_at, u.*
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = $1 AND s.expires_at > $2 AND COALESCE(s.last_seen_at, s.created_at) > $3 AND u.active`
const SQL_TOUCH_SESSION = 'UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2'
const SQL_DELETE_SESSION = 'DELETE FROM sessions WHERE token_hash = $1'
const SQL_DELETE_SESSIONS_OF_USER = 'DELETE FROM sessions WHERE user_id = $1'
const SQL_DELETE_EXPIRED_SESSIONS = 'DELETE FROM sessions WHERE expires_at <= $1 OR COALESCE(last_seen_at, created_at) <= $2'

const SQL_INSERT_INVITATION = `INSERT INTO invitations
  (id, case_id, token_hash, role, created_at, created_by, expires_at, accepted_at, accepted_by, revoked_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`
const SQL_INVITATION_COLUMNS = `SELECT i.*, c.name AS created_by_name, a.name AS accepted_by_name
  FROM invitations i JOIN users c ON c.id = i.created_by LEFT JOIN users a ON a.id = i.accepted_by`
const SQL_INVITATIONS_OF_CASE = `${SQL_INVITATION_COLUMNS} WHERE i.case_id = $1 ORDER BY i.created_at DESC, i.id`
const SQL_INVITATION_BY_TOKEN = `${SQL_INVITATION_COLUMNS} WHERE i.token_hash = $1`
const SQL_INVITATION_BY_ID_FOR_UPDATE = 'SELECT * FROM invitations WHERE case_id = $1 AND id = $2 FOR UPDATE'
const SQL_REVOKE_INVITATION = 'UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND accepted_at IS NULL'
const SQL_OPEN_INVITATION_FOR_UPDATE = `SELECT 1 FROM invitations
  WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 FOR UPDATE`
const SQL_USE_INVITATION = `UPDATE invitations SET accepted_at = $2, accepted_by = $3
  WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2`

const SQL_INSERT_CONSENT = `INSERT INTO consent_grants (${CONSENT_COLUMNS})
  VALUES (${CONSENT_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING`
const SQL_CONSENTS_OF_CASE = `${SQL_CONSENTS_WITH_NAMES} WHERE g.case_id = $1 ORDER BY g.granted_at DESC, g.id`
const SQL_REVOKE_CONSENT = `UPDATE consent_grants SET revoked_at = $1, revoked_by = $2
  WHERE case_id = $3 AND id = $4 AND revoked_at IS NULL AND lapsed_at IS NULL`
const SQL_CONSENT_EXISTS = 'SELECT 1 FROM consent_grants WHERE case_id = $1 AND id = $2'
const SQL_REVOKE_CONSENTS_OF_MEMBER = `UPDATE consent_grants SET revoked_at = $1, revoked_by = $2
  WHERE case_id = $3 AND member_id = $4 AND revoked_at IS NULL AND lapsed_at IS NULL RETURNING id, case_id, field, member_id`
const SQL_ACTIVE_CONSENT_FIELDS = `SELECT field FROM consent_grants
  WHERE case_id = $1 AND member_id = $2 AND revoked_at IS NULL AND lapsed_at IS NULL AND (valid_until IS NULL OR valid_until >= $3)`
const SQL_RECORD_LAPSES = `UPDATE consent_grants SET lapsed_at = $1
  WHERE revoked_at IS NULL AND lapsed_at IS NULL AND valid_until IS NOT NULL AND valid_until < $2 RETURNING id, case_id, field, member_id`

const SQL_INSERT_AGREEMENT = `INSERT INTO agreements (id, case_id, user_id, role, plan_hash, at)
  VALUES ($1, $2, $3, $4, $5, $6)`
const SQL_AGREEMENTS_OF_CASE = `SELECT a.*, u.name AS user_name FROM agreements a JOIN users u ON u.id = a.user_id
  WHERE a.case_id = $1 ORDER BY a.at DESC, a.seq DESC`

const SQL_INSERT_AUDIT = `INSERT INTO audit_events (case_id, at, type, actor_id, details)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`
const SQL_CASE_AUDIT = `SELECT e.*, u.name AS actor_name FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
  WHERE e.case_id = $1
     OR (e.case_id IS NULL AND e.type = 'login' AND EXISTS (
           SELECT 1 FROM members m WHERE m.case_id = $1 AND m.user_id = e.actor_id AND m.added_at <= e.at))
  ORDER BY e.seq DESC LIMIT $2`

const SQL_INSERT_CASE = `INSERT INTO cases (id, title, type, employer_can_edit, created_at, created_by)
  VALUES ($1, $2, $3, $4, $5, $6)`
const SQL_CASE_BY_ID = 'SELECT * FROM cases WHERE id = $1'
const SQL_CASES_OF_USER = `SELECT c.*, m.role AS my_role FROM cases c JOIN members m ON m.case_id = c.id
  WHERE m.user_id = $1 ORDER BY c.created_at DESC, c.id`
const SQL_UPDATE_CASE = `UPDATE cases SET title = COALESCE($2, title), type = COALESCE($3, type),
  employer_can_edit = COALESCE($4, employer_can_edit) WHERE id = $1`

const SQL_INSERT_MEMBER = `INSERT INTO members (id, case_id, user_id, role, added_at)
  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, user_id) DO NOTHING`
const SQL_MEMBER_BY_USER = 'SELECT * FROM members WHERE case_id = $1 AND user_id = $2'
const SQL_MEMBERS_OF_CASE = `SELECT m.*, u.name, u.email FROM members m JOIN users u ON u.id = m.user_id
  WHERE m.case_id = $1 ORDER BY m.added_at, m.id`
/** Locks the case's member rows, so two removals cannot both leave the other coach alone. */
const SQL_LOCK_MEMBERS = 'SELECT id, role FROM members WHERE case_id = $1 FOR UPDATE'
const SQL_DELETE_MEMBER = 'DELETE FROM members WHERE id = $1'

const SQL_INSERT_GROUP = 'INSERT INTO supervision_groups (id, name, created_at, created_by) VALUES ($1, $2, $3, $4)'
const SQL_GROUP_BY_ID = 'SELECT * FROM supervision_groups WHERE id = $1'
const SQL_ALL_GROUPS = 'SELECT * FROM supervision_groups ORDER BY lower(name), id'
const SQL_GROUPS_OF_USER = `SELECT g.* FROM supervision_groups g JOIN supervision_group_members m ON m.group_id = g.id
  WHERE m.user_id = $1 ORDER BY lower(g.name), g.id`
const SQL_GROUP_MEMBERS = `SELECT m.group_id, m.user_id, m.added_at, u.name, u.email
  FROM supervision_group_members m JOIN users u ON u.id = m.user_id
  WHERE m.group_id = ANY($1::text[]) ORDER BY lower(u.name), u.id`
const SQL_INSERT_GROUP_MEMBER = 'INSERT INTO supervision_group_members (group_id, user_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING'
const SQL_DELETE_GROUP_MEMBER = 'DELETE FROM supervision_group_members WHERE group_id = $1 AND user_id = $2'
const SQL_IS_GROUP_MEMBER = 'SELECT 1 FROM supervision_group_members WHERE group_id = $1 AND user_id = $2'
const SQL_INSERT_COPY = `INSERT INTO supervision_copies (${SUPERVISION_COPY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
const SQL_COPY_BY_ID = `${SQL_SUPERVISION_COPIES_WITH_NAMES} WHERE c.id = $1`
const SQL_LOCK_COPY = 'SELECT released_at FROM supervision_copies WHERE id = $1 FOR UPDATE'
const SQL_DELETE_COPY = 'DELETE FROM supervision_copies WHERE id = $1'
const SQL_COPIES_FOR_USER = `${SQL_SUPERVISION_COPIES_WITH_NAMES}
  WHERE c.author_id = $1 OR (c.released_group_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM supervision_group_members m WHERE m.group_id = c.released_group_id AND m.user_id = $1))
  ORDER BY c.created_at DESC, c.id`
const SQL_RELEASE_COPY = `UPDATE supervision_copies SET released_group_id = $1, released_at = $2, redactions = $4
  WHERE id = $3 AND released_at IS NULL`
const SQL_UNRELEASED_COPIES_OF_CASE = 'SELECT id FROM supervision_copies WHERE source_case_id = $1 AND released_at IS NULL FOR UPDATE'

interface UserRow {
  id: string
  name: string
  email: string
  password_hash: string
  kind: UserRecord['kind']
  is_admin: boolean
  active: boolean
  created_at: string
}
interface CaseRow {
  id: string
  title: string
  type: CaseRecord['type']
  employer_can_edit: boolean
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
  created_by_name: string
  accepted_by_name: string | null
}
interface AuditRow {
  seq: string
  case_id: string | null
  at: string
  type: AuditRecord['type']
  actor_id: string | null
  details: string
  actor_name: string | null
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    passwordHash: row.password_hash,
    kind: row.kind,
    isAdmin: row.is_admin,
    active: row.active,
    createdAt: row.created_at,
  }
}

function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    employerCanEdit: row.employer_can_edit,
    createdAt: row.created_at,
    createdBy: row.created_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
  }
}

function toMember(row: MemberRow): MemberRecord {
  return { id: row.id, caseId: row.case_id, userId: row.user_id, role: row.role, addedAt: row.added_at }
}

function toInvitation(row: InvitationRow): InvitationWithNames {
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
    createdByName: row.created_by_name,
    acceptedByName: row.accepted_by_name,
  }
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

function userParams(user: UserRecord): unknown[] {
  return [user.id, user.name, user.email, user.passwordHash, user.kind, user.isAdmin, user.active, user.createdAt]
}

function memberParams(member: MemberRecord): unknown[] {
  return [member.id, member.caseId, member.userId, member.role, member.addedAt]
}

/** Appends updates to a room's log inside the caller's transaction; the room's head row stays locked until commit. */
async function appendInTransaction(client: pg.PoolClient, room: string, updates: readonly Uint8Array[], now: string): Promise<number[]> {
  if (updates.length === 0) {
    return []
  }
  const head = await client.query<{ last_seq: string }>(SQL_RESERVE_SEQS, [room, updates.length])
  const last = Number(head.rows[0]?.last_seq)
  const seqs = updates.map((_, index) => last - updates.length + 1 + index)
  await client.query(SQL_INSERT_UPDATES, [room, seqs, updates.map((update) => Buffer.from(update)), now])
  return seqs
}

/** Deletes a copy's row, its rooms' logs, heads and client id bindings (inside the caller's transaction). */
async function deleteCopyInTransaction(client: pg.PoolClient, copyId: string): Promise<void> {
  const rooms = storedRoomsOfCopy(copyId)
  await client.query(SQL_ERASE_ROOM_UPDATES, [rooms])
  await client.query(SQL_ERASE_ROOM_HEADS, [rooms])
  await client.query(SQL_ERASE_CLIENT_IDS, [rooms])
  await client.query(SQL_DELETE_COPY, [copyId])
}

/** Inserts a copy (title and redactions sealed) and its room's first update, sealed (inside the caller's transaction). */
async function insertCopyInTransaction(
  client: pg.PoolClient,
  copy: SupervisionCopyRecord,
  room: { room: string; update: Uint8Array },
  key: KeyObject,
): Promise<void> {
  await client.query(SQL_INSERT_COPY, sealedSupervisionCopyValues(copy, key))
  await appendInTransaction(client, room.room, [sealRoomUpdate(key, room.room, room.update)], new Date().toISOString())
}

/** Options of {@link PostgresStorage.open}. */
export interface PostgresStorageOptions {
  /** `postgres://user@host:5432/database` */
  connectionString: string
  /** Schema of Fallbuch's tables; created when missing. */
  schema: string
  logger: Logger
  /** Pool size (default 10, at least 2: the keystore is read while a migration holds a connection). */
  maxConnections?: number
  /** Master keys wrapping the data keys (crypto/masterKeys.ts). */
  masterKeys: MasterKeySet
  /** Schema of the keystore; default `<schema>_keys`, left out of database backups (README). */
  keysSchema?: string
}

/** {@link Storage} on PostgreSQL. */
export class PostgresStorage implements Storage {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    private readonly keyStore: PostgresKeyStore,
    /** Data keys of every room, case title and consent purpose; `keyring.destroyCaseKey(caseId)` crypto-shreds a case. */
    readonly keyring: Keyring,
  ) {}

  /** Connects, creates the schema when missing, and migrates it (one process at a time). */
  static async open(options: PostgresStorageOptions): Promise<PostgresStorage> {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error(`invalid schema name ${JSON.stringify(options.schema)}`)
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: Math.max(2, options.maxConnections ?? 10),
      // Every connection works in the configured schema.
      options: `-c search_path=${options.schema}`,
    })
    pool.on('error', (err) => options.logger.error({ error: err.message }, 'idle PostgreSQL connection failed'))
    const keyStore = new PostgresKeyStore(pool, options.keysSchema ?? defaultKeysSchema(options.schema), options.logger)
    const storage = new PostgresStorage(pool, options.logger, keyStore, new Keyring(options.masterKeys, keyStore))
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`)
      await storage.migrate()
      await storage.keyring.checkMasterKeys()
      await storage.sealPlaintextRows()
    } catch (err) {
      await pool.end()
      throw err
    }
    return storage
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // Processes starting together wait here; the first one migrates.
      await client.query(SQL_LOCK, [LOCK_MIGRATIONS])
      await client.query(SQL_CREATE_MIGRATIONS_TABLE)
      await this.keyStore.create(client)
      const applied = new Set((await client.query<{ version: number }>(SQL_APPLIED_MIGRATIONS)).rows.map((row) => row.version))
      for (const migration of postgresMigrations) {
        if (applied.has(migration.version)) {
          continue
        }
        await client.query(migration.sql)
        await client.query(SQL_RECORD_MIGRATION, [migration.version, migration.description, new Date().toISOString()])
        this.logger.info({ version: migration.version, description: migration.description }, 'database migrated')
      }
    })
  }

  /**
   * One-time encryption of an installation from before encryption at rest,
   * under the migration lock (one process does it, the others wait and
   * skip). Keys are created first, committed in the keystore; rows and
   * marker change in one transaction, so a crash leaves all rows plain and
   * no marker (the next start does it again, reusing the keys) or all sealed.
   */
  private async sealPlaintextRows(): Promise<void> {
    let sealed = { roomUpdates: 0, cases: 0, consentGrants: 0, supervisionCopies: 0 }
    await this.transaction(async (client) => {
      await client.query(SQL_LOCK, [LOCK_MIGRATIONS])
      if ((await client.query(SQL_SEALED_MARKER)).rowCount === 1) {
        return
      }
      const rooms = (await client.query<{ room: string }>(SQL_ROOMS_WITH_ROWS)).rows.map((row) => row.room)
      const titles = (await client.query<{ id: string; title: string }>(SQL_ALL_TITLES)).rows
      const purposes = (await client.query<{ id: string; case_id: string; purpose: string }>(SQL_ALL_PURPOSES)).rows
      const copies = (await client.query<{ id: string; title: string; redactions: string }>(SQL_ALL_COPY_TEXTS)).rows
      const keys = await this.keyring.dataKeys(
        [...rooms.map(keyOwnerOfRoom), ...titles.map((row) => caseKeyOwner(row.id)), ...copies.map((row) => copyKeyOwner(row.id))],
        { create: true },
      )
      const keyOf = (owner: string) => keys.get(owner) ?? missingKey(owner)
      let after: [string, string] = ['', '0']
      for (;;) {
        const batch = (await client.query<{ room: string; seq: string; data: Buffer }>(SQL_ROOM_ROWS_AFTER, after)).rows
        const last = batch.at(-1)
        if (last === undefined) {
          break
        }
        await client.query(SQL_SET_ROOM_ROWS, [
          batch.map((row) => row.room),
          batch.map((row) => row.seq),
          batch.map((row) => sealRoomUpdate(keyOf(keyOwnerOfRoom(row.room)), row.room, row.data)),
        ])
        sealed.roomUpdates += batch.length
        after = [last.room, last.seq]
      }
      for (const row of titles) {
        await client.query(SQL_SET_TITLE, [row.id, sealCaseTitle(keyOf(caseKeyOwner(row.id)), row.id, row.title)])
      }
      for (const row of purposes) {
        await client.query(SQL_SET_PURPOSE, [row.id, sealConsentPurpose(keyOf(caseKeyOwner(row.case_id)), row.case_id, row.id, row.purpose)])
      }
      for (const row of copies) {
        const key = keyOf(copyKeyOwner(row.id))
        await client.query(SQL_SET_COPY_TEXTS, [row.id, sealCopyText(key, row.id, 'title', row.title), sealCopyText(key, row.id, 'redactions', row.redactions)])
      }
      await client.query(SQL_SET_SEALED_MARKER, [new Date().toISOString()])
      sealed = { ...sealed, cases: titles.length, consentGrants: purposes.length, supervisionCopies: copies.length }
    })
    if (sealed.roomUpdates + sealed.cases + sealed.consentGrants + sealed.supervisionCopies > 0) {
      this.logger.info(sealed, 'sealed the plaintext rows of an older installation; run VACUUM FULL once so no dead row keeps the plaintext')
    }
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
      .map((row) => ({ ...row, title: openCaseTitle(keys.get(caseKeyOwner(row.id)) ?? missingKey(caseKeyOwner(row.id)), row.id, row.title) }))
  }

  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }

  private async one<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.pool.query<T>(sql, params)).rows[0]
  }

  private async count(client: pg.Pool | pg.PoolClient, sql: string, params: unknown[] = []): Promise<number> {
    return (await client.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0
  }

  async loadUpdates(room: string, afterSeq = 0): Promise<StoredUpdate[]> {
    const result = await this.pool.query<{ seq: string; data: Buffer }>(SQL_LOAD_UPDATES, [room, afterSeq])
    if (result.rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(keyOwnerOfRoom(room))
    return result.rows.map((row) => ({ seq: Number(row.seq), data: openRoomUpdate(key, room, row.data) }))
  }

  async appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<AppendResult> {
    const key = await sealingKeyOfRoom(this.keyring, room)
    const sealed = updates.map((update) => sealRoomUpdate(key, room, update))
    const caseId = caseIdOfStoredRoom(room)
    return this.transaction(async (client) => {
      const seqs = await appendInTransaction(client, room, sealed, new Date().toISOString())
      // Checked while this transaction holds the room's head row: an erasure
      // locks the same rows, so it either waits for this commit (and deletes
      // these rows) or has committed its tombstone, which this read then sees.
      if (caseId !== null && (await client.query(SQL_IS_ERASED, [caseId])).rowCount !== 0) {
        throw new CaseErasedError(caseId)
      }
      return { seqs, rows: await this.count(client, SQL_COUNT_UPDATES, [room]) }
    })
  }

  async roomHeads(rooms: readonly string[]): Promise<Map<string, number>> {
    if (rooms.length === 0) {
      return new Map()
    }
    const result = await this.pool.query<{ room: string; last_seq: string }>(SQL_ROOM_HEADS, [[...rooms]])
    return new Map(result.rows.map((row) => [row.room, Number(row.last_seq)]))
  }

  async compact(room: string): Promise<void> {
    if ((await this.count(this.pool, SQL_COUNT_UPDATES, [room])) <= 1) {
      return
    }
    // Fetched before the transaction, so a compaction never holds one pool connection while waiting for another.
    const key = await this.keyring.existingDataKey(keyOwnerOfRoom(room))
    await this.transaction(async (client) => {
      // Another process compacting this room already does the same work.
      const lock = await client.query<{ locked: boolean }>(SQL_TRY_ROOM_LOCK, [room])
      if (lock.rows[0]?.locked !== true) {
        return
      }
      const rows = (await client.query<{ seq: string; data: Buffer }>(SQL_LOAD_UPDATES, [room, 0])).rows
      const last = rows.at(-1)
      if (last === undefined || rows.length <= 1) {
        return
      }
      // Decrypt, merge, seal again: the merged row is as sealed as the rows it replaces.
      const state = compactUpdates(
        rows.map((row) => openRoomUpdate(key, room, row.data)),
        (err) => this.logger.error({ room, err }, 'skipping an update that failed to apply during compaction'),
      )
      // Only the rows read above go: numbers are given out in commit order,
      // so anything appended since has a higher one and survives. The merged
      // row takes the highest number it replaces (StoredUpdate.seq).
      await client.query(SQL_DELETE_UPDATES_UP_TO, [room, last.seq])
      await client.query(SQL_INSERT_COMPACTED, [room, last.seq, sealRoomUpdate(key, room, state), new Date().toISOString()])
    })
  }

  async countUsers(): Promise<number> {
    return this.count(this.pool, SQL_COUNT_USERS)
  }

  async createFirstUser(user: UserRecord): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query(SQL_LOCK, [LOCK_ACCOUNTS])
      if ((await this.count(client, SQL_COUNT_USERS)) > 0) {
        return false
      }
      return (await client.query(SQL_INSERT_USER, userParams(user))).rowCount === 1
    })
  }

  async createUser(user: UserRecord): Promise<boolean> {
    return (await this.pool.query(SQL_INSERT_USER, userParams(user))).rowCount === 1
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.one<UserRow>(SQL_USER_BY_EMAIL, [email])
    return row ? toUser(row) : null
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = await this.one<UserRow>(SQL_USER_BY_ID, [id])
    return row ? toUser(row) : null
  }

  async listActiveStaff(): Promise<UserRecord[]> {
    return (await this.pool.query<UserRow>(SQL_ACTIVE_STAFF)).rows.map(toUser)
  }

  async listAllUsers(): Promise<UserRecord[]> {
    return (await this.pool.query<UserRow>(SQL_ALL_USERS)).rows.map(toUser)
  }

  async updateUser(id: string, changes: UserChanges): Promise<'updated' | 'notFound' | 'lastAdmin'> {
    try {
      return await this.transaction(async (client) => {
        // Two admins demoting each other at once must not both succeed.
        await client.query(SQL_LOCK, [LOCK_ACCOUNTS])
        const result = await client.query(SQL_UPDATE_USER, [id, changes.name ?? null, changes.active ?? null, changes.isAdmin ?? null])
        if (result.rowCount === 0) {
          return 'notFound' as const
        }
        if ((await this.count(client, SQL_COUNT_ACTIVE_ADMINS)) === 0) {
          throw new LastAdminError()
        }
        return 'updated' as const
      })
    } catch (err) {
      if (err instanceof LastAdminError) {
        return 'lastAdmin'
      }
      throw err
    }
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.transaction(async (client) => {
      if ((await client.query(SQL_SET_PASSWORD, [passwordHash, id])).rowCount === 0) {
        return false
      }
      await client.query(SQL_DELETE_SESSIONS_OF_USER, [id])
      return true
    })
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.pool.query(SQL_INSERT_SESSION, [session.tokenHash, session.userId, session.createdAt, session.expiresAt, session.lastSeenAt])
  }

  async findActiveSession(tokenHash: string, now: Date, idleSince: Date): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const row = await this.one<UserRow & { token_hash: string; user_id: string; s_created_at: string; expires_at: string; last_seen_at: string }>(
      SQL_ACTIVE_SESSION,
      [tokenHash, now.toISOString(), idleSince.toISOString()],
    )
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
    await this.pool.query(SQL_TOUCH_SESSION, [now.toISOString(), tokenHash])
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query(SQL_DELETE_SESSION, [tokenHash])
  }

  async deleteSessionsOfUser(userId: string): Promise<void> {
    await this.pool.query(SQL_DELETE_SESSIONS_OF_USER, [userId])
  }

  async deleteExpiredSessions(now: Date, idleSince: Date): Promise<void> {
    await this.pool.query(SQL_DELETE_EXPIRED_SESSIONS, [now.toISOString(), idleSince.toISOString()])
  }

  async createCase(record: CaseRecord, firstMember: MemberRecord, seeds: readonly RoomSeed[]): Promise<void> {
    const now = new Date().toISOString()
    const owner = caseKeyOwner(record.id)
    const keys = await this.keyring.dataKeys([owner, ...seeds.map((seed) => keyOwnerOfRoom(seed.room))], { create: true })
    const keyOf = (of: string) => keys.get(of) ?? missingKey(of)
    const title = sealCaseTitle(keyOf(owner), record.id, record.title)
    await this.transaction(async (client) => {
      await client.query(SQL_INSERT_CASE, [record.id, title, record.type, record.employerCanEdit, record.createdAt, record.createdBy])
      await client.query(SQL_INSERT_MEMBER, memberParams(firstMember))
      for (const seed of seeds) {
        await appendInTransaction(client, seed.room, [sealRoomUpdate(keyOf(keyOwnerOfRoom(seed.room)), seed.room, seed.update)], now)
      }
    })
  }

  async closeCase(id: string, at: string, by: string): Promise<boolean> {
    return (await this.pool.query(SQL_CLOSE_CASE, [at, by, id])).rowCount === 1
  }

  async casesClosedBefore(closedBefore: string): Promise<string[]> {
    return (await this.pool.query<{ id: string }>(SQL_CASES_CLOSED_BEFORE, [closedBefore])).rows.map((row) => row.id)
  }

  async eraseCase(tombstone: ErasedCase): Promise<boolean> {
    const rooms = storedRoomsOfCase(tombstone.caseId)
    const erasedCopies: string[] = []
    const erased = await this.transaction(async (client) => {
      if ((await client.query(SQL_LOCK_CASE_ROW, [tombstone.caseId])).rowCount === 0) {
        return false
      }
      // Waits for appends in flight to these rooms (they hold their head rows until commit).
      await client.query(SQL_LOCK_ROOM_HEADS, [rooms])
      await client.query(SQL_INSERT_TOMBSTONE, [tombstone.caseId, tombstone.erasedAt, tombstone.reason, tombstone.erasedBy])
      await client.query(SQL_ERASE_ROOM_UPDATES, [rooms])
      await client.query(SQL_ERASE_ROOM_HEADS, [rooms])
      await client.query(SQL_ERASE_CLIENT_IDS, [rooms])
      // Unreleased supervision copies go with the case (their redactions are
      // the case's text); released ones stay, unlinked by ON DELETE SET NULL.
      for (const { id } of (await client.query<{ id: string }>(SQL_UNRELEASED_COPIES_OF_CASE, [tombstone.caseId])).rows) {
        await deleteCopyInTransaction(client, id)
        erasedCopies.push(id)
      }
      await client.query(SQL_ERASE_CASE, [tombstone.caseId])
      return true
    })
    for (const copyId of erasedCopies) {
      await this.keyring.destroyCopyKey(copyId)
    }
    if (erased) {
      // Marks the dead rows' space for reuse. PostgreSQL cannot overwrite
      // them on demand; the content is unreadable anyway once the case's key
      // is destroyed (encryption at rest).
      await this.pool.query(SQL_VACUUM_AFTER_ERASURE).catch((err: unknown) => {
        this.logger.warn({ err }, 'VACUUM after an erasure failed; autovacuum will reclaim the rows')
      })
    }
    return erased
  }

  async isCaseErased(caseId: string): Promise<boolean> {
    return (await this.pool.query(SQL_IS_ERASED, [caseId])).rowCount !== 0
  }

  async erasedCaseIds(): Promise<string[]> {
    return (await this.pool.query<{ case_id: string }>('SELECT case_id FROM erased_cases ORDER BY erased_at')).rows.map((row) => row.case_id)
  }

  async findCase(id: string): Promise<CaseRecord | null> {
    const row = await this.one<CaseRow>(SQL_CASE_BY_ID, [id])
    const [opened] = row ? await this.openTitles([row]) : []
    return opened ? toCase(opened) : null
  }

  async listCasesOfUser(userId: string): Promise<Array<{ record: CaseRecord; role: CaseRole }>> {
    const rows = await this.openTitles((await this.pool.query<CaseRow & { my_role: CaseRole }>(SQL_CASES_OF_USER, [userId])).rows)
    return rows.map((row) => ({ record: toCase(row), role: row.my_role }))
  }

  async updateCase(id: string, changes: Partial<Pick<CaseRecord, 'title' | 'type' | 'employerCanEdit'>>): Promise<void> {
    const title = changes.title === undefined ? null : sealCaseTitle(await this.keyring.dataKey(caseKeyOwner(id)), id, changes.title)
    await this.pool.query(SQL_UPDATE_CASE, [id, title, changes.type ?? null, changes.employerCanEdit ?? null])
  }

  async findMember(caseId: string, userId: string): Promise<MemberRecord | null> {
    const row = await this.one<MemberRow>(SQL_MEMBER_BY_USER, [caseId, userId])
    return row ? toMember(row) : null
  }

  async listMembers(caseId: string): Promise<MemberWithUser[]> {
    const rows = (await this.pool.query<MemberRow & { name: string; email: string }>(SQL_MEMBERS_OF_CASE, [caseId])).rows
    return rows.map((row) => ({ ...toMember(row), name: row.name, email: row.email }))
  }

  async addMember(member: MemberRecord): Promise<boolean> {
    return (await this.pool.query(SQL_INSERT_MEMBER, memberParams(member))).rowCount === 1
  }

  async removeMember(caseId: string, memberId: string): Promise<'removed' | 'notFound' | 'lastCoach'> {
    return this.transaction(async (client) => {
      const members = (await client.query<{ id: string; role: CaseRole }>(SQL_LOCK_MEMBERS, [caseId])).rows
      const member = members.find((row) => row.id === memberId)
      if (!member) {
        return 'notFound' as const
      }
      if (member.role === 'coach' && members.filter((row) => row.role === 'coach').length <= 1) {
        return 'lastCoach' as const
      }
      await client.query(SQL_DELETE_MEMBER, [memberId])
      return 'removed' as const
    })
  }

  async createInvitation(invitation: InvitationRecord): Promise<void> {
    await this.pool.query(SQL_INSERT_INVITATION, [
      invitation.id,
      invitation.caseId,
      invitation.tokenHash,
      invitation.role,
      invitation.createdAt,
      invitation.createdBy,
      invitation.expiresAt,
      invitation.acceptedAt,
      invitation.acceptedBy,
      invitation.revokedAt,
    ])
  }

  async listInvitations(caseId: string): Promise<InvitationWithNames[]> {
    return (await this.pool.query<InvitationRow>(SQL_INVITATIONS_OF_CASE, [caseId])).rows.map(toInvitation)
  }

  async findInvitationByTokenHash(tokenHash: string): Promise<InvitationWithNames | null> {
    const row = await this.one<InvitationRow>(SQL_INVITATION_BY_TOKEN, [tokenHash])
    return row ? toInvitation(row) : null
  }

  async revokeInvitation(caseId: string, invitationId: string, now: string): Promise<'revoked' | 'notFound' | 'used'> {
    return this.transaction(async (client) => {
      const row = (await client.query<InvitationRow>(SQL_INVITATION_BY_ID_FOR_UPDATE, [caseId, invitationId])).rows[0]
      if (!row) {
        return 'notFound' as const
      }
      if (row.accepted_at !== null) {
        return 'used' as const
      }
      await client.query(SQL_REVOKE_INVITATION, [now, invitationId])
      return 'revoked' as const
    })
  }

  async acceptInvitation(input: { invitationId: string; now: string; newUser: UserRecord | null; member: MemberRecord }): Promise<AcceptOutcome> {
    try {
      await this.transaction(async (client) => {
        // Checked (and locked) first, so a used link tells nothing about which
        // e-mail addresses have accounts, and a concurrent accept waits here.
        if ((await client.query(SQL_OPEN_INVITATION_FOR_UPDATE, [input.invitationId, input.now])).rowCount !== 1) {
          throw new Rollback('invalid')
        }
        if (input.newUser && (await client.query(SQL_INSERT_USER, userParams(input.newUser))).rowCount !== 1) {
          throw new Rollback('emailTaken')
        }
        if ((await client.query(SQL_USE_INVITATION, [input.invitationId, input.now, input.member.userId])).rowCount !== 1) {
          throw new Rollback('invalid')
        }
        if ((await client.query(SQL_INSERT_MEMBER, memberParams(input.member))).rowCount !== 1) {
          throw new Rollback('alreadyMember')
        }
      })
    } catch (err) {
      if (err instanceof Rollback) {
        return err.outcome
      }
      throw err
    }
    return 'accepted'
  }

  async addAgreement(agreement: AgreementRecord): Promise<void> {
    await this.pool.query(SQL_INSERT_AGREEMENT, [
      agreement.id,
      agreement.caseId,
      agreement.userId,
      agreement.role,
      agreement.planHash,
      agreement.at,
    ])
  }

  async addDocumentVersion(version: DocumentVersionRecord, state: Uint8Array): Promise<void> {
    const key = await this.keyring.dataKey(caseKeyOwner(version.caseId))
    await this.pool.query(SQL_INSERT_VERSION, versionValues(version, state, key))
  }

  async listDocumentVersions(caseId: string, doc: VersionDoc): Promise<DocumentVersionRecord[]> {
    return (await this.pool.query<DocumentVersionRow>(SQL_VERSIONS_OF_DOC, [caseId, doc])).rows.map(toDocumentVersion)
  }

  async findDocumentVersion(caseId: string, doc: VersionDoc, id: string): Promise<{ version: DocumentVersionRecord; state: Uint8Array } | null> {
    const row = await this.one<DocumentVersionRow & { state: Buffer }>(SQL_VERSION_BY_ID, [caseId, doc, id])
    if (!row) {
      return null
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return { version: toDocumentVersion(row), state: openVersionRow(row, key) }
  }

  async addConsent(grant: ConsentRecord): Promise<boolean> {
    const key = await this.keyring.dataKey(caseKeyOwner(grant.caseId))
    const purpose = sealConsentPurpose(key, grant.caseId, grant.id, grant.purpose)
    return (await this.pool.query(SQL_INSERT_CONSENT, consentValues({ ...grant, purpose }))).rowCount === 1
  }

  async listConsents(caseId: string): Promise<ConsentWithNames[]> {
    const rows = (await this.pool.query<ConsentRowWithNames>(SQL_CONSENTS_OF_CASE, [caseId])).rows
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return rows.map((row) => toConsentWithNames({ ...row, purpose: openConsentPurpose(key, row.case_id, row.id, row.purpose) }))
  }

  async revokeConsent(caseId: string, grantId: string, at: string, by: string): Promise<'revoked' | 'notFound' | 'ended'> {
    if ((await this.pool.query(SQL_REVOKE_CONSENT, [at, by, caseId, grantId])).rowCount === 1) {
      return 'revoked'
    }
    return (await this.one(SQL_CONSENT_EXISTS, [caseId, grantId])) === undefined ? 'notFound' : 'ended'
  }

  async revokeConsentsOfMember(caseId: string, memberId: string, at: string, by: string): Promise<LapsedConsent[]> {
    return (await this.pool.query<ConsentRow>(SQL_REVOKE_CONSENTS_OF_MEMBER, [at, by, caseId, memberId])).rows.map(toLapsedConsent)
  }

  async activeConsentFields(caseId: string, memberId: string, today: string): Promise<ConfidentialField[]> {
    return (await this.pool.query<{ field: ConfidentialField }>(SQL_ACTIVE_CONSENT_FIELDS, [caseId, memberId, today])).rows.map((row) => row.field)
  }

  async recordLapsedConsents(today: string, at: string): Promise<LapsedConsent[]> {
    return (await this.pool.query<ConsentRow>(SQL_RECORD_LAPSES, [at, today])).rows.map(toLapsedConsent)
  }

  async listAgreements(caseId: string): Promise<Array<AgreementRecord & { userName: string }>> {
    const rows = (
      await this.pool.query<{ id: string; case_id: string; user_id: string; role: CaseRole; plan_hash: string; at: string; user_name: string }>(
        SQL_AGREEMENTS_OF_CASE,
        [caseId],
      )
    ).rows
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
    if (events.length === 0) {
      return
    }
    await this.pool.query(SQL_INSERT_AUDIT, [
      events.map((event) => event.caseId),
      events.map((event) => event.at),
      events.map((event) => event.type),
      events.map((event) => event.actorId),
      events.map((event) => JSON.stringify(event.details)),
    ])
  }

  async listCaseAudit(caseId: string, limit: number): Promise<StoredAuditEvent[]> {
    return (await this.pool.query<AuditRow>(SQL_CASE_AUDIT, [caseId, limit])).rows.map(toAuditEvent)
  }

  async bindClientIds(room: string, userId: string, clientIds: readonly number[]): Promise<number[]> {
    const ids = [...new Set(clientIds)]
    if (ids.length === 0) {
      return []
    }
    try {
      await this.transaction(async (client) => {
        // A concurrent insert of the same id waits for the other transaction;
        // the SELECT (a new snapshot) then sees whichever binding won.
        await client.query(SQL_BIND_CLIENT_IDS, [room, ids, userId, new Date().toISOString()])
        const owners = await client.query<{ client_id: string; user_id: string }>(SQL_CLIENT_ID_OWNERS, [room, ids])
        const foreign = owners.rows.filter((row) => row.user_id !== userId).map((row) => Number(row.client_id))
        if (foreign.length > 0) {
          throw new ForeignClientIds(foreign)
        }
      })
    } catch (err) {
      if (err instanceof ForeignClientIds) {
        return err.ids
      }
      throw err
    }
    return []
  }

  async clientIdOwner(room: string, clientId: number): Promise<string | null> {
    return (await this.one<{ user_id: string }>(SQL_CLIENT_ID_OWNER, [room, clientId]))?.user_id ?? null
  }

  async createSupervisionGroup(group: SupervisionGroupRecord): Promise<void> {
    await this.pool.query(SQL_INSERT_GROUP, [group.id, group.name, group.createdAt, group.createdBy])
  }

  async findSupervisionGroup(id: string): Promise<SupervisionGroupRecord | null> {
    const row = await this.one<SupervisionGroupRow>(SQL_GROUP_BY_ID, [id])
    return row ? toSupervisionGroup(row) : null
  }

  async listSupervisionGroups(): Promise<SupervisionGroupRecord[]> {
    return (await this.pool.query<SupervisionGroupRow>(SQL_ALL_GROUPS)).rows.map(toSupervisionGroup)
  }

  async listSupervisionGroupsOfUser(userId: string): Promise<SupervisionGroupRecord[]> {
    return (await this.pool.query<SupervisionGroupRow>(SQL_GROUPS_OF_USER, [userId])).rows.map(toSupervisionGroup)
  }

  async listSupervisionGroupMembers(groupIds: readonly string[]): Promise<SupervisionGroupMemberRecord[]> {
    if (groupIds.length === 0) {
      return []
    }
    return (await this.pool.query<SupervisionGroupMemberRow>(SQL_GROUP_MEMBERS, [[...groupIds]])).rows.map(toSupervisionGroupMember)
  }

  async addSupervisionGroupMember(groupId: string, userId: string, addedAt: string): Promise<boolean> {
    return (await this.pool.query(SQL_INSERT_GROUP_MEMBER, [groupId, userId, addedAt])).rowCount === 1
  }

  async removeSupervisionGroupMember(groupId: string, userId: string): Promise<boolean> {
    return (await this.pool.query(SQL_DELETE_GROUP_MEMBER, [groupId, userId])).rowCount === 1
  }

  async isSupervisionGroupMember(groupId: string, userId: string): Promise<boolean> {
    return (await this.pool.query(SQL_IS_GROUP_MEMBER, [groupId, userId])).rowCount !== 0
  }

  async createSupervisionCopy(copy: SupervisionCopyRecord, room: { room: string; update: Uint8Array }): Promise<void> {
    const key = await this.keyring.dataKey(copyKeyOwner(copy.id))
    await this.transaction((client) => insertCopyInTransaction(client, copy, room, key))
  }

  /** Copy rows with title and redactions opened with each copy's key. */
  private async openCopies(rows: readonly SupervisionCopyRow[]): Promise<SupervisionCopyWithNames[]> {
    const keys = await this.keyring.dataKeys(rows.map((row) => copyKeyOwner(row.id)), { create: false })
    return rows.map((row) => toSupervisionCopy(openSupervisionCopyRow(row, keys.get(copyKeyOwner(row.id)) ?? missingKey(copyKeyOwner(row.id)))))
  }

  async replaceSupervisionCopy(
    replacedId: string,
    copy: SupervisionCopyRecord,
    room: { room: string; update: Uint8Array },
  ): Promise<'replaced' | 'released' | 'notFound'> {
    const key = await this.keyring.dataKey(copyKeyOwner(copy.id))
    const outcome = await this.transaction(async (client) => {
      // Locked, so a release and a replacement of the same copy cannot both win.
      const old = (await client.query<{ released_at: string | null }>(SQL_LOCK_COPY, [replacedId])).rows[0]
      if (old === undefined) {
        return 'notFound' as const
      }
      if (old.released_at !== null) {
        return 'released' as const
      }
      await deleteCopyInTransaction(client, replacedId)
      await insertCopyInTransaction(client, copy, room, key)
      return 'replaced' as const
    })
    if (outcome === 'replaced') {
      // The replaced copy's rows are gone; its key goes too (old backups).
      await this.keyring.destroyCopyKey(replacedId)
    }
    return outcome
  }

  async findSupervisionCopy(id: string): Promise<SupervisionCopyWithNames | null> {
    const row = await this.one<SupervisionCopyRow>(SQL_COPY_BY_ID, [id])
    return row ? ((await this.openCopies([row]))[0] ?? null) : null
  }

  async listSupervisionCopiesForUser(userId: string): Promise<SupervisionCopyWithNames[]> {
    return this.openCopies((await this.pool.query<SupervisionCopyRow>(SQL_COPIES_FOR_USER, [userId])).rows)
  }

  async releaseSupervisionCopy(id: string, groupId: string, at: string): Promise<boolean> {
    const empty = sealedEmptyRedactions(id, await this.keyring.dataKey(copyKeyOwner(id)))
    return (await this.pool.query(SQL_RELEASE_COPY, [groupId, at, id, empty])).rowCount === 1
  }

  async close(): Promise<void> {
    await this.keyring.close()
    await this.pool.end()
  }
}

function missingKey(owner: string): never {
  throw new Error(`no data key for ${owner}`)
}

/** Thrown inside a transaction to roll it back when no active admin would remain. */
class LastAdminError extends Error {
  override name = 'LastAdminError'
}

/** Thrown inside a transaction to roll it back with an outcome for the caller. */
class Rollback extends Error {
  override name = 'Rollback'
  constructor(readonly outcome: AcceptOutcome) {
    super(outcome)
  }
}

/** Thrown inside a transaction to roll back a binding that met ids of another account. */
class ForeignClientIds extends Error {
  override name = 'ForeignClientIds'
  constructor(readonly ids: number[]) {
    super(`client ids bound to another account: ${ids.join(', ')}`)
  }
}
