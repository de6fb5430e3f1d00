/**
 * The DDL both backends share, written once. Where the column types differ
 * (booleans, auto-numbered keys, 64-bit client ids) a table is a function of
 * the backend's {@link ColumnTypes}. Times stay ISO-8601 text on both, so
 * they compare and return identically and the SQLite -> PostgreSQL
 * migration copies them unchanged.
 */

import type { ColumnTypes } from './columnTypes.js'

export type { ColumnTypes }

export const createUsers = (t: ColumnTypes): string => `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('staff', 'external')),
    is_admin ${t.boolean(false)},
    active ${t.boolean(true)},
    created_at TEXT NOT NULL
  );`

/** Sessions; `lastSeen` adds the column that SQLite's version 2 added later. */
export const createSessions = (lastSeen: boolean): string => `
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL${lastSeen ? ',\n    last_seen_at TEXT' : ''}
  );
  CREATE INDEX sessions_user ON sessions(user_id);`

export const createCasesAndMembers = (t: ColumnTypes): string => `
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('placement', 'retention')),
    employer_can_edit ${t.boolean(false)},
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE members (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('coach', 'employer', 'coachee')),
    added_at TEXT NOT NULL,
    UNIQUE (case_id, user_id)
  );
  CREATE INDEX members_user ON members(user_id);`

/** Invitations, agreements and the audit log; `agreementSeq` is the column that orders agreements by insertion where there is no rowid. */
export const createInvitationsAgreementsAudit = (t: ColumnTypes, agreementSeq: string): string => `
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('coach', 'employer', 'coachee')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL,
    accepted_at TEXT,
    accepted_by TEXT REFERENCES users(id),
    revoked_at TEXT
  );
  CREATE INDEX invitations_case ON invitations(case_id, created_at);
  CREATE TABLE agreements (${agreementSeq}
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('coach', 'employer', 'coachee')),
    plan_hash TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX agreements_case ON agreements(case_id, at);
  -- case_id is NULL for events of an account (login); details is JSON
  -- without document content, tokens or passwords.
  CREATE TABLE audit_events (
    seq ${t.serialKey},
    case_id TEXT REFERENCES cases(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_events_case ON audit_events(case_id, seq);
  CREATE INDEX audit_events_actor ON audit_events(actor_id, type, seq);`

/** Yjs client id bindings (issue 9); `ifNotExists` for SQLite installations that created the table before the migrations did. */
export const createClientIds = (t: ColumnTypes, ifNotExists: boolean): string => `
  CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}yjs_client_ids (
    room TEXT NOT NULL,
    client_id ${t.clientId} NOT NULL,
    user_id TEXT NOT NULL,
    bound_at TEXT NOT NULL,
    PRIMARY KEY (room, client_id)
  )${t.withoutRowid};`

export const createConsentGrants = `
  -- One row per grant (contract §4). recipient_role is kept with the row
  -- so the list stays readable after the member left the case.
  CREATE TABLE consent_grants (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    member_id TEXT NOT NULL,
    recipient_user_id TEXT NOT NULL REFERENCES users(id),
    recipient_role TEXT NOT NULL CHECK (recipient_role IN ('coach', 'employer', 'coachee')),
    purpose TEXT NOT NULL,
    evidence TEXT NOT NULL CHECK (evidence IN ('inApp', 'signedForm')),
    signed_on TEXT,
    granted_at TEXT NOT NULL,
    granted_by TEXT NOT NULL REFERENCES users(id),
    valid_until TEXT,
    revoked_at TEXT,
    revoked_by TEXT REFERENCES users(id),
    lapsed_at TEXT
  );
  CREATE INDEX consent_grants_case ON consent_grants(case_id, granted_at);
  -- At most one unended grant per member and field.
  CREATE UNIQUE INDEX consent_grants_open ON consent_grants(case_id, member_id, field)
    WHERE revoked_at IS NULL AND lapsed_at IS NULL;
  CREATE INDEX consent_grants_valid_until ON consent_grants(valid_until)
    WHERE revoked_at IS NULL AND lapsed_at IS NULL AND valid_until IS NOT NULL;`

export const closedAndErasedCases = `
  -- A closed case is read-only; its retention period runs from closed_at.
  ALTER TABLE cases ADD COLUMN closed_at TEXT;
  ALTER TABLE cases ADD COLUMN closed_by TEXT;
  -- Erased case ids (issue 10): their rooms answer 4404 forever, so a
  -- stale offline copy cannot bring the content back. Holds no content.
  CREATE TABLE erased_cases (
    case_id TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('request', 'retention')),
    erased_by TEXT
  );`

export const createSupervision = `
  -- Supervision and intervision groups (issue 6), made by an admin.
  CREATE TABLE supervision_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE supervision_group_members (
    group_id TEXT NOT NULL REFERENCES supervision_groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX supervision_group_members_user ON supervision_group_members(user_id);
  -- Anonymised copies (contract §7); the content is only in the room
  -- supervision/<id>. Erasing the source case keeps a released copy and
  -- only drops the link (SET NULL). redactions is a JSON array of the
  -- author's texts, emptied at release.
  CREATE TABLE supervision_copies (
    id TEXT PRIMARY KEY,
    source_case_id TEXT REFERENCES cases(id) ON DELETE SET NULL,
    author_id TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    released_group_id TEXT REFERENCES supervision_groups(id),
    released_at TEXT,
    redactions TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX supervision_copies_case ON supervision_copies(source_case_id);
  CREATE INDEX supervision_copies_author ON supervision_copies(author_id, created_at);
  CREATE INDEX supervision_copies_group ON supervision_copies(released_group_id, released_at);`

export const createSealedMarker = `
  -- One row once every room update, case title, consent purpose and copy
  -- text is sealed with its owner's data key; written in the same
  -- transaction that seals the rows of an older installation
  -- (migrations/sealPlaintextRows.ts).
  CREATE TABLE at_rest_encryption (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sealed_at TEXT NOT NULL
  );`

/**
 * Versions of the plan and the notes (contract §8.4): the document's Yjs
 * state at an agreement, a phase closure or when editing settled, sealed with
 * the case key (the AAD binds case, version and document). `authors` is a
 * JSON array of user ids (who changed it since the version before). Erased
 * with the case (ON DELETE CASCADE); confidential fields have none.
 * `orderColumn` orders rows by insertion where there is no rowid; `bytes` is
 * the backend's binary type.
 */
export const createDocumentVersions = (orderColumn: string, bytes: string): string => `
  CREATE TABLE document_versions (${orderColumn}
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    doc TEXT NOT NULL CHECK (doc IN ('plan', 'notes')),
    at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('agreement', 'phaseClosed', 'settled', 'restored')),
    authors TEXT NOT NULL DEFAULT '[]',
    agreement_id TEXT,
    state ${bytes} NOT NULL
  );
  CREATE INDEX document_versions_case ON document_versions(case_id, doc, at);
`

/**
 * Issue 17 (contract §8.5): failed accepts of an invitation in the current
 * hour (counted from `failed_accepts_since`), and password-reset links: a
 * coach's new access link for an external member of a case (`case_id`,
 * `created_by`), later also mailed ones (both null). Only the token's
 * SHA-256 is stored; a link works once, until `expires_at`.
 */
export const invitationFailuresAndPasswordResets = `
  ALTER TABLE invitations ADD COLUMN failed_accepts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE invitations ADD COLUMN failed_accepts_since TEXT;
  CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    case_id TEXT REFERENCES cases(id) ON DELETE CASCADE,
    created_by TEXT REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE INDEX password_resets_user ON password_resets(user_id);`

/**
 * Mail and calendar (issue 22): the outbox (a delivered or abandoned mail's
 * body is cleared, so reset links do not stay readable in it), calendar feed
 * tokens (only their SHA-256) and the per-account mail settings. Mailed
 * password-reset links live in `password_resets` (issue 17's table).
 */
export const createMailAndCalendar = (t: ColumnTypes): string => `
  CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    sent_at TEXT,
    failed_at TEXT,
    last_error TEXT
  );
  CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at);
  CREATE TABLE account_settings (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    digest_enabled ${t.boolean(true)},
    last_digest_on TEXT
  );
  CREATE TABLE calendar_feeds (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );`

/**
 * Team leads and part-time shares (issue 22): a lead sees the team's
 * caseloads and due items and reassigns cases; the share (Stellenanteil,
 * whole percent) is what a coach's caseload is measured against.
 */
export const leadAndStaffShare = (t: ColumnTypes): string => `
  ALTER TABLE users ADD COLUMN is_lead ${t.boolean(false)};
  ALTER TABLE users ADD COLUMN staff_share_percent INTEGER NOT NULL DEFAULT 100 CHECK (staff_share_percent BETWEEN 1 AND 100);`

/**
 * Releases from confidentiality (issue 16): who releases (the coachee, or
 * the legal guardian for them), towards whom, from when until when, with
 * evidence. `details` holds the names and the purpose as JSON, sealed with
 * the case's key; the rest is what access checks and the lapse sweep need.
 */
export const createConfidentialityReleases = `
  CREATE TABLE confidentiality_releases (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    releasor_member_id TEXT NOT NULL,
    releasor_user_id TEXT NOT NULL REFERENCES users(id),
    releasor_role TEXT NOT NULL CHECK (releasor_role IN ('coachee', 'guardian')),
    recipient_kind TEXT NOT NULL,
    recipient_member_id TEXT,
    details TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    evidence TEXT NOT NULL CHECK (evidence IN ('inApp', 'signedForm')),
    signed_on TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    revoked_at TEXT,
    revoked_by TEXT REFERENCES users(id),
    lapsed_at TEXT
  );
  CREATE INDEX confidentiality_releases_case ON confidentiality_releases(case_id, recorded_at);
  CREATE INDEX confidentiality_releases_valid_until ON confidentiality_releases(valid_until)
    WHERE revoked_at IS NULL AND lapsed_at IS NULL AND valid_until IS NOT NULL;`

/**
 * Issue 19: requests (Anfragen) before a case exists. `details` is JSON
 * sealed with the request's own key while it has no case (names, contact,
 * reason, goals, consent day, decline reason and referral), with the
 * case's key once it became one (then it goes with the case's erasure: ON
 * DELETE CASCADE, and the case's key destroyed).
 * Status and days stay plain for the list's filter and the retention sweep.
 */
export const createIntakeRequests = `
  CREATE TABLE intake_requests (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined')),
    funding_body_id TEXT REFERENCES funding_bodies(id),
    case_id TEXT REFERENCES cases(id) ON DELETE CASCADE,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT REFERENCES users(id)
  );
  CREATE INDEX intake_requests_status ON intake_requests(status, updated_at);
  CREATE INDEX intake_requests_case ON intake_requests(case_id);`

/**
 * Issue 19 point 9: a case's own flow (contract §8.3), `de` or `ch`; NULL
 * follows the installation's SERVICE_COUNTRY. Plain: a setting, no personal data.
 */
export const caseFlowColumn = `
  ALTER TABLE cases ADD COLUMN flow TEXT CHECK (flow IN ('de', 'ch'));`

export * from './billingSchema.js'
