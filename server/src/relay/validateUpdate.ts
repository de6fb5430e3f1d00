/**
 * Checks a client's Yjs update against a room's document before the update
 * is stored or applied (issue 9, hostile frames).
 *
 * Why: `Y.applyUpdate` integrates what it can and parks the rest in
 * `store.pendingStructs` / `pendingDs` when a struct depends on something
 * the document lacks. Such an update would sit in the room forever and be
 * re-sent with every sync step 2; a malformed one can also throw half-way
 * through a transaction, after part of it is applied. So an update is only
 * accepted when it would integrate completely.
 *
 * How (fast, no copy of the room): the update is decoded once
 * (`Y.decodeUpdate`, which reads every struct and its content, so a
 * truncated or garbled update fails here) and its integration is simulated
 * on clocks only, the way Yjs' own `integrateStructs` orders it:
 *
 * - `available[c]` starts at the room's state for client c; a client's
 *   structs are taken in clock order and each must start at or below
 *   `available[c]` (no gap; a Skip struct adds nothing, so a struct after
 *   one needs the room to hold the skipped range);
 * - an Item may integrate once its origin, right origin and parent id (the
 *   dependencies `Item.getMissing` checks) are below `available` of their
 *   clients; a client blocked on another one waits until that one advances,
 *   so dependencies between clients inside the update resolve in any order
 *   and cycles stay unresolved;
 * - every delete range must lie below the final `available` (otherwise Yjs
 *   keeps it in `pendingDs`).
 *
 * Anything left unresolved means a missing dependency: the update is
 * refused. The same pass bounds the update's size (structs plus delete
 * ranges) and the nesting depth of the shared types it creates, and lists
 * the client ids it writes new structs for (client id binding). It costs
 * O(structs · log structs) plus an ancestor walk per referenced room type
 * (cached), and never touches the room's document.
 */
import * as Y from 'yjs'
import { structAt } from './structAt.js'

/** Bounds of one update. */
export interface UpdateLimits {
  /** Structs plus delete ranges in one update; more is refused as too large. */
  maxStructs: number
  /** Nesting depth of shared types (a root type is 1); deeper is refused. */
  maxDepth: number
}

/** Why an update was refused. */
export type UpdateRefusal = 'malformed' | 'missingDependencies' | 'tooLarge' | 'tooDeep'

/** The outcome of {@link validateUpdate}. */
export type UpdateVerdict =
  | {
      ok: true
      /** No structs and no deletions: nothing to store. */
      empty: boolean
      /** Client ids the update adds new structs for (beyond the room's state). */
      writtenClientIds: number[]
      /** The update as decoded here (the update check reads its structs once more, room/fragmentRoots.ts). */
      decoded: ReturnType<typeof Y.decodeUpdate>
    }
  | { ok: false; reason: UpdateRefusal; detail: string }

type Struct = Y.Item | Y.GC | Y.Skip

function refuse(reason: UpdateRefusal, detail: string): UpdateVerdict {
  return { ok: false, reason, detail }
}

/** Validates `update` against `doc` (the room's document); see the file comment. */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return refuse('malformed', 'could not decode update')
  }
  let size = decoded.structs.length
  for (const ranges of decoded.ds.clients.values()) {
    size += ranges.length
  }
  if (size > limits.maxStructs) {
    return refuse('tooLarge', `update with ${size} structs and delete ranges`)
  }
  if (size === 0) {
    return { ok: true, empty: true, writtenClientIds: [], decoded }
  }

  // Structs per client, in clock order. Yjs keeps only the last block of a
  // client listed twice (a Map keyed by client), so such an update would not
  // integrate the way it reads: refuse it.
  const byClient = new Map<number, Struct[]>()
  let previousClient: number | undefined
  for (const struct of decoded.structs as Struct[]) {
    const client = struct.id.client
    if (client !== previousClient) {
      if (byClient.has(client)) {
        return refuse('malformed', 'client listed twice in one update')
      }
      byClient.set(client, [])
      previousClient = client
    }
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) {
      return refuse('malformed', 'subdocuments are not used')
    }
    byClient.get(client)?.push(struct)
  }

  const store = doc.store
  const roomState = (client: number): number => Y.getState(store, client)
  const available = new Map<number, number>()
  const availableOf = (client: number): number => available.get(client) ?? roomState(client)

  // Depth of the type an item of the update lives in (a root type is 1).
  const parentDepth = new Map<Y.Item, number>()
  const roomTypeDepths = new Map<Y.AbstractType<unknown>, number>()
  const depthOfRoomType = (type: Y.AbstractType<unknown>): number => {
    const chain: Y.AbstractType<unknown>[] = []
    let depth = 0
    let current: Y.AbstractType<unknown> | null = type
    while (current !== null) {
      const known = roomTypeDepths.get(current)
      if (known !== undefined) {
        depth = known
        break
      }
      chain.push(current)
      const parent: unknown = current._item?.parent ?? null
      current = parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>) : null
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      depth += 1
      roomTypeDepths.set(chain[i] as Y.AbstractType<unknown>, depth)
    }
    return depth
  }
  const structInUpdate = (id: Y.ID): Struct | undefined => structAt(byClient.get(id.client), id.clock)
  // Depth of the type `id` names as a parent; 0 when it is no type (Yjs then garbage-collects the child).
  const typeDepthAt = (id: Y.ID): number => {
    if (id.clock < roomState(id.client)) {
      const item = Y.getItem(store, id) as Y.Item | Y.GC
      return item instanceof Y.Item && item.content instanceof Y.ContentType ? depthOfRoomType(item.content.type) : 0
    }
    const struct = structInUpdate(id)
    return struct instanceof Y.Item && struct.content instanceof Y.ContentType ? (parentDepth.get(struct) ?? 0) + 1 : 0
  }
  // Depth of the type the struct at `id` lives in (an item without a parent id inherits its neighbour's).
  const siblingDepthAt = (id: Y.ID): number => {
    if (id.clock < roomState(id.client)) {
      const item = Y.getItem(store, id) as Y.Item | Y.GC
      return item instanceof Y.Item && item.parent instanceof Y.AbstractType ? depthOfRoomType(item.parent) : 0
    }
    const struct = structInUpdate(id)
    return struct instanceof Y.Item ? (parentDepth.get(struct) ?? 0) : 0
  }
  const missingDependency = (item: Y.Item): number | null => {
    for (const dep of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (dep !== null && dep.clock >= availableOf(dep.client)) {
        return dep.client
      }
    }
    return null
  }

  const position = new Map<number, number>()
  const waiting = new Map<number, number[]>()
  const queue = [...byClient.keys()]
  while (queue.length > 0) {
    const client = queue.pop() as number
    const list = byClient.get(client) as Struct[]
    let index = position.get(client) ?? 0
    let advanced = false
    while (index < list.length) {
      const struct = list[index] as Struct
      if (struct instanceof Y.Skip) {
        index += 1
        continue
      }
      const start = availableOf(client)
      if (struct.id.clock > start) {
        break // a gap in this client's own structs: nothing can fill it
      }
      if (struct instanceof Y.Item) {
        const blocker = missingDependency(struct)
        if (blocker !== null) {
          const waiters = waiting.get(blocker) ?? []
          waiters.push(client)
          waiting.set(blocker, waiters)
          break
        }
        const depth =
          typeof struct.parent === 'string'
            ? 1
            : struct.parent instanceof Y.ID
              ? typeDepthAt(struct.parent)
              : struct.origin !== null
                ? siblingDepthAt(struct.origin)
                : struct.rightOrigin !== null
                  ? siblingDepthAt(struct.rightOrigin)
                  : 0
        parentDepth.set(struct, depth)
        if (struct.content instanceof Y.ContentType && depth + 1 > limits.maxDepth) {
          return refuse('tooDeep', `shared types nested deeper than ${limits.maxDepth}`)
        }
      }
      const end = struct.id.clock + struct.length
      if (end > start) {
        available.set(client, end)
        advanced = true
      }
      index += 1
    }
    position.set(client, index)
    if (advanced) {
      const waiters = waiting.get(client)
      if (waiters) {
        waiting.delete(client)
        queue.push(...waiters)
      }
    }
  }
  for (const [client, list] of byClient) {
    if ((position.get(client) ?? 0) < list.length) {
      return refuse('missingDependencies', 'update depends on structs the room does not have')
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const end = availableOf(client)
    for (const range of ranges) {
      if (range.clock + range.len > end) {
        return refuse('missingDependencies', 'update deletes structs the room does not have')
      }
    }
  }
  const writtenClientIds = [...available.entries()].filter(([client, end]) => end > roomState(client)).map(([client]) => client)
  return { ok: true, empty: false, writtenClientIds, decoded }
}
