/** Calendar feed tokens on either backend: the calendar_feeds table and its SQL. */
import { get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { CalendarFeedStorage } from './CalendarFeedStorage.js'

const SQL_SET = `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
  ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`
const SQL_DELETE = 'DELETE FROM calendar_feeds WHERE user_id = ?'
const SQL_CREATED = 'SELECT created_at FROM calendar_feeds WHERE user_id = ?'
const SQL_BY_TOKEN = 'SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = ? AND u.active = TRUE'

/** {@link CalendarFeedStorage} on either backend. */
export function createCalendarFeedStore({ db }: StoreContext): CalendarFeedStorage {
  return {
    async setCalendarFeed(userId, tokenHash, createdAt) {
      await db.query(run(SQL_SET, userId, tokenHash, createdAt))
    },
    async deleteCalendarFeed(userId) {
      await db.query(run(SQL_DELETE, userId))
    },
    calendarFeedCreatedAt: async (userId) => (await db.query(get<{ created_at: string }>(SQL_CREATED, userId)))?.created_at ?? null,
    findCalendarFeedUser: async (tokenHash) => (await db.query(get<{ user_id: string }>(SQL_BY_TOKEN, tokenHash)))?.user_id ?? null,
  }
}
