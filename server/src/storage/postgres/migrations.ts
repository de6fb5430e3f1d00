/**
 * PostgreSQL's migration list; the table `schema_migrations` records each
 * version that ran. The numbering is this backend's own (version 1 is the
 * whole schema SQLite reached with its versions 1 and 2); the SQL both
 * backends share comes from ../migrations/schema.ts.
 */
import type { Migration } from '../migrations/Migration.js'
import { createEmployerDirectory, createJobSearchEntries } from '../migrations/jobSearchSchema.js'
import { createPoolInvitations } from '../migrations/poolInvitationSchema.js'
import * as schema from '../migrations/schema.js'
import { billingApprovalKindPostgres } from '../migrations/billingApprovalKind.js'
import { restampLegacyAgreements, restampPlanV2Agreements } from '../migrations/restampLegacyAgreements.js'
import { sealPlaintextRows } from '../migrations/sealPlaintextRows.js'
import { guardianRolePostgres } from '../migrations/guardianRole.js'
import { createAppendRoomsFunction, planAppendRoomsOnce } from './appendRoomsFunction.js'

/** A step of {@link postgresMigrations}. */
export type PostgresMigration = Migration

/** PostgreSQL's column types. */
const types: schema.ColumnTypes = {
  boolean: (defaultValue) => `BOOLEAN NOT NULL DEFAULT ${defaultValue ? 'true' : 'false'}`,
  serialKey: 'BIGSERIAL PRIMARY KEY',
  // Client ids are unsigned 32-bit: BIGINT, not INTEGER.
  clientId: 'BIGINT',
  withoutRowid: '',
}

// seq keeps the insertion order (SQLite's rowid) for agreements made in the same millisecond.
const agreementSeq = '\n    seq BIGSERIAL UNIQUE,'

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'users, sessions, cases, members, invitations, agreements, audit log, room update log with per-room numbering',
    sql: `${schema.createUsers(types)}${schema.createSessions(true)}${schema.createCasesAndMembers(types)}${schema.createInvitationsAgreementsAudit(types, agreementSeq)}
      -- The last number given out per room (postgresRoomLog.ts).
      CREATE TABLE room_heads (
        room TEXT PRIMARY KEY,
        last_seq BIGINT NOT NULL
      );
      CREATE TABLE room_updates (
        room TEXT NOT NULL,
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (room, seq)
      );`,
  },
  { version: 2, description: 'Yjs client id bindings (SQLite migration 3), shared by every process', sql: schema.createClientIds(types, false) },
  { version: 3, description: 'consent grants for confidential fields (SQLite migration 4)', sql: schema.createConsentGrants },
  { version: 4, description: 'closed cases and tombstones of erased cases (SQLite migration 5)', sql: schema.closedAndErasedCases },
  { version: 5, description: 'supervision groups, their members and supervision copies (SQLite migration 6)', sql: schema.createSupervision },
  { version: 6, description: 'marker of the one-time encryption of plaintext rows (SQLite migration 7)', sql: schema.createSealedMarker },
  { version: 7, description: 'seal the plaintext rows of an older installation (SQLite migration 8)', sql: '', move: sealPlaintextRows },
  { version: 8, description: 'versions of plan and notes (SQLite migration 9)', sql: schema.createDocumentVersions(agreementSeq, 'BYTEA') },
  { version: 9, description: 'failed invitation accepts, password-reset links (SQLite migration 10)', sql: schema.invitationFailuresAndPasswordResets },
  { version: 10, description: 'mail outbox, account settings, calendar feeds (SQLite migration 11)', sql: schema.createMailAndCalendar(types) },
  {
    version: 11,
    description: 're-stamp agreements from before the agreed-content hash whose content is unchanged (SQLite migration 12)',
    sql: '',
    move: restampLegacyAgreements,
  },
  { version: 12, description: 'team leads and part-time shares of staff accounts (SQLite migration 13)', sql: schema.leadAndStaffShare(types) },
  {
    version: 13,
    description: 'the legal guardian role; releases from confidentiality (SQLite migration 14)',
    sql: `${guardianRolePostgres}${schema.createConfidentialityReleases}`,
  },
  { version: 14, description: 'billing records kept after a case is erased (SQLite migration 15)', sql: schema.createRetainedBillingRecords },
  { version: 15, description: 'directory of funding bodies (SQLite migration 16)', sql: schema.createFundingBodies(types) },
  { version: 16, description: "a case's funding body and approvals, insert-only (SQLite migration 17)", sql: schema.createCaseFunding },
  { version: 17, description: 'requests and their order clarification before a case (SQLite migration 18)', sql: schema.createIntakeRequests },
  { version: 18, description: 're-stamp agreements given on plan v2 content that the v3 migration left unchanged (SQLite migration 19)', sql: '', move: restampPlanV2Agreements },
  { version: 19, description: "billing records of an erased case's funding approvals (SQLite migration 20)", sql: billingApprovalKindPostgres },
  { version: 20, description: "confirmations of a case's monthly proof of hours (SQLite migration 21)", sql: schema.createMonthConfirmations },
  { version: 21, description: 'billing flag and coach rates of staff accounts (SQLite migration 22)', sql: schema.billingFlagAndCoachRate(types) },
  { version: 22, description: 'issued invoices and cancellations, their numbers and billed months (SQLite migration 23)', sql: schema.createInvoices },
  { version: 23, description: "a case's own flow, de or ch, over the installation's (SQLite migration 24)", sql: schema.caseFlowColumn },
  { version: 24, description: 'attachments of cases and pool members, sealed in chunks (SQLite migration 25)', sql: schema.createAttachments('BYTEA') },
  { version: 25, description: 'the Jobcoach pool: coordinator and Integrationsamt flags, applications, match needs, proposals (SQLite migration 26)', sql: schema.createPool(types) },
  {
    version: 26,
    description: 'employer directory and the application and contact log of a case (SQLite migration 27)',
    sql: `${createEmployerDirectory}${createJobSearchEntries}`,
  },
  { version: 27, description: 'invitations of freelance job coaches to the pool, sealed (SQLite migration 28)', sql: createPoolInvitations },
  { version: 28, description: 'the group commit of the room log as one function: one round trip per group (PostgreSQL only)', sql: createAppendRoomsFunction },
  { version: 29, description: 'the group commit function planned once per connection, not per call (PostgreSQL only)', sql: planAppendRoomsOnce },
]
