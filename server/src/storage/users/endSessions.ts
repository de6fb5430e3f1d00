/**
 * An account's sessions end with it: deactivation and a new password delete
 * them in the same transaction. Here, below sessions/ (whose store reads the
 * users table), so users/ never imports sessions/.
 */
import { run, type Query } from '../sql/query.js'

const SQL_DELETE_SESSIONS_OF_USER = 'DELETE FROM sessions WHERE user_id = ?'

/** Deletes every session of an account (inside an operation). */
export function* deleteSessionsOf(userId: string): Query<void> {
  yield* run(SQL_DELETE_SESSIONS_OF_USER, userId)
}
