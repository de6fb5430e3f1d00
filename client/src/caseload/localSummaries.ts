/**
 * Reads a case's summary from this device's local copies (IndexedDB) of its
 * plan and notes rooms: read into a Y.Doc without a provider, so no socket
 * is opened and nothing is written; read, then destroyed.
 */
import * as Y from 'yjs'
import { summariseCaseDocs, type CaseDocSummary } from '../../../shared/src/process/caseSummary.js'
import { formatRoomName } from '../../../shared/src/protocol/roomName.js'
import { isRoomRemembered, roomDatabaseName } from '../sync/localData.js'
import { loadLocalCopy } from '../sync/localRecovery.js'

/** How long to wait for one local database before giving up on it. */
const LocalReadTimeoutMs = 5_000

/** Reads a room's local copy into a new doc; only reads (the copy is written by the open room alone). */
async function loadLocalDoc(userId: string, roomName: string): Promise<{ doc: Y.Doc; close: () => void }> {
  const doc = new Y.Doc()
  const close = (): void => doc.destroy()
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const loaded = await Promise.race([
      loadLocalCopy(roomDatabaseName(userId, roomName), (update) => Y.applyUpdate(doc, update)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`local copy of ${roomName} did not load`)), LocalReadTimeoutMs)
      }),
    ])
    if (loaded.problem !== null) {
      throw new Error(`local copy of ${roomName} cannot be read (${loaded.problem})`)
    }
  } catch (err) {
    close()
    throw err
  } finally {
    clearTimeout(timer)
  }
  return { doc, close }
}

/**
 * The summary of a case from its local copies. Undefined when this device
 * never had the plan room (no database is created just to look); null when
 * the local plan cannot be read.
 */
export async function readLocalSummary(userId: string, caseId: string): Promise<CaseDocSummary | null | undefined> {
  const planRoom = formatRoomName({ kind: 'plan', caseId })
  const notesRoom = formatRoomName({ kind: 'notes', caseId })
  if (!isRoomRemembered(userId, planRoom)) {
    return undefined
  }
  const plan = await loadLocalDoc(userId, planRoom)
  try {
    if (!isRoomRemembered(userId, notesRoom)) {
      return summariseCaseDocs(plan.doc, new Y.Doc())
    }
    const notes = await loadLocalDoc(userId, notesRoom)
    try {
      return summariseCaseDocs(plan.doc, notes.doc)
    } finally {
      notes.close()
    }
  } finally {
    plan.close()
  }
}
