/**
 * Whether the server can be reached, as far as the page can tell, for the
 * requests that have a stored reply to fall back on (http.ts).
 *
 * The browser's `online` event covers a device that had no network at all.
 * A network that hangs (a train, a basement: "lie-fi") raises no event: a
 * request answered there after its stored reply was shown announces itself
 * here instead, so the screens that started from stored replies fetch fresh
 * ones, as they do when the browser comes back online.
 */

/** Fired on `window` when the server answered a request whose stored reply had been shown meanwhile. */
const ReachableEvent = 'fallbuch:reachable'

/** The browser knows it has no network: a request would fail at once. */
export function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false
}

/** The server answered after its stored reply had been shown (see above). */
export function announceReachable(): void {
  if (typeof window !== 'undefined') {
    window.dispatchEvent(new Event(ReachableEvent))
  }
}

/** Calls `listener` when the browser comes back online or the server answers late; returns the unsubscribe. */
export function onBackOnline(listener: () => void): () => void {
  window.addEventListener('online', listener)
  window.addEventListener(ReachableEvent, listener)
  return () => {
    window.removeEventListener('online', listener)
    window.removeEventListener(ReachableEvent, listener)
  }
}
