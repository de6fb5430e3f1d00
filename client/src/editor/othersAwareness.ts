import type { Awareness } from 'y-protocols/awareness'

/** The arguments of an awareness 'change' event. */
type ChangeListener = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void

/**
 * The awareness as the co-editors' caret plugin should see it: 'change'
 * events only when another client's state changed.
 *
 * The plugin (y-tiptap's cursor plugin, through tiptap's CollaborationCaret)
 * redraws the other people's carets on every 'change', and it changes our
 * own state itself with every caret move: so each keystroke dispatched a
 * second editor transaction (plugin views, decorations) only to draw the
 * same carets again. Our own caret is never drawn (the plugin filters out
 * its own client id), so skipping our own changes draws the same thing.
 * Everything else goes to the awareness unchanged.
 */
export function othersAwareness(awareness: Awareness): Awareness {
  const wrapped = new WeakMap<ChangeListener, ChangeListener>()
  const own = awareness.clientID
  const onChange = (listener: ChangeListener): ChangeListener => {
    let filtered = wrapped.get(listener)
    if (filtered === undefined) {
      filtered = (changes, origin) => {
        const ids = [...changes.added, ...changes.updated, ...changes.removed]
        if (ids.some((id) => id !== own)) {
          listener(changes, origin)
        }
      }
      wrapped.set(listener, filtered)
    }
    return filtered
  }
  return new Proxy(awareness, {
    get(target, property) {
      if (property === 'on' || property === 'off') {
        return (name: string, listener: ChangeListener) =>
          name === 'change' ? target[property](name, onChange(listener)) : target[property](name, listener)
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}
