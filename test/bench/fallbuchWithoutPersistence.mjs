/**
 * The built Fallbuch relay with its room log switched off, for the
 * durability-cost scenario only: the room log stores nothing (it counts row
 * numbers in memory; an append still seals its updates and runs its
 * transaction's checks) and compaction has nothing to do. Everything else —
 * HTTP API, session and access checks, ordered handling, broadcast — is the
 * unchanged build. Never a way to run Fallbuch: a restart loses every edit.
 */
import { sqliteRoomLog } from '../../dist/server/server/src/storage/sqlite/sqliteRoomLog.js'

const nextSeq = new Map()
// eslint-disable-next-line require-yield -- stores nothing, asks the database nothing
sqliteRoomLog.append = function* appendWithoutStoring(room, rows) {
  const first = nextSeq.get(room) ?? 1_000_000
  nextSeq.set(room, first + rows.length)
  return rows.map((_row, index) => first + index)
}

await import('../../dist/server/server/src/main.js')
