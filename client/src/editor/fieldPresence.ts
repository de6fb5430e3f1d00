/**
 * Who is in which form field: each client publishes the field it has focus
 * in as awareness state `field` (next to `user`, which the relay replaces
 * with the verified account), and each field shows the other people in it.
 */
import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'

/** The awareness of the document whose fields are rendered below (null: no presence, e.g. tests). */
export const FieldPresenceContext = createContext<Awareness | null>(null)

/** Awareness state key holding the focused field's id (or null). */
export const FieldStateKey = 'field'

/** The awareness of the surrounding document, if any. */
export function useFieldAwareness(): Awareness | null {
  return useContext(FieldPresenceContext)
}

/** Publishes (or, with null, clears) the field this client is in. */
export function publishFocusedField(awareness: Awareness | null, fieldId: string | null): void {
  if (awareness && (awareness.getLocalState()?.[FieldStateKey] ?? null) !== fieldId) {
    awareness.setLocalStateField(FieldStateKey, fieldId)
  }
}

/** Names of the other people whose focus is in a field, sorted (pure, for tests). */
export function namesInField(states: Map<number, Record<string, unknown>>, ownClientId: number, fieldId: string): string[] {
  const names = new Set<string>()
  for (const [clientId, state] of states) {
    if (clientId === ownClientId || state[FieldStateKey] !== fieldId) {
      continue
    }
    const user = state.user as { name?: unknown } | undefined
    if (typeof user?.name === 'string' && user.name !== '') {
      names.add(user.name)
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b))
}

/** The other people in a field; re-renders only when that list changes. */
export function useNamesInField(awareness: Awareness | null, fieldId: string): string[] {
  const cache = useRef<{ key: string; names: string[] }>({ key: '', names: [] })
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness?.on('change', onChange)
      return () => awareness?.off('change', onChange)
    },
    [awareness],
  )
  const read = (): string[] => {
    const names = awareness ? namesInField(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID, fieldId) : []
    const key = names.join('\u0000')
    if (key !== cache.current.key) {
      cache.current = { key, names }
    }
    return cache.current.names
  }
  return useSyncExternalStore(subscribe, read, read)
}
