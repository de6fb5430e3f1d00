/** Lookup of a decoded update's structs (validateUpdate.ts, room/fragmentRoots.ts). */

/** A struct as decoded: its first id and how many clocks it covers. */
interface ClockRange {
  readonly id: { readonly clock: number }
  readonly length: number
}

/** The struct of one client's list (in clock order) that holds `clock`, by binary search; undefined when none does. */
export function structAt<T extends ClockRange>(list: readonly T[] | undefined, clock: number): T | undefined {
  if (list === undefined) {
    return undefined
  }
  let low = 0
  let high = list.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const struct = list[mid] as T
    if (clock < struct.id.clock) {
      high = mid - 1
    } else if (clock >= struct.id.clock + struct.length) {
      low = mid + 1
    } else {
      return struct
    }
  }
  return undefined
}
