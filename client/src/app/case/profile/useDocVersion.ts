import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/**
 * Re-renders on every change of a document (any root): the profile's forms
 * read several roots at once. Returns a counter to use as a memo dependency.
 */
export function useDocVersion(doc: Y.Doc | null): number {
  const version = useRef(0)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = (): void => {
        version.current++
        onChange()
      }
      doc?.on('update', handler)
      // A change between the render and this subscription fired no handler (see useYVersion).
      version.current++
      return () => doc?.off('update', handler)
    },
    [doc],
  )
  return useSyncExternalStore(subscribe, () => version.current)
}
