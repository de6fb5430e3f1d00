/**
 * The write path of a client's update, up to the room's commit queue:
 * checked (issue 9: it must decode and integrate completely — no missing
 * structs — within the size and nesting bounds), its client ids bound to
 * the writer's account, then submitted to the commit queue, which commits,
 * applies and forwards it (room/CommitQueue.ts). Garbage never reaches the
 * log or the room's document.
 *
 * An update that depends on structs the room lacks waits on the peer (see
 * WaitingUpdates) and is tried again after each later update of the same
 * peer commits.
 */
import { MalformedMessageError, MessageTooLargeError } from './MalformedMessageError.js'
import type { Peer } from './Peer.js'
import { validateUpdate } from './validateUpdate.js'

/** Writes a peer's update (the peer may write); then the updates that waited for it. */
export async function writeUpdate(peer: Peer, update: Uint8Array): Promise<void> {
  if (await submitIfComplete(peer, update)) {
    // Updates that waited for structs this one carried can go in now.
    await submitWaiting(peer)
  }
}

/** Validates an update and commits it; one with missing structs waits instead. Resolves whether it was submitted. */
async function submitIfComplete(peer: Peer, update: Uint8Array): Promise<boolean> {
  const { maxUpdateStructs, maxUpdateDepth } = peer.limits
  const verdict = validateUpdate(peer.room.doc, update, { maxStructs: maxUpdateStructs, maxDepth: maxUpdateDepth })
  if (!verdict.ok) {
    if (verdict.reason === 'missingDependencies') {
      if (!peer.waiting.hold(update)) {
        throw new MalformedMessageError(`too many updates waiting for missing structs (${verdict.detail})`)
      }
      return false
    }
    throw verdict.reason === 'tooLarge' ? new MessageTooLargeError(verdict.detail) : new MalformedMessageError(verdict.detail)
  }
  if (verdict.empty) {
    return false
  }
  await peer.bindClientIds(verdict.writtenClientIds)
  await peer.room.submitUpdate(update, peer)
  peer.noteWrite()
  return true
}

/** Tries the waiting updates again until none of them can go in. */
async function submitWaiting(peer: Peer): Promise<void> {
  let progress = peer.waiting.size > 0
  while (progress) {
    progress = false
    for (const update of peer.waiting.takeAll()) {
      if (await submitIfComplete(peer, update)) {
        progress = true
      }
    }
  }
}
