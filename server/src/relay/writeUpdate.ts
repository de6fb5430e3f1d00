/**
 * How an update travels, from a client's socket to every other client:
 *
 * 1. Connection.receive copies the frame, checks the rate limits and
 *    decodes it once into a typed frame (decodeFrame.ts); frames wait in the
 *    connection's queue and are handled strictly in order, runs of update
 *    frames merged into one.
 * 2. The update handler (messageHandlers.ts) drops a read-only peer's writes
 *    (counted) and hands a writer's update to {@link writeUpdate}, here.
 * 3. Here the update is checked (issue 9: it must decode and integrate
 *    completely — no missing structs — within the size and nesting bounds),
 *    its client ids are bound to the writer's account, and what it does is
 *    judged against the room's schema and the writer's role on a scratch
 *    copy of the room (contract §8.2, room/UpdateJudge.ts; rich text without
 *    the copy, room/fragmentRoots.ts: refused with
 *    4400 'update refused', stored nowhere); an update that
 *    depends on structs the room lacks waits on the peer (WaitingUpdates)
 *    and is tried again after each later update of the same peer commits.
 *    Garbage never reaches the log or the room's document.
 * 4. The room's commit queue (room/CommitQueue.ts) commits it — one
 *    transaction per event-loop turn —, then, scaled out, publishes it and
 *    applies rows other processes committed before it (room/FanoutFollower.ts),
 *    then applies it to the document and forwards it to every other
 *    connection (contract §6: commit, then apply, then forward), then runs
 *    the after-commit hooks (hooks/) and the compaction policy.
 * 5. The handler resolves only then, so a later sync step 1 of the same
 *    peer is answered after its updates are durable (the client's
 *    acknowledgement probe relies on it).
 */
import type { UpdateRefusal } from '../../../shared/src/caseDocument/checkUpdate.js'
import { errorMessage } from '../../../shared/src/errors.js'
import { MalformedMessageError, MessageTooLargeError, UpdateRefusedError } from './MalformedMessageError.js'
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
  // Contract §8.2, right before the commit queue (nothing awaited between a
  // judgement and the submit): the room's scratch copy now holds the update,
  // and the queue takes it in the same order. Rich text is judged from the
  // update itself, without the copy or the case's members.
  let refusal: UpdateRefusal | null = null
  if (!judged(() => peer.room.acceptRichText(update, peer.role, verdict.decoded))) {
    // Read before the judgement: a participant may name only a member of the case (issue 16).
    const memberIds = await peer.room.memberIdsToJudge()
    refusal = judged(() => peer.room.judgeUpdate(update, peer.role, memberIds))
  }
  if (refusal !== null) {
    // The reason and the schema path, never content (a root's name is left out: the writer chose it).
    const detail = refusal.reason === 'unknownRoot' ? '' : `: ${refusal.detail}`
    throw new UpdateRefusedError(`update refused (${refusal.reason})${detail}`, { hoursLocked: refusal.reason === 'hoursLocked' })
  }
  await peer.room.submitUpdate(update, peer)
  peer.noteWrite()
  return true
}

/** Runs a judgement; its failure is the relay's, not the writer's. */
function judged<T>(judge: () => T): T {
  try {
    return judge()
  } catch (err) {
    throw new Error(`judging the update failed: ${errorMessage(err)}`, { cause: err })
  }
}

/** Tries the waiting updates again until none of them can go in. */
async function submitWaiting(peer: Peer): Promise<void> {
  let progress = peer.hasWaitingUpdates
  while (progress) {
    progress = false
    for (const update of peer.waiting.takeAll()) {
      if (await submitIfComplete(peer, update)) {
        progress = true
      }
    }
  }
}
