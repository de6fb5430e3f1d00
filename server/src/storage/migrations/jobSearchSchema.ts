/**
 * The job search's tables (issue 19, A4/A5 and B5), shared by both
 * backends. Every text that names or describes someone is one sealed JSON
 * `details` column (storage/AtRest.ts): a log entry's with its case's key,
 * a directory entry's with its own key.
 */

/**
 * The service's employer directory: name, contacts, notes and past
 * placements sealed in `details`; nothing of a coachee. `active` stays plain
 * for the list.
 */
export const createEmployerDirectory = `
  CREATE TABLE employer_directory (
    id TEXT PRIMARY KEY,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );`

/**
 * A case's application and contact log. It goes with the case (ON DELETE
 * CASCADE, then the case's key is destroyed); an entry keeps its own copy of
 * the employer's name when the directory entry is deleted (SET NULL).
 */
export const createJobSearchEntries = `
  CREATE TABLE job_search_entries (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    employer_id TEXT REFERENCES employer_directory(id) ON DELETE SET NULL,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL
  );
  CREATE INDEX job_search_entries_case ON job_search_entries(case_id);
  CREATE INDEX job_search_entries_employer ON job_search_entries(employer_id);`
