/**
 * One handler per frame type (y-websocket's `messageHandlers` table), each
 * written against the narrow {@link Peer} interface and given the frame
 * already decoded (decodeFrame.ts). A handler throws a MessageRefusedError
 * to close its peer with the matching code; it never affects another peer.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { canWrite } from '../../../shared/src/policy/access.js'
import { encodeAwarenessEntries, withVerifiedUser } from './awareness.js'
import { acceptAwarenessEntries } from './awarenessClaims.js'
import type { Frame, FrameType } from './decodeFrame.js'
import { decodeOrReject } from './MalformedMessageError.js'
import { EmptyAwareness, encodeAwareness, encodeSyncStep2 } from './messages.js'
import type { Peer } from './Peer.js'
import { writeUpdate } from './writeUpdate.js'

/** Handles one decoded frame of a peer. */
export type FrameHandler<T extends FrameType> = (peer: Peer, frame: Extract<Frame, { type: T }>) => Promise<void> | void

/** Sync step 1: answered with step 2 — after every earlier frame of the peer, so after its updates are committed. */
function handleStep1(peer: Peer, frame: Extract<Frame, { type: 'sync-step1' }>): void {
  // This runs only after every earlier message of this connection was
  // handled (Connection's queue) and so after its updates are committed.
  // Clients rely on that: a step 2 answering their step 1 is the proof
  // that the relay durably holds everything they sent before it.
  peer.send(encodeSyncStep2(peer.room.doc, frame.stateVector))
}

/** Sync step 2 and update: written by a writer, dropped (counted) from a reader. */
async function handleUpdate(peer: Peer, frame: Extract<Frame, { type: 'sync-step2' | 'update' }>): Promise<void> {
  if (!canWrite(peer.access)) {
    // Contract §5: a read-only connection's writes are dropped, counted and
    // logged (never the content); its step 1 is still answered so it can
    // catch up. Garbage still closes it (4400), as from anyone.
    decodeOrReject('update', () => Y.decodeUpdate(frame.update))
    peer.dropReadOnlyWrite()
    return
  }
  await writeUpdate(peer, frame.update)
}

/**
 * Contract §5: a peer's awareness carries only client ids bound to its
 * account (awarenessClaims.ts, issue 17), and the name shown comes from the
 * verified account. Invalid or oversized states closed the peer already
 * (decodeFrame). Entries for another account's ids are dropped (counted,
 * logged), not closed: the sender may be a stale tab.
 */
async function handleAwareness(peer: Peer, frame: Extract<Frame, { type: 'awareness' }>): Promise<void> {
  const accepted = await acceptAwarenessEntries(peer, frame.entries)
  if (accepted.length === 0) {
    return
  }
  const verified = accepted.map((entry) => ({ ...entry, state: withVerifiedUser(entry.state, peer) }))
  awarenessProtocol.applyAwarenessUpdate(peer.room.awareness, encodeAwarenessEntries(verified), peer)
}

function handleQueryAwareness(peer: Peer): void {
  // A room nobody sent awareness to answers with no states, without making its awareness (issue 21).
  const ids = peer.room.awarenessClientIds()
  peer.send(ids.length > 0 ? encodeAwareness(peer.room.awareness, ids) : EmptyAwareness)
}

/** The dispatch table: one handler per frame type. */
export const frameHandlers: { readonly [T in FrameType]: FrameHandler<T> } = {
  'sync-step1': handleStep1,
  'sync-step2': handleUpdate,
  update: handleUpdate,
  awareness: handleAwareness,
  'query-awareness': handleQueryAwareness,
}

/** Hands a frame to its handler. */
export function handleFrame(peer: Peer, frame: Frame): Promise<void> | void {
  // The table is keyed by the frame's own type; TypeScript cannot follow that correlation.
  const handler = frameHandlers[frame.type] as FrameHandler<FrameType>
  return handler(peer, frame)
}
