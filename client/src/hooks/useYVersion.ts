import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/** What the hook needs of a Yjs type (Y.Map, Y.Array, Y.XmlFragment, …). */
export interface DeepObservable {
  observeDeep(handler: () => void): void
  unobserveDeep(handler: () => void): void
}

/**
 * Re-renders when any of the given Yjs types (or anything inside them)
 * changes; returns a counter to use as a memo dependency. Pass the same type
 * objects on every render (memoise them per doc).
 */
export function useYVersion(first: DeepObservable | null, second: DeepObservable | null = null): number {
  const version = useRef(0)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = (): void => {
        version.current++
        onChange()
      }
      first?.observeDeep(handler)
      second?.observeDeep(handler)
      // A change between the render and this subscription (a sync step 2
      // arriving then) fired no handler: count one, so React, which compares
      // the snapshot right after subscribing, renders the current content.
      version.current++
      return () => {
        first?.unobserveDeep(handler)
        second?.unobserveDeep(handler)
      }
    },
    [first, second],
  )
  return useSyncExternalStore(subscribe, () => version.current)
}

/** Re-renders on changes of one Y.Map (deep); returns its version counter. */
export function useYMap(map: Y.Map<unknown> | null): number {
  return useYVersion(map)
}

/** Re-renders on changes of one Y.Array (deep); returns its version counter. */
export function useYArray<T>(array: Y.Array<T> | null): number {
  return useYVersion(array)
}
