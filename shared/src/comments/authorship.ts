/**
 * Who really wrote a tandem comment (issue 17). A comment's `authorId` and
 * `authorName` are whatever the writing client put there; the relay binds
 * every Yjs client id to the account that wrote with it
 * (`GET /api/cases/:id/rooms/notes/authors`), and the structs of the
 * comment name their client ids. A comment whose claimed author is not the
 * account behind those ids is flagged.
 */
import type * as Y from 'yjs'

/** The keys whose writer counts as the comment's author (not `resolved`: the other coach may set it). */
const AuthoredKeys = ['authorId', 'authorName', 'text', 'anchor'] as const

/**
 * The Yjs client ids that wrote a comment or reply map: first the one that
 * created the map, then any other that later set one of its authored keys.
 */
export function writerClientIds(map: Y.Map<unknown>): number[] {
  const ids: number[] = []
  const creator = map._item?.id.client
  if (creator !== undefined) {
    ids.push(creator)
  }
  for (const key of AuthoredKeys) {
    const item = map._map.get(key)
    if (item !== undefined && !item.deleted && !ids.includes(item.id.client)) {
      ids.push(item.id.client)
    }
  }
  return ids
}

/** The account bound to a client id, as the authors endpoint lists it. */
export interface BoundAccount {
  userId: string
  /** Null when the account is gone, or for the server's own changes (`@server`). */
  name: string | null
}

/** What the client shows about who wrote a comment. */
export interface Authorship {
  /** The account bound to the client id that created it; null while unknown (not fetched, or offline). */
  writer: BoundAccount | null
  /** Whether the claimed author differs from an account that wrote it (shown as "angegeben als … — geschrieben von …"). */
  mismatch: boolean
}

/**
 * Resolves a comment's authorship from its writers' client ids and the
 * room's bindings. Ids not (yet) in the bindings are left out: a mismatch is
 * only ever claimed from a known binding.
 */
export function resolveAuthorship(claimedAuthorId: string, writerIds: readonly number[], bindings: ReadonlyMap<number, BoundAccount>): Authorship {
  const accounts = writerIds.map((id) => bindings.get(id))
  const writer = accounts[0] ?? null
  const mismatch = accounts.some((account) => account !== undefined && account.userId !== claimedAuthorId)
  return { writer, mismatch }
}
