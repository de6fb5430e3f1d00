/**
 * Attachments (issue 20 point 2): files of a case or of a pool member,
 * stored in chunks. Each chunk (at most 64 KiB of the file) is sealed with
 * the attachment's own data key, bound to the attachment and its place;
 * `details` (JSON: the file name, and once complete its size and chunk
 * count) is sealed with the same key. Category, media type, size and the
 * instants stay plain for the list and the access check. A row with
 * `completed_at` NULL is an upload in progress (or one a crash cut off: the
 * sweep removes it); it is never listed. Erased with the case (ON DELETE
 * CASCADE, and the keys destroyed) or with the owner's account.
 */
export const createAttachments = (blob: 'BLOB' | 'BYTEA'): string => `
  CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('case', 'poolMember')),
    case_id TEXT REFERENCES cases(id) ON DELETE CASCADE,
    owner_user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
    size_bytes BIGINT NOT NULL DEFAULT 0,
    chunk_count INTEGER NOT NULL DEFAULT 0,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    completed_at TEXT,
    CHECK ((owner_kind = 'case' AND case_id IS NOT NULL AND owner_user_id IS NULL)
      OR (owner_kind = 'poolMember' AND owner_user_id IS NOT NULL AND case_id IS NULL))
  );
  CREATE INDEX attachments_case ON attachments(case_id, created_at);
  CREATE INDEX attachments_owner_user ON attachments(owner_user_id, created_at);
  CREATE INDEX attachments_pending ON attachments(created_at) WHERE completed_at IS NULL;
  CREATE TABLE attachment_chunks (
    attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data ${blob} NOT NULL,
    PRIMARY KEY (attachment_id, seq)
  );`
