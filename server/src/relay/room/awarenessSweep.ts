/**
 * One timer for the awareness of every loaded room (issue 21: no per-room
 * timers). y-protocols' Awareness starts its own 3-second interval per
 * instance to drop states a client stopped renewing; the relay stops that
 * interval and runs the same check for all rooms from a single interval,
 * which exists only while some room has awareness at all.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'

/** How often states are checked (y-protocols checks every outdatedTimeout / 10). */
const SweepMs = Math.floor(awarenessProtocol.outdatedTimeout / 10)

const swept = new Set<awarenessProtocol.Awareness>()
let timer: NodeJS.Timeout | null = null

/**
 * A room's awareness without an interval of its own; the relay holds no
 * state of its own in it. Give it back with {@link endSweptAwareness}.
 */
export function sweptAwareness(doc: Y.Doc): awarenessProtocol.Awareness {
  const awareness = new awarenessProtocol.Awareness(doc)
  clearInterval(awareness._checkInterval as NodeJS.Timeout)
  // The relay is no participant: it has no awareness state of its own.
  awareness.setLocalState(null)
  swept.add(awareness)
  if (timer === null) {
    timer = setInterval(sweep, SweepMs)
    timer.unref()
  }
  return awareness
}

/** Destroys a room's awareness; the shared timer stops with the last one. */
export function endSweptAwareness(awareness: awarenessProtocol.Awareness): void {
  swept.delete(awareness)
  awareness.destroy()
  if (swept.size === 0 && timer !== null) {
    clearInterval(timer)
    timer = null
  }
}

/** Rooms whose awareness the shared timer checks, and whether that timer runs (tests: nothing is left after an unload). */
export function awarenessSweepState(): { rooms: number; timer: boolean } {
  return { rooms: swept.size, timer: timer !== null }
}

/** Removes every state its client has not renewed within outdatedTimeout (what each instance's interval did). */
function sweep(): void {
  const now = Date.now()
  for (const awareness of swept) {
    const outdated: number[] = []
    awareness.meta.forEach((meta, clientId) => {
      if (clientId !== awareness.clientID && awarenessProtocol.outdatedTimeout <= now - meta.lastUpdated && awareness.states.has(clientId)) {
        outdated.push(clientId)
      }
    })
    if (outdated.length > 0) {
      awarenessProtocol.removeAwarenessStates(awareness, outdated, 'timeout')
    }
  }
}
