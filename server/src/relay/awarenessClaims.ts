/**
 * Which awareness entries of a connection the relay takes (contract §5,
 * issue 17): an awareness client id is bound to an account the way a
 * document client id is (limits/clientIdBindings.ts, in storage, so every
 * process and every later connection sees it). A connection sets the state
 * of an id only if the id is bound to its own account or to nobody yet (then
 * it is bound to its account now), so a caret can never be shown under
 * another account's name, not even after the id's owner left.
 *
 * The stock y-websocket provider re-broadcasts every awareness update it
 * receives, so entries for other connections' ids are normal traffic: an
 * entry no newer than what the relay holds is such an echo and is skipped
 * quietly, before anything is bound. A newer one for an id whose live state
 * belongs to another account, or bound to another account, is refused and
 * counted (not closed: the sender may be a stale tab).
 */
import type { Connection } from './Connection.js'
import type { AwarenessEntry } from './awareness.js'

/** What the relay does with one entry. */
type Verdict = 'accept' | 'skip' | 'refuse' | 'claim'

/** Ids each connection has bound (or found bound) to its account; a connection's ids stay bound for its life. */
const boundIds = new WeakMap<Connection, Set<number>>()

function judge(connection: Connection, entry: AwarenessEntry): Verdict {
  const room = connection.room
  if (entry.clientId === room.awareness.clientID) {
    return 'skip'
  }
  const owner = room.awarenessOwner(entry.clientId)
  if (owner === connection) {
    return 'accept'
  }
  const knownClock = room.awareness.meta.get(entry.clientId)?.clock ?? -1
  if (entry.clock <= knownClock) {
    return 'skip'
  }
  // A live state's account: one of this process's connections, or (scaled out) another process's.
  const holder = owner?.userId ?? (room.awareness.getStates().has(entry.clientId) ? room.awarenessAccount(entry.clientId) : undefined)
  if (holder !== undefined && holder !== connection.userId) {
    return 'refuse'
  }
  return 'claim'
}

/**
 * Binds the ids to the connection's account where they are unbound; resolves
 * with those bound to another account (nothing of theirs is bound).
 */
async function bindOrFindForeign(connection: Connection, ids: readonly number[]): Promise<Set<number>> {
  const bindings = connection.policy.clientIds
  let mine = boundIds.get(connection)
  if (mine === undefined) {
    mine = new Set()
    boundIds.set(connection, mine)
  }
  const unknown = [...new Set(ids)].filter((id) => !mine.has(id))
  if (!bindings || unknown.length === 0) {
    return new Set()
  }
  const foreign = new Set(await bindings.bindClientIds(connection.room.name, connection.userId, unknown))
  // bindClientIds binds all or nothing: the rest is bound again without the foreign ids.
  const rest = unknown.filter((id) => !foreign.has(id))
  if (foreign.size > 0 && rest.length > 0) {
    for (const id of await bindings.bindClientIds(connection.room.name, connection.userId, rest)) {
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

/**
 * The entries of an awareness update the connection may set; counts and
 * logs the refused ones. A same-account takeover (a reconnect that beat the
 * old socket's close) releases the id from the old connection.
 */
export async function acceptAwarenessEntries(connection: Connection, entries: readonly AwarenessEntry[]): Promise<AwarenessEntry[]> {
  const claims = entries.filter((entry) => entry.state !== null && judge(connection, entry) === 'claim').map((entry) => entry.clientId)
  const foreign = claims.length > 0 ? await bindOrFindForeign(connection, claims) : new Set<number>()
  const claimed = new Set(claims.filter((id) => !foreign.has(id)))
  // Judged again after the binding's wait: another connection may have taken an id meanwhile.
  return entries.filter((entry) => {
    const verdict = foreign.has(entry.clientId) ? 'refuse' : judge(connection, entry)
    switch (verdict) {
      case 'refuse':
        connection.refuseForeignAwareness(entry.clientId)
        return false
      case 'skip':
        return false
      case 'accept':
        return true
      case 'claim':
        // A state for an id not bound above (it became a claim only during the wait) waits for the client's next update.
        if (entry.state !== null && !claimed.has(entry.clientId)) {
          return false
        }
        connection.room.awarenessOwner(entry.clientId)?.awarenessIds.delete(entry.clientId)
        return true
    }
  })
}
