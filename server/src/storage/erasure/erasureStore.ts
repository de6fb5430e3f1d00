/**
 * Erasure of a case on either backend (issue 10): one transaction removes
 * every row and room of the case and leaves its tombstone; then the keys of
 * its unreleased supervision copies are destroyed and the freed storage is
 * reclaimed as far as the backend allows.
 */
import { insertRetainedBilling } from '../billing/billingStore.js'
import { deleteClientIds } from '../rooms/clientIdStore.js'
import { isErased } from '../rooms/roomStore.js'
import { storedRoomsOfCase } from '../rooms/roomNames.js'
import type { Dialect } from '../sql/Dialect.js'
import { all, get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { deleteCopy } from '../supervision/copyStore.js'
import type { ErasureStorage } from './ErasureStorage.js'

const SQL_LOCK_CASE_ROW = (d: Dialect): string => `SELECT 1 AS found FROM cases WHERE id = ?${d.forUpdate}`
const SQL_INSERT_TOMBSTONE = 'INSERT INTO erased_cases (case_id, erased_at, reason, erased_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'
const SQL_UNRELEASED_COPIES_OF_CASE = (d: Dialect): string => `SELECT id FROM supervision_copies WHERE source_case_id = ? AND released_at IS NULL${d.forUpdate}`
// Members, invitations, agreements, document versions, consent grants and the case's audit events go with it (ON DELETE CASCADE).
const SQL_ERASE_CASE = 'DELETE FROM cases WHERE id = ?'
const SQL_ERASED_CASE_IDS = 'SELECT case_id FROM erased_cases ORDER BY erased_at'

/** {@link ErasureStorage} on either backend. */
export function createErasureStore({ db, atRest, roomLog, reclaimErased }: StoreContext): ErasureStorage {
  return {
    async eraseCase(tombstone, retained = []) {
      const rooms = storedRoomsOfCase(tombstone.caseId)
      // Sealed before the transaction: keys are never fetched inside one (AtRest.ts).
      const sealedBilling = await atRest.sealBillingDetails(tombstone.caseId, retained)
      const erasedCopies: string[] = []
      const erased = await db.transaction(function* () {
        if ((yield* get(SQL_LOCK_CASE_ROW, tombstone.caseId)) === undefined) {
          return false
        }
        yield* roomLog.lock(rooms)
        yield* run(SQL_INSERT_TOMBSTONE, tombstone.caseId, tombstone.erasedAt, tombstone.reason, tombstone.erasedBy)
        yield* insertRetainedBilling(retained, sealedBilling)
        yield* roomLog.delete(rooms)
        yield* deleteClientIds(rooms)
        // Unreleased supervision copies go with the case (their redactions are
        // the case's text); released ones stay, unlinked by ON DELETE SET NULL.
        for (const { id } of yield* all<{ id: string }>(SQL_UNRELEASED_COPIES_OF_CASE, tombstone.caseId)) {
          yield* deleteCopy(roomLog, id)
          erasedCopies.push(id)
        }
        yield* run(SQL_ERASE_CASE, tombstone.caseId)
        return true
      })
      for (const copyId of erasedCopies) {
        await atRest.keyring.destroyCopyKey(copyId)
      }
      if (erased) {
        await reclaimErased()
      }
      return erased
    },

    isCaseErased: (caseId) => db.query(isErased(caseId)),

    erasedCaseIds: async () => (await db.query(all<{ case_id: string }>(SQL_ERASED_CASE_IDS))).map((row) => row.case_id),
  }
}
