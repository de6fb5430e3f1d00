/** The key that seals a room's new rows, shared by both backends. */
import type { KeyObject } from 'node:crypto'
import { DataKeyUnavailable } from '../crypto/errors.js'
import { keyOwnerOfRoom } from '../crypto/keyOwners.js'
import type { Keyring } from '../crypto/Keyring.js'
import { caseIdOfStoredRoom } from './caseRooms.js'
import { CaseErasedError } from './Storage.js'

/**
 * The data key of `room`'s owner, created when missing. A destroyed case key
 * means the case was erased: that is reported as {@link CaseErasedError},
 * like an append that meets the tombstone (the relay closes with 4404).
 */
export async function sealingKeyOfRoom(keyring: Keyring, room: string): Promise<KeyObject> {
  try {
    return await keyring.dataKey(keyOwnerOfRoom(room))
  } catch (err) {
    const caseId = caseIdOfStoredRoom(room)
    if (err instanceof DataKeyUnavailable && err.reason === 'destroyed' && caseId !== null) {
      throw new CaseErasedError(caseId)
    }
    throw err
  }
}
