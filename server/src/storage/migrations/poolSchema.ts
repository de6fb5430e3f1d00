/**
 * Issue 20, the Jobcoach pool. `pool_applications`: one per account; status,
 * group and instants plain for the office's list, everything the person
 * wrote (form, profile, evidence items, the Kennenlerngespräch, further
 * trainings and supervisions) one JSON column sealed with the applicant's
 * own key (`pool:<userId>`), destroyed when the application is erased.
 * `pool_match_needs`: what the office entered for matching a request, sealed
 * with a key of its own; `pool_proposals`: which coach was proposed for
 * which request and their answer (ids and instants only). Both go with
 * their request.
 */
import type { ColumnTypes } from './columnTypes.js'

export const createPool = (t: ColumnTypes): string => `
  ALTER TABLE users ADD COLUMN is_coordinator ${t.boolean(false)};
  ALTER TABLE users ADD COLUMN is_integrationsamt ${t.boolean(false)};
  CREATE TABLE pool_applications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'classified', 'admitted', 'declined')),
    pool_group TEXT CHECK (pool_group IN ('group1', 'group2', 'group3')),
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    admitted_at TEXT
  );
  CREATE INDEX pool_applications_status ON pool_applications(status, updated_at);
  CREATE TABLE pool_match_needs (
    request_id TEXT PRIMARY KEY REFERENCES intake_requests(id) ON DELETE CASCADE,
    details TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE pool_proposals (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES intake_requests(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'withdrawn')),
    proposed_at TEXT NOT NULL,
    proposed_by TEXT NOT NULL REFERENCES users(id),
    answered_at TEXT,
    UNIQUE (request_id, user_id)
  );
  CREATE INDEX pool_proposals_user ON pool_proposals(user_id, status);`
