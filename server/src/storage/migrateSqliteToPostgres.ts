/**
 * Carries an embedded installation (DATA_DIR/fallbuch.sqlite) over into an
 * empty PostgreSQL schema, in one PostgreSQL transaction: accounts,
 * sessions, cases, members, invitations, agreements, document versions, consent grants, tombstones of erased cases, supervision groups, their
 * members and supervision copies, the audit log, the Yjs
 * client id bindings and every room's update log. Rooms keep their updates in order, renumbered 1…n per
 * room (the PostgreSQL numbering, see StoredUpdate.seq). The source is only
 * read (after sealing an older installation's plaintext); stop the relay
 * first so nothing is written meanwhile.
 *
 * Sealed values are copied as they are (their AAD names rooms, cases and
 * grants, which keep their ids), and the keystore's wrapped data keys go
 * into the target's keystore schema unchanged, in the same transaction: the
 * PostgreSQL relays then need the same master key as the embedded one.
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { Logger } from '../log.js'
import type { MasterKeySet } from '../crypto/masterKeys.js'
import { CONSENT_COLUMNS } from './consents/consentStore.js'
import { BILLING_COLUMNS } from './billing/billingStore.js'
import { RELEASE_COLUMNS } from './releases/releaseStore.js'
import { copyDataKeysIn, defaultKeysSchema } from './postgres/PostgresKeyStore.js'
import { KeystoreFileName, SqliteKeyStore } from './sqlite/SqliteKeyStore.js'
import { openPostgresStorage } from './postgres/openPostgresStorage.js'
import { markMovedToPostgres } from './sqlite/installationState.js'
import { openSqliteStorage } from './sqlite/openSqliteStorage.js'
import { acquireSqliteInstanceLock } from './sqlite/sqliteInstanceLock.js'
import { SUPERVISION_COPY_COLUMNS } from './supervision/copyStore.js'

/** Options of {@link migrateSqliteToPostgres}. */
export interface MigrateOptions {
  /** Folder of the source `fallbuch.sqlite`. */
  dataDir: string
  databaseUrl: string
  /** Target schema; created and migrated when missing, must hold no accounts. */
  schema: string
  logger: Logger
  /** The embedded installation's master keys; they keep wrapping the data keys in PostgreSQL. */
  masterKeys: MasterKeySet
}

/** Rows copied per table. */
export type MigrationCounts = Record<string, number>

/** Thrown when the migration cannot start (no source, target not empty). */
export class MigrationRefused extends Error {
  override name = 'MigrationRefused'
}

interface Table {
  name: string
  /** SELECT on SQLite, in insertion order. */
  select: string
  /** Target columns, in the order of the selected columns. */
  columns: string[]
  /** SQLite integers that are PostgreSQL booleans. */
  booleans?: string[]
}

const APPROVAL_COLUMNS = ['id', 'case_id', 'kind', 'extends_id', 'corrects_id', 'valid_from', 'valid_until', 'hours_centi', 'rate_cents', 'currency', 'decided_on', 'details', 'recorded_at', 'recorded_by']
const ATTACHMENT_COLUMNS = ['id', 'owner_kind', 'case_id', 'owner_user_id', 'category', 'media_type', 'size_bytes', 'chunk_count', 'details', 'created_at', 'created_by', 'completed_at']
const REQUEST_COLUMNS = ['id', 'status', 'funding_body_id', 'case_id', 'details', 'created_at', 'created_by', 'updated_at', 'decided_at', 'decided_by']

// Parents before children (foreign keys).
const TABLES: readonly Table[] = [
  {
    name: 'users',
    select:
      'SELECT id, name, email, password_hash, kind, is_admin, active, created_at, is_lead, staff_share_percent, is_billing, coach_rate_kind, coach_rate_cents, coach_rate_currency, is_coordinator, is_integrationsamt FROM users ORDER BY rowid',
    columns: ['id', 'name', 'email', 'password_hash', 'kind', 'is_admin', 'active', 'created_at', 'is_lead', 'staff_share_percent', 'is_billing', 'coach_rate_kind', 'coach_rate_cents', 'coach_rate_currency', 'is_coordinator', 'is_integrationsamt'],
    booleans: ['is_admin', 'active', 'is_lead', 'is_billing', 'is_coordinator', 'is_integrationsamt'],
  },
  { name: 'sessions', select: 'SELECT token_hash, user_id, created_at, expires_at, last_seen_at FROM sessions ORDER BY rowid', columns: ['token_hash', 'user_id', 'created_at', 'expires_at', 'last_seen_at'] },
  {
    name: 'cases',
    select: 'SELECT id, title, type, employer_can_edit, created_at, created_by, closed_at, closed_by, flow FROM cases ORDER BY rowid',
    columns: ['id', 'title', 'type', 'employer_can_edit', 'created_at', 'created_by', 'closed_at', 'closed_by', 'flow'],
    booleans: ['employer_can_edit'],
  },
  { name: 'erased_cases', select: 'SELECT case_id, erased_at, reason, erased_by FROM erased_cases ORDER BY rowid', columns: ['case_id', 'erased_at', 'reason', 'erased_by'] },
  { name: 'members', select: 'SELECT id, case_id, user_id, role, added_at FROM members ORDER BY rowid', columns: ['id', 'case_id', 'user_id', 'role', 'added_at'] },
  {
    name: 'invitations',
    select: 'SELECT id, case_id, token_hash, role, created_at, created_by, expires_at, accepted_at, accepted_by, revoked_at FROM invitations ORDER BY rowid',
    columns: ['id', 'case_id', 'token_hash', 'role', 'created_at', 'created_by', 'expires_at', 'accepted_at', 'accepted_by', 'revoked_at'],
  },
  { name: 'agreements', select: 'SELECT id, case_id, user_id, role, plan_hash, at FROM agreements ORDER BY rowid', columns: ['id', 'case_id', 'user_id', 'role', 'plan_hash', 'at'] },
  {
    name: 'consent_grants',
    select: `SELECT ${CONSENT_COLUMNS} FROM consent_grants ORDER BY rowid`,
    columns: CONSENT_COLUMNS.split(',').map((column) => column.trim()),
  },
  {
    name: 'confidentiality_releases',
    select: `SELECT ${RELEASE_COLUMNS} FROM confidentiality_releases ORDER BY rowid`,
    columns: RELEASE_COLUMNS.split(',').map((column) => column.trim()),
  },
  // Sealed with billing keys, which move with the keystore; no case row to reference.
  {
    name: 'retained_billing_records',
    select: `SELECT ${BILLING_COLUMNS} FROM retained_billing_records ORDER BY rowid`,
    columns: BILLING_COLUMNS.split(',').map((column) => column.trim()),
  },
  { name: 'supervision_groups', select: 'SELECT id, name, created_at, created_by FROM supervision_groups ORDER BY rowid', columns: ['id', 'name', 'created_at', 'created_by'] },
  {
    name: 'supervision_group_members',
    select: 'SELECT group_id, user_id, added_at FROM supervision_group_members ORDER BY rowid',
    columns: ['group_id', 'user_id', 'added_at'],
  },
  {
    name: 'supervision_copies',
    select: `SELECT ${SUPERVISION_COPY_COLUMNS} FROM supervision_copies ORDER BY rowid`,
    columns: SUPERVISION_COPY_COLUMNS.split(',').map((column) => column.trim()),
  },
  // The sealed state moves as it is: its AAD names case, version and document, not the table's backend.
  { name: 'document_versions', select: 'SELECT id, case_id, doc, at, reason, authors, agreement_id, state FROM document_versions ORDER BY rowid', columns: ['id', 'case_id', 'doc', 'at', 'reason', 'authors', 'agreement_id', 'state'] },
  // Issue 18: the directory, then the cases' funding rows (sealed details move as they are, like document_versions).
  {
    name: 'funding_bodies',
    select: 'SELECT id, kind, name, address, contact, active, created_at, updated_at FROM funding_bodies ORDER BY rowid',
    columns: ['id', 'kind', 'name', 'address', 'contact', 'active', 'created_at', 'updated_at'],
    booleans: ['active'],
  },
  {
    name: 'case_funding',
    select: 'SELECT id, case_id, funding_body_id, details, recorded_at, recorded_by FROM case_funding ORDER BY rowid',
    columns: ['id', 'case_id', 'funding_body_id', 'details', 'recorded_at', 'recorded_by'],
  },
  {
    name: 'funding_approvals',
    select: `SELECT ${APPROVAL_COLUMNS.join(', ')} FROM funding_approvals ORDER BY rowid`,
    columns: APPROVAL_COLUMNS,
  },
  // Issue 18: invoices move with their sealed details as they are (the AAD names the invoice; the year keys move with the keystore).
  { name: 'invoice_counters', select: 'SELECT year, last_seq FROM invoice_counters ORDER BY year', columns: ['year', 'last_seq'] },
  {
    name: 'invoices',
    select: 'SELECT id, number, year, seq, kind, cancels_id, funding_body_id, month, issued_at, issued_by, retain_until, details FROM invoices ORDER BY rowid',
    columns: ['id', 'number', 'year', 'seq', 'kind', 'cancels_id', 'funding_body_id', 'month', 'issued_at', 'issued_by', 'retain_until', 'details'],
  },
  { name: 'invoice_cases', select: 'SELECT invoice_id, case_id FROM invoice_cases ORDER BY rowid', columns: ['invoice_id', 'case_id'] },
  { name: 'billed_case_months', select: 'SELECT case_id, month, invoice_id FROM billed_case_months ORDER BY rowid', columns: ['case_id', 'month', 'invoice_id'] },
  {
    name: 'month_confirmations',
    select: 'SELECT id, case_id, month, role, confirmed_at, entries_hash, details FROM month_confirmations ORDER BY rowid',
    columns: ['id', 'case_id', 'month', 'role', 'confirmed_at', 'entries_hash', 'details'],
  },
  // Issue 19: requests after the directory and the cases they refer to; sealed details move as they are.
  {
    name: 'intake_requests',
    select: `SELECT ${REQUEST_COLUMNS.join(', ')} FROM intake_requests ORDER BY rowid`,
    columns: REQUEST_COLUMNS,
  },
  // Issue 20: attachments after the cases and accounts that own them (finished uploads only); their chunks follow below, one at a time.
  {
    name: 'attachments',
    select: `SELECT ${ATTACHMENT_COLUMNS.join(', ')} FROM attachments WHERE completed_at IS NOT NULL ORDER BY rowid`,
    columns: ATTACHMENT_COLUMNS,
  },
  // Issue 20: the pool after accounts and requests; sealed details move as they are.
  {
    name: 'pool_applications',
    select: 'SELECT id, user_id, status, pool_group, details, created_at, updated_at, submitted_at, admitted_at FROM pool_applications ORDER BY rowid',
    columns: ['id', 'user_id', 'status', 'pool_group', 'details', 'created_at', 'updated_at', 'submitted_at', 'admitted_at'],
  },
  { name: 'pool_match_needs', select: 'SELECT request_id, details, updated_at FROM pool_match_needs ORDER BY rowid', columns: ['request_id', 'details', 'updated_at'] },
  {
    name: 'pool_invitations',
    select: 'SELECT id, token_hash, details, created_by, created_at, expires_at, accepted_at, accepted_by, revoked_at FROM pool_invitations ORDER BY rowid',
    columns: ['id', 'token_hash', 'details', 'created_by', 'created_at', 'expires_at', 'accepted_at', 'accepted_by', 'revoked_at'],
  },
  {
    name: 'pool_proposals',
    select: 'SELECT id, request_id, user_id, status, proposed_at, proposed_by, answered_at FROM pool_proposals ORDER BY rowid',
    columns: ['id', 'request_id', 'user_id', 'status', 'proposed_at', 'proposed_by', 'answered_at'],
  },
  // Issue 19: the employer directory, then the cases' job-search logs that may name its entries; sealed details move as they are.
  { name: 'employer_directory', select: 'SELECT id, details, created_at, updated_at FROM employer_directory ORDER BY rowid', columns: ['id', 'details', 'created_at', 'updated_at'] },
  {
    name: 'job_search_entries',
    select: 'SELECT id, case_id, employer_id, details, created_at, created_by, updated_at FROM job_search_entries ORDER BY rowid',
    columns: ['id', 'case_id', 'employer_id', 'details', 'created_at', 'created_by', 'updated_at'],
  },
  { name: 'audit_events', select: 'SELECT seq, case_id, at, type, actor_id, details FROM audit_events ORDER BY seq', columns: ['seq', 'case_id', 'at', 'type', 'actor_id', 'details'] },
  // Mail settings and calendar feeds move along; the outbox and reset tokens are short-lived and stay behind.
  { name: 'account_settings', select: 'SELECT user_id, digest_enabled, last_digest_on FROM account_settings ORDER BY rowid', columns: ['user_id', 'digest_enabled', 'last_digest_on'], booleans: ['digest_enabled'] },
  { name: 'calendar_feeds', select: 'SELECT user_id, token_hash, created_at FROM calendar_feeds ORDER BY rowid', columns: ['user_id', 'token_hash', 'created_at'] },
  { name: 'yjs_client_ids', select: 'SELECT room, client_id, user_id, bound_at FROM yjs_client_ids ORDER BY room, client_id', columns: ['room', 'client_id', 'user_id', 'bound_at'] },
]

// Sealed chunks move as they are (the AAD names the attachment and the place); iterated, never all in memory.
const SQL_ATTACHMENT_CHUNKS = `SELECT c.attachment_id, c.seq, c.data FROM attachment_chunks c JOIN attachments a ON a.id = c.attachment_id
  WHERE a.completed_at IS NOT NULL ORDER BY c.attachment_id, c.seq`
const SQL_INSERT_ATTACHMENT_CHUNK = 'INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES ($1, $2, $3)'
const SQL_ROOM_UPDATES = 'SELECT room, data, created_at FROM room_updates ORDER BY room, seq'
const SQL_INSERT_ROOM_UPDATE = 'INSERT INTO room_updates (room, seq, data, created_at) VALUES ($1, $2, $3, $4)'
const SQL_INSERT_ROOM_HEAD = 'INSERT INTO room_heads (room, last_seq) VALUES ($1, $2)'
const SQL_RESET_AUDIT_SEQUENCE = "SELECT setval(pg_get_serial_sequence('audit_events', 'seq'), GREATEST((SELECT MAX(seq) FROM audit_events), 1))"

/** Copies the installation; resolves with the rows copied per table once committed. */
export async function migrateSqliteToPostgres(options: MigrateOptions): Promise<MigrationCounts> {
  const file = join(options.dataDir, 'fallbuch.sqlite')
  if (!existsSync(file)) {
    throw new MigrationRefused(`no embedded database at ${file} (set DATA_DIR)`)
  }
  // Nothing may write the embedded installation while it is copied (a running relay holds this lock).
  const lock = acquireSqliteInstanceLock(options.dataDir, 'migration to PostgreSQL')
  try {
    const counts = await copyInstallation(options, file)
    // From now on the embedded copy is stale: it refuses to start (openStorage) and to be backed up.
    markMovedToPostgres(options.dataDir, describeTarget(options.databaseUrl, options.schema))
    return counts
  } finally {
    await lock.release()
  }
}

/** Where the installation went, without credentials. */
function describeTarget(databaseUrl: string, schema: string): string {
  try {
    const url = new URL(databaseUrl)
    return `${url.hostname}:${url.port || '5432'}${url.pathname}, schema ${schema}`
  } catch {
    return `schema ${schema}`
  }
}

async function copyInstallation(options: MigrateOptions, file: string): Promise<MigrationCounts> {
  // Brings an older installation up to the current SQLite schema first, and
  // checks that its data keys open with these master keys.
  await (await openSqliteStorage({ dataDir: options.dataDir, synchronous: 'normal', logger: options.logger, masterKeys: options.masterKeys })).close()
  // Creates and migrates the target schema and its keystore schema.
  await (
    await openPostgresStorage({ connectionString: options.databaseUrl, schema: options.schema, logger: options.logger, maxConnections: 2, masterKeys: options.masterKeys })
  ).close()
  const keyStore = SqliteKeyStore.open(join(options.dataDir, KeystoreFileName))
  let dataKeys
  try {
    dataKeys = await keyStore.all()
  } finally {
    await keyStore.close()
  }

  const source = new Database(file, { readonly: true, fileMustExist: true })
  const target = new pg.Client({ connectionString: options.databaseUrl, options: `-c search_path=${options.schema}` })
  // A broken connection fails the query in flight (and rolls the copy back); without a listener it would end the process.
  target.on('error', (err) => options.logger.warn({ error: err.message }, 'the PostgreSQL connection broke'))
  await target.connect()
  const counts: MigrationCounts = {}
  try {
    await target.query('BEGIN')
    const existing = await target.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM users')
    if ((existing.rows[0]?.n ?? 0) > 0) {
      throw new MigrationRefused(`schema ${options.schema} already holds accounts; migrate into an empty database`)
    }
    for (const table of TABLES) {
      const rows = source.prepare(table.select).raw().all() as unknown[][]
      const placeholders = table.columns.map((_, index) => `$${index + 1}`).join(', ')
      const insert = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${placeholders})`
      const booleanAt = new Set((table.booleans ?? []).map((column) => table.columns.indexOf(column)))
      for (const row of rows) {
        await target.query(insert, row.map((value, index) => (booleanAt.has(index) ? value === 1 : value)))
      }
      counts[table.name] = rows.length
    }
    await target.query(SQL_RESET_AUDIT_SEQUENCE)
    let chunks = 0
    for (const row of source.prepare(SQL_ATTACHMENT_CHUNKS).iterate() as Iterable<{ attachment_id: string; seq: number; data: Buffer }>) {
      await target.query(SQL_INSERT_ATTACHMENT_CHUNK, [row.attachment_id, row.seq, row.data])
      chunks += 1
    }
    counts.attachment_chunks = chunks

    let updates = 0
    const heads = new Map<string, number>()
    for (const row of source.prepare(SQL_ROOM_UPDATES).iterate() as Iterable<{ room: string; data: Buffer; created_at: string }>) {
      const seq = (heads.get(row.room) ?? 0) + 1
      heads.set(row.room, seq)
      await target.query(SQL_INSERT_ROOM_UPDATE, [row.room, seq, row.data, row.created_at])
      updates += 1
    }
    for (const [room, last] of heads) {
      await target.query(SQL_INSERT_ROOM_HEAD, [room, last])
    }
    counts.room_updates = updates
    counts.rooms = heads.size
    const existingKeys = await target.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${defaultKeysSchema(options.schema)}.data_keys`)
    if ((existingKeys.rows[0]?.n ?? 0) > 0) {
      throw new MigrationRefused(`schema ${defaultKeysSchema(options.schema)} already holds data keys; migrate into an empty database`)
    }
    await copyDataKeysIn(target, defaultKeysSchema(options.schema), dataKeys)
    counts.data_keys = dataKeys.length
    await target.query('COMMIT')
  } catch (err) {
    await target.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    source.close()
    await target.end()
  }
  options.logger.info({ schema: options.schema, counts }, 'embedded installation copied to PostgreSQL')
  return counts
}
