/**
 * The built Fallbuch relay with its room log switched off, for the
 * durability-cost scenario only: `appendUpdates` commits nothing (it counts
 * row numbers in memory) and compaction has nothing to do. Everything else —
 * HTTP API, session and access checks, ordered handling, broadcast — is the
 * unchanged build. Never a way to run Fallbuch: a restart loses every edit.
 */
import { SqliteStorage } from '../../dist/server/server/src/storage/sqlite/SqliteStorage.js'

const nextSeq = new Map()
SqliteStorage.prototype.appendUpdates = async function appendWithoutStoring(room, updates) {
  const first = nextSeq.get(room) ?? 1_000_000
  nextSeq.set(room, first + updates.length)
  return { seqs: updates.map((_update, index) => first + index), rows: 1 }
}
SqliteStorage.prototype.compact = async function compactNothing() {}

await import('../../dist/server/server/src/main.js')
