/** Calendar subscription feeds (issue 22): one private token per coach, stored as its SHA-256 — port. */

/** Calendar feed tokens. */
export interface CalendarFeedStorage {
  /** Sets the account's feed token (replacing an older one, which stops working). */
  setCalendarFeed(userId: string, tokenHash: string, createdAt: string): Promise<void>
  /** Removes the account's feed; its URL answers 404 from then on. */
  deleteCalendarFeed(userId: string): Promise<void>
  /** When the account's feed was made, or null without one. */
  calendarFeedCreatedAt(userId: string): Promise<string | null>
  /** The account a feed token belongs to, or null. */
  findCalendarFeedUser(tokenHash: string): Promise<string | null>
}
