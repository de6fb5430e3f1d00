/**
 * Awareness client ids bound to accounts (contract §5, issue 17): an
 * awareness client id is bound to an account the way a document client id
 * is (limits/clientIdBindings.ts, in storage, so every process and every
 * later connection sees it). A peer sets the state of an id only if the id
 * is bound to its own account or to nobody yet (then it is bound to its
 * account now), so a caret can never be shown under another account's name,
 * not even after the id's owner left. The judgement of echoes, takeovers and
 * live foreign states stays with the room's AwarenessAccounts; this module
 * adds the binding in front of it.
 */
import type { AwarenessEntry } from './awareness.js'
import type { Peer } from './Peer.js'

/** Ids each peer has bound (or found bound) to its account; a peer's ids stay bound for its life. */
const boundIds = new WeakMap<Peer, Set<number>>()

/**
 * Whether the entry would give the peer an id it does not hold yet: a state,
 * newer than the relay's (an echo is never bound), for an id no other
 * account holds live (that one is refused by the judgement anyway).
 */
function claims(peer: Peer, entry: AwarenessEntry): boolean {
  if (entry.state === null || entry.clientId === peer.room.awareness.clientID || peer.room.awarenessAccounts.ownerOf(entry.clientId) === peer || !isNewer(peer, entry)) {
    return false
  }
  const holder = liveHolder(peer, entry.clientId)
  return holder === undefined || holder === peer.userId
}

/** Whether the entry is newer than the state the relay holds for its id (else an echo). */
function isNewer(peer: Peer, entry: AwarenessEntry): boolean {
  return entry.clock > (peer.room.awareness.meta.get(entry.clientId)?.clock ?? -1)
}

/** The account holding a live state of the id: one of this process's peers, or (scaled out) another process's. */
function liveHolder(peer: Peer, clientId: number): string | undefined {
  const { awareness, awarenessAccounts } = peer.room
  return awarenessAccounts.ownerOf(clientId)?.userId ?? (awareness.getStates().has(clientId) ? awarenessAccounts.accountOf(clientId) : undefined)
}

/** Binds the ids to the peer's account where they are unbound; resolves with those bound to another account. */
async function bindOrFindForeign(peer: Peer, ids: readonly number[]): Promise<Set<number>> {
  const bindings = peer.clientIdBindings
  let mine = boundIds.get(peer)
  if (mine === undefined) {
    mine = new Set()
    boundIds.set(peer, mine)
  }
  const unknown = [...new Set(ids)].filter((id) => !mine.has(id))
  if (!bindings || unknown.length === 0) {
    return new Set()
  }
  const foreign = new Set(await bindings.bindClientIds(peer.room.name, peer.userId, unknown))
  // bindClientIds binds all or nothing: the rest is bound again without the foreign ids.
  const rest = unknown.filter((id) => !foreign.has(id))
  if (foreign.size > 0 && rest.length > 0) {
    for (const id of await bindings.bindClientIds(peer.room.name, peer.userId, rest)) {
      foreign.add(id)
    }
  }
  for (const id of unknown) {
    if (!foreign.has(id)) {
      mine.add(id)
    }
  }
  return foreign
}

/** The entries of an awareness update the peer may set; counts and logs the refused ones. */
export async function acceptAwarenessEntries(peer: Peer, entries: readonly AwarenessEntry[]): Promise<AwarenessEntry[]> {
  const claimed = entries.filter((entry) => claims(peer, entry)).map((entry) => entry.clientId)
  const foreign = claimed.length > 0 ? await bindOrFindForeign(peer, claimed) : new Set<number>()
  const bound = boundIds.get(peer)
  // Judged after the binding's wait, synchronously up to the apply: another peer may have acted meanwhile.
  return entries.filter((entry) => {
    if (foreign.has(entry.clientId)) {
      peer.refuseForeignAwareness(entry.clientId)
      return false
    }
    const held = peer.room.awarenessAccounts.ownerOf(entry.clientId) === peer
    // A state for an id the peer neither holds nor has bound is never taken: an echo, another account's
    // live id (refused and counted), or one that became claimable only during the wait.
    if (!held && entry.state !== null && peer.clientIdBindings !== undefined && !(bound?.has(entry.clientId) ?? false)) {
      const holder = liveHolder(peer, entry.clientId)
      if (isNewer(peer, entry) && holder !== undefined && holder !== peer.userId) {
        peer.refuseForeignAwareness(entry.clientId)
      }
      return false
    }
    const verdict = peer.room.awarenessAccounts.judge(peer, entry)
    if (verdict === 'foreign') {
      peer.refuseForeignAwareness(entry.clientId)
    }
    return verdict === 'accept'
  })
}
