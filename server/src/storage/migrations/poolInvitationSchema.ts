/**
 * Issue 20 point 1: the coordination office invites a freelance job coach
 * to apply. `pool_invitations`: the link's SHA-256 only (never the token),
 * the invitee's name and address as one JSON column sealed with a key of
 * the invitation's own (destroyed once the link is used or withdrawn: the
 * account holds them then), the creator and the instants. An accepted row
 * keeps only ids and instants; it marks the account as an invited
 * applicant (no case work until matched to a case).
 */
export const createPoolInvitations = `
  CREATE TABLE pool_invitations (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    details TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT,
    accepted_by TEXT REFERENCES users(id),
    revoked_at TEXT
  );
  CREATE INDEX pool_invitations_accepted_by ON pool_invitations(accepted_by);`
