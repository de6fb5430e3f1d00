/** What every resource module is built on: one database, the at-rest layer and the backend's room log. */
import type { Logger } from '../log.js'
import type { AtRest } from './AtRest.js'
import type { SqlDatabase } from './sql/query.js'
import type { RoomLog } from './sql/RoomLog.js'

/** The shared parts of the resource modules of one storage. */
export interface StoreContext {
  db: SqlDatabase
  atRest: AtRest
  roomLog: RoomLog
  logger: Logger
  /** After an erasure committed: overwrites or reclaims the freed storage as far as the backend allows. */
  reclaimErased(): Promise<void>
}
