/**
 * SQLite's migration list; `user_version` records how many steps have run.
 * The SQL both backends share comes from ../migrations/schema.ts.
 */
import type { Migration } from '../migrations/Migration.js'
import { createEmployerDirectory, createJobSearchEntries } from '../migrations/jobSearchSchema.js'
import { createPoolInvitations } from '../migrations/poolInvitationSchema.js'
import * as schema from '../migrations/schema.js'
import { billingApprovalKindSqlite } from '../migrations/billingApprovalKind.js'
import { restampLegacyAgreements, restampPlanV2Agreements } from '../migrations/restampLegacyAgreements.js'
import { sealPlaintextRows } from '../migrations/sealPlaintextRows.js'
import { guardianRoleSqlite } from '../migrations/guardianRole.js'

export type { Migration } from '../migrations/Migration.js'

/** SQLite's column types. */
const types: schema.ColumnTypes = {
  boolean: (defaultValue) => `INTEGER NOT NULL DEFAULT ${defaultValue ? 1 : 0}`,
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  clientId: 'INTEGER',
  withoutRowid: ' WITHOUT ROWID',
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'users, sessions, cases, members, room update log',
    sql: `${schema.createUsers(types)}${schema.createSessions(false)}${schema.createCasesAndMembers(types)}
      CREATE TABLE room_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        room TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX room_updates_room ON room_updates(room, seq);`,
  },
  {
    version: 2,
    description: 'invitations, agreements, audit log, session last-seen for idle expiry',
    sql: `${schema.createInvitationsAgreementsAudit(types, '')}
      ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
      UPDATE sessions SET last_seen_at = created_at;`,
  },
  {
    version: 3,
    description: 'Yjs client id bindings (until now created outside the migrations; existing rows are kept)',
    sql: schema.createClientIds(types, true),
  },
  { version: 4, description: 'consent grants for confidential fields', sql: schema.createConsentGrants },
  { version: 5, description: 'closed cases and tombstones of erased cases', sql: schema.closedAndErasedCases },
  { version: 6, description: 'supervision groups, their members and supervision copies', sql: schema.createSupervision },
  { version: 7, description: 'marker of the one-time encryption of plaintext rows (encryption at rest)', sql: schema.createSealedMarker },
  { version: 8, description: 'seal the plaintext rows of an older installation (encryption at rest)', sql: '', move: sealPlaintextRows },
  { version: 9, description: 'versions of plan and notes (contract 8.4)', sql: schema.createDocumentVersions('', 'BLOB') },
  { version: 10, description: 'failed invitation accepts, password-reset links (issue 17)', sql: schema.invitationFailuresAndPasswordResets },
  { version: 11, description: 'mail outbox, account settings, calendar feeds', sql: schema.createMailAndCalendar(types) },
  { version: 12, description: 're-stamp agreements from before the agreed-content hash whose content is unchanged (contract 8.3)', sql: '', move: restampLegacyAgreements },
  { version: 13, description: 'team leads and part-time shares of staff accounts (issue 22)', sql: schema.leadAndStaffShare(types) },
  {
    version: 14,
    description: 'the legal guardian role; releases from confidentiality (issue 16)',
    sql: schema.createConfidentialityReleases,
    // Rebuilds the tables whose CHECK lists the roles; idempotent, in a transaction of its own.
    move: ({ db }) => db.transaction(guardianRoleSqlite),
  },
  { version: 15, description: 'billing records kept after a case is erased (issue 16)', sql: schema.createRetainedBillingRecords },
  { version: 16, description: 'directory of funding bodies (issue 18)', sql: schema.createFundingBodies(types) },
  { version: 17, description: "a case's funding body and approvals, insert-only (issue 18)", sql: schema.createCaseFunding },
  { version: 18, description: 'requests and their order clarification before a case (issue 19)', sql: schema.createIntakeRequests },
  { version: 19, description: 're-stamp agreements given on plan v2 content that the v3 migration left unchanged (issue 16)', sql: '', move: restampPlanV2Agreements },
  {
    version: 20,
    description: "billing records of an erased case's funding approvals (issue 16)",
    sql: '',
    // Rebuilds the table whose CHECK lists the kinds; idempotent, in a transaction of its own.
    move: ({ db }) => db.transaction(billingApprovalKindSqlite),
  },
  { version: 21, description: "confirmations of a case's monthly proof of hours (issue 18)", sql: schema.createMonthConfirmations },
  { version: 22, description: 'billing flag and coach rates of staff accounts (issue 18)', sql: schema.billingFlagAndCoachRate(types) },
  { version: 23, description: 'issued invoices and cancellations, their numbers and billed months (issue 18)', sql: schema.createInvoices },
  { version: 24, description: "a case's own flow, de or ch, over the installation's (issue 19)", sql: schema.caseFlowColumn },
  { version: 25, description: 'attachments of cases and pool members, sealed in chunks (issue 20)', sql: schema.createAttachments('BLOB') },
  { version: 26, description: 'the Jobcoach pool: coordinator and Integrationsamt flags, applications, match needs, proposals (issue 20)', sql: schema.createPool(types) },
  { version: 27, description: 'employer directory and the application and contact log of a case (issue 19)', sql: `${createEmployerDirectory}${createJobSearchEntries}` },
  { version: 28, description: 'invitations of freelance job coaches to the pool, sealed (issue 20)', sql: createPoolInvitations },
  {
    version: 29,
    description: "room update log clustered by room: a room's rows share pages (issue 21)",
    // A compaction deleting a room's 500 rows touched nearly every page of a rowid table written by
    // 100 rooms in turn (about 6 ms per compaction in a bench of SQLite, 0.6 ms clustered), and an
    // append updated the table, its index and sqlite_sequence. Numbers stay as they were; new ones
    // continue each room's own (sqliteRoomLog.ts).
    sql: `CREATE TABLE room_updates_by_room (
        room TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (room, seq)
      ) WITHOUT ROWID;
      INSERT INTO room_updates_by_room (room, seq, data, created_at) SELECT room, seq, data, created_at FROM room_updates;
      DROP TABLE room_updates;
      ALTER TABLE room_updates_by_room RENAME TO room_updates;
      DELETE FROM sqlite_sequence WHERE name = 'room_updates';`,
  },
  {
    version: 30,
    description: 'the newest room updates in insertion order, moved into the clustered log in batches (issue 21)',
    // No index: only this process writes it, knows which rooms have rows in it and scans it for those
    // (sqliteRoomTail.ts). Sealed like the log's rows, under the same label.
    sql: `CREATE TABLE room_updates_tail (
        id INTEGER PRIMARY KEY,
        room TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      );`,
  },
]
