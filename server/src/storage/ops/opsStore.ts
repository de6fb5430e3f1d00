/** The {@link OperationsStorage} of either backend. */
import { caseKeyOwner, copyKeyOwner } from '../../crypto/keyOwners.js'
import { all } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { OperationsStorage } from './OperationsStorage.js'

const SQL_CASE_IDS = 'SELECT id FROM cases ORDER BY id'
const SQL_COPY_IDS = 'SELECT id FROM supervision_copies ORDER BY id'

/** Owners are looked up in slices, so a large installation does not send one huge list. */
const SliceSize = 500

/** The ops port over one database and its keystore. */
export function createOpsStore({ db, atRest }: StoreContext): OperationsStorage {
  const keyStore = atRest.keyring.keyStore
  async function withoutKey(ids: readonly string[], ownerOf: (id: string) => string): Promise<string[]> {
    const missing: string[] = []
    for (let start = 0; start < ids.length; start += SliceSize) {
      const slice = ids.slice(start, start + SliceSize)
      const found = new Set((await keyStore.find(slice.map(ownerOf))).map((row) => row.owner))
      missing.push(...slice.filter((id) => !found.has(ownerOf(id))))
    }
    return missing
  }
  return {
    checkDatabase: () => db.ping(),
    checkKeystore: () => keyStore.ping(),
    async ownersWithoutDataKey() {
      const caseIds = (await db.query(all<{ id: string }>(SQL_CASE_IDS))).map((row) => row.id)
      const copyIds = (await db.query(all<{ id: string }>(SQL_COPY_IDS))).map((row) => row.id)
      return { caseIds: await withoutKey(caseIds, caseKeyOwner), copyIds: await withoutKey(copyIds, copyKeyOwner) }
    },
  }
}
