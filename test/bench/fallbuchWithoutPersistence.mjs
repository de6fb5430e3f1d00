/**
 * The built Fallbuch relay with its room log switched off, for the
 * durability-cost scenario only: the room log stores nothing (it counts row
 * numbers in memory; an append still seals its updates and runs its
 * transaction's checks) and compaction has nothing to do. Everything else —
 * HTTP API, session and access checks, ordered handling, broadcast — is the
 * unchanged build. Never a way to run Fallbuch: a restart loses every edit.
 */
// First, as main.ts does: the relay's V8 settings.
import '../../dist/server/server/src/v8Flags.js'
import { SqliteRoomTail } from '../../dist/server/server/src/storage/sqlite/sqliteRoomTail.js'

const nextSeq = new Map()
// Every room's next number is known, so the room log asks the database nothing for it.
SqliteRoomTail.prototype.knownHead = (room) => (nextSeq.get(room) ?? 1_000_000) - 1
// eslint-disable-next-line require-yield -- stores nothing
SqliteRoomTail.prototype.append = function* appendWithoutStoring(room, rows, firstSeq) {
  nextSeq.set(room, firstSeq + rows.length)
  return rows.map((_row, index) => firstSeq + index)
}

await import('../../dist/server/server/src/main.js')
