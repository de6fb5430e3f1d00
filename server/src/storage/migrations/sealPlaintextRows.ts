/**
 * The one-time data move of encryption at rest: seals the room updates,
 * case titles, consent purposes and supervision copy texts an installation
 * from before encryption at rest stored in plaintext. Keys are created
 * first (committed in the keystore); the rows and the marker change in one
 * transaction under the migration lock, so a crash leaves either all rows
 * plain and no marker (the next start does it again, reusing the keys) or
 * all sealed with the marker; of several processes starting together one
 * does it.
 */
import { caseKeyOwner, copyKeyOwner, keyOwnerOfRoom } from '../../crypto/keyOwners.js'
import { sealCaseTitle, sealConsentPurpose } from '../../crypto/atRest.js'
import { all, get, lock, run, type Query } from '../sql/query.js'
import type { MoveContext } from './Migration.js'

const SQL_SEALED_MARKER = 'SELECT sealed_at FROM at_rest_encryption WHERE id = 1'
const SQL_SET_SEALED_MARKER = 'INSERT INTO at_rest_encryption (id, sealed_at) VALUES (1, ?)'
const SQL_ROOMS_WITH_ROWS = 'SELECT DISTINCT room FROM room_updates'
const SQL_ROOM_ROWS_AFTER = 'SELECT room, seq, data FROM room_updates WHERE (room, seq) > (?, ?) ORDER BY room, seq LIMIT 500'
const SQL_SET_ROOM_ROW = 'UPDATE room_updates SET data = ? WHERE room = ? AND seq = ?'
const SQL_ALL_TITLES = 'SELECT id, title FROM cases'
const SQL_SET_TITLE = 'UPDATE cases SET title = ? WHERE id = ?'
const SQL_ALL_PURPOSES = 'SELECT id, case_id, purpose FROM consent_grants'
const SQL_SET_PURPOSE = 'UPDATE consent_grants SET purpose = ? WHERE id = ?'
const SQL_ALL_COPY_TEXTS = 'SELECT id, title, redactions FROM supervision_copies'
const SQL_SET_COPY_TEXTS = 'UPDATE supervision_copies SET title = ?, redactions = ? WHERE id = ?'

/** The owners whose keys the move needs. */
function* keyOwners(): Query<string[]> {
  const rooms = yield* all<{ room: string }>(SQL_ROOMS_WITH_ROWS)
  const cases = yield* all<{ id: string }>(SQL_ALL_TITLES)
  const copies = yield* all<{ id: string }>(SQL_ALL_COPY_TEXTS)
  return [...rooms.map((row) => keyOwnerOfRoom(row.room)), ...cases.map((row) => caseKeyOwner(row.id)), ...copies.map((row) => copyKeyOwner(row.id))]
}

/** Seals the plaintext rows once; a database with the marker is left as it is. */
export async function sealPlaintextRows({ db, atRest, afterRewrite }: MoveContext): Promise<void> {
  if ((await db.query(get(SQL_SEALED_MARKER))) !== undefined) {
    return
  }
  const keyOf = await atRest.keys(await db.query(keyOwners()), { create: true })
  const counts = await db.transaction(
    function* () {
      yield* lock('migrations')
      if ((yield* get(SQL_SEALED_MARKER)) !== undefined) {
        return null
      }
      let roomUpdates = 0
      for (let after: [string, number | string] = ['', 0]; ; ) {
        const batch = yield* all<{ room: string; seq: number | string; data: Uint8Array }>(SQL_ROOM_ROWS_AFTER, ...after)
        for (const row of batch) {
          yield* run(SQL_SET_ROOM_ROW, atRest.sealUpdate(keyOf(keyOwnerOfRoom(row.room)), row.room, row.data), row.room, row.seq)
        }
        roomUpdates += batch.length
        const last = batch.at(-1)
        if (last === undefined) {
          break
        }
        after = [last.room, last.seq]
      }
      const titles = yield* all<{ id: string; title: string }>(SQL_ALL_TITLES)
      for (const row of titles) {
        yield* run(SQL_SET_TITLE, sealCaseTitle(keyOf(caseKeyOwner(row.id)), row.id, row.title), row.id)
      }
      const purposes = yield* all<{ id: string; case_id: string; purpose: string }>(SQL_ALL_PURPOSES)
      for (const row of purposes) {
        yield* run(SQL_SET_PURPOSE, sealConsentPurpose(keyOf(caseKeyOwner(row.case_id)), row.case_id, row.id, row.purpose), row.id)
      }
      const copies = yield* all<{ id: string; title: string; redactions: string }>(SQL_ALL_COPY_TEXTS)
      for (const row of copies) {
        const key = keyOf(copyKeyOwner(row.id))
        yield* run(SQL_SET_COPY_TEXTS, atRest.sealCopyText(key, row.id, 'title', row.title), atRest.sealCopyText(key, row.id, 'redactions', row.redactions), row.id)
      }
      yield* run(SQL_SET_SEALED_MARKER, new Date().toISOString())
      return { roomUpdates, cases: titles.length, consentGrants: purposes.length, supervisionCopies: copies.length }
    },
    { immediate: true },
  )
  if (counts !== null && Object.values(counts).some((n) => n > 0)) {
    await afterRewrite(counts)
  }
}
