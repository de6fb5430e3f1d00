/**
 * The reference relays, each in its own child process on loopback:
 * `@y/websocket-server` and `@hocuspocus/server` as they ship (in memory,
 * no auth), and the ws forwarder (wsForwarderServer.mjs), the floor of what
 * any relay on Node and ws can reach on this machine. They expose the same
 * small interface to the scenarios as Fallbuch (relays.mjs).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, spawnRelay, stopChild } from './childProcess.mjs'

export const YWebsocketServerName = 'y-websocket-server'
export const HocuspocusName = 'Hocuspocus'
/** The floor: forwards frames between a room's sockets and keeps nothing (no Yjs). */
export const WsForwarderName = 'ws forwarder'
/** The reference relays (others' servers), in table order. */
export const ReferenceNames = [YWebsocketServerName, HocuspocusName]

/** Starts `@y/websocket-server` 0.1.1 (in memory, no persistence, no auth). */
export async function startYWebsocketServer(root) {
  const entry = join(root, 'node_modules/@y/websocket-server/src/server.js')
  if (!existsSync(entry)) {
    throw new Error(`${YWebsocketServerName} failed to start: ${entry} is missing (npm install)`)
  }
  const port = await freePort()
  // No YPERSISTENCE (in memory only), no callback, default gc; spawn ignores undefined values.
  const env = { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: undefined, CALLBACK_URL: undefined, GC: undefined }
  const { child, output } = await spawnRelay(YWebsocketServerName, entry, env, (stdout) => stdout.includes('running at'), root)
  let roomCounter = 0
  return referenceRelay(YWebsocketServerName, child, output, () => {
    roomCounter += 1
    const room = `bench/${roomCounter}`
    return { room, url: `ws://127.0.0.1:${port}/sync/${room}` }
  })
}

/** Starts `@hocuspocus/server` (hocuspocusServer.mjs: in memory, no extensions, no auth). */
export async function startHocuspocus(root) {
  const entry = join(root, 'test/bench/hocuspocusServer.mjs')
  const port = await freePort()
  const { child, output } = await spawnRelay(HocuspocusName, entry, { HOST: '127.0.0.1', PORT: String(port) }, (stdout) => stdout.includes('running at'), root)
  let roomCounter = 0
  return referenceRelay(HocuspocusName, child, output, () => {
    roomCounter += 1
    // One socket per document (as the provider does by default); the name travels in every frame.
    const room = `bench/${roomCounter}`
    return { room, docName: room, url: `ws://127.0.0.1:${port}/${room}` }
  })
}

/** Starts the ws forwarder (wsForwarderServer.mjs): the floor reference. */
export async function startWsForwarder(root) {
  const entry = join(root, 'test/bench/wsForwarderServer.mjs')
  const port = await freePort()
  const { child, output } = await spawnRelay(WsForwarderName, entry, { HOST: '127.0.0.1', PORT: String(port) }, (stdout) => stdout.includes('running at'), root)
  let roomCounter = 0
  return referenceRelay(WsForwarderName, child, output, () => {
    roomCounter += 1
    const room = `bench/${roomCounter}`
    return { room, url: `ws://127.0.0.1:${port}/sync/${room}` }
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
