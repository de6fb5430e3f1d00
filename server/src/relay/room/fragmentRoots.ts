/**
 * The roots an update changes, when all it changes is rich text: read from
 * the update's structs and delete set against the room's document, without
 * applying it anywhere (issue 21).
 *
 * Why: the update check (contract §8.2, UpdateJudge) applies every update
 * to a scratch copy of the room and judges the changed roots. Rich-text
 * fragments (phase notes, minutes, report parts, the plan's approach,
 * confidential text) have no schema beyond their root's name and type
 * (roomSchemas.ts rootIssues), so for an update that touches only them
 * the verdict follows from which roots it touches. Typing is nearly every
 * update; in a CPU profile of the ramp the scratch copy's apply and check
 * were about a sixth of the relay's work per update, and the copy a third
 * of an open room's heap.
 *
 * How: the place of each struct is found the way Yjs integrates it
 * (Item.getMissing): a root key, a parent id (the parent struct's type),
 * or else the parent of its origin, or of its right origin. Structs of the
 * room are looked up in its store, structs of the update in the update
 * (validateUpdate made sure every dependency is in one of the two). A
 * deleted range is looked up struct by struct. The result is null (judge
 * on the scratch copy) when anything is not plainly rich text:
 * - a root that is no fragment of the room kind (or unknown);
 * - an entry with a map key directly in a root (a fragment holds a list);
 * - a GC struct (in the update, or met as origin or parent in the room);
 * - a parent that is no shared type;
 * - more lookups or nesting than the bounds below (a client's full sync
 *   step 2 carries every deletion it ever made).
 */
import * as Y from 'yjs'
import { rootTypeOf } from '../../../../shared/src/caseDocument/roomSchemas.js'
import type { RoomKind } from '../../../../shared/src/protocol/roomName.js'
import { structAt } from '../structAt.js'

/** An update as Y.decodeUpdate reads it (validateUpdate's verdict carries it). */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** Structs looked up in the room's store, at most; beyond, the scratch copy judges. */
const MaxLookups = 256
/** Parent and origin chains followed inside one update, at most. */
const MaxChain = 64

/** Where a struct sits: its root's name, and the map key it has when it sits directly in the root. */
interface Place {
  root: string
  direct: boolean
  parentSub: string | null
}

/** Any shared type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>

type Struct = Y.Item | Y.GC

/** The fragment roots `decoded` changes in a room of `kind`; null when it may change anything else. */
export function fragmentRootsOf(doc: Y.Doc, decoded: DecodedUpdate, kind: RoomKind): Set<string> | null {
  const byClient = new Map<number, Y.Item[]>()
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) {
      continue
    }
    if (!(struct instanceof Y.Item)) {
      return null
    }
    const list = byClient.get(struct.id.client)
    if (list === undefined) {
      byClient.set(struct.id.client, [struct])
    } else {
      list.push(struct)
    }
  }
  const places = new UpdatePlaces(doc, byClient)
  const roots = new Set<string>()
  const add = (place: Place | null): boolean => {
    if (place === null || rootTypeOf(kind, place.root) !== 'fragment' || (place.direct && place.parentSub !== null)) {
      return false
    }
    roots.add(place.root)
    return true
  }
  for (const list of byClient.values()) {
    for (const item of list) {
      if (!add(places.of(item, 0))) {
        return null
      }
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const struct = places.structAt(Y.createID(client, at))
        if (struct === null) {
          return null
        }
        // A GC struct is deleted already: deleting it again changes nothing.
        if (struct instanceof Y.Item && !add(places.of(struct, 0))) {
          return null
        }
        at = struct.id.clock + struct.length
      }
    }
  }
  return roots
}

/** Places of structs of the room and of one update; past a bound, every lookup answers null (so the update goes to the copy). */
class UpdatePlaces {
  private readonly store: Y.Doc['store']
  private readonly rootNames = new Map<AnyType, string>()
  private readonly known = new Map<Y.Item, Place | null>()
  private lookups = 0

  constructor(
    doc: Y.Doc,
    private readonly inUpdate: ReadonlyMap<number, readonly Y.Item[]>,
  ) {
    this.store = doc.store
    doc.share.forEach((type, name) => this.rootNames.set(type, name))
  }

  /** The struct holding `id`, in the room or in the update; null when neither has it or the bound is spent. */
  structAt(id: Y.ID): Struct | null {
    if (id.clock < Y.getState(this.store, id.client)) {
      this.lookups += 1
      return this.lookups <= MaxLookups ? (Y.getItem(this.store, id) as Struct) : null
    }
    return structAt(this.inUpdate.get(id.client), id.clock) ?? null
  }

  /** The place of a struct of the room (integrated) or of the update. */
  of(struct: Struct, depth: number): Place | null {
    if (!(struct instanceof Y.Item)) {
      return null
    }
    if (!(struct.parent instanceof Y.AbstractType)) {
      return this.ofUpdateItem(struct, depth)
    }
    const root = this.rootOf(struct.parent)
    return root === null ? null : { root, direct: struct.parent._item === null, parentSub: struct.parentSub }
  }

  /** The place of an item of the update, as Yjs would integrate it (null past the chain bound, and so for everything on it). */
  private ofUpdateItem(item: Y.Item, depth: number): Place | null {
    if (this.known.has(item)) {
      return this.known.get(item) ?? null
    }
    if (depth > MaxChain) {
      return null
    }
    const place = this.resolve(item, depth)
    this.known.set(item, place)
    return place
  }

  private resolve(item: Y.Item, depth: number): Place | null {
    const parent: unknown = item.parent
    if (typeof parent === 'string') {
      return { root: parent, direct: true, parentSub: item.parentSub }
    }
    if (parent instanceof Y.ID) {
      const parentStruct = this.structAt(parent)
      if (!(parentStruct instanceof Y.Item) || !(parentStruct.content instanceof Y.ContentType)) {
        return null
      }
      const outer = this.of(parentStruct, depth + 1)
      return outer === null ? null : { root: outer.root, direct: false, parentSub: item.parentSub }
    }
    // No parent in the update: Yjs takes the origin's parent, else the right origin's, and GCs the item next to a GC.
    const left = item.origin === null ? null : this.structAt(item.origin)
    const right = item.rightOrigin === null ? null : this.structAt(item.rightOrigin)
    if ((item.origin !== null && !(left instanceof Y.Item)) || (item.rightOrigin !== null && !(right instanceof Y.Item))) {
      return null
    }
    const neighbour = left ?? right
    if (neighbour === null) {
      return null
    }
    // Its parent and map key are the neighbour's.
    return this.of(neighbour, depth + 1)
  }

  private rootOf(type: AnyType): string | null {
    let current = type
    while (current._item !== null) {
      const parent: unknown = current._item.parent
      if (!(parent instanceof Y.AbstractType)) {
        return null
      }
      current = parent as AnyType
    }
    return this.rootNames.get(current) ?? null
  }
}
