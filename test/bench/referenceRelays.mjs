/**
 * The reference relays, each in its own child process on loopback:
 * `@y/websocket-server` and `@hocuspocus/server` as they ship (in memory,
 * no auth), and the ws forwarder (wsForwarderServer.mjs), a relay that does
 * nothing but forward: what Node, ws and the loopback alone cost here. They expose the same
 * small interface to the scenarios as Fallbuch (relays.mjs).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, spawnRelay, stopChild } from './childProcess.mjs'

export const YWebsocketServerName = 'y-websocket-server'
export const HocuspocusName = 'Hocuspocus'
/** Forwards frames between a room's sockets and keeps nothing (no Yjs): what Node and ws alone cost. */
export const WsForwarderName = 'ws forwarder'
/** The reference relays (others' servers), in table order. */
export const ReferenceNames = [YWebsocketServerName, HocuspocusName]

/** Starts `@y/websocket-server` 0.1.1 (in memory, no persistence, no auth). */
export function startYWebsocketServer(root) {
  const entry = join(root, 'node_modules/@y/websocket-server/src/server.js')
  if (!existsSync(entry)) {
    throw new Error(`${YWebsocketServerName} failed to start: ${entry} is missing (npm install)`)
  }
  // No YPERSISTENCE (in memory only), no callback, default gc; spawn ignores undefined values.
  const env = { YPERSISTENCE: undefined, CALLBACK_URL: undefined, GC: undefined }
  return startReference(YWebsocketServerName, root, entry, env, (port, room) => ({ room, url: `ws://127.0.0.1:${port}/sync/${room}` }))
}

/** Starts `@hocuspocus/server` (hocuspocusServer.mjs: in memory, no extensions, no auth). */
export function startHocuspocus(root) {
  // One socket per document (as the provider does by default); the name travels in every frame.
  return startReference(HocuspocusName, root, join(root, 'test/bench/hocuspocusServer.mjs'), {}, (port, room) => ({ room, docName: room, url: `ws://127.0.0.1:${port}/${room}` }))
}

/** Starts the ws forwarder (wsForwarderServer.mjs). */
export function startWsForwarder(root) {
  return startReference(WsForwarderName, root, join(root, 'test/bench/wsForwarderServer.mjs'), {}, (port, room) => ({ room, url: `ws://127.0.0.1:${port}/sync/${room}` }))
}

/**
 * Starts a reference's process on a free loopback port (HOST, PORT, plus
 * `env`) and waits for its "running at" line; `target(port, room)` makes
 * the room target of each new room (`bench/1`, `bench/2`, …).
 */
async function startReference(name, root, entry, env, target) {
  const port = await freePort()
  const { child, output } = await spawnRelay(name, entry, { HOST: '127.0.0.1', PORT: String(port), ...env }, (stdout) => stdout.includes('running at'), root)
  let roomCounter = 0
  return referenceRelay(name, child, output, () => {
    roomCounter += 1
    return target(port, `bench/${roomCounter}`)
  })
}

function referenceRelay(name, child, output, newTarget) {
  return {
    name,
    isFallbuch: false,
    pid: child.pid,
    pids: [child.pid],
    running: () => child.exitCode === null && child.signalCode === null,
    cookie: undefined,
    async newRoom() {
      return newTarget()
    },
    async loadedRooms() {
      return Number.NaN
    },
    logLines() {
      const { stdout, stderr } = output()
      return `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('running at'))
    },
    stop: () => stopChild(child),
  }
}
